// POST policies: the AWS documentation example ("Example: Browser-Based Upload using HTTP POST
// (Using AWS Signature Version 4)", policy and signature copied verbatim), and Parley's own
// policy document, whose expected base64 and signature were computed independently with
// Python's hmac/hashlib/base64 from the document below.
#include "core/s3/post_policy.h"

#include <gtest/gtest.h>

namespace parley::s3 {
namespace {

// The documentation's policy: a CRLF-separated JSON text, base64-encoded.
constexpr const char* kAwsPolicy =
    "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1w"
    "bGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAg"
    "IHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2Fk"
    "Lmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUx"
    "MjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXot"
    "bWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3"
    "czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlU"
    "MDAwMDAwWiIgfQ0KICBdDQp9";

const sigv4::Credentials kKey{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};

PostPolicyInput parley_input() {
  PostPolicyInput in;
  in.bucket = "parley-inbox";
  in.key_prefix = "incoming/pv7kq2m4x9c3r8t1w6y5z0abcd/";
  in.max_bytes = 65536;
  in.expires = *expiry_after_day("2026-12-14");
  in.credentials = kKey;
  in.region = "us-east-1";
  in.amz_date = "20261130T093000Z";
  return in;
}

TEST(S3PostPolicy, SignsTheAwsDocumentationExample) {
  auto sig = sign_post_policy(kAwsPolicy, kKey.secret_key.view(), "20151229", "us-east-1");
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(*sig, "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e");
}

TEST(S3PostPolicy, BuildsParleysUploadPolicy) {
  auto p = make_post_policy(parley_input());
  ASSERT_TRUE(p.ok()) << p.error().detail;
  EXPECT_EQ(p->document,
            "{\"expiration\":\"2026-12-15T00:00:00.000Z\",\"conditions\":[{\"bucket\":\"parley-inbox\"},"
            "[\"starts-with\",\"$key\",\"incoming/pv7kq2m4x9c3r8t1w6y5z0abcd/\"],[\"content-length-range\",1,65536],"
            "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
            "{\"x-amz-credential\":\"AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/s3/aws4_request\"},"
            "{\"x-amz-date\":\"20261130T093000Z\"}]}");
  EXPECT_EQ(p->policy,
            "eyJleHBpcmF0aW9uIjoiMjAyNi0xMi0xNVQwMDowMDowMC4wMDBaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoicGFybGV5LWluYm94In0sWyJzdGFy"
            "dHMtd2l0aCIsIiRrZXkiLCJpbmNvbWluZy9wdjdrcTJtNHg5YzNyOHQxdzZ5NXowYWJjZC8iXSxbImNvbnRlbnQtbGVuZ3RoLXJhbmdlIiwxLDY1NTM2"
            "XSx7IngtYW16LWFsZ29yaXRobSI6IkFXUzQtSE1BQy1TSEEyNTYifSx7IngtYW16LWNyZWRlbnRpYWwiOiJBS0lBSU9TRk9ETk43RVhBTVBMRS8yMDI2"
            "MTEzMC91cy1lYXN0LTEvczMvYXdzNF9yZXF1ZXN0In0seyJ4LWFtei1kYXRlIjoiMjAyNjExMzBUMDkzMDAwWiJ9XX0=");
  EXPECT_EQ(p->signature, "2274a92fc0f2efd9610a4263ebddf4063209755676c514488da8a90360582cb0");
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"policy", p->policy},
      {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
      {"x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/s3/aws4_request"},
      {"x-amz-date", "20261130T093000Z"},
      {"x-amz-signature", "2274a92fc0f2efd9610a4263ebddf4063209755676c514488da8a90360582cb0"}};
  EXPECT_EQ(p->fields, fields);
  // The secret is in none of the fields handed to browsers.
  for (const auto& [name, value] : p->fields) EXPECT_EQ(value.find(kKey.secret_key.view()), std::string::npos) << name;
}

TEST(S3PostPolicy, ExpiresTheDayAfterTheCampaignCloses) {
  EXPECT_EQ(format_iso8601(*expiry_after_day("2026-12-14")), "2026-12-15T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(*expiry_after_day("2026-12-31")), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(*expiry_after_day("2028-02-28")), "2028-02-29T00:00:00.000Z");
  EXPECT_FALSE(expiry_after_day("2026-02-29").ok());
  EXPECT_FALSE(expiry_after_day("14.12.2026").ok());
}

TEST(S3PostPolicy, RefusesBadInputs) {
  const auto refused = [](const PostPolicyInput& in) {
    auto p = make_post_policy(in);
    return !p.ok() && p.error().code == Errc::bad_input;
  };
  auto in = parley_input();
  EXPECT_FALSE(refused(in));
  for (const char* bucket : {"", "ab", "Parley", "-parley", "parley-", "par..ley", "par_ley"}) {
    in = parley_input();
    in.bucket = bucket;
    EXPECT_TRUE(refused(in)) << bucket;
  }
  for (const char* prefix : {"", "/incoming/", "incoming", "in//coming/", "in/../x/", "./x/", "in coming/", "in\"x/", "in\\x/"}) {
    in = parley_input();
    in.key_prefix = prefix;
    EXPECT_TRUE(refused(in)) << prefix;
  }
  in = parley_input();
  in.max_bytes = 0;
  EXPECT_TRUE(refused(in));
  in.max_bytes = kMaxPostBytes + 1;
  EXPECT_TRUE(refused(in));
  in = parley_input();
  in.amz_date = "20261215T000000Z";  // signed at the instant it expires
  EXPECT_TRUE(refused(in));
  in.amz_date = "2026-11-30";
  EXPECT_TRUE(refused(in));
  in = parley_input();
  in.region = "";
  EXPECT_TRUE(refused(in));
  in = parley_input();
  in.credentials.secret_key = "";
  EXPECT_TRUE(refused(in));
  in = parley_input();
  in.expires.month = 13;
  EXPECT_TRUE(refused(in));
}

TEST(S3PostPolicy, EveryByteOfTheInputsIsSigned) {
  const auto base = make_post_policy(parley_input());
  ASSERT_TRUE(base.ok());
  auto in = parley_input();
  in.max_bytes = 65537;
  EXPECT_NE(make_post_policy(in)->signature, base->signature);
  in = parley_input();
  in.key_prefix = "incoming/pv7kq2m4x9c3r8t1w6y5z0abce/";
  EXPECT_NE(make_post_policy(in)->signature, base->signature);
  in = parley_input();
  in.credentials.secret_key = std::string(in.credentials.secret_key.view().substr(1)) + "X";
  EXPECT_NE(make_post_policy(in)->signature, base->signature);
}

}  // namespace
}  // namespace parley::s3
