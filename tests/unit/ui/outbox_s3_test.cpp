// Employees' uploads to S3 storage: a POST policy form instead of a PUT, and what each of the
// storage's refusals tells the person.
#include <gtest/gtest.h>

#include <string>

#include "core/s3/post_form.h"
#include "core/submission.h"
#include "support/campaigns.h"
#include "support/controller_harness.h"
#include "support/s3_storage.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;

Bytes s3_error(const std::string& code, const std::string& message) {
  return to_bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message +
                  "</Message><RequestId>tx1</RequestId></Error>");
}

class OutboxS3Test : public testing::ControllerHarness {
 protected:
  void SetUp() override {
    t.campaign.storage = testing::sample_s3_storage("incoming/" + t.campaign.id + "/");
    t.link = campaign_link("http://127.0.0.1:8000/", *sign_manifest(t.campaign, t.signer));
    controller.start("", kToday);
  }

  // Answers the one required question pair and sends; the first upload is in flight afterwards.
  void send_feedback() {
    controller.apply(OpenLink{t.link});
    ASSERT_EQ(controller.state().screen, Screen::intro) << controller.state().notice.text;
    controller.apply(StartFeedback{});
    controller.apply(AnswerNumber{0, 4});
    controller.apply(AnswerNumber{1, 9});
    controller.apply(Review{});
    controller.apply(Send{});
    ASSERT_EQ(controller.state().screen, Screen::sent) << controller.state().notice.text;
    controller.tick(0, kToday);
    ASSERT_EQ(platform.pending.size(), 1u);
  }

  const OutboxItem& item() const { return controller.state().outbox.items().at(0); }

