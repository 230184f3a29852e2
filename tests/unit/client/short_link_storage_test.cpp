#include "client/short_link_storage.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/short_link.h"
#include "support/campaigns.h"
#include "support/fake_platform.h"

namespace parley::client {
namespace {

struct Published : testing::SignedCampaign {
  Published() : testing::SignedCampaign(testing::signed_campaign()) {}
  std::string token = sign_manifest(campaign, signer).value();
  std::string object = manifest_object_url(campaign).value();
  std::string link = short_link("http://127.0.0.1:8000/", object);
};

TEST(ShortLinkStorage, PublishingStoresOnceAndReadsBackBeforeOffering) {
  Published p;
  testing::FakePlatform platform;
  SeededRng rng = testing::seeded(3);
  std::optional<PublishedLink> got;
  ASSERT_TRUE(publish_short_link(platform, p.campaign, p.token, "http://127.0.0.1:8000/#c=x", rng,
                                 [&](PublishedLink l) { got = l; }).ok());
  EXPECT_FALSE(got) << "never inside the call";
  ASSERT_EQ(platform.sent.size(), 1u);
  const auto& put = platform.sent[0];
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.url, p.object);
  EXPECT_EQ(to_string(put.body), p.token);
  platform.answer(201);
  ASSERT_EQ(platform.sent.size(), 2u);
  EXPECT_EQ(platform.sent[1].method, "GET");
  EXPECT_EQ(platform.sent[1].url, p.object);
  EXPECT_TRUE(platform.sent[1].headers.empty()) << "a reader's fetch carries nothing";
  EXPECT_FALSE(got) << "not before the read-back";
  platform.answer(200, to_bytes(p.token));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->link, p.link);
  EXPECT_EQ(got->why_long, "");
}

TEST(ShortLinkStorage, AnAlreadyStoredManifestStillGivesTheShortLink) {
  Published p;
  testing::FakePlatform platform;
  SeededRng rng = testing::seeded(3);
  std::optional<PublishedLink> got;
  ASSERT_TRUE(publish_short_link(platform, p.campaign, p.token, "http://127.0.0.1:8000/", rng, [&](PublishedLink l) { got = l; }).ok());
  platform.answer(409);
  platform.answer(200, to_bytes(p.token));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->link, p.link);
}

TEST(ShortLinkStorage, EveryFailureKeepsTheLongLinkAndSaysWhy) {
  Published p;
  struct Case {
    int put, get;
    std::string body;
  };
  for (const Case& c : {Case{0, 0, ""}, Case{403, 0, ""}, Case{201, 403, ""}, Case{201, 404, ""}, Case{201, 200, "<html>"},
                        Case{201, 0, ""}}) {
    testing::FakePlatform platform;
    SeededRng rng = testing::seeded(3);
    std::optional<PublishedLink> got;
    ASSERT_TRUE(publish_short_link(platform, p.campaign, p.token, "http://127.0.0.1:8000/", rng, [&](PublishedLink l) { got = l; }).ok());
    platform.answer(c.put);
    if (!got) platform.answer(c.get, to_bytes(c.body));
    ASSERT_TRUE(got) << c.put << "/" << c.get;
    EXPECT_EQ(got->link, "") << c.put << "/" << c.get;
    EXPECT_NE(got->why_long, "") << c.put << "/" << c.get;
  }
}

TEST(ShortLinkStorage, FetchingVerifiesWhatTheStorageHandsBack) {
  Published p;
  auto fetch = [&](int status, const std::string& body) {
    testing::FakePlatform platform;
    std::optional<FetchedLink> got;
    fetch_short_link(platform, split_link(p.link).value(), [&](FetchedLink f) { got = std::move(f); });
    EXPECT_FALSE(got);
    platform.answer(status, to_bytes(body));
    return std::move(*got);
  };
  FetchedLink ok = fetch(200, p.token);
  ASSERT_TRUE(ok.parts.ok());
  EXPECT_EQ(ok.parts->token, p.token);

  std::string changed = p.token;
  changed[changed.size() - 10] = changed[changed.size() - 10] == 'A' ? 'B' : 'A';
  FetchedLink tampered = fetch(200, changed);
  EXPECT_TRUE(tampered.stored);
  EXPECT_EQ(tampered.parts.error().code, Errc::bad_signature);

  Campaign other = p.campaign;
  other.k = 9;
  FetchedLink swapped = fetch(200, sign_manifest(other, p.signer).value());
  EXPECT_EQ(swapped.parts.error().code, Errc::wrong_manifest);

  EXPECT_EQ(fetch(200, std::string(200 * 1024, 'a')).parts.error().code, Errc::too_large);
  for (int status : {0, 404, 403, 500}) {
    FetchedLink f = fetch(status, "");
    EXPECT_FALSE(f.stored) << status;
    EXPECT_NE(f.parts.error().detail, "") << status;
  }
}

