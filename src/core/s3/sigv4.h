// AWS Signature Version 4 for S3-compatible storage (AWS S3, Ceph RGW, MinIO, ...).
//
// Canonical request, string to sign, signing key, the Authorization header of a request and
// presigned URLs, following S3's rules: the path is percent-encoded exactly once (never
// normalised, never double-encoded), query parameters are sorted by their encoded bytes.
// Pure functions: no I/O and no clock (the signing time is passed in), errors as values.
// Secrets never appear in results or error messages.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "core/secret.h"
#include "core/url.h"

namespace parley::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// SHA-256 of the empty string: the payload hash of a request without a body.
inline constexpr std::string_view kEmptyPayloadHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// The longest validity S3 accepts for a presigned URL (7 days).
inline constexpr int kMaxPresignSeconds = 604800;

using Headers = std::vector<std::pair<std::string, std::string>>;
using SigningKey = std::array<std::uint8_t, 32>;

struct Credentials {
  std::string access_key;
  Secret secret_key;  // wiped when the credentials go
};

struct Scope {
  std::string region;  // "us-east-1"; RGW accepts its zonegroup name or any label
  std::string service = "s3";
};

struct Request {
  std::string method = "GET";
  Url url;
  // Extra headers to sign and send (e.g. Range, Content-Type); names in any case. The signer
  // adds host, x-amz-date and, for service "s3", x-amz-content-sha256 itself.
  Headers headers;
  // Hex SHA-256 of the body, or kUnsignedPayload.
  std::string payload_hash = std::string(kEmptyPayloadHash);
};

struct SignedRequest {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // 64 hex digits
  std::string authorization;  // the Authorization header's value
  // What to add to the request before sending it: x-amz-date, x-amz-content-sha256 (S3) and
  // authorization. Host is left to the HTTP client, which derives the same value from the URL.
  Headers add_headers;
};

// `amz_date` is the signing time, YYYYMMDDTHHMMSSZ; its day is the credential scope's.
Result<SignedRequest> sign_request(const Request& request, const Credentials& credentials, const Scope& scope,
                                   std::string_view amz_date);

struct PresignedUrl {
  std::string url;  // ready to use: the request's URL plus the X-Amz-* query parameters
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

// A URL anyone can use for `method` until amz_date + expires_seconds (1..kMaxPresignSeconds).
// Only the host header is signed and the payload is UNSIGNED-PAYLOAD, as S3 expects.
Result<PresignedUrl> presign_url(std::string_view method, const Url& url, const Credentials& credentials,
                                 const Scope& scope, std::string_view amz_date, int expires_seconds);

// Building blocks, also used by POST policies.
Result<std::string> sha256_hex(const Bytes& data);
// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request")
Result<SigningKey> signing_key(std::string_view secret_key, std::string_view yyyymmdd, const Scope& scope);
// hex(HMAC-SHA256(key, text)): the final step of every signature.
Result<std::string> hmac_hex(const SigningKey& key, std::string_view text);
// "AKIA.../20130524/us-east-1/s3/aws4_request"
std::string credential(std::string_view access_key, std::string_view yyyymmdd, const Scope& scope);

// Checks shared by requests and policies (Errc::bad_input with a plain sentence).
Status check_credentials(const Credentials& credentials);
Status check_scope(const Scope& scope);

}  // namespace parley::sigv4
