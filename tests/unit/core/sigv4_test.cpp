// SigV4 against published expected values, copied verbatim:
//  - the aws-sig-v4-test-suite (AKIDEXAMPLE, service "service", 20150830T123600Z), as shipped
//    in aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts and the suite's .creq/.sts;
//  - the S3 examples of "Signature Calculations for the Authorization Header" (GET object,
//    PUT object, GET bucket lifecycle, list objects) and of "Authenticating Requests: Using
//    Query Parameters" (presigned GET), with AKIAIOSFODNN7EXAMPLE at 20130524T000000Z;
//  - the signing-key derivation example of the AWS general reference (20120215, iam).
// The path-normalising cases of the suite (get-slash*, get-relative*) are left out on purpose:
// S3 signs the path as sent, which is what this signer does.
#include "core/s3/sigv4.h"

#include <gtest/gtest.h>

namespace parley::sigv4 {
namespace {

const Credentials kSuiteKey{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const Scope kSuiteScope{"us-east-1", "service"};
constexpr const char* kSuiteDate = "20150830T123600Z";
constexpr const char* kSuiteCredential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

const Credentials kS3Key{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
const Scope kS3Scope{"us-east-1", "s3"};
constexpr const char* kS3Date = "20130524T000000Z";

Url url_of(const std::string& text) {
  auto u = parse_url(text);
  EXPECT_TRUE(u.ok()) << text;
  return u.ok() ? *u : Url{};
}

SignedRequest sign(const Request& r, const Credentials& c, const Scope& s, const char* date) {
  auto signed_request = sign_request(r, c, s, date);
  EXPECT_TRUE(signed_request.ok()) << (signed_request.ok() ? "" : signed_request.error().detail);
  return signed_request.ok() ? *signed_request : SignedRequest{};
}

std::string suite_authz(const std::string& method, const Url& url, const Headers& headers, const std::string& payload_hash,
                        const std::string& expected_signed_headers = "host;x-amz-date") {
  Request r{method, url, headers, payload_hash};
  const auto s = sign(r, kSuiteKey, kSuiteScope, kSuiteDate);
  EXPECT_NE(s.authorization.find("SignedHeaders=" + expected_signed_headers + ", "), std::string::npos) << s.authorization;
  return s.authorization;
}

std::string sha256_of(const std::string& text) {
  auto h = sha256_hex(to_bytes(text));
  EXPECT_TRUE(h.ok());
  return h.ok() ? *h : "";
}

// --- aws-sig-v4-test-suite -------------------------------------------------------------------

TEST(SigV4Suite, GetVanilla) {
  const auto s = sign({"GET", url_of("https://example.amazonaws.com/"), {}, std::string(kEmptyPayloadHash)}, kSuiteKey,
                      kSuiteScope, kSuiteDate);
  EXPECT_EQ(s.canonical_request,
            "GET\n"
            "/\n"
            "\n"
            "host:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n"
            "\n"
            "host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20150830T123600Z\n"
            "20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  // Outside S3 no x-amz-content-sha256 is added; the Host header is the HTTP client's job.
  ASSERT_EQ(s.add_headers.size(), 2u);
  EXPECT_EQ(s.add_headers[0], (std::pair<std::string, std::string>{"x-amz-date", "20150830T123600Z"}));
  EXPECT_EQ(s.add_headers[1], (std::pair<std::string, std::string>{"authorization", s.authorization}));
}

TEST(SigV4Suite, GetVanillaQueryOrderKeyCase) {
  const auto s = sign({"GET", url_of("https://example.amazonaws.com/?Param2=value2&Param1=value1"), {},
                       std::string(kEmptyPayloadHash)},
                      kSuiteKey, kSuiteScope, kSuiteDate);
  EXPECT_EQ(s.canonical_request,
            "GET\n"
            "/\n"
            "Param1=value1&Param2=value2\n"
            "host:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n"
            "\n"
            "host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20150830T123600Z\n"
            "20150830/us-east-1/service/aws4_request\n"
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Suite, PostXWwwFormUrlencoded) {
  const std::string body_hash = sha256_of("Param1=value1");
  EXPECT_EQ(body_hash, "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  const auto s = sign({"POST", url_of("https://example.amazonaws.com/"),
                       {{"Content-Type", "application/x-www-form-urlencoded"}}, body_hash},
                      kSuiteKey, kSuiteScope, kSuiteDate);
  EXPECT_EQ(s.canonical_request,
            "POST\n"
            "/\n"
            "\n"
            "content-type:application/x-www-form-urlencoded\n"
            "host:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n"
            "\n"
            "content-type;host;x-amz-date\n"
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20150830T123600Z\n"
            "20150830/us-east-1/service/aws4_request\n"
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST(SigV4Suite, PostXWwwFormUrlencodedParameters) {
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/"),
                        {{"Content-Type", "application/x-www-form-urlencoded; charset=utf8"}}, sha256_of("Param1=value1"),
                        "content-type;host;x-amz-date"),
            std::string(kSuiteCredential) +
                "SignedHeaders=content-type;host;x-amz-date, "
                "Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe");
}

TEST(SigV4Suite, GetAndPostVariants) {
  const std::string empty(kEmptyPayloadHash);
  const auto authz = [](const char* signature, const char* signed_headers = "host;x-amz-date") {
    return std::string(kSuiteCredential) + "SignedHeaders=" + signed_headers + ", Signature=" + signature;
  };
  // get-unreserved: unreserved characters stay as they are.
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), {},
                        empty),
            authz("07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"));
  // get-utf8: a non-ASCII path is percent-encoded once, as UTF-8 bytes.
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/\xe1\x88\xb4"), {}, empty),
            authz("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"));
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/%E1%88%B4"), {}, empty),
            authz("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"));
  // get-vanilla-empty-query-key (Param1=value1) and the same query with POST.
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/?Param1=value1"), {}, empty),
            authz("a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"));
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/?Param1=value1"), {}, empty),
            authz("28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"));
  // get-vanilla-query-unreserved
  const std::string unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/?" + unreserved + "=" + unreserved), {}, empty),
            authz("9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"));
  // get-vanilla-utf8-query
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/?\xe1\x88\xb4=bar"), {}, empty),
            authz("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"));
  // post-vanilla, post-header-key-case (names are lower-cased), post-vanilla-query-space (p=)
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/"), {}, empty),
            authz("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/?p="), {}, empty),
            authz("e71688addb58a26418614085fb730ba3faa623b461c17f48f2fbdb9361b94a9b"));
  // post-vanilla-query-nonunreserved: reserved characters in names and values are encoded.
  Url nonunreserved = url_of("https://example.amazonaws.com/");
  nonunreserved.query = {{"@#$%^", ""}, {"+", "/,?><`\";:\\|][{}"}};
  EXPECT_EQ(suite_authz("POST", nonunreserved, {}, empty),
            authz("66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"));
  // post-header-key-sort, post-header-value-case (values keep their case)
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/"), {{"My-Header1", "value1"}}, empty,
                        "host;my-header1;x-amz-date"),
            authz("c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c", "host;my-header1;x-amz-date"));
  EXPECT_EQ(suite_authz("POST", url_of("https://example.amazonaws.com/"), {{"My-Header1", "VALUE1"}}, empty,
                        "host;my-header1;x-amz-date"),
            authz("cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d", "host;my-header1;x-amz-date"));
}

