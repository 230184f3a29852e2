// The trustee's release flow against a storage the test plays: it refuses before the close,
// refuses a second release, releases nothing below k or when a download failed, counts what it
// does not release by reason (forged codes, replays under other names, answers without a code,
// replaced answers), and stores one release that a manager's reader accepts.
#include "client/release_flow.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/envelope.h"
#include "core/invitations.h"
#include "support/fake_platform.h"
#include "support/trustee_store.h"

namespace parley::client {
namespace {

using testing::seeded;

constexpr const char* kAfterClose = "2027-01-02";

class ReleaseFlowTest : public ::testing::Test {
 protected:
  // Answers every request as an http-put storage would: GETs from `store`, PUTs stored (201;
  // 409 for a name already held, as nginx does), `failing` URLs with 500.
  void run(std::map<std::string, Bytes>& store, const std::string& failing = "") {
    for (int i = 0; i < 50 && !platform.pending.empty(); ++i) {
      const platform::HttpRequest& r = platform.pending.front().request;
      if (r.url == failing) {
        platform.answer(500);
      } else if (r.method == "PUT") {
        const bool taken = store.count(r.url) > 0;
        if (!taken) store[r.url] = r.body;
        platform.answer(taken ? 409 : 201);
      } else {
        const auto it = store.find(r.url);
        if (it == store.end()) platform.answer(404);
        else platform.answer(200, it->second);
      }
    }
  }
  std::size_t puts() const {
    std::size_t n = 0;
    for (const auto& r : platform.sent) n += r.method == "PUT";
    return n;
  }
  ReleaseOptions after_close() const {
    ReleaseOptions o;
    o.today = kAfterClose;
    return o;
  }

  SeededRng rng = seeded(81);
  testing::FakePlatform platform;
  ReleaseProgress progress;
  ReleaseFlow flow{platform, rng, progress};
};

// Six invitees answer (the first twice), one asks for mediation, one forges a code, one
// envelope is replayed under two other names and one arrives without any code.
testing::TrusteeStore answered(Rng& rng) {
  testing::TrusteeStore s;
  const auto codes = s.codes(8);
  for (int i = 0; i < 6; ++i) s.put(s.answer(codes[static_cast<std::size_t>(i)], 1 + i % 5, rng));
  s.put(s.answer(codes[0], 5, rng, testing::kSentInWindow + 60));
  s.put(s.request(codes[6], rng));
  s.put(s.answer("aaaaaaaaaaaaaaaaaaaaaaaaaa", 1, rng));
  const Bytes replayed = s.objects.at(s.prefix + s.listed[1]);
  s.put(replayed, "00000000000000000000000000000000.parley");
  s.put(replayed, "ffffffffffffffffffffffffffffffff.parley");
  // Sealed to the trustee like any other, but without an invitation.
  OuterContents outer;
  outer.campaign = s.t.campaign.id;
  outer.manifest = s.t.campaign.manifest_hash;
  outer.sent = "2026-11-20T09:15:00Z";
  outer.inner = seal_to_readers(s.t.campaign, testing::feedback_with_mood(s.t.campaign, 1), rng).value();
  s.put(seal_envelope({s.t.trustee.public_key}, encode_outer(outer).value(), rng).value());
  s.publish_statement(8);
  return s;
}

TEST_F(ReleaseFlowTest, ReleasesOneAnswerPerCodeAndStoresTheReleaseBesideTheEnvelopes) {
  testing::TrusteeStore s = answered(rng);
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  EXPECT_TRUE(flow.running());
  run(s.objects);
  ASSERT_EQ(progress.outcome, ReleaseOutcome::released) << progress.error;
  EXPECT_EQ(progress.stage, ReleaseStage::finished);
  EXPECT_FALSE(flow.running());
  EXPECT_TRUE(progress.stored);
  EXPECT_EQ(progress.listed, 12u);
  EXPECT_EQ(progress.downloaded, 12u);
  EXPECT_EQ(progress.invitations, 8u);
  EXPECT_EQ(progress.feedback, 6u);
  EXPECT_EQ(progress.mediation, 1u);
  EXPECT_EQ(progress.refused, (std::map<std::string, std::size_t>{
                                  {"misnamed", 2}, {"no-invitation", 1}, {"replaced", 1}, {"unknown-invitation", 1}}));
  EXPECT_EQ(progress.released_on, kAfterClose);
  ASSERT_EQ(puts(), 1u);
  EXPECT_EQ(platform.sent.back().url, s.prefix + "release.parley");
  const Bytes& stored = s.objects.at(s.prefix + "release.parley");
  EXPECT_EQ(stored, progress.release);
  auto read = read_release(s.t.campaign, stored);
  ASSERT_TRUE(read.ok()) << read.error().detail;
  EXPECT_EQ(read->feedback.size(), 6u);
}

TEST_F(ReleaseFlowTest, NothingIsReadOnOrBeforeTheLastDay) {
  testing::TrusteeStore s = answered(rng);
  ReleaseOptions o;
  o.today = s.t.campaign.closes;
  flow.start(s.t.campaign, s.t.trustee_keys(), o);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::too_early);
  EXPECT_EQ(progress.error, "The campaign closes on 2026-12-31: its results can be released only after that day. Nothing was read.");
  EXPECT_TRUE(platform.sent.empty());
}

TEST_F(ReleaseFlowTest, ASecondReleaseIsRefusedAndTheFirstOneDescribed) {
  testing::TrusteeStore s = answered(rng);
  s.release(8, rng, "2027-01-01");
  const Bytes first = s.objects.at(s.prefix + "release.parley");
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::already_released);
  EXPECT_EQ(progress.released_on, "2027-01-01");
  EXPECT_EQ(progress.feedback, 6u);
  EXPECT_EQ(progress.error, "The results were already released on 2027-01-01: a campaign has one release.");
  EXPECT_EQ(puts(), 0u);
  EXPECT_EQ(platform.sent.size(), 1u);  // nothing listed or downloaded
  EXPECT_EQ(s.objects.at(s.prefix + "release.parley"), first);
}

