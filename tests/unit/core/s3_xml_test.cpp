#include "core/s3/xml.h"

#include <gtest/gtest.h>

#include <string>

namespace parley::s3 {
namespace {

// AWS's ListObjectsV2 documentation, "Example 1: Listing keys" (two of its objects).
constexpr const char* kAwsPage = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <Name>bucket</Name>
    <Prefix/>
    <KeyCount>205</KeyCount>
    <MaxKeys>1000</MaxKeys>
    <IsTruncated>false</IsTruncated>
    <Contents>
        <Key>my-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
        <Size>434234</Size>
        <StorageClass>STANDARD</StorageClass>
    </Contents>
    <Contents>
       <Key>my-zipped-file.gz</Key>
       <LastModified>2009-10-12T17:50:30.000Z</LastModified>
       <ETag>&quot;1f8a6b1a5d8c4e3b2f7c9a6d5e4b3a21&quot;</ETag>
       <Size>20</Size>
       <StorageClass>STANDARD</StorageClass>
    </Contents>
</ListBucketResult>)";

// AWS's "Example 3: Using a continuation token": a truncated first page.
constexpr const char* kAwsTruncated = R"(<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name>
  <Prefix></Prefix>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <KeyCount>1000</KeyCount>
  <MaxKeys>1000</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <Contents>
    <Key>happyface.jpg</Key>
    <LastModified>2014-11-21T19:40:05.000Z</LastModified>
    <ETag>"70ee1738b6b21e2c8a43f3a5ab0eee71"</ETag>
    <Size>11</Size>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
</ListBucketResult>)";

// Ceph radosgw 16 (the storage tests' server): one line, Owner and Type inside Contents, the
// continuation token after the objects.
constexpr const char* kRgwPage =
    R"(<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
    R"(<Name>parley-inbox</Name><Prefix>incoming/load-1/</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>)"
    R"(<Contents><Key>incoming/load-1/0123456789abcdef0123456789abcdef.parley</Key>)"
    R"(<LastModified>2026-11-30T17:02:11.421Z</LastModified><ETag>&quot;9e107d9d372bb6826bd81d3542a419d6&quot;</ETag>)"
    R"(<Size>1164</Size><StorageClass>STANDARD</StorageClass><Owner><ID>parley</ID>)"
    R"(<DisplayName>Parley tests</DisplayName></Owner><Type>Normal</Type></Contents>)"
    R"(<Contents><Key>incoming/load-1/fedcba9876543210fedcba9876543210.parley</Key>)"
    R"(<LastModified>2026-11-30T17:02:11.507Z</LastModified><ETag>&quot;e4d909c290d0fb1ca068ffaddf22cbd0&quot;</ETag>)"
    R"(<Size>1164</Size><StorageClass>STANDARD</StorageClass><Owner><ID>parley</ID>)"
    R"(<DisplayName>Parley tests</DisplayName></Owner><Type>Normal</Type></Contents>)"
    R"(<KeyCount>2</KeyCount><NextContinuationToken>incoming/load-1/fedcba9876543210fedcba9876543210.parley</NextContinuationToken>)"
    R"(</ListBucketResult>)";

std::string page_with(const std::string& contents, const std::string& tail = "<IsTruncated>false</IsTruncated>") {
  return "<ListBucketResult>" + contents + tail + "</ListBucketResult>";
}

TEST(S3XmlTest, AwsListing) {
  const auto page = parse_list_page(kAwsPage);
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "my-image.jpg");
  EXPECT_EQ(page->objects[0].size, 434234u);
  EXPECT_EQ(page->objects[1].key, "my-zipped-file.gz");
  EXPECT_EQ(page->objects[1].size, 20u);
  EXPECT_FALSE(page->truncated);
  EXPECT_EQ(page->next_token, "");
}

