#include "core/s3/bucket_setup.h"

#include <gtest/gtest.h>

namespace parley::s3 {
namespace {

TEST(S3BucketSetup, CorsRulesForTheAppOrigin) {
  auto xml = bucket_cors_xml("https://parley.example.org");
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(*xml,
            "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
            "  <CORSRule>\n"
            "    <AllowedOrigin>https://parley.example.org</AllowedOrigin>\n"
            "    <AllowedMethod>GET</AllowedMethod>\n"
            "    <AllowedMethod>HEAD</AllowedMethod>\n"
            "    <AllowedMethod>PUT</AllowedMethod>\n"
            "    <AllowedMethod>POST</AllowedMethod>\n"
            "    <AllowedHeader>authorization</AllowedHeader>\n"
            "    <AllowedHeader>content-type</AllowedHeader>\n"
            "    <AllowedHeader>x-amz-content-sha256</AllowedHeader>\n"
            "    <AllowedHeader>x-amz-date</AllowedHeader>\n"
            "    <ExposeHeader>ETag</ExposeHeader>\n"
            "    <MaxAgeSeconds>600</MaxAgeSeconds>\n"
            "  </CORSRule>\n"
            "</CORSConfiguration>\n");
  EXPECT_TRUE(bucket_cors_xml("http://127.0.0.1:8000").ok());
  EXPECT_TRUE(bucket_cors_xml("http://[::1]:8000").ok());
  for (const char* bad : {"", "*", "parley.example.org", "https://parley.example.org/", "https://parley.example.org/app",
                          "https://parley.example.org:", "https://a b", "https://x<y", "ftp://x"}) {
    EXPECT_FALSE(bucket_cors_xml(bad).ok()) << bad;
  }
}

TEST(S3BucketSetup, InboxPolicyAllowsAnonymousPutUnderThePrefixOnly) {
  auto policy = inbox_bucket_policy("parley-inbox", "incoming/");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(*policy,
            "{\n"
            "  \"Version\": \"2012-10-17\",\n"
            "  \"Statement\": [\n"
            "    {\n"
            "      \"Sid\": \"ParleyAnonymousInbox\",\n"
            "      \"Effect\": \"Allow\",\n"
            "      \"Principal\": \"*\",\n"
            "      \"Action\": \"s3:PutObject\",\n"
            "      \"Resource\": \"arn:aws:s3:::parley-inbox/incoming/*\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
  EXPECT_FALSE(inbox_bucket_policy("Parley", "incoming/").ok());
  EXPECT_FALSE(inbox_bucket_policy("parley-inbox", "incoming").ok());
  EXPECT_FALSE(inbox_bucket_policy("parley-inbox", "in\"coming/").ok());
}

}  // namespace
}  // namespace parley::s3
