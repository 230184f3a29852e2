// The ResultsLoader in each mode: a trustee campaign is read from its release alone (one GET),
// with a state of its own until the trustee has released; a direct campaign's feedback is read
// only after its last day, while mediators read requests as they arrive.
#include "client/results_loader.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <map>
#include <string>

#include "client/opener.h"
#include "core/listing.h"
#include "support/campaigns.h"
#include "support/fake_platform.h"
#include "support/trustee_store.h"

namespace parley::client {
namespace {

using testing::seeded;

constexpr const char* kAfterClose = "2027-01-02";

class LoaderModes : public ::testing::Test {
 protected:
  void run(const std::map<std::string, Bytes>& store) {
    for (int i = 0; i < 20 && (progress.loading || !platform.pending.empty()); ++i) {
      platform.serve(store);
      opener.poll();
      loader.pump();
    }
  }
  void start(const testing::TrusteeStore& s, const Key32& secret, const std::string& today = kAfterClose) {
    loader.start(s.t.campaign, token_from_link(s.t.link).value(), secret, {}, today);
  }

  SeededRng rng = seeded(61);
  testing::FakePlatform platform;
  InlineOpener opener;
  LoadProgress progress;
  ResultsLoader loader{platform, opener, rng, progress};
};

// Six invitees answer (one of them twice), one asks for mediation, one forges a code.
testing::TrusteeStore answered(Rng& rng) {
  testing::TrusteeStore s;
  const auto codes = s.codes(8);
  for (int i = 0; i < 6; ++i) s.put(s.answer(codes[static_cast<std::size_t>(i)], 1 + i % 5, rng));
  s.put(s.answer(codes[0], 5, rng, testing::kSentInWindow + 60));  // the later answer wins
  s.put(s.request(codes[6], rng));
  s.put(s.answer("aaaaaaaaaaaaaaaaaaaaaaaaaa", 1, rng));  // not one of the codes
  s.publish_statement(8);
  return s;
}

TEST_F(LoaderModes, BeforeTheReleaseTheManagerWaitsForTheTrusteeWithOneRequest) {
  testing::TrusteeStore s = answered(rng);
  start(s, s.t.manager.secret_key);
  run(s.objects);
  EXPECT_FALSE(progress.loading);
  EXPECT_EQ(progress.error, "");
  EXPECT_EQ(progress.wait, ResultsWait::for_release);
  EXPECT_EQ(progress.waiting, "Waiting for Works council to release the results after 2026-12-31.");
  EXPECT_FALSE(progress.result.has_value());
  ASSERT_EQ(platform.sent.size(), 1u);  // never the listing: outer envelopes are the trustee's
  EXPECT_EQ(platform.sent[0].url, s.prefix + "release.parley");
}

TEST_F(LoaderModes, TheManagerReadsTheReleasedAnswersOnly) {
  testing::TrusteeStore s = answered(rng);
  s.release(8, rng);
  start(s, s.t.manager.secret_key);
  run(s.objects);
  ASSERT_FALSE(progress.loading);
  EXPECT_EQ(progress.error, "");
  EXPECT_EQ(progress.wait, ResultsWait::none);
  EXPECT_EQ(progress.waiting, "");
  ASSERT_TRUE(progress.result.has_value());
  EXPECT_EQ(progress.result->responses, 6u);
  EXPECT_TRUE(progress.result->visible);
  // Mood: 1..5 then 1, the first replaced by a 5: two 5s, one 1.
  EXPECT_EQ(progress.result->questions.at(0).counts, (std::vector<std::size_t>{1, 1, 1, 1, 2}));
  EXPECT_TRUE(progress.inbox.empty());  // the manager does not open the mediation part
  EXPECT_EQ(progress.failures, (std::map<std::string, std::size_t>{}));
  ASSERT_TRUE(progress.release.has_value());
  EXPECT_EQ(progress.release->invitations, 8u);
  EXPECT_EQ(progress.release->feedback, 6u);
  EXPECT_EQ(progress.release->mediation, 1u);
  EXPECT_EQ(progress.release->released, "2027-01-02");
  EXPECT_EQ(progress.release->refused, (std::map<std::string, std::size_t>{{"replaced", 1}, {"unknown-invitation", 1}}));
  EXPECT_EQ(progress.total, 6u);
  EXPECT_EQ(progress.opened, 6u);
  ASSERT_EQ(platform.sent.size(), 1u);  // one GET instead of one per envelope
}

TEST_F(LoaderModes, TheMediatorReadsTheMediationPart) {
  testing::TrusteeStore s = answered(rng);
  s.release(8, rng);
  start(s, s.t.mediator.secret_key);
  run(s.objects);
  ASSERT_FALSE(progress.loading);
  ASSERT_EQ(progress.inbox.size(), 1u);
  EXPECT_EQ(progress.inbox[0].submission.request.what, "Please help.");
  EXPECT_EQ(progress.failures, (std::map<std::string, std::size_t>{}));
}

TEST_F(LoaderModes, AReleaseSignedByAnotherKeyIsRefused) {
  testing::TrusteeStore s = answered(rng);
  Bytes forged = s.release(8, rng);
  // The same body and records, signed by a key that is not the campaign's trustee's.
  const std::size_t magic = std::strlen("PARLEY-RELEASE") + 1;
  const std::size_t body_len = (std::size_t{forged[magic]} << 24) | (std::size_t{forged[magic + 1]} << 16) |
                               (std::size_t{forged[magic + 2]} << 8) | forged[magic + 3];
  const std::string message = "parley release v2\n" + std::string(forged.begin() + magic + 4, forged.begin() + magic + 4 + body_len);
  const SigningKeyPair other = generate_signing_key(rng).value();
  ASSERT_EQ(crypto_sign_detached(forged.data() + magic + 4 + body_len, nullptr, reinterpret_cast<const std::uint8_t*>(message.data()),
                                 message.size(), other.secret_key.data()),
            0);
  s.objects[s.prefix + "release.parley"] = forged;
  start(s, s.t.manager.secret_key);
  run(s.objects);
  ASSERT_FALSE(progress.loading);
  EXPECT_NE(progress.error.find("(bad-signature)"), std::string::npos) << progress.error;
  EXPECT_FALSE(progress.result.has_value());
  EXPECT_FALSE(progress.release.has_value());
}

TEST_F(LoaderModes, OnlyAReleaseCanBeAddedByHandInATrusteeCampaign) {
  testing::TrusteeStore s = answered(rng);
  const Bytes release = s.release(8, rng);
  s.objects.erase(s.prefix + "release.parley");  // not stored: it came by mail
  start(s, s.t.manager.secret_key);
  run(s.objects);
  EXPECT_EQ(progress.wait, ResultsWait::for_release);
  // An outer envelope (the trustee's), and an inner one sealed to the manager directly: neither
  // was released, so neither counts.
  Submission answer = testing::feedback_with_mood(s.t.campaign, 2);
  const Bytes inner = seal_to_readers(s.t.campaign, answer, rng).value();
  loader.add_envelopes({s.stored_objects()[0].bytes, inner, release});
  run({});
  ASSERT_TRUE(progress.result.has_value());
  EXPECT_EQ(progress.result->responses, 6u);
  EXPECT_EQ(progress.failures, (std::map<std::string, std::size_t>{{"not-a-release", 2}}));
  loader.add_envelopes({release});
  run({});
  EXPECT_EQ(progress.failures.at("duplicate"), 1u);
  EXPECT_EQ(progress.result->responses, 6u);
}

TEST_F(LoaderModes, ADirectCampaignIsReadAfterItsLastDayOnly) {
  const testing::SignedCampaign t = testing::signed_campaign();
  std::map<std::string, Bytes> store;
  const std::string prefix = storage_prefix(t.campaign.storage.url);
  std::string listing = R"({"objects":[)";
  for (int i = 0; i < 5; ++i) {
    const Bytes e = seal_submission(t.campaign, testing::feedback_with_mood(t.campaign, 4), rng).value();
    store[prefix + object_name(e)] = e;
    listing += std::string(i ? "," : "") + R"({"name":")" + object_name(e) + "\"}";
  }
  const Bytes m = seal_submission(t.campaign, testing::short_request(t.campaign), rng).value();
  store[prefix + object_name(m)] = m;
  store[prefix] = to_bytes(listing + R"(,{"name":")" + object_name(m) + "\"}]}");
  const std::string token = token_from_link(t.link).value();

