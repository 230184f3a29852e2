#include "core/storage.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/json_read.h"
#include "support/s3_storage.h"

namespace parley {
namespace {

using testing::sample_s3_storage;

Storage s3_storage() { return sample_s3_storage(); }


TEST(Storage, HttpPutNeedsOnlyKindAndUrl) {
  const Storage s{"http-put", "https://feedback.example.org/parley/", {}, {}};
  EXPECT_TRUE(validate_storage(s).ok());
  EXPECT_EQ(dump_canonical(storage_to_json(s)), R"({"kind":"http-put","url":"https://feedback.example.org/parley/"})");
  Storage with_prefix = s;
  with_prefix.key_prefix = "x/";
  EXPECT_EQ(validate_storage(with_prefix).error().code, Errc::schema_failure);
}

// The intro screen shows the storage's host: the URL must not be able to show one host and send
// to another, or spell one host two ways.
TEST(Storage, UrlsNameTheirHostOneWayOnly) {
  for (const char* bad : {"https://trusted@evil.example/store/", "https://trusted:pw@evil.example/store/",
                          "https://st\xc3\xb6re.example.org/store/", "https://Store.example.org/store/",
                          "https://store.example.org:443/store/", "http://store.example.org:80/", "https://store_x.example/"}) {
    Storage s;
    s.kind = std::string(kStorageHttpPut);
    s.url = bad;
    EXPECT_FALSE(validate_storage(s).ok()) << bad;
  }
  for (const char* good : {"https://store.example.org/store/team", "http://127.0.0.1:8000/store/x", "https://[::1]:8443/s"}) {
    Storage s;
    s.kind = std::string(kStorageHttpPut);
    s.url = good;
    EXPECT_TRUE(validate_storage(s).ok()) << good;
  }
}

TEST(Storage, S3RoundTripsThroughJson) {
  const Storage s = s3_storage();
  ASSERT_TRUE(validate_storage(s).ok()) << validate_storage(s).error().detail;
  const json j = storage_to_json(s);
  EXPECT_EQ(j["post"].size(), 5u);
  auto back = storage_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->kind, s.kind);
  EXPECT_EQ(back->url, s.url);
  EXPECT_EQ(back->key_prefix, s.key_prefix);
  EXPECT_EQ(back->post_fields, s.post_fields);
}

TEST(Storage, S3BucketUrlAndRegionComeFromTheDescription) {
  const Storage s = s3_storage();
  EXPECT_EQ(s3_bucket_url(s), "https://storage.example.org/parley-inbox/");
  EXPECT_EQ(s3_region(s), "us-east-1");
  EXPECT_EQ(post_field(s, "x-amz-date"), "20261130T093000Z");
  EXPECT_EQ(post_field(s, "key"), "");
  Storage hosted = s;  // virtual-hosted style: the bucket is in the host name
  hosted.url = "https://parley-inbox.s3.eu-west-1.amazonaws.com/" + s.key_prefix;
  EXPECT_TRUE(validate_storage(hosted).ok());
  EXPECT_EQ(s3_bucket_url(hosted), "https://parley-inbox.s3.eu-west-1.amazonaws.com/");
}

TEST(Storage, S3RefusesWhatAnUploaderCouldNotUse) {
  const std::vector<std::pair<const char*, std::function<void(Storage&)>>> cases = {
      {"URL not ending in the prefix", [](Storage& s) { s.url = "https://storage.example.org/parley-inbox/"; }},
      {"prefix without the slash before it", [](Storage& s) { s.url = "https://storage.example.org/parley-inbox" + s.key_prefix; }},
      {"URL that is only the prefix", [](Storage& s) { s.url = s.key_prefix; }},
      {"prefix with ..", [](Storage& s) { s.key_prefix = "../x/"; s.url = "https://storage.example.org/b/../x/"; }},
      {"empty prefix", [](Storage& s) { s.key_prefix.clear(); }},
      {"missing field", [](Storage& s) { s.post_fields.pop_back(); }},
      {"extra field", [](Storage& s) { s.post_fields.emplace_back("acl", "public-read"); }},
      {"fields out of order", [](Storage& s) { std::swap(s.post_fields[0], s.post_fields[1]); }},
      {"other algorithm", [](Storage& s) { s.post_fields[1].second = "AWS4-HMAC-SHA1"; }},
      {"credential of another day", [](Storage& s) { s.post_fields[2].second = "AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/s3/aws4_request"; }},
      {"credential for another service", [](Storage& s) { s.post_fields[2].second = "AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/sqs/aws4_request"; }},
      {"credential with a secret-looking key", [](Storage& s) { s.post_fields[2].second = "AKIA+/x/20261130/us-east-1/s3/aws4_request"; }},
      {"date that is not an instant", [](Storage& s) { s.post_fields[3].second = "20261131T093000Z"; }},
      {"short signature", [](Storage& s) { s.post_fields[4].second.pop_back(); }},
      {"upper-case signature", [](Storage& s) { s.post_fields[4].second[0] = 'A'; }},
      {"policy with a quote", [](Storage& s) { s.post_fields[0].second += "\""; }},
      {"policy over 8192 characters", [](Storage& s) { s.post_fields[0].second = std::string(8193, 'A'); }},
  };
  for (const auto& [name, change] : cases) {
    Storage s = s3_storage();
    change(s);
    const auto ok = validate_storage(s);
    ASSERT_FALSE(ok.ok()) << name;
    EXPECT_EQ(ok.error().code, Errc::schema_failure) << name;
  }
}

TEST(Storage, ReadingRefusesMissingOrExtraKeys) {
  json j = storage_to_json(s3_storage());
  j.erase("post");
  EXPECT_FALSE(storage_from_json(j).ok());
  j = storage_to_json(s3_storage());
  j["post"]["key"] = "x";
  EXPECT_FALSE(storage_from_json(j).ok());
  j = storage_to_json(s3_storage());
  j["post"]["policy"] = 5;
  EXPECT_FALSE(storage_from_json(j).ok());
  j = storage_to_json(s3_storage());
  j["bucket"] = "x";
  EXPECT_FALSE(storage_from_json(j).ok());
}

}  // namespace
}  // namespace parley