  // The storage refuses the upload for good: the envelope stays, can be saved, is not retried.
  void expect_final_refusal(int status, const Bytes& body, const std::string& says) {
    send_feedback();
    if (HasFatalFailure()) return;
    platform.answer(status, body);
    EXPECT_EQ(item().status, OutboxStatus::failed);
    EXPECT_NE(item().reason.find(says), std::string::npos) << item().reason;
    EXPECT_FALSE(item().envelope.empty());
    EXPECT_TRUE(platform.settings.count("parley.outbox"));  // kept across a reload too
    controller.tick(600'000, kToday);
    EXPECT_TRUE(platform.pending.empty());  // not retried by itself
    controller.apply(SaveEnvelope{item().name});
    ASSERT_EQ(platform.downloads.size(), 1u);
    EXPECT_EQ(platform.downloads[0].second, item().envelope);
  }

  testing::SignedCampaign t = testing::signed_campaign();
};

TEST_F(OutboxS3Test, PostsThePolicyFormToTheBucket) {
  send_feedback();
  const platform::HttpRequest& r = platform.sent.at(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://storage.example.org/parley-inbox/");
  ASSERT_EQ(r.headers.size(), 1u);  // nothing but the form's type: no identifying headers
  EXPECT_EQ(r.headers[0].first, "Content-Type");
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(r.headers[0].second.rfind(prefix, 0), 0u);
  const std::string boundary = r.headers[0].second.substr(prefix.size());
  // Exactly the form the core builds for this envelope: key = prefix + name, the policy, the file.
  auto expected = s3::build_post_form(t.campaign.storage, item().name, item().envelope, boundary);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(r.body, expected->body);
  const std::string body = parley::to_string(r.body);
  EXPECT_NE(body.find("\r\n\r\nincoming/" + t.campaign.id + "/" + item().name + "\r\n"), std::string::npos);
  EXPECT_EQ(item().url, t.campaign.storage.url + item().name);  // the receipt names the object
  // The envelope inside opens for the manager.
  EXPECT_TRUE(open_submission(t.manager, item().envelope, t.campaign).ok());
}

TEST_F(OutboxS3Test, NoContentIsStoredOnceAndNeverSentAgain) {
  send_feedback();
  platform.answer(204);
  EXPECT_EQ(item().status, OutboxStatus::stored);
  EXPECT_TRUE(item().reason.empty());
  EXPECT_FALSE(platform.settings.count("parley.outbox"));
  controller.tick(600'000, kToday);
  EXPECT_EQ(platform.sent.size(), 1u);
}

TEST_F(OutboxS3Test, SendingTheSameEnvelopeAgainAfterAnUncertainAnswerIsSuccess) {
  send_feedback();
  platform.answer(0);  // the form may or may not have arrived
  controller.tick(1000, kToday);
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.sent[1].body, platform.sent[0].body);  // same key, same bytes, same boundary
  platform.answer(200);  // S3 answers 2xx for an object it already holds
  EXPECT_EQ(item().status, OutboxStatus::stored);
}

TEST_F(OutboxS3Test, ExpiredPolicyAsksForANewLink) {
  expect_final_refusal(403, s3_error("AccessDenied", "Invalid according to Policy: Policy expired."),
                       "this campaign's upload permission has expired — ask the organiser for a new link");
}

TEST_F(OutboxS3Test, RadosgwExpiredPolicyToo) {
  expect_final_refusal(403, s3_error("AccessDenied", "Policy expired"), "has expired");
}

TEST_F(OutboxS3Test, OverSizeSaysTooLarge) {
  expect_final_refusal(400, s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
                       "larger than this campaign allows (HTTP 400 EntityTooLarge)");
}

TEST_F(OutboxS3Test, UnderSizeSaysTooSmall) {
  expect_final_refusal(400, s3_error("EntityTooSmall", ""), "smaller than this campaign allows");
}

TEST_F(OutboxS3Test, WrongPrefixSaysThePermissionDoesNotCoverIt) {
  expect_final_refusal(403, s3_error("AccessDenied", "Policy Condition failed: [\"starts-with\", \"$key\", \"x/\"]"),
                       "(HTTP 403 AccessDenied): this campaign's upload permission does not cover");
}

TEST_F(OutboxS3Test, BadSignatureSaysTheCredentialsAreRefused) {
  expect_final_refusal(403, s3_error("SignatureDoesNotMatch", "The request signature we calculated does not match"),
                       "signature or credentials are refused (HTTP 403 SignatureDoesNotMatch)");
}

TEST_F(OutboxS3Test, UnknownAccessKeySaysTheCredentialsAreRefused) {
  expect_final_refusal(403, s3_error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist"),
                       "signature or credentials are refused (HTTP 403 InvalidAccessKeyId)");
}

TEST_F(OutboxS3Test, ARefusedEnvelopeCanBeTriedAgainByHand) {
  expect_final_refusal(403, s3_error("AccessDenied", "Policy expired"), "has expired");
  controller.apply(RetryNow{item().name});
  controller.tick(600'001, kToday);
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending.front().request.method, "POST");
  platform.answer(204);
  EXPECT_EQ(item().status, OutboxStatus::stored);
}

TEST_F(OutboxS3Test, NoAnswerIsRetriedAndNamesOfflineAndCors) {
  send_feedback();
  platform.answer(0);
  EXPECT_EQ(item().status, OutboxStatus::waiting);
  EXPECT_NE(item().reason.find("offline"), std::string::npos) << item().reason;
  EXPECT_NE(item().reason.find("CORS"), std::string::npos) << item().reason;
  controller.tick(999, kToday);
  EXPECT_TRUE(platform.pending.empty());  // backing off
  controller.tick(1000, kToday);
  ASSERT_EQ(platform.pending.size(), 1u);
  platform.answer(503, s3_error("SlowDown", "Please reduce your request rate."));
  EXPECT_EQ(item().status, OutboxStatus::waiting);
  EXPECT_NE(item().reason.find("HTTP 503 SlowDown"), std::string::npos) << item().reason;
  controller.tick(3000, kToday);
  ASSERT_EQ(platform.pending.size(), 1u);
  platform.answer(204);
  EXPECT_EQ(item().status, OutboxStatus::stored);
  EXPECT_EQ(platform.sent.size(), 3u);
}

TEST_F(OutboxS3Test, AReloadKeepsThePolicyAndTheBoundary) {
  send_feedback();
  platform.answer(500);
  FakePlatform later;
  later.settings = platform.settings;
  Outbox reloaded;
  reloaded.load(later);
  ASSERT_EQ(reloaded.items().size(), 1u);
  reloaded.pump(later, 0);
  ASSERT_EQ(later.sent.size(), 1u);
  EXPECT_EQ(later.sent[0].method, "POST");
  EXPECT_EQ(later.sent[0].url, platform.sent[0].url);
  EXPECT_EQ(later.sent[0].body, platform.sent[0].body);
}

TEST_F(OutboxS3Test, ReceiptCheckExplainsThatOnlyTheOrganiserCanRead) {
  send_feedback();
  platform.answer(204);
  controller.apply(CheckStored{item().name});
  EXPECT_EQ(platform.sent.size(), 1u);  // no anonymous read of a write-only bucket
  EXPECT_NE(controller.state().check_note.find("Only the campaign's organiser can read"), std::string::npos);
}

TEST(JudgeUpload, HttpPutKeepsItsOwnRules) {
  EXPECT_EQ(judge_upload(kStorageHttpPut, {201, {}, ""}).status, OutboxStatus::stored);
  EXPECT_EQ(judge_upload(kStorageHttpPut, {403, {}, ""}).status, OutboxStatus::waiting);  // may open later
  EXPECT_EQ(judge_upload(kStorageHttpPut, {413, {}, ""}).status, OutboxStatus::failed);
  EXPECT_EQ(judge_upload(kStorageS3, {403, {}, ""}).status, OutboxStatus::failed);
  // Only a plain code from the storage's body reaches the person.
  const auto odd = judge_upload(kStorageS3, {400, s3_error("Bad <b>", "x"), ""});
  EXPECT_EQ(odd.status, OutboxStatus::failed);
  EXPECT_EQ(odd.reason.find("<b>"), std::string::npos);
}

}  // namespace
}  // namespace parley::ui