TEST(SigV4Suite, HeaderValuesAreTrimmedCollapsedAndJoined) {
  const std::string empty(kEmptyPayloadHash);
  const auto authz = [](const char* signed_headers, const char* signature) {
    return std::string(kSuiteCredential) + "SignedHeaders=" + signed_headers + ", Signature=" + signature;
  };
  // get-header-value-trim
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/"), {{"My-Header1", " value1"}, {"My-Header2", "\"a   b   c\""}},
                        empty, "host;my-header1;my-header2;x-amz-date"),
            authz("host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
  // get-header-key-duplicate: repeated headers are joined with "," in the order sent.
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/"),
                        {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}, empty,
                        "host;my-header1;x-amz-date"),
            authz("host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"));
  // get-header-value-order: values are not sorted.
  EXPECT_EQ(suite_authz("GET", url_of("https://example.amazonaws.com/"),
                        {{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"}, {"My-Header1", "value2"}},
                        empty, "host;my-header1;x-amz-date"),
            authz("host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"));
}

TEST(SigV4, DerivesTheDocumentedSigningKey) {
  auto key = signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", {"us-east-1", "iam"});
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(hex_encode(Bytes(key->begin(), key->end())), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

// --- S3 examples ---------------------------------------------------------------------------

TEST(SigV4S3, GetObject) {
  const auto s = sign({"GET", url_of("https://examplebucket.s3.amazonaws.com/test.txt"), {{"Range", "bytes=0-9"}},
                       std::string(kEmptyPayloadHash)},
                      kS3Key, kS3Scope, kS3Date);
  EXPECT_EQ(s.canonical_request,
            "GET\n"
            "/test.txt\n"
            "\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "range:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n"
            "\n"
            "host;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(s.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  // The S3 page prints the header without spaces after the commas; both forms are accepted
  // and this signer writes the test suite's.
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  ASSERT_EQ(s.add_headers.size(), 3u);
  EXPECT_EQ(s.add_headers[1], (std::pair<std::string, std::string>{"x-amz-content-sha256", std::string(kEmptyPayloadHash)}));
}

TEST(SigV4S3, PutObjectEncodesThePathOnce) {
  const std::string payload = sha256_of("Welcome to Amazon S3.");
  EXPECT_EQ(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  const std::string expected_creq =
      "PUT\n"
      "/test%24file.text\n"
      "\n"
      "date:Fri, 24 May 2013 00:00:00 GMT\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
      "x-amz-date:20130524T000000Z\n"
      "x-amz-storage-class:REDUCED_REDUNDANCY\n"
      "\n"
      "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
      "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
  // The raw key and its already-encoded form sign identically: no double encoding.
  for (const char* url : {"https://examplebucket.s3.amazonaws.com/test$file.text", "https://examplebucket.s3.amazonaws.com/test%24file.text"}) {
    const auto s = sign({"PUT", url_of(url), {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}}, payload},
                        kS3Key, kS3Scope, kS3Date);
    EXPECT_EQ(s.canonical_request, expected_creq) << url;
    EXPECT_EQ(s.string_to_sign,
              "AWS4-HMAC-SHA256\n"
              "20130524T000000Z\n"
              "20130524/us-east-1/s3/aws4_request\n"
              "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
    EXPECT_EQ(s.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }
}

TEST(SigV4S3, GetBucketLifecycle) {
  const auto s = sign({"GET", url_of("https://examplebucket.s3.amazonaws.com/?lifecycle"), {}, std::string(kEmptyPayloadHash)},
                      kS3Key, kS3Scope, kS3Date);
  EXPECT_EQ(s.canonical_request,
            "GET\n"
            "/\n"
            "lifecycle=\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n"
            "\n"
            "host;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca");
  EXPECT_EQ(s.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4S3, ListObjects) {
  const auto s = sign({"GET", url_of("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"), {}, std::string(kEmptyPayloadHash)},
                      kS3Key, kS3Scope, kS3Date);
  EXPECT_EQ(s.canonical_request,
            "GET\n"
            "/\n"
            "max-keys=2&prefix=J\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n"
            "\n"
            "host;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(s.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4S3, PresignedGetUrl) {
  auto p = presign_url("GET", url_of("https://examplebucket.s3.amazonaws.com/test.txt"), kS3Key, kS3Scope, kS3Date, 86400);
  ASSERT_TRUE(p.ok()) << p.error().detail;
  EXPECT_EQ(p->canonical_request,
            "GET\n"
            "/test.txt\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "\n"
            "host\n"
            "UNSIGNED-PAYLOAD");
  EXPECT_EQ(p->string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  EXPECT_EQ(p->signature, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_EQ(p->url,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

// --- building blocks and refusals ------------------------------------------------------------

TEST(SigV4, RefusesWhatItCannotSignCorrectly) {
  const Url url = url_of("https://examplebucket.s3.amazonaws.com/test.txt");
  const std::string empty(kEmptyPayloadHash);
  const auto refused = [&](const Request& r, const Credentials& c, const Scope& s, const char* date) {
    auto out = sign_request(r, c, s, date);
    return !out.ok() && out.error().code == Errc::bad_input;
  };
  EXPECT_TRUE(refused({"get", url, {}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, "abc"}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, std::string(64, 'A')}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {{"Host", "other"}}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {{"X-Amz-Date", kS3Date}}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {{"Bad Name", "x"}}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {{"X-Note", "a\r\nX-Evil: 1"}}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, empty}, {"AKIA/EXAMPLE", "s"}, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, empty}, {"AKIAEXAMPLE", ""}, kS3Scope, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, empty}, kS3Key, {"US-EAST-1", "s3"}, kS3Date));
  EXPECT_TRUE(refused({"GET", url, {}, empty}, kS3Key, kS3Scope, "2013-05-24T00:00:00Z"));
  EXPECT_TRUE(refused({"GET", url, {}, empty}, kS3Key, kS3Scope, "20130230T000000Z"));
  EXPECT_TRUE(refused({"GET", Url{}, {}, empty}, kS3Key, kS3Scope, kS3Date));
  EXPECT_FALSE(presign_url("GET", url, kS3Key, kS3Scope, kS3Date, 0).ok());
  EXPECT_FALSE(presign_url("GET", url, kS3Key, kS3Scope, kS3Date, kMaxPresignSeconds + 1).ok());
  EXPECT_TRUE(presign_url("GET", url, kS3Key, kS3Scope, kS3Date, kMaxPresignSeconds).ok());
  EXPECT_FALSE(presign_url("GET", url_of("https://b.example/k?X-Amz-Signature=x"), kS3Key, kS3Scope, kS3Date, 60).ok());
}

TEST(SigV4, SecretsStayOutOfResultsAndErrors) {
  const auto s = sign({"GET", url_of("https://examplebucket.s3.amazonaws.com/test.txt"), {}, std::string(kEmptyPayloadHash)},
                      kS3Key, kS3Scope, kS3Date);
  const std::string all = s.canonical_request + s.string_to_sign + s.authorization;
  EXPECT_EQ(all.find(kS3Key.secret_key.view()), std::string::npos);
  auto refused = sign_request({"GET", url_of("https://b.example/"), {}, "x"}, kS3Key, kS3Scope, kS3Date);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().detail.find(kS3Key.secret_key.view()), std::string::npos);
}

}  // namespace
}  // namespace parley::sigv4
