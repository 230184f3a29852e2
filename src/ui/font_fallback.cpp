#include "ui/font_fallback.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8: decode as ImGui does when it draws

#include <utility>
#include <vector>

#if !defined(PARLEY_SCRIPTS_FONT_URL) || !defined(PARLEY_UI_SCRIPTS_RANGES)
#error "PARLEY_SCRIPTS_FONT_URL and PARLEY_UI_SCRIPTS_RANGES are set by src/CMakeLists.txt"
#endif
#ifndef PARLEY_FALLBACK_FONT_URL
#error "PARLEY_FALLBACK_FONT_URL is set by src/CMakeLists.txt from PARLEY_FALLBACK_FONT_FILE"
#endif
#ifndef PARLEY_SYMBOL_FONT_URL
#error "PARLEY_SYMBOL_FONT_URL is set by src/CMakeLists.txt from PARLEY_SYMBOL_FONT_FILE"
#endif

namespace parley::ui {

const char* const kScriptsFontUrl = PARLEY_SCRIPTS_FONT_URL;
const char* const kCjkFontUrl = PARLEY_FALLBACK_FONT_URL;
const char* const kSymbolFontUrl = PARLEY_SYMBOL_FONT_URL;

struct FontFallback::Inbox {
  bool answered = false;
  platform::HttpResponse response;
};

namespace {

// The Unicode blocks of the CJK scripts (Unicode 15 block names).
struct Block {
  ImWchar first, last;
};
constexpr Block kCjkBlocks[] = {
    {0x1100, 0x11FF},    // Hangul Jamo
    {0x2E80, 0x2FFF},    // CJK Radicals Supplement, Kangxi Radicals, Ideographic Description
    {0x3000, 0x303F},    // CJK Symbols and Punctuation
    {0x3040, 0x30FF},    // Hiragana, Katakana
    {0x3100, 0x31FF},    // Bopomofo, Hangul Compatibility Jamo, Kanbun, CJK Strokes, ...
    {0x3200, 0x33FF},    // Enclosed CJK Letters and Months, CJK Compatibility
    {0x3400, 0x4DBF},    // CJK Unified Ideographs Extension A (not 4DC0-4DFF: Yijing symbols)
    {0x4E00, 0x9FFF},    // CJK Unified Ideographs
    {0xA960, 0xA97F},    // Hangul Jamo Extended-A
    {0xAC00, 0xD7FF},    // Hangul Syllables, Hangul Jamo Extended-B
    {0xF900, 0xFAFF},    // CJK Compatibility Ideographs
    {0xFE10, 0xFE1F},    // Vertical Forms
    {0xFE30, 0xFE6F},    // CJK Compatibility Forms, Small Form Variants
    {0xFF00, 0xFFEF},    // Halfwidth and Fullwidth Forms
    {0x1AFF0, 0x1B16F},  // Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana Extension
    {0x20000, 0x323AF},  // CJK Unified Ideographs Extensions B-H, Compatibility Supplement
};

// The UI font's other scripts: what NotoSans-scripts.ttf was made of, as first, last, ..., 0.
constexpr ImWchar kScriptsRanges[] = {PARLEY_UI_SCRIPTS_RANGES, 0};

bool in_ranges(const ImWchar* ranges, ImWchar c) {
  for (const ImWchar* r = ranges; r[0] != 0; r += 2) {
    if (c >= r[0] && c <= r[1]) return true;
  }
  return false;
}

bool in_cjk_block(ImWchar c) {
  for (const Block& b : kCjkBlocks) {
    if (c >= b.first && c <= b.last) return true;
  }
  return false;
}

// The emoji (Emoji=Yes in Unicode's emoji-data.txt) that sit in CJK blocks: 〰 〽 ㊗ ㊙.
bool cjk_block_emoji(ImWchar c) { return c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299; }

// ImGui's default face (the body text), once the atlas is built; null before.
const ImFont* body_face() {
  if (!ImGui::GetCurrentContext()) return nullptr;
  const ImGuiIO& io = ImGui::GetIO();
  const ImFont* font = io.FontDefault ? io.FontDefault : (io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0]);
  return font && !font->IndexLookup.empty() ? font : nullptr;
}

// The title face, when it belongs to the current atlas and is built.
const ImFont* title_face() {
  if (!ImGui::GetCurrentContext()) return nullptr;
  const ImFont* title = title_font();
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    if (font == title) return font->IndexLookup.empty() ? nullptr : font;
  }
  return nullptr;
}

// The glyph ranges of exactly the characters in `chars` (empty when there are none).
std::vector<ImWchar> ranges_of(const std::set<ImWchar>& chars) {
  std::vector<ImWchar> ranges;
  for (const ImWchar c : chars) {
    if (!ranges.empty() && ranges.back() + 1 == c) ranges.back() = c;
    else ranges.insert(ranges.end(), {c, c});
  }
  if (!ranges.empty()) ranges.push_back(0);
  return ranges;
}

}  // namespace

bool may_have(Fallback font, ImWchar c) {
  switch (font) {
    case Fallback::embedded:
      return in_ranges(ui_font_ranges(), c);
    case Fallback::scripts:
      return in_ranges(kScriptsRanges, c);
    case Fallback::cjk:
      return in_cjk_block(c);
    case Fallback::symbols:
      return !in_cjk_block(c) || cjk_block_emoji(c);
  }
  return false;
}

FontFallback::FontFallback(platform::Platform& platform, std::string cjk_url, std::string symbol_url,
                           std::string scripts_url)
    : platform_(platform) {
  fonts_[static_cast<std::size_t>(Fallback::embedded)].bytes = embedded_ui_font();
  fonts_[static_cast<std::size_t>(Fallback::scripts)].url = std::move(scripts_url);
  fonts_[static_cast<std::size_t>(Fallback::cjk)].url = std::move(cjk_url);
  fonts_[static_cast<std::size_t>(Fallback::symbols)].url = std::move(symbol_url);
  for (Font& font : fonts_) font.inbox = std::make_shared<Inbox>();
}

