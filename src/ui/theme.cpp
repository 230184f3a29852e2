#include "ui/theme.h"

#include <imgui.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <initializer_list>
#include <utility>

extern const unsigned char parley_font_regular[];
extern const unsigned long parley_font_regular_size;

namespace parley::ui {
namespace {

#ifndef PARLEY_UI_FONT_RANGES
#error "PARLEY_UI_FONT_RANGES is set by src/CMakeLists.txt, from the list the embedded subset is made of"
#endif
// The Latin of most European languages, the punctuation people type and currency signs: exactly
// what the embedded subset of the UI font holds (src/CMakeLists.txt, PARLEY_UI_FONT_RANGES). Its
// other scripts come as a fallback font (ui/font_fallback.h).
const ImWchar kGlyphRanges[] = {PARLEY_UI_FONT_RANGES, 0};
// What every atlas rasterises of it: the first frame waits for these glyphs only. Building the
// whole Latin set, at both sizes, was most of a phone's first frame (at a pixel ratio of 3, a
// title glyph is 90 pixels tall). The rest comes through FontFallback, from the same embedded
// bytes, for the characters drawn. The body gets Latin-1 (the letters of most Western European
// languages), the title only what English titles use: titles are few, and three times larger.
const ImWchar kBodyFirstRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x2013, 0x2014, 0x2018, 0x201E,
                                   0x2022, 0x2022, 0x2026, 0x2026, 0x20AC, 0x20AC, 0};
const ImWchar kTitleFirstRanges[] = {0x0020, 0x007E, 0x00B7, 0x00B7, 0x2013, 0x2014, 0x2018, 0x201E,
                                    0x2026, 0x2026, 0};

constexpr float kFontSize = 17.0f;
constexpr float kTitleSize = 30.0f;
ImFont* g_title = nullptr;
// What the atlas was last built with: its config points into these bytes and ranges.
ExtraGlyphs g_extra;

ImVec4 rgb(int hex, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, alpha);
}

// `fg` drawn over `bg` with fg's alpha, as the renderer blends it.
ImVec4 over(const ImVec4& fg, const ImVec4& bg) {
  const float a = fg.w;
  return ImVec4(fg.x * a + bg.x * (1 - a), fg.y * a + bg.y * (1 - a), fg.z * a + bg.z * (1 - a), 1.0f);
}

// An sfnt header ImGui's stb_truetype accepts; anything else (an HTML error page served with
// 200, a truncated file) would trip its assert or leave the atlas empty. The fallback fonts are
// served by the app's own origin, so past this check they are trusted like the wasm itself.
bool looks_like_font(const Bytes& b) {
  if (b.size() < 12 || b.size() > static_cast<std::size_t>(INT_MAX)) return false;
  static const char* const kTags[] = {"\x00\x01\x00\x00", "true", "OTTO", "ttcf"};
  for (const char* tag : kTags) {
    if (std::memcmp(b.data(), tag, 4) == 0) return true;
  }
  return false;
}

// A list of glyph ranges ImGui can take: at least one pair, ending with 0.
bool usable_ranges(const std::vector<ImWchar>& r) { return r.size() >= 3 && r.back() == 0; }

// `font` merged into the face last added to `atlas` at `size`, for the codepoints in `ranges`.
void merge_font(ImFontAtlas* atlas, const Bytes& font, float size, const std::vector<ImWchar>& ranges) {
  ImFontConfig merge;
  merge.FontDataOwnedByAtlas = false;  // shared with the fallback, kept in g_extra
  merge.MergeMode = true;
  // On whole pixels like the UI font's own glyphs (add_face).
  merge.OversampleH = 1;
  merge.OversampleV = 1;
  merge.PixelSnapH = true;
  auto* bytes = const_cast<std::uint8_t*>(font.data());
  atlas->AddFontFromMemoryTTF(bytes, static_cast<int>(font.size()), size, &merge, ranges.data());
}

// One face: the UI font at `size` for its `first` glyphs, then each extra font's glyphs for this
// face (`ranges`, its body or title list) merged into it.
ImFont* add_face(float size, const ImWchar* first, const ExtraGlyphs& extra, std::vector<ImWchar> ExtraFont::*ranges) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
  // Glyphs on whole pixels, rasterised once each: the atlas is built at the device pixel ratio,
  // so there is no blur to hide, and the first frame waits for half the rasterising that
  // ImGui's horizontal oversampling would cost.
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  auto* data = const_cast<unsigned char*>(parley_font_regular);
  ImFont* font = atlas->AddFontFromMemoryTTF(data, static_cast<int>(parley_font_regular_size), size, &config, first);
  for (const ExtraFont& e : extra) {
    if (usable_ranges(e.*ranges)) merge_font(atlas, *e.font, size, e.*ranges);
  }
  return font;
}

