#include "core/url.h"

#include <algorithm>

#include "core/text.h"

namespace parley {
namespace {

Error bad(std::string detail) {
  return make_error(Errc::bad_input, std::move(detail));
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return bad("The URL has a % that is not followed by two hex digits.");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}


}  // namespace

Result<Url> parse_url(std::string_view text) {
  Url url;
  std::string_view rest;
  if (text.rfind("http://", 0) == 0) {
    url.scheme = "http";
    rest = text.substr(7);
  } else if (text.rfind("https://", 0) == 0) {
    url.scheme = "https";
    rest = text.substr(8);
  } else {
    return bad("The URL must start with http:// or https://.");
  }
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7f) return bad("The URL may not contain spaces or control characters.");
  }
  if (text.find('#') != std::string_view::npos) return bad("The URL may not contain a fragment (#).");
  const std::size_t end = std::min(rest.find('/'), rest.find('?'));
  std::string authority = ascii_lower(rest.substr(0, end));
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.find('@') != std::string::npos) return bad("The URL may not contain a user name or password.");

  std::string host = authority;
  std::string port;
  bool has_port = false;
  if (!authority.empty() && authority[0] == '[') {  // [IPv6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) return bad("The URL's IPv6 address lacks its closing ].");
    host = authority.substr(0, close + 1);
    const std::string after = authority.substr(close + 1);
    if (!after.empty() && after[0] != ':') return bad("The URL's host is not valid.");
    has_port = !after.empty();
    if (has_port) port = after.substr(1);
    const std::string inner = host.substr(1, host.size() - 2);
    if (inner.empty() ||
        !std::all_of(inner.begin(), inner.end(), [](char c) { return hex_value(c) >= 0 || c == ':' || c == '.'; })) {
      return bad("The URL's IPv6 address is not valid.");
    }
  } else {
    const std::size_t colon = authority.find(':');
    has_port = colon != std::string::npos;
    if (has_port) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), is_host_char)) {
      return bad("The URL's host may only contain letters, digits, dots and dashes.");
    }
  }
  if (has_port) {
    long number = 0;
    for (char c : port) number = c >= '0' && c <= '9' && number < 100000 ? number * 10 + (c - '0') : 100000;
    if (port.empty() || number < 1 || number > 65535) return bad("The URL's port must be a number from 1 to 65535.");
    port = std::to_string(number);  // "08080" and "8080" are the same port and the same Host
  }
  // Clients leave a default port out of the Host header, so the signature must too.
  const bool default_port = (url.scheme == "http" && port == "80") || (url.scheme == "https" && port == "443");
  url.host = port.empty() || default_port ? host : host + ":" + port;

  const std::size_t q = rest.find('?');
  auto path = percent_decode(rest.substr(0, q));
  if (!path) return path.error();
  url.path = path->empty() ? "/" : *path;
  if (q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view item = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (item.empty()) continue;
      const std::size_t eq = item.find('=');
      auto name = percent_decode(item.substr(0, eq));
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1));
      if (!name) return name.error();
      if (!value) return value.error();
      url.query.emplace_back(std::move(*name), std::move(*value));
    }
  }
  return url;
}

std::string format_url(const Url& url) {
  std::string out = url.scheme + "://" + url.host + uri_encode(url.path.empty() ? "/" : url.path, true);
  for (std::size_t i = 0; i < url.query.size(); ++i) {
    out.append(i ? "&" : "?")
        .append(uri_encode(url.query[i].first, false))
        .append("=")
        .append(uri_encode(url.query[i].second, false));
  }
  return out;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string origin_of(const Url& url) { return url.scheme + "://" + url.host; }

}  // namespace parley
