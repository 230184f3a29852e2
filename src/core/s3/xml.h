// S3's XML answers, read in the core so the browser app and the CLI share one parser:
// ListObjectsV2 pages, error bodies, and the URL of a listing page.
//
// The answers come from storage the reader does not control, so the reader is a flat,
// non-recursive scan with bounds on size and nesting; no DTDs (no entity expansion), only
// XML's predefined and numeric entities.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace parley::s3 {

struct Object {
  std::string key;
  std::uint64_t size = 0;
};

struct ListPage {
  std::vector<Object> objects;
  bool truncated = false;
  std::string next_token;
};

// One page of a ListObjectsV2 answer; bad_input when the text is not one.
Result<ListPage> parse_list_page(std::string_view xml);

struct ErrorInfo {
  std::string code;     // "AccessDenied"
  std::string message;  // "Policy expired."
};

// The <Code> and <Message> of an S3 error body; an empty code when the body is not an S3 error.
ErrorInfo parse_error(std::string_view xml);

// The ListObjectsV2 request URL for one page: bucket_url (ends with "/") +
// "?list-type=2&prefix=<enc>" [+ "&continuation-token=<enc>"], query encoded with uri_encode.
std::string list_url(std::string_view bucket_url, std::string_view key_prefix, std::string_view continuation_token);

}  // namespace parley::s3
