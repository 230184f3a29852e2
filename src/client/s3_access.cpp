#include "client/s3_access.h"

#include <utility>

#include "core/utc_time.h"

namespace parley::client {

S3Place s3_place(const Storage& storage) { return {s3_bucket_url(storage), storage.key_prefix, s3_region(storage)}; }

Result<platform::HttpRequest> sign_s3_request(std::string_view method, std::string_view url, Bytes body,
                                              sigv4::Headers headers, const sigv4::Credentials& credentials,
                                              std::string_view region, std::int64_t now_unix) {
  auto parsed = parse_url(url);
  if (!parsed) return parsed.error();
  auto payload_hash = sigv4::sha256_hex(body);  // of nothing: sigv4::kEmptyPayloadHash
  if (!payload_hash) return payload_hash.error();
  const sigv4::Request request{std::string(method), *parsed, headers, *payload_hash};
  const std::string amz_date = format_amz_date(utc_from_unix(now_unix));
  auto signed_request = sigv4::sign_request(request, credentials, {std::string(region)}, amz_date);
  if (!signed_request) return signed_request.error();
  headers.insert(headers.end(), signed_request->add_headers.begin(), signed_request->add_headers.end());
  return platform::HttpRequest{std::string(method), format_url(*parsed), std::move(headers), std::move(body)};
}

}  // namespace parley::client
