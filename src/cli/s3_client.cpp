#include "cli/s3_client.h"

#include <cstdlib>
#include <ctime>

#include "cli/io.h"
#include "core/utc_time.h"
#include "platform/platform_native.h"

namespace parley::cli {

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
  const s3::ErrorInfo e = s3::parse_error(to_string(r.body));
  std::string text = "HTTP " + std::to_string(r.status);
  if (!e.code.empty()) text += " " + e.code.substr(0, 64);
  if (!e.message.empty()) text += " (" + e.message.substr(0, 200) + ")";
  return text;
}

Result<std::vector<s3::Object>> s3_list_objects(const std::string& bucket_url, const std::string& key_prefix,
                                                const sigv4::Credentials& credentials, const std::string& region,
                                                const std::string& amz_date) {
  std::vector<s3::Object> objects;
  std::string token;
  do {
    auto r = s3_request("GET", s3::list_url(bucket_url, key_prefix, token), {}, {}, credentials, region, amz_date);
    if (!r) return r.error();
    if (r->status != 200) return make_error(Errc::bad_input, "cannot list " + bucket_url + ": " + describe_failure(*r));
    auto page = s3::parse_list_page(to_string(r->body));
    if (!page) return page.error();
    objects.insert(objects.end(), page->objects.begin(), page->objects.end());
    // A storage that hands back the same token would keep a reader here forever.
    if (page->truncated && page->next_token == token)
      return make_error(Errc::bad_input, "the storage repeated its continuation token");
    token = page->truncated ? page->next_token : "";
  } while (!token.empty());
  return objects;
}

}  // namespace parley::cli
