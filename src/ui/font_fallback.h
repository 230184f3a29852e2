// Glyphs the embedded UI font lacks (Greek, Cyrillic, Vietnamese, Japanese, Chinese, Korean,
// emoji, arrows, dingbats, ...), fetched on first need from the app's own origin and merged into
// the font atlas.
//
// The embedded UI font covers the Latin of most European languages and is part of the wasm. The
// rest is in separate static files (build/web/fonts/, made from Debian packages at build time)
// that only people who read or type such text download: the UI font's other scripts (Vietnamese,
// Greek, Cyrillic, the rest of Latin; a subset of the same Noto Sans, so they look the same), a
// CJK font for the CJK scripts and a monochrome symbol font for emoji and every other symbol. Which
// file may have a character is decided from its Unicode block before anything is fetched; once a
// file is here, ImGui's atlas says whether it really has the glyph, and a character it lacks
// goes on to the next file that may have it, or stays '?'. Until a file has arrived, or when it
// cannot be had, its characters draw as '?' as before; nothing waits for it.
//
// Each frame: want() every text drawn (want_title() for text drawn in title_font()), then
// update() before the next ImGui::NewFrame(); when update() returns true the atlas was rebuilt
// and the renderer must re-upload the font texture.
#pragma once

#include <imgui.h>

#include <array>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "platform/platform.h"
#include "ui/theme.h"

namespace parley::ui {

// Where the build puts the fallback fonts, relative to the page: the UI font's other scripts
// ("fonts/NotoSans-scripts.ttf"), the CJK font ("fonts/wqy-microhei.ttc") and the emoji and
// symbol font ("fonts/Symbola_hint.ttf").
extern const char* const kScriptsFontUrl;
extern const char* const kCjkFontUrl;
extern const char* const kSymbolFontUrl;

// The fallback fonts, in the order a character tries them. The first is the embedded UI font
// itself, for the glyphs the first atlas leaves out (theme.h, first_glyph_ranges): here from
// the start, so a character of it is drawn from the frame after the one that first showed it.
enum class Fallback : std::size_t { embedded, scripts, cjk, symbols };

// Whether `font` may have `c`, judged from Unicode blocks alone (nothing is downloaded to ask):
// the embedded font for the ranges it was made of (PARLEY_UI_FONT_RANGES); the scripts font for the ranges it was made of (src/CMakeLists.txt, PARLEY_UI_SCRIPTS_RANGES);
// the CJK font for Han, kana, hangul, bopomofo, CJK symbols and fullwidth forms; the symbol
// font for everything else, and for the few emoji inside the CJK blocks (the CJK font lacks
// them, so they reach it second).
bool may_have(Fallback font, ImWchar c);

class FontFallback {
 public:
  // A failed download is tried again this many times in all, each after a longer pause.
  static constexpr int kMaxAttempts = 3;
  // Frames (update() calls) between a failure and the next attempt; doubled each time.
  static constexpr int kRetryFrames = 300;  // about 5 s at 60 frames per second

  explicit FontFallback(platform::Platform& platform, std::string cjk_url = kCjkFontUrl,
                        std::string symbol_url = kSymbolFontUrl, std::string scripts_url = kScriptsFontUrl);
  ~FontFallback();
  FontFallback(const FontFallback&) = delete;
  FontFallback& operator=(const FontFallback&) = delete;

  // Text about to be drawn (or just drawn) in the body face: remembers the characters it has
  // no glyph for, each for the first fallback font that may have it. Control characters,
  // U+FFFD and malformed UTF-8 are ignored. Cheap for text the UI font covers; call it every
  // frame.
  void want(std::string_view utf8);
  // The same for text drawn in title_font() (page and campaign titles). Kept apart because a
  // title glyph takes three times the atlas area of a body one.
  void want_title(std::string_view utf8);

  // Fetches every fallback font now, whatever is on screen. For respondents: a download that
  // followed what they type would tell the host the language of their answer (and link it to
  // their upload); every respondent fetching the same files at the same step tells it nothing.
  void fetch_all() { fetch_all_ = true; }

  // Once per frame, outside NewFrame/Render. Starts the download of a font (once) when a
  // character is waiting for it; when fonts are here and new characters are wanted from them,
  // rebuilds the atlas at `pixel_ratio` with the fallbacks merged in for exactly the characters
  // seen so far, and returns true: re-upload the font texture then. Never blocks.
  bool update(float pixel_ratio);

  // The atlas must stay one texture the GPU takes: 4096 is what practically every WebGL 2
  // device allows (the spec's minimum, 2048, the UI font alone fills at a pixel ratio of 2).
  // Characters that would grow it past this (thousands of distinct ideographs) stay '?'.
  static constexpr int kMaxAtlasSide = 4096;

  // For tests and diagnostics.
  int attempts(Fallback font) const { return at(font).attempts; }
  bool has_font(Fallback font) const { return at(font).bytes != nullptr; }
  bool gave_up(Fallback font) const {
    const Font& f = at(font);
    return f.attempts >= kMaxAttempts && !f.bytes && !f.in_flight;
  }

 private:
  struct Inbox;  // where the HTTP callback leaves the answer; outlives this object if need be
  enum Face : std::size_t { kBody, kTitle, kFaces };
  static constexpr std::size_t kFonts = 4;

  // One fallback font file and the characters waiting for it.
  struct Font {
    std::string url;
    std::shared_ptr<Inbox> inbox;
    std::shared_ptr<const Bytes> bytes;          // once fetched (shared with the theme)
    std::array<std::set<ImWchar>, kFaces> want;  // characters to take from it, per face
    std::set<ImWchar> lacks;                     // characters it turned out not to have
    bool unbuilt = false;  // `want` has characters the atlas was not built with
    bool in_flight = false;
    int attempts = 0;
    int wait_frames = 0;   // before the next attempt after a failure
  };

  const Font& at(Fallback font) const { return fonts_[static_cast<std::size_t>(font)]; }
  void note(std::string_view utf8, Face face);
  // Gives `c` (wanted in `face`) to the first font from `first` on that may have it, if any.
  void assign(ImWchar c, Face face, std::size_t first);
  ExtraGlyphs extra_glyphs() const;
  void verify();
  void start_download(Font& font);
  void take_answer(Font& font);
  static void failed(Font& font);

  platform::Platform& platform_;
  std::array<Font, kFonts> fonts_;
  // Every missing character ever wanted, per face, including those no font has.
  std::array<std::set<ImWchar>, kFaces> seen_;
  bool full_ = false;   // the atlas reached kMaxAtlasSide: no more characters
  bool fetch_all_ = false;  // see fetch_all()
  ExtraGlyphs fitted_;  // what the last build that fitted merged in
};

}  // namespace parley::ui
