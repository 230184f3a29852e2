// Reading results from S3-compatible storage: signed ListObjectsV2 pages followed to the end,
// signed GetObject for each envelope, read credentials that never leave the request signature,
// plain sentences for the storage's refusals, and credentials wiped when the session ends.
#include <gtest/gtest.h>

#include "client/storage_reader.h"
#include "core/s3/xml.h"
#include "core/s3/sigv4.h"
#include "core/submission.h"
#include "core/utc_time.h"
#include "support/campaigns.h"
#include "support/controller_harness.h"
#include "support/s3_storage.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

constexpr const char* kPage = "http://127.0.0.1:8000/";
constexpr const char* kBucket = "http://127.0.0.1:9000/parley-inbox/";
constexpr const char* kAccessKey = "AKIDREADER";
constexpr const char* kSecret = "read-secret-wJalrXUtnFEMI";

std::string text(const Bytes& b) { return parley::to_string(b); }

class ResultsS3Test : public testing::ControllerHarness {
 protected:
  void SetUp() override {
    platform.now = unix_from_utc(*parse_amz_date("20261130T101500Z"));
    Campaign& c = t.campaign;
    c.storage = testing::sample_s3_storage("incoming/" + c.id + "/", kBucket, "eu-central-1");
    link = campaign_link(kPage, *sign_manifest(c, t.signer));
    controller.start(kPage, kAfterClose);  // a direct campaign's results open after its last day
    give_keys(KeySet{KeyRole::manager, "", t.manager, std::nullopt});
  }

  // `n` feedback envelopes, each rating the first question `value`, keyed by object URL.
  std::map<std::string, Bytes> envelopes(int n, int value) {
    std::map<std::string, Bytes> out;
    for (int i = 0; i < n; ++i) {
      Submission s;
      s.campaign = t.campaign.id;
      s.answers["mood"].number = value;
      s.answers["recommend"].number = 9;
      const Bytes e = seal_submission(t.campaign, s, rng).value();
      out[t.campaign.storage.url + object_name(e)] = e;
    }
    return out;
  }

  static std::string contents(const std::string& key) {
    return "<Contents><Key>" + key + "</Key><Size>100</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }
  static std::string page(const std::string& body, const std::string& next_token) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
           "<Name>parley-inbox</Name><IsTruncated>" + std::string(next_token.empty() ? "false" : "true") + "</IsTruncated>" +
           (next_token.empty() ? "" : "<NextContinuationToken>" + next_token + "</NextContinuationToken>") + body +
           "</ListBucketResult>";
  }

  void unlock(const std::string& access_key = kAccessKey, const std::string& secret = kSecret) {
    controller.apply(StartUnlock{});
    controller.apply(Edit{Field::results_link, -1, link});
    controller.apply(Edit{Field::s3_read_access_key, -1, access_key});
    controller.apply(EditSecret{SecretField::s3_read_secret_key, secret});
    controller.apply(OpenResults{});
  }

  testing::SignedCampaign t = testing::signed_campaign();
  std::string link;
};

TEST_F(ResultsS3Test, ListsEveryPageSignsEachRequestAndAggregates) {
  const auto store_envelopes = envelopes(6, 4);
  const std::string prefix = t.campaign.storage.key_prefix;
  std::vector<std::string> keys;
  for (const auto& [url, bytes] : store_envelopes) keys.push_back(prefix + url.substr(url.rfind('/') + 1));

  // Page 1: three envelopes, plus keys that are not envelopes of this campaign; page 2: the rest.
  const std::string token = "1/token+with=odd&chars";
  std::map<std::string, Bytes> store = store_envelopes;
  store[s3::list_url(kBucket, prefix, "")] =
      to_bytes(page(contents(keys[0]) + contents(keys[1]) + contents(prefix + "notes.txt") +
                        contents("elsewhere/" + keys[2].substr(prefix.size())) + contents(keys[2]),
                    "1/token+with=odd&amp;chars"));
  store[s3::list_url(kBucket, prefix, token)] = to_bytes(page(contents(keys[3]) + contents(keys[4]) + contents(keys[5]), ""));

  unlock();
  ASSERT_EQ(controller.state().screen, Screen::results) << controller.state().session.error;
  load_results(store);

  const ResultsSession& s = controller.state().session;
  EXPECT_EQ(s.load.error, "");
  EXPECT_EQ(s.load.total, 6u);
  EXPECT_TRUE(s.load.failures.empty());
  ASSERT_TRUE(s.load.result.has_value());
  EXPECT_EQ(s.load.result->responses, 6u);
  ASSERT_TRUE(s.load.result->visible);
  EXPECT_DOUBLE_EQ(s.load.result->questions.at(0).mean, 4.0);

  // Two listing pages (the second with the token), then one GET per envelope; nothing else.
  ASSERT_EQ(platform.sent.size(), 8u);
  EXPECT_EQ(platform.sent[0].url, s3::list_url(kBucket, prefix, ""));
  EXPECT_EQ(platform.sent[1].url, s3::list_url(kBucket, prefix, token));
  EXPECT_NE(platform.sent[1].url.find("continuation-token=1%2Ftoken%2Bwith%3Dodd%26chars"), std::string::npos);

  // Every request carries a SigV4 signature the test can recompute, and never the secret.
  const std::string amz_date = "20261130T101500Z";
  for (const auto& request : platform.sent) {
    EXPECT_EQ(request.method, "GET");
    EXPECT_TRUE(request.body.empty());
    std::map<std::string, std::string> headers(request.headers.begin(), request.headers.end());
    EXPECT_EQ(headers["x-amz-date"], amz_date);
    EXPECT_EQ(headers["x-amz-content-sha256"], sigv4::kEmptyPayloadHash);
    sigv4::Request expected;
    expected.url = *parse_url(request.url);
    const auto signed_request =
        sigv4::sign_request(expected, {kAccessKey, kSecret}, {"eu-central-1"}, amz_date);
    ASSERT_TRUE(signed_request.ok());
    EXPECT_EQ(headers["authorization"], signed_request->authorization) << request.url;
    EXPECT_EQ(headers["authorization"].rfind("AWS4-HMAC-SHA256 Credential=AKIDREADER/20261130/eu-central-1/s3/aws4_request", 0), 0u);
    EXPECT_EQ(request.url.find(kSecret), std::string::npos);
    for (const auto& [name, value] : request.headers) EXPECT_EQ(value.find(kSecret), std::string::npos) << name;
  }
  EXPECT_TRUE(platform.settings.empty());  // credentials never reach browser storage
}

