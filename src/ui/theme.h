// Parley's look: a calm, light theme and the embedded UI font, both scaled to the device
// pixel ratio so text stays crisp (ImGui works in device pixels here). This is the one place
// that loads fonts: the fallbacks for scripts and emoji the UI font lacks (font_fallback.h) are
// merged in through build_fonts(), and the contrast every colour pair must keep is listed here
// so a test can hold the palette to WCAG 2.1 AA.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "core/bytes.h"

namespace parley::ui {

// Call with the current device pixel ratio; call again when it changes. Rebuilds the font
// atlas (with the extra glyphs last given to build_fonts, if any): the renderer backend must
// re-upload the font texture afterwards.
void apply_theme(float pixel_ratio);

// Glyphs taken from another font and merged into the faces, for codepoints the UI font lacks.
// ImGui keeps pointers into the font bytes and the ranges, so the theme holds them (sharing the
// bytes with their owner) for as long as the atlas may be rebuilt from them.
struct ExtraFont {
  std::shared_ptr<const Bytes> font;  // a TrueType file or collection (its first font is used)
  // [first, last] pairs ending with 0 (ImFontGlyphRangesBuilder::BuildRanges), one list per
  // face; an empty list merges nothing into that face. Title glyphs cost three times the atlas
  // area of body ones, so only characters drawn in titles go there.
  std::vector<ImWchar> body;
  std::vector<ImWchar> title;
};
// Merged in this order: where two fonts have a codepoint both were asked for, the first wins.
using ExtraGlyphs = std::vector<ExtraFont>;

// Rebuilds the font atlas at `pixel_ratio`: the UI font at body and title size, each with the
// `extra` glyphs for it merged in. `extra` is kept for later rebuilds (apply_theme after a ratio
// change) until the next call; an empty one drops it. Call between frames, never between
// NewFrame and Render. Returns false when an extra font would not load: the atlas is then
// rebuilt without any (and `extra` is dropped; font_loads() tells which one it was). Re-upload
// the font texture either way.
bool build_fonts(float pixel_ratio, ExtraGlyphs extra);

// Whether stb_truetype, as the atlas uses it, reads `font` (a trial on a scratch atlas, for
// the first font of a collection). Cheap: parses the tables, rasterises one glyph at most.
bool font_loads(const Bytes& font);

// The larger face used for page titles (the default font is the body text).
ImFont* title_font();

// The codepoints the embedded UI font has ([first, last] pairs ending with 0): the ranges its
// subset was made of. Everything outside them comes from the fallback fonts.
const ImWchar* ui_font_ranges();
// The part of them every atlas has, for the body or the title face (a few hundred glyphs, so the
// first frame rasterises little); the others are merged in by FontFallback when drawn.
const ImWchar* first_glyph_ranges(bool title);
// The embedded UI font's bytes, for merging its other glyphs as a fallback font is merged.
std::shared_ptr<const Bytes> embedded_ui_font();

// The style apply_theme() installs, before scaling; needs no ImGui context.
ImGuiStyle theme_style();

// One colour drawn on another, and the contrast WCAG 2.1 AA asks of it: 4.5:1 for text
// (1.4.3), 3:1 for the borders and marks that show a control (1.4.11). Both are opaque (a
// translucent background is already composited over what lies under it).
struct ContrastPair {
  std::string what;  // "muted text on a hovered field", for test messages
  ImVec4 fg;
  ImVec4 bg;
  float minimum;
};

// Every pair the theme draws (also the white text widgets put on primary buttons).
std::vector<ContrastPair> contrast_pairs();

}  // namespace parley::ui
