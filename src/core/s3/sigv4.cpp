#include "core/s3/sigv4.h"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "core/text.h"
#include "core/utc_time.h"

namespace parley::sigv4 {
namespace {

Error bad(std::string detail) {
  return make_error(Errc::bad_input, std::move(detail));
}
Error crypto_error() {
  return make_error(Errc::crypto_failure, "The signing hash could not be computed.");
}


bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_label(std::string_view s) {  // region and service names
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_method(std::string_view m) {
  return !m.empty() && m.size() <= 16 && std::all_of(m.begin(), m.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_payload_hash(std::string_view h) {
  if (h == kUnsignedPayload) return true;
  return h.size() == 64 &&
         std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Canonical header value: outer spaces trimmed, inner runs of spaces collapsed to one.
std::string canonical_value(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct Canonical {
  std::string text;
  std::string query;  // the canonical query string alone (a presigned URL reuses it)
  std::string signed_headers;
};

// `headers` are complete (host included); names are checked and lower-cased here.
Result<Canonical> canonical_request(std::string_view method, const Url& url,
                                    const std::vector<std::pair<std::string, std::string>>& query,
                                    const Headers& headers, std::string_view payload_hash) {
  std::map<std::string, std::string> merged;  // sorted by lower-case name, as SigV4 requires
  for (const auto& [name, value] : headers) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
      return bad("A header name may only contain letters, digits and !#$%&'*+-.^_`|~.");
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return bad("A header value may not contain line breaks.");
    }
    auto [it, fresh] = merged.emplace(ascii_lower(name), canonical_value(value));
    if (!fresh) it->second += "," + canonical_value(value);  // repeated headers: values joined in order
  }
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [n, v] : query) encoded.emplace_back(uri_encode(n, false), uri_encode(v, false));
  std::sort(encoded.begin(), encoded.end());

  Canonical c;
  c.text.append(method).append("\n").append(uri_encode(url.path.empty() ? "/" : url.path, true)).append("\n");
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    c.query.append(i ? "&" : "").append(encoded[i].first).append("=").append(encoded[i].second);
  }
  c.text.append(c.query).append("\n");
  for (const auto& [name, value] : merged) {
    c.text.append(name).append(":").append(value).append("\n");
    c.signed_headers.append(c.signed_headers.empty() ? "" : ";").append(name);
  }
  c.text.append("\n").append(c.signed_headers).append("\n").append(payload_hash);
  return c;
}

std::string scope_text(std::string_view yyyymmdd, const Scope& scope) {
  std::string s(yyyymmdd);
  return s.append("/").append(scope.region).append("/").append(scope.service).append("/aws4_request");
}

Result<std::string> string_to_sign(std::string_view amz_date, const Scope& scope, const std::string& canonical) {
  auto hash = sha256_hex(to_bytes(canonical));
  if (!hash) return hash.error();
  std::string s(kAlgorithm);
  return s.append("\n")
      .append(amz_date)
      .append("\n")
      .append(scope_text(amz_date.substr(0, 8), scope))
      .append("\n")
      .append(*hash);
}

Result<std::string> signature_of(const Credentials& credentials, const Scope& scope, std::string_view amz_date,
                                 std::string_view text) {
  auto key = signing_key(credentials.secret_key.view(), amz_date.substr(0, 8), scope);
  if (!key) return key.error();
  auto sig = hmac_hex(*key, text);
  sodium_memzero(key->data(), key->size());
  return sig;
}

Status check_common(std::string_view method, const Url& url, const Credentials& credentials, const Scope& scope,
                    std::string_view amz_date) {
  if (!is_method(method)) return bad("The HTTP method must be upper-case letters, like GET or PUT.");
  if (url.host.empty() || (url.scheme != "http" && url.scheme != "https"))
    return bad("The URL must be http:// or https:// with a host.");
  if (!url.path.empty() && url.path[0] != '/') return bad("The URL path must start with /.");
  if (auto ok = check_credentials(credentials); !ok) return ok;
  if (auto ok = check_scope(scope); !ok) return ok;
  if (auto t = parse_amz_date(amz_date); !t) return t.error();
  return Ok{};
}

}  // namespace


Result<std::string> sha256_hex(const Bytes& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  if (crypto_hash_sha256(digest, data.data(), data.size()) != 0) return crypto_error();
  return hex_encode(Bytes(digest, digest + sizeof digest));
}

namespace {

Result<SigningKey> hmac(const unsigned char* key, std::size_t key_len, std::string_view text) {
  crypto_auth_hmacsha256_state state;
  SigningKey out{};
  const bool ok =
      crypto_auth_hmacsha256_init(&state, key, key_len) == 0 &&
      crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 0 &&
      crypto_auth_hmacsha256_final(&state, out.data()) == 0;
  sodium_memzero(&state, sizeof state);
  if (!ok) return crypto_error();
  return out;
}

}  // namespace

Result<SigningKey> signing_key(std::string_view secret_key, std::string_view yyyymmdd, const Scope& scope) {
  std::string first = "AWS4";
  first.append(secret_key);
  auto k = hmac(reinterpret_cast<const unsigned char*>(first.data()), first.size(), yyyymmdd);
  sodium_memzero(first.data(), first.size());
  for (std::string_view part :
       {std::string_view(scope.region), std::string_view(scope.service), std::string_view("aws4_request")}) {
    if (!k) return k.error();
    SigningKey previous = *k;
    k = hmac(previous.data(), previous.size(), part);
    sodium_memzero(previous.data(), previous.size());
  }
  return k;
}

Result<std::string> hmac_hex(const SigningKey& key, std::string_view text) {
  auto mac = hmac(key.data(), key.size(), text);
  if (!mac) return mac.error();
  return hex_encode(Bytes(mac->begin(), mac->end()));
}

std::string credential(std::string_view access_key, std::string_view yyyymmdd, const Scope& scope) {
  std::string s(access_key);
  return s.append("/").append(scope_text(yyyymmdd, scope));
}

Status check_credentials(const Credentials& c) {
  // The access key travels inside the Credential field, where "/" separates parts.
  if (c.access_key.empty() || c.access_key.size() > 128 ||
      !std::all_of(c.access_key.begin(), c.access_key.end(),
                   [](char ch) { return ch > 0x20 && ch < 0x7f && ch != '/' && ch != ',' && ch != '"'; })) {
    return bad("The access key must be 1 to 128 printable characters without spaces, / , or \".");
  }
  if (c.secret_key.empty() || c.secret_key.size() > 256) return bad("The secret key must be 1 to 256 characters.");
  return Ok{};
}

Status check_scope(const Scope& s) {
  if (!is_label(s.region)) return bad("The region must be 1 to 64 lower-case letters, digits or dashes.");
  if (!is_label(s.service)) return bad("The service must be 1 to 64 lower-case letters, digits or dashes.");
  return Ok{};
}

Result<SignedRequest> sign_request(const Request& r, const Credentials& credentials, const Scope& scope,
                                   std::string_view amz_date) {
  if (auto ok = check_common(r.method, r.url, credentials, scope, amz_date); !ok) return ok.error();
  if (!is_payload_hash(r.payload_hash))
    return bad("The payload hash must be 64 lower-case hex digits or UNSIGNED-PAYLOAD.");
  Headers all = r.headers;
  for (const auto& [name, value] : r.headers) {
    const std::string n = ascii_lower(name);
    if (n == "host" || n == "x-amz-date" || n == "x-amz-content-sha256" || n == "authorization") {
      return bad("The " + n + " header is set by the signer, not by the caller.");
    }
  }
  SignedRequest out;
  out.add_headers.emplace_back("x-amz-date", std::string(amz_date));
  // S3 refuses requests whose payload hash is not declared in this header.
  if (scope.service == "s3") out.add_headers.emplace_back("x-amz-content-sha256", r.payload_hash);
  all.emplace_back("host", r.url.host);
  all.insert(all.end(), out.add_headers.begin(), out.add_headers.end());

  auto canonical = canonical_request(r.method, r.url, r.url.query, all, r.payload_hash);
  if (!canonical) return canonical.error();
  auto sts = string_to_sign(amz_date, scope, canonical->text);
  if (!sts) return sts.error();
  auto sig = signature_of(credentials, scope, amz_date, *sts);
  if (!sig) return sig.error();
  out.canonical_request = std::move(canonical->text);
  out.string_to_sign = std::move(*sts);
  out.signature = std::move(*sig);
  out.authorization = std::string(kAlgorithm) +
                      " Credential=" + credential(credentials.access_key, amz_date.substr(0, 8), scope) +
                      ", SignedHeaders=" + canonical->signed_headers + ", Signature=" + out.signature;
  out.add_headers.emplace_back("authorization", out.authorization);
  return out;
}

Result<PresignedUrl> presign_url(std::string_view method, const Url& url, const Credentials& credentials,
                                 const Scope& scope, std::string_view amz_date, int expires_seconds) {
  if (auto ok = check_common(method, url, credentials, scope, amz_date); !ok) return ok.error();
  if (expires_seconds < 1 || expires_seconds > kMaxPresignSeconds)
    return bad("A presigned URL may last 1 second to 7 days.");
  for (const auto& [name, value] : url.query) {
    if (ascii_lower(name).rfind("x-amz-", 0) == 0) return bad("The URL already carries X-Amz-* parameters.");
  }
  auto query = url.query;
  query.emplace_back("X-Amz-Algorithm", std::string(kAlgorithm));
  query.emplace_back("X-Amz-Credential", credential(credentials.access_key, amz_date.substr(0, 8), scope));
  query.emplace_back("X-Amz-Date", std::string(amz_date));
  query.emplace_back("X-Amz-Expires", std::to_string(expires_seconds));
  query.emplace_back("X-Amz-SignedHeaders", "host");
  auto canonical = canonical_request(method, url, query, {{"host", url.host}}, kUnsignedPayload);
  if (!canonical) return canonical.error();
  auto sts = string_to_sign(amz_date, scope, canonical->text);
  if (!sts) return sts.error();
  auto sig = signature_of(credentials, scope, amz_date, *sts);
  if (!sig) return sig.error();
  PresignedUrl out;
  // The canonical query is already the encoded, sorted query: the URL reuses it verbatim.
  out.url = url.scheme + "://" + url.host + uri_encode(url.path.empty() ? "/" : url.path, true) + "?" +
            canonical->query + "&X-Amz-Signature=" + *sig;
  out.canonical_request = std::move(canonical->text);
  out.string_to_sign = std::move(*sts);
  out.signature = std::move(*sig);
  return out;
}

}  // namespace parley::sigv4
