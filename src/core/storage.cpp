#include "core/storage.h"

#include <algorithm>

#include "core/json_read.h"
#include "core/s3/sigv4.h"
#include "core/url.h"
#include "core/s3/post_policy.h"
#include "core/text.h"
#include "core/utc_time.h"

namespace parley {
namespace {

Error schema_error(std::string message) { return make_error(Errc::schema_failure, std::move(message)); }

bool is_storage_url(const std::string& url) {
  const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  if (!scheme || url.size() > 500 || !is_clean_text(url, 500, false) || url.find(' ') != std::string::npos ||
      url.find('#') != std::string::npos || url.find('?') != std::string::npos) {
    return false;
  }
  // The host people are shown must be the host requests go to: no user info ("trusted@evil"),
  // only a-z 0-9 . - (no look-alike letters), written as a browser writes it (lower case, no
  // default port), so that one storage has one spelling.
  const auto parsed = parse_url(url);
  if (!parsed) return false;
  const std::string origin = origin_of(*parsed);
  return url.compare(0, origin.size(), origin) == 0 && (url.size() == origin.size() || url[origin.size()] == '/');
}

bool all_of(std::string_view s, bool (*ok)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), ok); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_access_key_char(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_region_char(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '_'; }
bool is_base64_char(char c) {
  return is_access_key_char(c) || c == '+' || c == '/' || c == '=';
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string_view::npos; start = at + 1) parts.push_back(s.substr(start, at - start));
  parts.push_back(s.substr(start));
  return parts;
}

Status validate_post_fields(const Storage& s) {
  const bool names_ok = s.post_fields.size() == std::size(kPostFieldNames) &&
                        std::equal(s.post_fields.begin(), s.post_fields.end(), std::begin(kPostFieldNames),
                                   [](const auto& field, std::string_view name) { return field.first == name; });
  if (!names_ok) return schema_error("S3 storage needs exactly the POST fields policy, x-amz-algorithm, x-amz-credential, x-amz-date and x-amz-signature.");
  const std::string policy = post_field(s, "policy");
  if (policy.size() > 8192 || !all_of(policy, is_base64_char)) return schema_error("The POST policy must be base64 text of at most 8192 characters.");
  if (post_field(s, "x-amz-algorithm") != sigv4::kAlgorithm) return schema_error("The POST policy must use AWS4-HMAC-SHA256.");
  const std::string date = post_field(s, "x-amz-date");
  if (!parse_amz_date(date)) return schema_error("The POST policy's x-amz-date must be an instant, YYYYMMDDTHHMMSSZ.");
  const std::string credential = post_field(s, "x-amz-credential");
  const auto parts = split(credential, '/');
  const bool credential_ok = parts.size() == 5 && parts[0].size() <= 128 && all_of(parts[0], is_access_key_char) &&
                             parts[1] == std::string_view(date).substr(0, 8) && parts[2].size() <= 64 &&
                             all_of(parts[2], is_region_char) && parts[3] == "s3" && parts[4] == "aws4_request";
  if (!credential_ok) return schema_error("The POST policy's x-amz-credential must be <access key>/<day of x-amz-date>/<region>/s3/aws4_request.");
  const std::string signature = post_field(s, "x-amz-signature");
  if (signature.size() != 64 || !all_of(signature, is_lower_hex)) return schema_error("The POST policy's signature must be 64 lower-case hex digits.");
  return Ok{};
}

Status validate_s3(const Storage& s) {
  if (auto ok = s3::check_key_prefix(s.key_prefix); !ok) return schema_error(ok.error().detail);
  const std::string bucket = s3_bucket_url(s);
  const bool ends_with_prefix = s.url.size() > s.key_prefix.size() &&
                                s.url.compare(s.url.size() - s.key_prefix.size(), s.key_prefix.size(), s.key_prefix) == 0 &&
                                bucket.back() == '/';
  const auto parsed = parse_url(bucket);
  if (!ends_with_prefix || !parsed) return schema_error("An S3 storage URL must be the bucket's URL followed by the key prefix.");
  return validate_post_fields(s);
}

}  // namespace

Status validate_storage(const Storage& s) {
  if (s.kind != kStorageHttpPut && s.kind != kStorageS3) return schema_error("Storage kind must be \"http-put\" or \"s3\".");
  if (!is_storage_url(s.url)) return schema_error("The storage URL must be an http(s) URL without spaces, query or fragment.");
  if (s.kind == kStorageS3) return validate_s3(s);
  if (!s.key_prefix.empty() || !s.post_fields.empty()) return schema_error("Only S3 storage has a key prefix and POST fields.");
  return Ok{};
}

nlohmann::json storage_to_json(const Storage& s) {
  nlohmann::json out = {{"kind", s.kind}, {"url", s.url}};
  if (s.kind != kStorageS3) return out;
  out["key_prefix"] = s.key_prefix;
  nlohmann::json post = nlohmann::json::object();
  for (const auto& [name, value] : s.post_fields) post[name] = value;
  out["post"] = std::move(post);
  return out;
}

Result<Storage> storage_from_json(const nlohmann::json& object) {
  JsonReader r(object, "The storage description");
  r.only({"kind", "url", "key_prefix", "post"});
  Storage s;
  s.kind = r.string("kind");
  s.url = r.string("url");
  const bool s3 = s.kind == kStorageS3;
  s.key_prefix = r.string("key_prefix", s3);
  if (const json* post = r.object("post", s3)) {
    JsonReader pr(*post, "The POST policy fields");
    pr.only({"policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"});
    for (const auto name : kPostFieldNames) {
      const std::string key(name);
      s.post_fields.emplace_back(key, pr.string(key.c_str()));
    }
    if (!pr.ok()) return pr.error();
  }
  if (!r.ok()) return r.error();
  return s;
}

std::string s3_bucket_url(const Storage& s) {
  if (s.url.size() < s.key_prefix.size()) return s.url;
  return s.url.substr(0, s.url.size() - s.key_prefix.size());
}

std::string s3_region(const Storage& s) {
  const std::string credential = post_field(s, "x-amz-credential");
  const auto parts = split(credential, '/');
  return parts.size() == 5 ? std::string(parts[2]) : std::string();
}

std::string post_field(const Storage& s, std::string_view name) {
  for (const auto& [key, value] : s.post_fields)
    if (key == name) return value;
  return {};
}

}  // namespace parley