TEST_F(ReleaseFlowTest, SomethingElseUnderTheReleaseNameStopsIt) {
  testing::TrusteeStore s = answered(rng);
  s.objects[s.prefix + "release.parley"] = to_bytes("not a release");
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_NE(progress.error.find("not a valid release of this campaign (header-failure"), std::string::npos) << progress.error;
  EXPECT_EQ(puts(), 0u);
}

TEST_F(ReleaseFlowTest, BelowKNothingIsReleasedAndTheCountsSayWhy) {
  testing::TrusteeStore s;
  const auto codes = s.codes(4);
  s.put(s.answer(codes[0], 3, rng));
  s.put(s.answer(codes[1], 3, rng));
  s.put(s.answer(codes[1], 4, rng, testing::kSentInWindow + 1));
  s.put(s.answer("bbbbbbbbbbbbbbbbbbbbbbbbbq", 4, rng));
  s.publish_statement(4);
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::below_threshold);
  EXPECT_EQ(progress.error, "2 valid answers, fewer than the 3 this campaign needs: nothing was released.");
  EXPECT_EQ(progress.feedback, 2u);
  EXPECT_EQ(progress.refused, (std::map<std::string, std::size_t>{{"replaced", 1}, {"unknown-invitation", 1}}));
  EXPECT_TRUE(progress.release.empty());
  EXPECT_EQ(puts(), 0u);
}

TEST_F(ReleaseFlowTest, AFailedDownloadReleasesNothing) {
  testing::TrusteeStore s = answered(rng);
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  run(s.objects, s.prefix + s.listed[3]);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_EQ(progress.download_failures, 1u);
  EXPECT_EQ(progress.error.rfind("1 envelope could not be downloaded. Nothing was released", 0), 0u) << progress.error;
  EXPECT_NE(progress.error_detailed.find("HTTP 500"), std::string::npos) << progress.error_detailed;
  EXPECT_EQ(puts(), 0u);
}

TEST_F(ReleaseFlowTest, TheCountComesFromTheStatementOrMustAgreeWithIt) {
  testing::TrusteeStore s = answered(rng);
  ReleaseOptions o = after_close();
  o.invitations = 9;
  flow.start(s.t.campaign, s.t.trustee_keys(), o);
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_EQ(progress.error, "9 invitations were given, but the published statement says 8.");

  s.objects.erase(s.prefix + "invitations.parley");
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_NE(progress.error.find("no invitations statement"), std::string::npos) << progress.error;
}

TEST_F(ReleaseFlowTest, GivenObjectsAndACountNeedNoStorage) {
  testing::TrusteeStore s = answered(rng);
  ReleaseOptions o = after_close();
  o.invitations = 8;
  o.store = false;
  o.objects = s.stored_objects();
  flow.start(s.t.campaign, s.t.trustee_keys(), o);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::released) << progress.error;
  EXPECT_FALSE(progress.stored);
  EXPECT_EQ(progress.listed, 12u);
  EXPECT_TRUE(platform.sent.empty());
  EXPECT_TRUE(read_release(s.t.campaign, progress.release).ok());
}

TEST_F(ReleaseFlowTest, OnlyTheCampaignsTrusteeReleases) {
  testing::TrusteeStore s = answered(rng);
  KeySet other = s.t.trustee_keys();
  other.signer = generate_signing_key(rng).value();
  flow.start(s.t.campaign, other, after_close());
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_EQ(progress.error, "This key file is not this campaign's trustee: its keys are not the ones the campaign names.");
  EXPECT_TRUE(platform.sent.empty());
}

TEST_F(ReleaseFlowTest, ARaceLostToAnotherReleaseIsSaid) {
  testing::TrusteeStore s = answered(rng);
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  // Everything up to the upload as stored; then another release lands first.
  while (!platform.pending.empty() && platform.pending.front().request.method != "PUT") {
    const auto it = s.objects.find(platform.pending.front().request.url);
    if (it == s.objects.end()) platform.answer(404);
    else platform.answer(200, it->second);
  }
  ASSERT_EQ(platform.pending.size(), 1u);
  platform.answer(409);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::failed);
  EXPECT_EQ(progress.error.rfind("Another release was stored while this one was being made", 0), 0u) << progress.error;
  EXPECT_FALSE(progress.stored);
  EXPECT_FALSE(progress.release.empty());  // still signed: it can be saved, though never stored
}

TEST_F(ReleaseFlowTest, CancellingDropsWhatIsInFlight) {
  testing::TrusteeStore s = answered(rng);
  flow.start(s.t.campaign, s.t.trustee_keys(), after_close());
  flow.cancel();
  EXPECT_FALSE(flow.running());
  run(s.objects);
  EXPECT_EQ(progress.outcome, ReleaseOutcome::none);
  EXPECT_EQ(platform.sent.size(), 1u);
}

}  // namespace
}  // namespace parley::client
