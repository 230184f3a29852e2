#include "client/storage_answer.h"

#include <algorithm>
#include <cstdint>

#include "core/s3/xml.h"

namespace parley::client {
namespace {

// The longest S3 message a person is shown; real ones are a sentence ("Policy expired.").
constexpr std::size_t kMaxMessageChars = 200;

// Code points that change how the text around them is laid out or shown, never what it says:
// the C1 controls, and the bidirectional marks, embeddings, overrides and isolates.
bool is_invisible_control(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Decodes one UTF-8 sequence at s[i]; 0 bytes when it is not one (overlong, surrogate, cut short).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<std::uint8_t>(s[i]);
  std::size_t n = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
  else return 0;
  if (i + n >= s.size()) return 0;
  for (std::size_t k = 1; k <= n; ++k) {
    const auto cc = static_cast<std::uint8_t>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n + 1;
}

}  // namespace

std::string printable(std::string_view untrusted, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < untrusted.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decode(untrusted, i, cp);
    std::string_view piece = untrusted.substr(i, n);
    if (n == 0) {  // not UTF-8: one replacement character per byte
      n = 1;
      piece = "\xEF\xBF\xBD";
    } else if (cp == '\n' || cp == '\r' || cp == '\t') {
      piece = " ";
    } else if (cp < 0x20 || cp == 0x7F || is_invisible_control(cp)) {
      i += n;
      continue;
    }
    i += n;
    if (chars == max_chars) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    out += piece;
    ++chars;
  }
  return out;
}

std::string s3_error_code(std::string_view body) {
  std::string code = s3::parse_error(body).code;
  const bool plain = !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  return plain ? code : std::string();
}

std::string storage_said(const platform::HttpResponse& r) {
  if (r.status == 0) return "no answer (" + printable(r.error.empty() ? "unknown" : r.error, kMaxMessageChars) + ")";
  const std::string_view body(reinterpret_cast<const char*>(r.body.data()), r.body.size());
  const std::string code = s3_error_code(body);
  const std::string message = code.empty() ? std::string() : printable(s3::parse_error(body).message, kMaxMessageChars);
  if (code.empty()) return {};
  std::string said = "HTTP " + std::to_string(r.status) + " " + code;
  if (!message.empty()) said += " (" + message + ")";
  return said;
}

std::string with_storage_said(std::string sentence, const platform::HttpResponse& r) {
  const std::string said = storage_said(r);
  if (!said.empty() && sentence.find(said) == std::string::npos) sentence += " [" + said + "]";
  return sentence;
}

std::string describe_answer(const platform::HttpResponse& r) {
  std::string said = storage_said(r);
  return said.empty() ? "HTTP " + std::to_string(r.status) : said;
}

}  // namespace parley::client
