#include "core/s3/bucket_setup.h"

#include <algorithm>
#include <cctype>

#include "core/s3/post_policy.h"

namespace parley::s3 {

bool is_origin(std::string_view o) {
  std::string_view rest;
  if (o.rfind("http://", 0) == 0)
    rest = o.substr(7);
  else if (o.rfind("https://", 0) == 0)
    rest = o.substr(8);
  else
    return false;
  const std::size_t colon = rest.rfind(':');
  const bool bracketed = !rest.empty() && rest.front() == '[';
  std::string_view host = rest;
  if (colon != std::string_view::npos && (!bracketed || colon > rest.find(']'))) {
    const std::string_view port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    host = rest.substr(0, colon);
  }
  if (host.empty() || host.size() > 253) return false;
  if (bracketed) {
    return host.back() == ']' && host.size() > 2 && std::all_of(host.begin() + 1, host.end() - 1, [](char c) {
             return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
           });
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

Result<std::string> bucket_cors_xml(std::string_view origin) {
  if (!is_origin(origin))
    return make_error(Errc::bad_input, "The app origin must be http(s)://host[:port], without a path.");
  std::string xml = "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n  <CORSRule>\n";
  xml += "    <AllowedOrigin>" + std::string(origin) + "</AllowedOrigin>\n";
  for (const char* method : {"GET", "HEAD", "PUT", "POST"})
    xml += std::string("    <AllowedMethod>") + method + "</AllowedMethod>\n";
  // What the app sends: SigV4 headers when a manager reads, Content-Type on uploads.
  for (const char* header : {"authorization", "content-type", "x-amz-content-sha256", "x-amz-date"}) {
    xml += std::string("    <AllowedHeader>") + header + "</AllowedHeader>\n";
  }
  xml +=
      "    <ExposeHeader>ETag</ExposeHeader>\n    <MaxAgeSeconds>600</MaxAgeSeconds>\n  </CORSRule>\n</CORSConfiguration>\n";
  return xml;
}

Result<std::string> inbox_bucket_policy(std::string_view bucket, std::string_view key_prefix) {
  if (auto ok = check_bucket_name(bucket); !ok) return ok.error();
  if (auto ok = check_key_prefix(key_prefix); !ok) return ok.error();
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"ParleyAnonymousInbox\",\n"
         "      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"s3:PutObject\",\n"
         "      \"Resource\": \"arn:aws:s3:::" +
         std::string(bucket) + "/" + std::string(key_prefix) + "*\"\n    }\n  ]\n}\n";
}

}  // namespace parley::s3