  // The manager on the last day: nothing is fetched, and the reason is there to show.
  loader.start(t.campaign, token, t.manager.secret_key, {}, "2026-12-31");
  EXPECT_TRUE(platform.pending.empty());
  EXPECT_FALSE(progress.loading);
  EXPECT_EQ(progress.wait, ResultsWait::until_closed);
  EXPECT_EQ(progress.waiting,
            "Results open after the campaign closes on 2026-12-31: reading them while answers arrive could single out the newest.");
  EXPECT_FALSE(progress.result.has_value());

  // The mediator the same day reads the request at once.
  loader.start(t.campaign, token, t.mediator.secret_key, {}, "2026-12-31");
  run(store);
  EXPECT_EQ(progress.inbox.size(), 1u);
  EXPECT_FALSE(progress.result.has_value());
  EXPECT_EQ(progress.wait, ResultsWait::until_closed);

  // The day after, the manager reads everything.
  loader.start(t.campaign, token, t.manager.secret_key, {}, "2027-01-01");
  run(store);
  EXPECT_EQ(progress.wait, ResultsWait::none);
  ASSERT_TRUE(progress.result.has_value());
  EXPECT_EQ(progress.result->responses, 5u);
}

TEST_F(LoaderModes, ATrusteeThatMediatesReadsRequestsBeforeAnyReleaseAndNoAnswer) {
  testing::TrusteeStore s;
  s.t = testing::trustee_campaign("2026-11-01", "2026-12-31", 51, true);
  const auto codes = s.codes(4);
  s.put(s.answer(codes[0], 4, rng));
  s.put(s.answer(codes[1], 2, rng));
  s.put(s.request(codes[2], rng, "We need a neutral ear."));
  start(s, s.t.trustee.secret_key, "2026-11-30");  // long before the close
  run(s.objects);
  ASSERT_FALSE(progress.loading);
  EXPECT_EQ(progress.error, "");
  EXPECT_FALSE(progress.result.has_value());
  ASSERT_EQ(progress.inbox.size(), 1u);
  EXPECT_EQ(progress.inbox[0].submission.request.what, "We need a neutral ear.");
  EXPECT_EQ(progress.failures.at(kForRelease), 2u);
  EXPECT_EQ(progress.opened, progress.total);
  // The manager's key, in the same campaign, still reads nothing before the release.
  LoadProgress manager;
  ResultsLoader manager_loader{platform, opener, rng, manager};
  manager_loader.start(s.t.campaign, token_from_link(s.t.link).value(), s.t.manager.secret_key, {}, kAfterClose);
  for (int i = 0; i < 20 && (manager.loading || !platform.pending.empty()); ++i) {
    platform.serve(s.objects);
    manager_loader.pump();
  }
  EXPECT_EQ(manager.wait, ResultsWait::for_release);
  EXPECT_TRUE(manager.inbox.empty());
}

}  // namespace
}  // namespace parley::client
