// The campaign builder with S3-compatible storage: the bucket named by its URL, the POST
// policy signed once with write credentials that are wiped afterwards, and a signed campaign
// whose storage description passes validate_storage.
#include <gtest/gtest.h>

#include <sodium.h>

#include "core/envelope.h"
#include "core/s3/post_policy.h"
#include "core/storage.h"
#include "core/utc_time.h"
#include "client/builder_storage.h"
#include "support/controller_harness.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

constexpr const char* kPage = "https://parley.example/app/";
constexpr const char* kWriteSecret = "write-secret-wJalrXUtnFEMI/K7MDENG";

std::string base64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.c_str(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(length);
  return out;
}

class BuilderS3Test : public testing::ControllerHarness {
 protected:
  void SetUp() override {
    platform.now = unix_from_utc(*parse_amz_date("20261130T120000Z"));
    controller.start(kPage, kToday);
    auto signer_rng = testing::seeded(5);
    give_keys(KeySet{KeyRole::manager, "", *generate_recipient_key(signer_rng), *generate_signing_key(signer_rng)});
    controller.apply(StartBuilder{});
    controller.apply(SetDirect{true});  // these campaigns are direct
    controller.apply(UseTemplate{"team-trust-pulse"});
    controller.apply(SetStorage{StorageChoice::s3});
    type(Field::s3_bucket_url, "http://127.0.0.1:9000/parley-inbox");
    type(Field::s3_write_access_key, "AKIDWRITER");
    controller.apply(EditSecret{SecretField::s3_write_secret_key, kWriteSecret});
  }

  void type(Field field, const std::string& text) { controller.apply(Edit{field, -1, text}); }
};

TEST_F(BuilderS3Test, SignsAPolicyForTheCampaignsPrefixAndForgetsTheSecret) {
  controller.apply(SignCampaign{});
  ASSERT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
  EXPECT_TRUE(controller.state().builder.s3_secret_key.empty());
  const std::string link = controller.state().builder.link;
  EXPECT_EQ(link.find(kWriteSecret), std::string::npos);

  const Campaign c = verify_manifest(token_from_link(link).value()).value();
  const Storage& s = c.storage;
  EXPECT_EQ(s.kind, "s3");
  EXPECT_EQ(s.key_prefix, "parley/" + c.id + "/");
  EXPECT_EQ(s.url, "http://127.0.0.1:9000/parley-inbox/parley/" + c.id + "/");
  EXPECT_EQ(s3_bucket_url(s), "http://127.0.0.1:9000/parley-inbox/");
  EXPECT_EQ(s3_region(s), "us-east-1");
  EXPECT_TRUE(validate_storage(s).ok());
  EXPECT_EQ(post_field(s, "x-amz-credential"), "AKIDWRITER/20261130/us-east-1/s3/aws4_request");
  EXPECT_EQ(post_field(s, "x-amz-date"), "20261130T120000Z");

  // The signature is the write secret's, over exactly this policy.
  EXPECT_EQ(post_field(s, "x-amz-signature"),
            s3::sign_post_policy(post_field(s, "policy"), kWriteSecret, "20261130", "us-east-1").value());
  const std::string policy = base64_decode(post_field(s, "policy"));
  EXPECT_NE(policy.find("\"2026-12-15T00:00:00.000Z\""), std::string::npos) << policy;  // the day after closing
  EXPECT_NE(policy.find("\"parley-inbox\""), std::string::npos) << policy;
  EXPECT_NE(policy.find("\"parley/" + c.id + "/\""), std::string::npos) << policy;
  EXPECT_NE(policy.find(std::to_string(kMaxEnvelopeBytes)), std::string::npos) << policy;
  EXPECT_EQ(policy.find(kWriteSecret), std::string::npos);
  EXPECT_TRUE(platform.settings.empty());
}

TEST_F(BuilderS3Test, ProblemsAreShownAndNothingIsSigned) {
  const BuilderForm& b = controller.state().builder;
  type(Field::s3_bucket_url, "https://s3.example.org/parley-inbox/folder/");
  controller.apply(SignCampaign{});
  EXPECT_NE(b.error.find("must end at the bucket"), std::string::npos) << b.error;
  type(Field::s3_bucket_url, "https://s3.example.org/Parley_Inbox/");
  controller.apply(SignCampaign{});
  EXPECT_NE(b.error.find("cannot be a bucket"), std::string::npos) << b.error;
  type(Field::s3_bucket_url, "https://s3.example.org/parley-inbox/");
  type(Field::s3_key_prefix, "/parley/{id}");
  controller.apply(SignCampaign{});
  EXPECT_NE(b.error.find("key prefix"), std::string::npos) << b.error;
  type(Field::s3_key_prefix, "parley/{id}/");
  type(Field::s3_write_access_key, "");
  controller.apply(SignCampaign{});
  EXPECT_NE(b.error.find("The access key must be"), std::string::npos) << b.error;
  EXPECT_EQ(controller.state().screen, Screen::builder);
  EXPECT_EQ(b.s3_secret_key, kWriteSecret);  // kept while the form is still being fixed

  controller.apply(GoBack{});  // leaving the builder unsigned forgets the secret too
  controller.tick(0, kToday);
  EXPECT_TRUE(controller.state().builder.s3_secret_key.empty());
}

TEST_F(BuilderS3Test, WebStorageStillReplacesTheIdInTheUrl) {
  const BuilderForm& b = controller.state().builder;
  controller.apply(SetStorage{StorageChoice::web});
  type(Field::storage_url, "https://parley.example/store/{id}");
  controller.apply(SignCampaign{});
  ASSERT_EQ(controller.state().screen, Screen::share) << b.error;
  const Campaign c = verify_manifest(token_from_link(b.link).value()).value();
  EXPECT_EQ(c.storage.kind, "http-put");
  EXPECT_EQ(c.storage.url, "https://parley.example/store/" + c.id);
  EXPECT_TRUE(c.storage.post_fields.empty());
}

TEST(BucketFromUrl, PathStyleAndVirtualHosted) {
  EXPECT_EQ(bucket_from_url("http://127.0.0.1:9000/parley-inbox/").value(), "parley-inbox");
  EXPECT_EQ(bucket_from_url("https://s3.example.org/parley.inbox").value(), "parley.inbox");
  EXPECT_EQ(bucket_from_url("https://parley-inbox.s3.eu-west-1.amazonaws.com/").value(), "parley-inbox");
  EXPECT_EQ(bucket_from_url("https://parley-inbox.minio.local:9000/").value(), "parley-inbox");
  EXPECT_FALSE(bucket_from_url("https://s3.example.org/a/b/").ok());
  EXPECT_FALSE(bucket_from_url("https://s3.example.org/parley-inbox/?acl").ok());
  EXPECT_FALSE(bucket_from_url("ftp://s3.example.org/parley-inbox/").ok());
  EXPECT_FALSE(bucket_from_url("https://x.example.org/").ok());  // "x" is too short for a bucket
}

}  // namespace
}  // namespace parley::ui