TEST(ShortLinkStorage, LinkTokensFetchEachShortLinkOnce) {
  Published p;
  testing::FakePlatform platform;
  LinkTokens tokens(platform);
  int changes = 0;
  tokens.on_change([&] { ++changes; });
  // A long link is ready at once, and fetches nothing.
  const auto long_link = tokens.look_up(p.link.substr(0, p.link.find('#')) + "#c=" + p.token);
  EXPECT_EQ(long_link.state, LinkTokens::State::ready);
  EXPECT_EQ(long_link.parts->token, p.token);
  EXPECT_TRUE(platform.sent.empty());

  EXPECT_EQ(tokens.look_up(p.link).state, LinkTokens::State::fetching);
  EXPECT_EQ(tokens.look_up(p.link).state, LinkTokens::State::fetching);
  ASSERT_EQ(platform.sent.size(), 1u);
  platform.answer(0);
  EXPECT_EQ(changes, 1);
  const auto failed = tokens.look_up(p.link);
  EXPECT_EQ(failed.state, LinkTokens::State::failed);
  EXPECT_FALSE(failed.stored);
  EXPECT_EQ(platform.sent.size(), 1u) << "a failure is kept until retry()";
  tokens.retry(p.link);
  EXPECT_EQ(tokens.look_up(p.link).state, LinkTokens::State::fetching);
  platform.answer(200, to_bytes(p.token));
  const std::string code = "abcdefghijklmnopqrstuvwxya";
  const auto personal = tokens.look_up(personal_link(p.link, code));
  ASSERT_EQ(personal.state, LinkTokens::State::ready);
  EXPECT_EQ(personal.parts->token, p.token);
  EXPECT_EQ(personal.parts->invite, code);
  EXPECT_EQ(platform.sent.size(), 2u);
  EXPECT_EQ(tokens.look_up(p.link).parts->invite, "");
}

TEST(ShortLinkStorage, VerifiedGivesTheCampaignOrWhyAndForgetsAFailedFetch) {
  Published p;
  testing::FakePlatform platform;
  LinkTokens tokens(platform);
  // A long link: verified at once.
  const auto long_link = tokens.verified(p.link.substr(0, p.link.find('#')) + "#c=" + p.token);
  ASSERT_EQ(long_link.state, LinkTokens::State::ready);
  EXPECT_EQ(long_link.campaign->id, p.campaign.id);
  EXPECT_EQ(long_link.parts.token, p.token);
  // A short link the storage does not hand over: why, and the next try fetches again.
  EXPECT_EQ(tokens.verified(p.link).state, LinkTokens::State::fetching);
  platform.answer(404);
  const auto missing = tokens.verified(p.link);
  EXPECT_EQ(missing.state, LinkTokens::State::failed);
  EXPECT_NE(missing.campaign.error().detail, "");
  EXPECT_EQ(tokens.verified(p.link).state, LinkTokens::State::fetching);
  ASSERT_EQ(platform.sent.size(), 2u);
  // Handed over: the campaign, with the personal link's own invitation code.
  platform.answer(200, to_bytes(p.token));
  const std::string code = "abcdefghijklmnopqrstuvwxya";
  const auto personal = tokens.verified(personal_link(p.link, code));
  ASSERT_EQ(personal.state, LinkTokens::State::ready);
  EXPECT_EQ(personal.campaign->id, p.campaign.id);
  EXPECT_EQ(personal.parts.invite, code);
  // A long link whose manifest was tampered with: the core's verdict.
  std::string tampered = p.token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  const auto bad = tokens.verified(p.link.substr(0, p.link.find('#')) + "#c=" + tampered);
  EXPECT_EQ(bad.state, LinkTokens::State::failed);
  EXPECT_FALSE(bad.campaign.ok());
  // Not a link at all.
  EXPECT_EQ(tokens.verified("hello").state, LinkTokens::State::failed);
}

}  // namespace
}  // namespace parley::client