FontFallback::~FontFallback() = default;

void FontFallback::want(std::string_view utf8) { note(utf8, kBody); }

void FontFallback::want_title(std::string_view utf8) { note(utf8, kTitle); }

void FontFallback::note(std::string_view utf8, Face face) {
  const ImFont* font = face == kBody ? body_face() : title_face();
  if (!font) return;  // no atlas yet: the text comes again next frame
  std::set<ImWchar>& seen = seen_[face];
  const char* p = utf8.data();
  const char* const end = p + utf8.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII: the UI font has all of it
      ++p;
      continue;
    }
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);  // malformed and surrogates: U+FFFD
    p += n > 0 ? n : 1;
    // C1 controls, the replacement character, what is known (drawn, waiting, or had by none).
    if (c < 0xA0 || c == IM_UNICODE_CODEPOINT_INVALID) continue;
    const auto ch = static_cast<ImWchar>(c);
    if (font->FindGlyphNoFallback(ch) || !seen.insert(ch).second) continue;
    assign(ch, face, 0);
  }
}

void FontFallback::assign(ImWchar c, Face face, std::size_t first) {
  for (std::size_t i = first; i < kFonts; ++i) {
    Font& font = fonts_[i];
    if (!may_have(static_cast<Fallback>(i), c) || font.lacks.count(c)) continue;
    font.want[face].insert(c);
    font.unbuilt = true;
    return;
  }
  // No font has it: it stays '?' (and in seen_, so it is not asked for again).
}

ExtraGlyphs FontFallback::extra_glyphs() const {
  ExtraGlyphs extra;
  for (const Font& font : fonts_) {
    if (font.bytes) extra.push_back({font.bytes, ranges_of(font.want[kBody]), ranges_of(font.want[kTitle])});
  }
  return extra;
}

bool FontFallback::update(float pixel_ratio) {
  bool rebuild = false;
  for (Font& font : fonts_) {
    take_answer(font);
    rebuild = rebuild || (font.bytes && font.unbuilt);
  }
  if (full_) return false;
  if (rebuild) {
    ExtraGlyphs extra = extra_glyphs();
    for (Font& font : fonts_) font.unbuilt = font.unbuilt && !font.bytes;
    if (!build_fonts(pixel_ratio, extra)) {
      // One is not a font stb_truetype can read (the atlas was rebuilt without any): that one
      // is fetched again later, the others go back in with the next update.
      for (Font& font : fonts_) {
        if (!font.bytes) continue;
        font.unbuilt = !font.want[kBody].empty() || !font.want[kTitle].empty();
        if (!font_loads(*font.bytes)) {
          font.bytes.reset();
          failed(font);
        }
      }
      return true;
    }
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->TexWidth > kMaxAtlasSide || atlas->TexHeight > kMaxAtlasSide) {
      // One texture too many for some devices: back to the last set that fitted, and no more.
      full_ = true;
      build_fonts(pixel_ratio, fitted_);
      return true;
    }
    fitted_ = std::move(extra);
    verify();
    return true;
  }
  for (Font& font : fonts_) {
    const bool waiting = fetch_all_ || !font.want[kBody].empty() || !font.want[kTitle].empty();
    if (font.bytes || font.in_flight || !waiting || font.attempts >= kMaxAttempts) continue;
    if (font.wait_frames > 0) --font.wait_frames;
    else start_download(font);
  }
  return false;
}

// After a build: a character a font was asked for and did not give is one it lacks. It goes on
// to the next font that may have it (fetched if need be) or stays '?'; never asked of this one
// again, so nothing is rebuilt for it twice.
void FontFallback::verify() {
  const ImFont* faces[kFaces] = {body_face(), title_face()};
  for (std::size_t i = 0; i < kFonts; ++i) {
    Font& font = fonts_[i];
    if (!font.bytes) continue;
    for (std::size_t f = 0; f < kFaces; ++f) {
      if (!faces[f]) continue;
      std::set<ImWchar>& want = font.want[f];
      for (auto it = want.begin(); it != want.end();) {
        const ImWchar c = *it;
        if (faces[f]->FindGlyphNoFallback(c)) {
          ++it;
          continue;
        }
        it = want.erase(it);
        font.lacks.insert(c);
        assign(c, static_cast<Face>(f), i + 1);
      }
    }
  }
}

void FontFallback::start_download(Font& font) {
  ++font.attempts;
  font.in_flight = true;
  platform::HttpRequest request;
  request.url = font.url;
  // The callback may come after this object is gone (the platform outlives it): it only
  // leaves the answer in the inbox, if anyone still holds it.
  platform_.http(std::move(request), [inbox = std::weak_ptr<Inbox>(font.inbox)](platform::HttpResponse response) {
    if (auto in = inbox.lock()) {
      in->answered = true;
      in->response = std::move(response);
    }
  });
}

void FontFallback::take_answer(Font& font) {
  if (!font.inbox->answered) return;
  platform::HttpResponse response = std::move(font.inbox->response);
  *font.inbox = Inbox{};
  font.in_flight = false;
  if (response.status == 200 && !response.body.empty()) {
    font.bytes = std::make_shared<const Bytes>(std::move(response.body));
  } else {
    failed(font);  // 404, offline, refused: '?' stays
  }
}

// The next attempt waits kRetryFrames, then twice as long, and so on.
void FontFallback::failed(Font& font) {
  if (font.attempts < kMaxAttempts) font.wait_frames = kRetryFrames << (font.attempts - 1);
}

}  // namespace parley::ui
