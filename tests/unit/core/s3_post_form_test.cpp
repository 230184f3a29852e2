#include "core/s3/post_form.h"

#include <gtest/gtest.h>

#include <string>

#include "support/s3_storage.h"

namespace parley::s3 {
namespace {

constexpr const char* kBoundary = "parley0123456789abcdef";

Storage tiny_storage() {
  Storage s;
  s.kind = std::string(kStorageS3);
  s.url = "https://s3.example.org/inbox/in/c1/";
  s.key_prefix = "in/c1/";
  s.post_fields = {{"policy", "eyJ9"}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
                   {"x-amz-credential", "AKID/20261130/us-east-1/s3/aws4_request"}, {"x-amz-date", "20261130T093000Z"},
                   {"x-amz-signature", "abc123"}};
  return s;
}

std::string text(const Bytes& b) { return to_string(b); }

TEST(S3PostForm, ExactBytesForASmallEnvelope) {
  const Bytes envelope = {'E', 0x00, 'V', 0xff};
  auto form = build_post_form(tiny_storage(), "ab12.parley", envelope, kBoundary);
  ASSERT_TRUE(form.ok()) << form.error().detail;
  EXPECT_EQ(form->content_type, "multipart/form-data; boundary=parley0123456789abcdef");
  const std::string expected =
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nin/c1/ab12.parley\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\neyJ9\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"x-amz-algorithm\"\r\n\r\nAWS4-HMAC-SHA256\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"x-amz-credential\"\r\n\r\n"
      "AKID/20261130/us-east-1/s3/aws4_request\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"x-amz-date\"\r\n\r\n20261130T093000Z\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"x-amz-signature\"\r\n\r\nabc123\r\n"
      "--parley0123456789abcdef\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ab12.parley\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n" +
      std::string("E\0V\xff", 4) + "\r\n--parley0123456789abcdef--\r\n";
  EXPECT_EQ(text(form->body), expected);
}

TEST(S3PostForm, RealPolicyFieldsGoInManifestOrderWithFileLast) {
  const Storage s = testing::sample_s3_storage();
  auto form = build_post_form(s, "ff00.parley", to_bytes("sealed"), kBoundary);
  ASSERT_TRUE(form.ok()) << form.error().detail;
  const std::string body = text(form->body);
  std::size_t at = body.find("name=\"key\"\r\n\r\n" + s.key_prefix + "ff00.parley\r\n");
  ASSERT_NE(at, std::string::npos);
  for (std::string_view name : kPostFieldNames) {
    const std::size_t next = body.find("name=\"" + std::string(name) + "\"\r\n\r\n" + post_field(s, name) + "\r\n");
    ASSERT_NE(next, std::string::npos) << name;
    EXPECT_GT(next, at) << name;
    at = next;
  }
  EXPECT_GT(body.find("name=\"file\""), at);
}

TEST(S3PostForm, RefusesStorageThatIsNotS3) {
  Storage put;
  put.url = "https://store.example.org/store/c1";
  EXPECT_EQ(build_post_form(put, "ab.parley", to_bytes("x"), kBoundary).error().code, Errc::bad_input);
}

TEST(S3PostForm, RefusesAMissingPolicyField) {
  Storage s = tiny_storage();
  s.post_fields.erase(s.post_fields.begin() + 4);  // no signature
  EXPECT_FALSE(build_post_form(s, "ab.parley", to_bytes("x"), kBoundary).ok());
}

TEST(S3PostForm, RefusesABoundaryThatOccursInTheContent) {
  const Bytes envelope = to_bytes(std::string("head--") + kBoundary + "tail");
  EXPECT_EQ(build_post_form(tiny_storage(), "ab.parley", envelope, kBoundary).error().code, Errc::bad_input);
  Storage s = tiny_storage();
  s.post_fields[0].second = std::string("x") + kBoundary;
  EXPECT_FALSE(build_post_form(s, "ab.parley", to_bytes("x"), kBoundary).ok());
  EXPECT_TRUE(build_post_form(tiny_storage(), "ab.parley", envelope, "another0123456789abc").ok());
}

TEST(S3PostForm, RefusesBoundariesAndNamesThatWouldBreakTheForm) {
  for (const char* b : {"short", "has space 0123456789", "semi;colon0123456789", "quote\"0123456789abcd"}) {
    EXPECT_FALSE(build_post_form(tiny_storage(), "ab.parley", to_bytes("x"), b).ok()) << b;
  }
  EXPECT_FALSE(build_post_form(tiny_storage(), std::string(71, 'a'), to_bytes("x"), std::string(71, 'b')).ok());
  for (const char* name : {"", "a\"b.parley", "a\r\nb.parley"}) {
    EXPECT_FALSE(build_post_form(tiny_storage(), name, to_bytes("x"), kBoundary).ok()) << name;
  }
}

}  // namespace
}  // namespace parley::s3