bool load_fonts(float scale, const ExtraGlyphs& extra) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  // As tall as the glyphs need: a power of two would upload up to twice the pixels (WebGL 2
  // takes any size), which at a phone's 3x is megabytes before the first frame.
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  add_face(kFontSize * scale, kBodyFirstRanges, extra, &ExtraFont::body);
  g_title = add_face(kTitleSize * scale, kTitleFirstRanges, extra, &ExtraFont::title);
  return atlas->Build();
}

void set_colors(ImGuiStyle& style) {
  // Contrast (WCAG 2.1 AA, checked by theme_contrast_test): text >= 4.5:1 on every background
  // it is drawn on, control borders, marks and scrollbar thumbs >= 3:1. Muted text was 0x7B8794
  // (3.4:1 on the window), borders 0xD9D4CC (1.4:1): both darkened, hues kept.
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = rgb(0x1F2933);
  c[ImGuiCol_TextDisabled] = rgb(0x545E68);
  c[ImGuiCol_WindowBg] = rgb(0xF7F5F2);
  c[ImGuiCol_ChildBg] = rgb(0xFFFFFF);
  c[ImGuiCol_PopupBg] = rgb(0xFFFFFF);
  c[ImGuiCol_Border] = rgb(0x857F76);
  c[ImGuiCol_FrameBg] = rgb(0xFFFFFF);
  c[ImGuiCol_FrameBgHovered] = rgb(0xF0EEEA);
  c[ImGuiCol_FrameBgActive] = rgb(0xE8E4DE);
  c[ImGuiCol_Button] = rgb(0x2F6F6A);
  c[ImGuiCol_ButtonHovered] = rgb(0x27605B);
  c[ImGuiCol_ButtonActive] = rgb(0x1F4F4B);
  c[ImGuiCol_CheckMark] = rgb(0x2F6F6A);
  c[ImGuiCol_SliderGrab] = rgb(0x2F6F6A);
  c[ImGuiCol_SliderGrabActive] = rgb(0x1F4F4B);
  c[ImGuiCol_Header] = rgb(0xE3EFED);
  c[ImGuiCol_HeaderHovered] = rgb(0xD3E6E3);
  c[ImGuiCol_HeaderActive] = rgb(0xC3DDD9);
  c[ImGuiCol_Separator] = rgb(0xE2DDD5);  // decorative: no contrast asked of it
  c[ImGuiCol_TextSelectedBg] = rgb(0x2F6F6A, 0.25f);
  c[ImGuiCol_NavHighlight] = rgb(0xC2410C);
  c[ImGuiCol_ScrollbarBg] = rgb(0xF7F5F2);
  c[ImGuiCol_ScrollbarGrab] = rgb(0x8C867D);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0x77716A);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0x655F58);
  c[ImGuiCol_PlotHistogram] = rgb(0x2F6F6A);
}

}  // namespace

ImFont* title_font() { return g_title; }

const ImWchar* ui_font_ranges() { return kGlyphRanges; }

const ImWchar* first_glyph_ranges(bool title) { return title ? kTitleFirstRanges : kBodyFirstRanges; }

std::shared_ptr<const Bytes> embedded_ui_font() {
  static const auto font = std::make_shared<const Bytes>(parley_font_regular, parley_font_regular + parley_font_regular_size);
  return font;
}

bool build_fonts(float pixel_ratio, ExtraGlyphs extra) {
  // Only fonts with something to merge count; one that is not a font spoils the whole list.
  const auto idle = [](const ExtraFont& e) { return !e.font || (!usable_ranges(e.body) && !usable_ranges(e.title)); };
  extra.erase(std::remove_if(extra.begin(), extra.end(), idle), extra.end());
  const auto font = [](const ExtraFont& e) { return looks_like_font(*e.font); };
  const bool usable = std::all_of(extra.begin(), extra.end(), font);
  // The atlas points into the previous extra glyphs until Clear(): they go at the end of this call.
  const ExtraGlyphs previous = std::exchange(g_extra, usable ? std::move(extra) : ExtraGlyphs{});
  if (load_fonts(pixel_ratio, g_extra)) return usable;
  // stb_truetype refused an extra font: the UI font alone still builds.
  g_extra = {};
  load_fonts(pixel_ratio, g_extra);
  return false;
}

