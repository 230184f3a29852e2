#include "core/s3/xml.h"

#include <algorithm>
#include <cstddef>

#include "core/url.h"

namespace parley::s3 {
namespace {

// A 1,000-key ListObjectsV2 page with 1 KiB keys is ~1.3 MB; S3 error bodies are tiny.
constexpr std::size_t kMaxXmlBytes = 8u << 20;
// S3 answers nest three levels deep (ListBucketResult > Contents > Owner > ID is the deepest).
constexpr std::size_t kMaxDepth = 16;
// S3 and RGW return at most 1,000 keys per page; a page claiming far more is not one.
constexpr std::size_t kMaxObjectsPerPage = 10000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) {
  return !is_space(c) && c != '<' && c != '>' && c != '/' && c != '=' && c != '"' && c != '\'' && c != '&' &&
         c != '?' && c != '!';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// XML 1.0's Char production: what a numeric reference may name.
bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

// The reference `ref` (between & and ;): the five predefined entities or &#N; / &#xH;. Anything
// else is refused: without a DTD no other entity exists.
bool decode_reference(std::string_view ref, std::string& out) {
  if (ref == "amp") return out += '&', true;
  if (ref == "lt") return out += '<', true;
  if (ref == "gt") return out += '>', true;
  if (ref == "quot") return out += '"', true;
  if (ref == "apos") return out += '\'', true;
  if (ref.size() < 2 || ref[0] != '#') return false;
  const bool hex = ref[1] == 'x';
  const std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return false;
  std::uint32_t cp = 0;
  for (const char c : digits) {
    std::uint32_t d;
    if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
    else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
    else return false;
    cp = cp * (hex ? 16 : 10) + d;  // at most 8 digits: no overflow
  }
  if (!is_xml_char(cp)) return false;
  append_utf8(out, cp);
  return true;
}

// Character data with its references decoded, appended to `out`.
bool decode_text(std::string_view text, std::string& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t amp = text.find('&', i);
    out.append(text.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i));
    if (amp == std::string_view::npos) break;
    const std::size_t semi = text.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) return false;
    if (!decode_reference(text.substr(amp + 1, semi - amp - 1), out)) return false;
    i = semi + 1;
  }
  return true;
}

// Receives the elements of a document in order. depth is 1 for the root. `text` is the decoded
// character data directly inside the element (meaningful for leaves). Returning false stops the
// scan; the handler keeps its own reason.
struct Handler {
  virtual ~Handler() = default;
  virtual bool start(std::size_t depth, std::string_view name) = 0;
  virtual bool end(std::size_t depth, std::string_view name, const std::string& text) = 0;
};

// A flat scan of one XML document: no recursion, an explicit stack of at most kMaxDepth names,
// well-formedness checked as far as the answers need (matching tags, one root, known entities).
Status scan(std::string_view xml, Handler& handler) {
  const auto bad = [](const char* why) { return Status(make_error(Errc::bad_input, std::string("Not an S3 answer: ") + why)); };
  if (xml.size() > kMaxXmlBytes) return bad("too large.");
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") xml.remove_prefix(3);
  std::vector<std::string_view> open;
  std::string text;
  bool root_done = false;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      const std::size_t lt = std::min(xml.find('<', i), xml.size());
      const std::string_view chars = xml.substr(i, lt - i);
      if (open.empty()) {
        for (const char c : chars)
          if (!is_space(c)) return bad("text outside the root element.");
      } else if (!decode_text(chars, text)) {
        return bad("an unknown or malformed entity.");
      }
      i = lt;
      continue;
    }
    const std::string_view rest = xml.substr(i);
    if (rest.substr(0, 2) == "<?") {  // the XML declaration or a processing instruction
      const std::size_t e = rest.find("?>");
      if (e == std::string_view::npos) return bad("an unterminated declaration.");
      i += e + 2;
    } else if (rest.substr(0, 4) == "<!--") {
      const std::size_t e = rest.find("-->", 4);
      if (e == std::string_view::npos) return bad("an unterminated comment.");
      i += e + 3;
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      const std::size_t e = rest.find("]]>", 9);
      if (e == std::string_view::npos || open.empty()) return bad("a misplaced CDATA section.");
      text.append(rest.substr(9, e - 9));
      i += e + 3;
    } else if (rest.substr(0, 2) == "<!") {
      return bad("a document type declaration.");  // DTDs could define entities: never read them
    } else if (rest.substr(0, 2) == "</") {
      std::size_t n = 2;
      while (n < rest.size() && is_name_char(rest[n])) ++n;
      const std::string_view name = rest.substr(2, n - 2);
      while (n < rest.size() && is_space(rest[n])) ++n;
      if (n >= rest.size() || rest[n] != '>') return bad("a malformed end tag.");
      if (open.empty() || open.back() != name) return bad("mismatched tags.");
      if (!handler.end(open.size(), name, text)) return Status(Ok{});
      text.clear();
      open.pop_back();
      if (open.empty()) root_done = true;
      i += n + 1;
    } else {
      std::size_t n = 1;
      while (n < rest.size() && is_name_char(rest[n])) ++n;
      const std::string_view name = rest.substr(1, n - 1);
      if (name.empty()) return bad("a malformed start tag.");
      if (root_done && open.empty()) return bad("more than one root element.");
      if (open.size() >= kMaxDepth) return bad("nested too deeply.");
      // Attributes are skipped; quoted values may contain '>'.
      char quote = 0;
      while (n < rest.size() && (quote || rest[n] != '>')) {
        if (quote && rest[n] == quote) quote = 0;
        else if (!quote && (rest[n] == '"' || rest[n] == '\'')) quote = rest[n];
        else if (!quote && rest[n] == '<') return bad("a malformed start tag.");
        ++n;
      }
      if (n >= rest.size()) return bad("an unterminated start tag.");
      const bool empty_element = rest[n - 1] == '/';
      open.push_back(name);
      text.clear();
      if (!handler.start(open.size(), name)) return Status(Ok{});
      if (empty_element) {
        if (!handler.end(open.size(), name, text)) return Status(Ok{});
        open.pop_back();
        if (open.empty()) root_done = true;
      }
      i += n + 1;
    }
  }
  if (!open.empty()) return bad("the document ends inside an element.");
  if (!root_done) return bad("no element.");
  return Status(Ok{});
}

