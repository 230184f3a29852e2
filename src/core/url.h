// The one URL parser: http(s) URLs as storage endpoints, campaign links and S3 signing need them.
//
// Strict on purpose: a URL that a person is shown (a campaign's storage) and a URL that a request
// is signed for must be the same URL, so anything ambiguous (user info, fragments, spaces,
// control characters, hosts outside a-z 0-9 . -) is refused rather than normalised away.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace parley {

// An http(s) URL split into parts. `path` and the query are percent-decoded, so that encoding
// happens exactly once, when a URL (or an S3 canonical request) is written.
struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case, with the port unless it is the scheme's default (the Host header)
  std::string path;    // decoded; starts with "/"
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in URL order
};

// Accepts http:// and https:// URLs without user info or fragment. `+` in a query is a plus,
// not a space (S3 clients write spaces as %20). Errc::bad_input otherwise.
Result<Url> parse_url(std::string_view url);
// The URL with path and query encoded by uri_encode(), query in the given order.
std::string format_url(const Url& url);

// "scheme://host": where a request to `url` goes, the browser's origin of it.
std::string origin_of(const Url& url);

// RFC 3986 percent-encoding as S3 wants it: A-Z a-z 0-9 - . _ ~ stay, every other byte
// becomes %XX (upper-case hex); `/` stays too when `keep_slash` (paths).
std::string uri_encode(std::string_view text, bool keep_slash);

}  // namespace parley
