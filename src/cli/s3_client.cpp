#include "cli/s3_client.h"

#include <cstdlib>
#include <ctime>

#include "cli/io.h"
#include "core/utc_time.h"
#include "platform/platform_native.h"

namespace parley::cli {
namespace {

// The text between <tag> and </tag>, starting at `from`; npos when absent.
std::string element(const std::string& xml, const std::string& tag, std::size_t from = 0, std::size_t* end = nullptr) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const std::size_t a = xml.find(open, from);
  if (a == std::string::npos) return {};
  const std::size_t b = xml.find(close, a + open.size());
  if (b == std::string::npos) return {};
  if (end) *end = b + close.size();
  return xml.substr(a + open.size(), b - a - open.size());
}

// XML's five predefined entities and numeric references below 128 (S3 keys Parley writes are
// plain ASCII; anything else is left as written).
std::string unescape_xml(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string entity = semi == std::string::npos ? "" : s.substr(i + 1, semi - i - 1);
    char c = 0;
    if (entity == "amp")
      c = '&';
    else if (entity == "lt")
      c = '<';
    else if (entity == "gt")
      c = '>';
    else if (entity == "quot")
      c = '"';
    else if (entity == "apos")
      c = '\'';
    else if (entity.size() > 1 && entity.size() < 5 && entity[0] == '#' &&
             entity.find_first_not_of("0123456789", 1) == std::string::npos) {
      const int code = std::atoi(entity.c_str() + 1);
      if (code > 0 && code < 128) c = static_cast<char>(code);
    }
    if (!c) {
      out += s[i];
      continue;
    }
    out += c;
    i = semi;
  }
  return out;
}

}  // namespace

Result<sigv4::Credentials> s3_credentials(const Args& args) {
  sigv4::Credentials c;
  if (auto key = args.get("--access-key"))
    c.access_key = *key;
  else if (const char* env = std::getenv("PARLEY_S3_ACCESS_KEY"))
    c.access_key = env;
  if (auto file = args.get("--secret-key-file")) {
    auto text = read_text(*file);
    if (!text) return text.error();
    c.secret_key = text->substr(0, text->find_first_of("\r\n"));
  } else if (const char* env = std::getenv("PARLEY_S3_SECRET_KEY")) {
    c.secret_key = env;
  }
  if (c.access_key.empty())
    return make_error(Errc::bad_input, "no access key: use --access-key or $PARLEY_S3_ACCESS_KEY");
  if (c.secret_key.empty())
    return make_error(Errc::bad_input, "no secret key: use --secret-key-file or $PARLEY_S3_SECRET_KEY");
  if (auto ok = sigv4::check_credentials(c); !ok) return ok.error();
  return c;
}

Result<std::string> signing_time(const Args& args) {
  if (auto now = args.get("--now")) {
    auto t = parse_amz_date(*now);
    if (!t) return t.error();
    return *now;
  }
  return format_amz_date(utc_from_unix(static_cast<std::int64_t>(std::time(nullptr))));
}

Result<platform::HttpResponse> s3_request(const std::string& method, const std::string& url, const Bytes& body,
                                          const sigv4::Headers& headers, const sigv4::Credentials& credentials,
                                          const std::string& region, const std::string& amz_date) {
  auto parsed = sigv4::parse_url(url);
  if (!parsed) return parsed.error();
  auto payload = sigv4::sha256_hex(body);
  if (!payload) return payload.error();
  sigv4::Request request{method, *parsed, headers, *payload};
  auto signed_request = sigv4::sign_request(request, credentials, {region, "s3"}, amz_date);
  if (!signed_request) return signed_request.error();
  // The URL as signed: the same encoding the canonical request used.
  platform::HttpRequest http{method, sigv4::format_url(*parsed), headers, body};
  http.headers.insert(http.headers.end(), signed_request->add_headers.begin(), signed_request->add_headers.end());
  return platform::http_blocking(http);
}

std::string describe_failure(const platform::HttpResponse& r) {
  if (r.status == 0) return r.error;
  const std::string code = element(to_string(r.body), "Code");
  return "HTTP " + std::to_string(r.status) + (code.empty() ? "" : " " + code);
}

Result<ListPage> parse_list_page(const std::string& xml) {
  if (xml.find("<ListBucketResult") == std::string::npos) {
    return make_error(Errc::bad_input, "the storage did not answer with a ListBucketResult");
  }
  ListPage page;
  std::size_t at = 0, end = 0;
  while (true) {
    const std::string contents = element(xml, "Contents", at, &end);
    if (end <= at) break;
    at = end;
    S3Object o;
    o.key = unescape_xml(element(contents, "Key"));
    o.size = std::strtoull(element(contents, "Size").c_str(), nullptr, 10);
    page.objects.push_back(std::move(o));
  }
  page.truncated = element(xml, "IsTruncated") == "true";
  page.next_token = unescape_xml(element(xml, "NextContinuationToken"));
  if (page.truncated && page.next_token.empty()) {
    return make_error(Errc::bad_input, "the listing is truncated but names no continuation token");
  }
  return page;
}

}  // namespace parley::cli