TEST_F(ResultsS3Test, RefusalsAreExplainedInPlainWords) {
  const auto error_body = [](const std::string& code) {
    return to_bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>m</Message></Error>");
  };
  const std::map<std::string, std::string> expected = {
      {"SignatureDoesNotMatch", "The storage refused these read credentials"},
      {"InvalidAccessKeyId", "The storage refused these read credentials"},
      {"AccessDenied", "These credentials may not read this campaign's folder"},
      {"RequestTimeTooSkewed", "This computer's clock is off"},
  };
  for (const auto& [code, sentence] : expected) {
    unlock();
    ASSERT_EQ(platform.pending.size(), 1u);
    platform.answer(403, error_body(code));
    controller.tick(0, kAfterClose);
    const ResultsSession& s = controller.state().session;
    EXPECT_FALSE(s.load.loading);
    EXPECT_EQ(s.load.error.rfind(sentence, 0), 0u) << code << ": " << s.load.error;
    EXPECT_EQ(s.load.total, 0u);
  }
  // No readable answer to the signed listing: an anonymous one tells offline/CORS apart from
  // refused credentials (Ceph RGW sends no CORS headers with a signature refusal).
  unlock();
  platform.answer(0);
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_TRUE(platform.pending.front().request.headers.empty());  // the probe carries no credentials
  platform.answer(0);
  controller.tick(0, kAfterClose);
  EXPECT_EQ(controller.state().session.load.error,
            "Could not reach the storage: offline, or it does not allow this app's origin (CORS).");
  unlock();
  platform.answer(0);
  platform.answer(403, error_body("AccessDenied"));
  controller.tick(0, kAfterClose);
  EXPECT_EQ(controller.state().session.load.error.rfind("The storage refused these read credentials", 0), 0u)
      << controller.state().session.load.error;
  EXPECT_EQ(s3_problem(404, "<Error><Code>NoSuchBucket</Code></Error>", StorageRead::list),
            "The storage could not list the envelopes (HTTP 404 NoSuchBucket).");
  EXPECT_EQ(s3_problem(500, "<html>no</html>", StorageRead::list), "The storage could not list the envelopes (HTTP 500).");
}

TEST_F(ResultsS3Test, AnEnvelopeTheStorageWillNotHandOutIsCountedAndExplained) {
  auto store = envelopes(2, 3);
  const std::string refused = store.begin()->first;
  std::string body;
  for (const auto& [url, bytes] : store) body += contents(t.campaign.storage.key_prefix + url.substr(url.rfind('/') + 1));
  store[s3::list_url(kBucket, t.campaign.storage.key_prefix, "")] = to_bytes(page(body, ""));
  store.erase(refused);
  unlock();
  load_results(store);
  const ResultsSession& s = controller.state().session;
  EXPECT_EQ(s.load.failures.at("download-failed"), 1u);
  EXPECT_EQ(s.load.opened, 1u);
  EXPECT_EQ(s.load.error, "The storage could not hand out some envelopes (HTTP 404).");
}

TEST_F(ResultsS3Test, CredentialsAreAskedForCheckedAndForgottenWhenTheSessionEnds) {
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, link});
  controller.tick(0, kAfterClose);
  EXPECT_TRUE(controller.state().session.link_uses_s3);  // the unlock screen asks for them
  controller.apply(Edit{Field::results_link, -1, testing::signed_campaign().link});
  controller.tick(1, kAfterClose);
  EXPECT_FALSE(controller.state().session.link_uses_s3);  // http-put needs none

  unlock("", "");
  EXPECT_EQ(controller.state().session.error,
            "This campaign's envelopes are in an S3 bucket: type your read access key ID and secret key.");
  unlock("AKID WITH SPACE", kSecret);
  EXPECT_NE(controller.state().session.error.find("The access key must be"), std::string::npos);
  EXPECT_EQ(controller.state().screen, Screen::unlock);
  EXPECT_TRUE(platform.sent.empty());

  unlock();
  ASSERT_EQ(controller.state().screen, Screen::results);
  controller.apply(GoBack{});  // back to the unlock screen: still the same session
  controller.tick(2, kAfterClose);
  EXPECT_EQ(controller.state().session.s3_secret_key, kSecret);
  controller.apply(GoBack{});  // leaving: the session ends
  controller.tick(3, kAfterClose);
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_TRUE(controller.state().session.s3_secret_key.empty());
  EXPECT_TRUE(controller.state().session.s3_access_key.empty());
  EXPECT_FALSE(controller.state().session.load.loading);
  // The listing answer that arrives after the session ended is ignored.
  platform.serve({});
  EXPECT_TRUE(controller.state().session.error.empty());
  EXPECT_EQ(controller.snapshot().dump().find(kSecret), std::string::npos);
}

}  // namespace
}  // namespace parley::ui
