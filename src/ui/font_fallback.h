// Glyphs for scripts the embedded UI font lacks (Japanese, Chinese, Korean, ...), fetched on
// first need from the app's own origin and merged into the font atlas.
//
// The UI font covers Latin (incl. Vietnamese), Greek and Cyrillic and is part of the wasm. A
// CJK font is megabytes, so it is a separate static file (build/web/fonts/, copied from a
// Debian package at build time) that only people who read or type such text download. Until it
// has arrived, or when it cannot be had, those characters draw as '?' as before; nothing waits
// for it.
//
// Each frame: want() every text drawn (want_title() for text drawn in title_font()), then
// update() before the next ImGui::NewFrame(); when update() returns true the atlas was rebuilt
// and the renderer must re-upload the font texture.
#pragma once

#include <imgui.h>

#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "platform/platform.h"

namespace parley::ui {

// Where the build puts the fallback font, relative to the page ("fonts/wqy-microhei.ttc").
extern const char* const kFallbackFontUrl;

class FontFallback {
 public:
  // A failed download is tried again this many times in all, each after a longer pause.
  static constexpr int kMaxAttempts = 3;
  // Frames (update() calls) between a failure and the next attempt; doubled each time.
  static constexpr int kRetryFrames = 300;  // about 5 s at 60 frames per second

  explicit FontFallback(platform::Platform& platform, std::string url = kFallbackFontUrl);
  ~FontFallback();
  FontFallback(const FontFallback&) = delete;
  FontFallback& operator=(const FontFallback&) = delete;

  // Text about to be drawn (or just drawn) in the body face: remembers the characters it has
  // no glyph for. Control characters, U+FFFD and characters past U+FFFF (which this ImGui build
  // cannot draw) are ignored. Cheap for text the UI font covers; call it every frame.
  void want(std::string_view utf8);
  // The same for text drawn in title_font() (page and campaign titles). Kept apart because a
  // title glyph takes three times the atlas area of a body one.
  void want_title(std::string_view utf8);

  // Once per frame, outside NewFrame/Render. Starts the download (once) when something is
  // missing; when the font is here and new characters are wanted, rebuilds the atlas at
  // `pixel_ratio` with the fallback merged in for exactly the characters seen so far, and
  // returns true: re-upload the font texture then. Never blocks.
  bool update(float pixel_ratio);

  // The atlas must stay one texture the GPU takes: 4096 is what practically every WebGL 2
  // device allows (the spec's minimum, 2048, the UI font alone fills at a pixel ratio of 2).
  // Characters that would grow it past this (thousands of distinct ideographs) stay '?'.
  static constexpr int kMaxAtlasSide = 4096;

  // For tests and diagnostics.
  int attempts() const { return attempts_; }
  bool has_font() const { return font_ != nullptr; }
  bool gave_up() const { return attempts_ >= kMaxAttempts && !font_ && !in_flight_; }

 private:
  struct Inbox;  // where the HTTP callback leaves the answer; outlives this object if need be
  using Seen = std::bitset<0x10000>;

  void note(std::string_view utf8, const ImFont* face, Seen& seen);
  void start_download();
  void take_answer();
  void failed();

  platform::Platform& platform_;
  std::string url_;
  std::shared_ptr<Inbox> inbox_;
  std::shared_ptr<const Bytes> font_;  // the fallback font, once fetched (shared with the theme)
  Seen seen_body_, seen_title_;        // every missing character ever wanted, per face
  bool new_since_build_ = false;       // seen_* have characters the atlas was not built with
  bool full_ = false;                  // the atlas reached kMaxAtlasSide: no more characters
  std::vector<ImWchar> fitted_body_, fitted_title_;  // the ranges of the last build that fitted
  bool in_flight_ = false;
  int attempts_ = 0;
  int wait_frames_ = 0;                // before the next attempt after a failure
};

}  // namespace parley::ui
