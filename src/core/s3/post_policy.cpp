#include "core/s3/post_policy.h"

#include <sodium.h>

#include <algorithm>

namespace parley::s3 {
namespace {

Error bad(std::string detail) {
  return make_error(Errc::bad_input, std::move(detail));
}

// Access keys may hold a backslash; every other policy string is checked to need no escaping.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string base64(const std::string& text) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(text.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(), kVariant);
  out.pop_back();  // the terminating NUL
  return out;
}

}  // namespace

Status check_bucket_name(std::string_view b) {
  const auto ok_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; };
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (b.size() < 3 || b.size() > 63 || !std::all_of(b.begin(), b.end(), ok_char) || !alnum(b.front()) ||
      !alnum(b.back()) || b.find("..") != std::string_view::npos) {
    return bad(
        "A bucket name is 3 to 63 lower-case letters, digits, dots or dashes, starting and ending with a letter or digit.");
  }
  return Ok{};
}

Status check_key_prefix(std::string_view p) {
  // S3's "safe characters" for keys: nothing a URL, a policy or a file system would reinterpret.
  const auto ok_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!-_.*'()/").find(c) != std::string_view::npos;
  };
  if (p.empty() || p.size() > 512 || !std::all_of(p.begin(), p.end(), ok_char) || p.front() == '/' || p.back() != '/' ||
      p.find("//") != std::string_view::npos) {
    return bad(
        "A key prefix is 1 to 512 of A-Z a-z 0-9 ! - _ . * ' ( ) /, ends with / and does not start with / or contain //.");
  }
  std::size_t start = 0;
  while (start < p.size()) {
    const std::size_t slash = p.find('/', start);
    const std::string_view segment = p.substr(start, slash - start);
    if (segment == "." || segment == "..") return bad("A key prefix may not contain . or .. segments.");
    start = slash + 1;
  }
  return Ok{};
}

Result<UtcTime> expiry_after_day(std::string_view closes) {
  auto day = parse_day(closes);
  if (!day) return day.error();
  return utc_from_unix(unix_from_utc(*day) + 86400);
}

Result<std::string> sign_post_policy(std::string_view policy_base64, std::string_view secret_key,
                                     std::string_view yyyymmdd, std::string_view region) {
  const sigv4::Scope scope{std::string(region), "s3"};
  if (auto ok = sigv4::check_scope(scope); !ok) return ok.error();
  if (policy_base64.empty()) return bad("The policy is empty.");
  auto key = sigv4::signing_key(secret_key, yyyymmdd, scope);
  if (!key) return key.error();
  auto signature = sigv4::hmac_hex(*key, policy_base64);
  sodium_memzero(key->data(), key->size());
  return signature;
}

Result<PostPolicy> make_post_policy(const PostPolicyInput& in) {
  if (auto ok = check_bucket_name(in.bucket); !ok) return ok.error();
  if (auto ok = check_key_prefix(in.key_prefix); !ok) return ok.error();
  if (in.max_bytes < 1 || in.max_bytes > kMaxPostBytes) return bad("The size limit must be 1 byte to 5 GiB.");
  if (auto ok = sigv4::check_credentials(in.credentials); !ok) return ok.error();
  const sigv4::Scope scope{in.region, "s3"};
  if (auto ok = sigv4::check_scope(scope); !ok) return ok.error();
  auto signed_at = parse_amz_date(in.amz_date);
  if (!signed_at) return signed_at.error();
  const std::string expiration = format_iso8601(in.expires);
  if (!parse_amz_date(format_amz_date(in.expires))) return bad("The expiry must be a real instant in years 2000-9999.");
  if (unix_from_utc(in.expires) <= unix_from_utc(*signed_at))
    return bad("The policy would expire before it is signed.");

  const std::string day = in.amz_date.substr(0, 8);
  const std::string credential = sigv4::credential(in.credentials.access_key, day, scope);
  PostPolicy out;
  // Every form field except policy, x-amz-signature and file must be named in a condition;
  // the uploader sends only "key" besides the fields below.
  std::string& d = out.document;
  d = "{\"expiration\":\"" + expiration + "\",\"conditions\":[";
  d += "{\"bucket\":\"" + in.bucket + "\"},";
  d += "[\"starts-with\",\"$key\",\"" + in.key_prefix + "\"],";
  d += "[\"content-length-range\",1," + std::to_string(in.max_bytes) + "],";
  d += "{\"x-amz-algorithm\":\"" + std::string(sigv4::kAlgorithm) + "\"},";
  d += "{\"x-amz-credential\":" + json_string(credential) + "},";
  d += "{\"x-amz-date\":\"" + in.amz_date + "\"}]}";
  out.policy = base64(out.document);
  auto signature = sign_post_policy(out.policy, in.credentials.secret_key.view(), day, in.region);
  if (!signature) return signature.error();
  out.signature = *signature;
  out.fields = {{"policy", out.policy},
                {"x-amz-algorithm", std::string(sigv4::kAlgorithm)},
                {"x-amz-credential", credential},
                {"x-amz-date", in.amz_date},
                {"x-amz-signature", out.signature}};
  return out;
}

}  // namespace parley::s3