TEST(S3XmlTest, TruncatedPageCarriesItsContinuationToken) {
  const auto aws = parse_list_page(kAwsTruncated);
  ASSERT_TRUE(aws) << aws.error().detail;
  EXPECT_TRUE(aws->truncated);
  EXPECT_EQ(aws->next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  ASSERT_EQ(aws->objects.size(), 1u);
  EXPECT_EQ(aws->objects[0].key, "happyface.jpg");

  const auto rgw = parse_list_page(kRgwPage);
  ASSERT_TRUE(rgw) << rgw.error().detail;
  EXPECT_TRUE(rgw->truncated);
  EXPECT_EQ(rgw->next_token, "incoming/load-1/fedcba9876543210fedcba9876543210.parley");
  ASSERT_EQ(rgw->objects.size(), 2u);
  EXPECT_EQ(rgw->objects[0].key, "incoming/load-1/0123456789abcdef0123456789abcdef.parley");
  EXPECT_EQ(rgw->objects[1].size, 1164u);

  // Truncated without a token would make a reader loop or stop early: refused.
  EXPECT_FALSE(parse_list_page(page_with("", "<IsTruncated>true</IsTruncated>")));
  EXPECT_FALSE(parse_list_page(page_with("", "<IsTruncated>true</IsTruncated><NextContinuationToken/>")));
}

TEST(S3XmlTest, EmptyListing) {
  const auto page = parse_list_page(
      R"(<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
      R"(<Name>b</Name><Prefix>p/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>)");
  ASSERT_TRUE(page) << page.error().detail;
  EXPECT_TRUE(page->objects.empty());
  EXPECT_FALSE(page->truncated);
}

TEST(S3XmlTest, EntitiesAreDecoded) {
  const auto page = parse_list_page(page_with(
      "<Contents><Key>a&amp;b&lt;c&gt;d&quot;e&apos;f</Key><Size>1</Size></Contents>"
      "<Contents><Key>&#65;&#x42;&#x63;-&#233;-&#x20AC;-&#x1F600;</Key><Size>2</Size></Contents>"
      "<Contents><Key><![CDATA[raw & <kept>]]></Key><Size>3</Size></Contents>",
      "<IsTruncated>true</IsTruncated><NextContinuationToken>t&amp;k=&#43;</NextContinuationToken>"));
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->objects.size(), 3u);
  EXPECT_EQ(page->objects[0].key, "a&b<c>d\"e'f");
  EXPECT_EQ(page->objects[1].key, "ABc-\xC3\xA9-\xE2\x82\xAC-\xF0\x9F\x98\x80");
  EXPECT_EQ(page->objects[2].key, "raw & <kept>");
  EXPECT_EQ(page->next_token, "t&k=+");
}

TEST(S3XmlTest, BadEntitiesAreRefused) {
  for (const char* key : {"a&b", "&unknown;", "&#;", "&#x;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;",
                          "&amp", "&#x1G;", "&averyveryverylongname;"}) {
    EXPECT_FALSE(parse_list_page(page_with(std::string("<Contents><Key>") + key + "</Key><Size>1</Size></Contents>")))
        << key;
  }
}

TEST(S3XmlTest, SizesAreStrictUnsignedDecimals) {
  const auto max = parse_list_page(page_with("<Contents><Key>k</Key><Size>18446744073709551615</Size></Contents>"));
  ASSERT_TRUE(max);
  EXPECT_EQ(max->objects[0].size, UINT64_MAX);
  for (const char* size : {"18446744073709551616", "-1", "+1", " 1", "1.5", "", "0x10", "1e3"}) {
    EXPECT_FALSE(parse_list_page(page_with(std::string("<Contents><Key>k</Key><Size>") + size + "</Size></Contents>")))
        << size;
  }
  EXPECT_FALSE(parse_list_page(page_with("<Contents><Key>k</Key></Contents>")));   // no size
  EXPECT_FALSE(parse_list_page(page_with("<Contents><Size>1</Size></Contents>")));  // no key
  EXPECT_FALSE(parse_list_page(page_with("", "<IsTruncated>yes</IsTruncated>")));
}

TEST(S3XmlTest, OnlyTheListingsOwnElementsCount) {
  // A Key outside Contents (CommonPrefixes, Owner) names no object; Contents deeper down neither.
  const auto page = parse_list_page(page_with(
      "<CommonPrefixes><Prefix>p/</Prefix><Key>nope</Key></CommonPrefixes>"
      "<Contents><Key>yes</Key><Size>5</Size><Owner><Key>nope</Key><Contents><Key>x</Key></Contents></Owner></Contents>"));
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->objects.size(), 1u);
  EXPECT_EQ(page->objects[0].key, "yes");
  EXPECT_EQ(page->objects[0].size, 5u);
}

