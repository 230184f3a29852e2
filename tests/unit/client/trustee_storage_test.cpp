// How a trustee's objects are written: a PUT with the campaign's own rights on http-put storage,
// a SigV4-signed PUT with the trustee's own credentials on S3 (the release write-once there too),
// and what each storage's answer means.
#include "client/trustee_storage.h"

#include <gtest/gtest.h>

#include "core/listing.h"
#include "support/campaigns.h"
#include "support/s3_storage.h"

namespace parley::client {
namespace {

std::string header(const platform::HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

const sigv4::Credentials kTrusteeCredentials{"AKIDTRUSTEE", "trustee-secret-key"};
constexpr std::int64_t kNow = 1798848000;  // 2027-01-02T00:00:00Z

TEST(TrusteeStorage, HttpPutWritesBesideTheEnvelopesWithoutCredentials) {
  const Storage storage = testing::signed_campaign().campaign.storage;
  auto r = trustee_upload_request(storage, "release.parley", to_bytes("R"), {}, kNow);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->method, "PUT");
  EXPECT_EQ(r->url, storage_prefix(storage.url) + "release.parley");
  EXPECT_EQ(r->body, to_bytes("R"));
  EXPECT_EQ(header(*r, "authorization"), "");
  EXPECT_FALSE(trustee_upload_request(storage, "0123456789abcdef0123456789abcdef.parley", {}, {}, kNow).ok());
}

TEST(TrusteeStorage, S3WritesWithTheTrusteesOwnSignedPutAndTheReleaseOnce) {
  const Storage storage = testing::sample_s3_storage();
  auto r = trustee_upload_request(storage, "release.parley", to_bytes("R"), kTrusteeCredentials, kNow);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->method, "PUT");
  EXPECT_EQ(r->url, storage.url + "release.parley");
  EXPECT_EQ(header(*r, "If-None-Match"), "*");
  EXPECT_EQ(header(*r, "authorization").rfind("AWS4-HMAC-SHA256 Credential=AKIDTRUSTEE/20270102/us-east-1/s3/aws4_request", 0), 0u)
      << header(*r, "authorization");
  auto statement = trustee_upload_request(storage, "invitations.parley", to_bytes("S"), kTrusteeCredentials, kNow);
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(header(*statement, "If-None-Match"), "");  // a statement may be replaced by a larger count
  EXPECT_EQ(trustee_upload_request(storage, "release.parley", {}, {}, kNow).error().code, Errc::bad_input);
}

TEST(TrusteeStorage, AnswersMeanStoredAlreadyThereOrRefused) {
  EXPECT_EQ(judge_trustee_upload("http-put", {201, {}, {}, {}}).status, TrusteeUploadStatus::stored);
  EXPECT_EQ(judge_trustee_upload("http-put", {409, {}, {}, {}}).status, TrusteeUploadStatus::already_stored);
  const Bytes precondition = to_bytes("<Error><Code>PreconditionFailed</Code></Error>");
  EXPECT_EQ(judge_trustee_upload("s3", {412, precondition, {}, {}}).status, TrusteeUploadStatus::already_stored);
  const TrusteeUpload refused = judge_trustee_upload("s3", {403, to_bytes("<Error><Code>SignatureDoesNotMatch</Code></Error>"), {}, {}});
  EXPECT_EQ(refused.status, TrusteeUploadStatus::failed);
  EXPECT_EQ(refused.reason.rfind("The storage refused the trustee's write credentials (HTTP 403 SignatureDoesNotMatch)", 0), 0u)
      << refused.reason;
  const TrusteeUpload offline = judge_trustee_upload("http-put", {0, {}, "connection refused", {}});
  EXPECT_EQ(offline.status, TrusteeUploadStatus::failed);
  EXPECT_NE(offline.detailed.find("connection refused"), std::string::npos) << offline.detailed;
  EXPECT_EQ(judge_trustee_upload("http-put", {403, {}, {}, {}}).reason, "The storage refused the upload (HTTP 403).");
}

}  // namespace
}  // namespace parley::client