// An unsigned decimal without sign, spaces or overflow.
bool parse_size(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 20) return false;
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

struct ListReader : Handler {
  ListPage page;
  std::string problem;
  bool in_contents = false, has_key = false, has_size = false;

  bool stop(const char* why) {
    problem = why;
    return false;
  }
  bool start(std::size_t depth, std::string_view name) override {
    if (depth == 1 && name != "ListBucketResult") return stop("The storage did not answer with a ListBucketResult.");
    if (depth == 2 && name == "Contents") {
      if (page.objects.size() >= kMaxObjectsPerPage) return stop("The listing page holds too many objects.");
      page.objects.emplace_back();
      in_contents = true;
      has_key = has_size = false;
    }
    return true;
  }
  bool end(std::size_t depth, std::string_view name, const std::string& text) override {
    if (depth == 3 && in_contents && name == "Key") {
      page.objects.back().key = text;
      has_key = !text.empty();
    } else if (depth == 3 && in_contents && name == "Size") {
      if (!parse_size(text, page.objects.back().size)) return stop("An object in the listing has a malformed size.");
      has_size = true;
    } else if (depth == 2 && name == "Contents") {
      if (!has_key || !has_size) return stop("An object in the listing has no key or no size.");
      in_contents = false;
    } else if (depth == 2 && name == "IsTruncated") {
      if (text != "true" && text != "false") return stop("The listing's IsTruncated is neither true nor false.");
      page.truncated = text == "true";
    } else if (depth == 2 && name == "NextContinuationToken") {
      page.next_token = text;
    }
    return true;
  }
};

struct ErrorReader : Handler {
  ErrorInfo info;
  bool is_error = false;

  bool start(std::size_t depth, std::string_view name) override {
    if (depth == 1) is_error = name == "Error";
    return is_error;
  }
  bool end(std::size_t depth, std::string_view name, const std::string& text) override {
    if (depth == 2 && name == "Code") info.code = text;
    if (depth == 2 && name == "Message") info.message = text;
    return true;
  }
};

}  // namespace

Result<ListPage> parse_list_page(std::string_view xml) {
  ListReader reader;
  if (auto ok = scan(xml, reader); !ok) return ok.error();
  if (!reader.problem.empty()) return make_error(Errc::bad_input, reader.problem);
  if (reader.page.truncated && reader.page.next_token.empty())
    return make_error(Errc::bad_input, "The listing is truncated but names no continuation token.");
  return std::move(reader.page);
}

ErrorInfo parse_error(std::string_view xml) {
  ErrorReader reader;
  if (!scan(xml, reader) || !reader.is_error) return {};
  return reader.info;
}

std::string list_url(std::string_view bucket_url, std::string_view key_prefix, std::string_view continuation_token) {
  std::string url(bucket_url);
  if (url.empty() || url.back() != '/') url += '/';
  url += "?list-type=2&prefix=" + uri_encode(key_prefix, false);
  if (!continuation_token.empty()) url += "&continuation-token=" + uri_encode(continuation_token, false);
  return url;
}

}  // namespace parley::s3