bool font_loads(const Bytes& font) {
  if (!looks_like_font(font)) return false;
  // A scratch atlas, so the one in use is left alone. A space (or nothing, when the font has
  // none) is all it rasterises: Build() fails where stb_truetype cannot read the tables.
  ImFontAtlas scratch;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  static const ImWchar kSpace[] = {0x20, 0x20, 0};
  auto* bytes = const_cast<std::uint8_t*>(font.data());
  scratch.AddFontFromMemoryTTF(bytes, static_cast<int>(font.size()), 13.0f, &config, kSpace);
  return scratch.Build();
}

ImGuiStyle theme_style() {
  ImGuiStyle style;
  style.WindowPadding = ImVec2(0, 0);
  style.FramePadding = ImVec2(12, 8);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.WindowRounding = 0;
  style.ChildRounding = 10;
  style.FrameRounding = 6;
  style.PopupRounding = 8;
  style.GrabRounding = 6;
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  set_colors(style);
  return style;
}

void apply_theme(float pixel_ratio) {
  ExtraGlyphs extra = g_extra;  // a ratio change keeps the fallback glyphs already fetched
  build_fonts(pixel_ratio, std::move(extra));
  ImGuiStyle style = theme_style();
  style.ScaleAllSizes(pixel_ratio);
  ImGui::GetStyle() = style;
}

std::vector<ContrastPair> contrast_pairs() {
  const ImGuiStyle style = theme_style();
  const ImVec4* c = style.Colors;
  constexpr float kText = 4.5f;     // WCAG 1.4.3, text of normal size
  constexpr float kControl = 3.0f;  // WCAG 1.4.11, what shows a control and its state
  struct Surface {
    const char* name;
    ImVec4 colour;
  };
  const Surface window{"the window", c[ImGuiCol_WindowBg]}, card{"a card", c[ImGuiCol_ChildBg]},
      popup{"a popup", c[ImGuiCol_PopupBg]}, field{"a field", c[ImGuiCol_FrameBg]},
      hovered{"a hovered field", c[ImGuiCol_FrameBgHovered]}, active{"an active field", c[ImGuiCol_FrameBgActive]},
      header{"a row", c[ImGuiCol_Header]}, header_hovered{"a hovered row", c[ImGuiCol_HeaderHovered]},
      header_active{"an active row", c[ImGuiCol_HeaderActive]},
      selection{"selected text", over(c[ImGuiCol_TextSelectedBg], c[ImGuiCol_FrameBg])};
  std::vector<ContrastPair> pairs;
  const auto add = [&](const char* what, const ImVec4& fg, std::initializer_list<Surface> on, float minimum) {
    for (const Surface& s : on) pairs.push_back({std::string(what) + " on " + s.name, fg, s.colour, minimum});
  };
  // Text: windows, cards, popups, fields in every state (hints are muted), selectable rows and
  // unselected scale points (header colours); muted text is never selected.
  add("text", c[ImGuiCol_Text], {window, card, popup, field, hovered, active, header, header_hovered, header_active, selection}, kText);
  add("muted text", c[ImGuiCol_TextDisabled], {window, card, popup, field, hovered, active, header, header_hovered, header_active}, kText);
  // widgets.cpp draws white text on primary buttons and on the chosen scale point.
  const Surface button{"a button", c[ImGuiCol_Button]}, button_hovered{"a hovered button", c[ImGuiCol_ButtonHovered]},
      button_active{"a pressed button", c[ImGuiCol_ButtonActive]};
  add("white text", ImVec4(1, 1, 1, 1), {button, button_hovered, button_active}, kText);
  // A field's outline against what lies outside and inside it; the mark of a checkbox or radio
  // button against its box; the keyboard focus ring; scrollbar thumbs; progress and chart bars.
  add("a control border", c[ImGuiCol_Border], {window, card, popup, field, hovered, active}, kControl);
  add("a check mark", c[ImGuiCol_CheckMark], {field, hovered, active}, kControl);
  add("the focus ring", c[ImGuiCol_NavHighlight], {window, card, popup}, kControl);
  const Surface track{"the scrollbar track", c[ImGuiCol_ScrollbarBg]};
  add("a scrollbar thumb", c[ImGuiCol_ScrollbarGrab], {track}, kControl);
  add("a hovered scrollbar thumb", c[ImGuiCol_ScrollbarGrabHovered], {track}, kControl);
  add("a dragged scrollbar thumb", c[ImGuiCol_ScrollbarGrabActive], {track}, kControl);
  add("a bar", c[ImGuiCol_PlotHistogram], {window, card, field, active}, kControl);
  return pairs;
}

}  // namespace parley::ui