TEST(S3XmlTest, GarbageIsRefused) {
  for (const std::string xml : {
           std::string(""), std::string("   "), std::string("not xml"), std::string("{\"objects\":[]}"),
           std::string("<html><body>502 Bad Gateway</body></html>"),
           std::string("<Error><Code>AccessDenied</Code></Error>"),
           std::string("<ListBucketResult>"),                                    // truncated
           std::string("<ListBucketResult><Contents></ListBucketResult>"),       // mismatched
           std::string("<ListBucketResult></ListBucketResult><ListBucketResult></ListBucketResult>"),
           std::string("<ListBucketResult></ListBucketResult>trailing"),
           std::string("<!DOCTYPE x [<!ENTITY e \"boom\">]><ListBucketResult>&e;</ListBucketResult>"),
           std::string("<ListBucketResult><Contents><Key>k</Key><Size>1</Size></Contents"),
           std::string("<ListBucketResult a=\"unterminated></ListBucketResult>"),
           std::string("<ListBucketResult><!-- unterminated </ListBucketResult>"),
           std::string("<ListBucketResult>< Key></ListBucketResult>"),
       }) {
    EXPECT_FALSE(parse_list_page(xml)) << xml;
  }
}

TEST(S3XmlTest, HostileInputIsBounded) {
  // Deep nesting is refused without recursion.
  std::string deep = "<ListBucketResult>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  EXPECT_FALSE(parse_list_page(deep));
  // More objects than any S3 page holds.
  std::string many;
  for (int i = 0; i < 10001; ++i) many += "<Contents><Key>k</Key><Size>1</Size></Contents>";
  EXPECT_FALSE(parse_list_page(page_with(many)));
  // Bodies beyond any real listing page.
  EXPECT_FALSE(parse_list_page(page_with(std::string(9u << 20, ' '))));
  // Attributes, comments and declarations are skipped, quoted '>' included.
  const auto ok = parse_list_page(
      "\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><ListBucketResult a=\"x>y\" b='1'>"
      "<Contents><Key>k</Key><Size>1</Size></Contents><IsTruncated>false</IsTruncated></ListBucketResult>\n");
  ASSERT_TRUE(ok) << ok.error().detail;
  EXPECT_EQ(ok->objects.size(), 1u);
}

TEST(S3XmlTest, ErrorBodies) {
  // AWS's documented error response.
  const auto aws = parse_error(R"(<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The resource you requested does not exist</Message>
  <Resource>/mybucket/myfoto.jpg</Resource>
  <RequestId>4442587FB7D0A2F9</RequestId>
</Error>)");
  EXPECT_EQ(aws.code, "NoSuchKey");
  EXPECT_EQ(aws.message, "The resource you requested does not exist");
  // radosgw's shape: one line, BucketName and HostId.
  const auto rgw = parse_error(
      R"(<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Policy expired.</Message>)"
      R"(<BucketName>parley-inbox</BucketName><RequestId>tx0000034a1b-00674b2c1e-1019-default</RequestId>)"
      R"(<HostId>1019-default-default</HostId></Error>)");
  EXPECT_EQ(rgw.code, "AccessDenied");
  EXPECT_EQ(rgw.message, "Policy expired.");
  const auto entities = parse_error("<Error><Code>SignatureDoesNotMatch</Code><Message>a &lt;b&gt;</Message></Error>");
  EXPECT_EQ(entities.code, "SignatureDoesNotMatch");
  EXPECT_EQ(entities.message, "a <b>");
  const auto no_message = parse_error("<Error><Code>EntityTooLarge</Code></Error>");
  EXPECT_EQ(no_message.code, "EntityTooLarge");
  EXPECT_EQ(no_message.message, "");
}

TEST(S3XmlTest, NonErrorBodiesHaveNoCode) {
  for (const std::string body : {std::string(""), std::string("Forbidden"), std::string("<html>403</html>"),
                                 std::string(kAwsPage), std::string("<Error><Code>Trunc"),
                                 std::string("<Error><Code>A&bogus;</Code></Error>"),
                                 std::string("<Other><Error><Code>Nested</Code></Error></Other>")}) {
    EXPECT_EQ(parse_error(body).code, "") << body;
  }
}

TEST(S3XmlTest, ListUrl) {
  EXPECT_EQ(list_url("http://127.0.0.1:7480/parley-inbox/", "incoming/abc/", ""),
            "http://127.0.0.1:7480/parley-inbox/?list-type=2&prefix=incoming%2Fabc%2F");
  EXPECT_EQ(list_url("https://s3.example.org/b/", "", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="),
            "https://s3.example.org/b/?list-type=2&prefix=&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D");
  EXPECT_EQ(list_url("https://s3.example.org/b/", "a b+c&d", "t k"),
            "https://s3.example.org/b/?list-type=2&prefix=a%20b%2Bc%26d&continuation-token=t%20k");
}

}  // namespace
}  // namespace parley::s3
