// libFuzzer target: the S3 XML answers a storage sends back (core/s3/xml.h). parse_list_page
// and parse_error on the same input; whatever parses as a page must read back the same after
// being written out again with every special character escaped.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/s3/xml.h"

namespace {

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_listpage: %s\n", what);
  std::abort();
}

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string write_page(const parley::s3::ListPage& page) {
  std::string xml = "<ListBucketResult>";
  for (const auto& o : page.objects) {
    xml += "<Contents><Key>" + escaped(o.key) + "</Key><Size>" + std::to_string(o.size) + "</Size></Contents>";
  }
  xml += page.truncated ? "<IsTruncated>true</IsTruncated>" : "<IsTruncated>false</IsTruncated>";
  if (!page.next_token.empty()) xml += "<NextContinuationToken>" + escaped(page.next_token) + "</NextContinuationToken>";
  return xml + "</ListBucketResult>";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  (void)parley::s3::parse_error(xml);
  const auto page = parley::s3::parse_list_page(xml);
  if (!page) return 0;
  if (page->truncated && page->next_token.empty()) bug("a truncated page without a continuation token");
  for (const auto& o : page->objects) {
    if (o.key.empty()) bug("an object without a key");
  }
  const auto again = parley::s3::parse_list_page(write_page(*page));
  if (!again) bug("a parsed page does not parse again once written out");
  if (again->truncated != page->truncated || again->next_token != page->next_token ||
      again->objects.size() != page->objects.size()) {
    bug("a page changes when written out and parsed again");
  }
  for (std::size_t i = 0; i < page->objects.size(); ++i) {
    if (again->objects[i].key != page->objects[i].key || again->objects[i].size != page->objects[i].size) {
      bug("an object changes when written out and parsed again");
    }
  }
  return 0;
}
