// The UI font's two subsets of Noto Sans, made at build time (src/CMakeLists.txt): the embedded
// one (PARLEY_UI_FONT_RANGES) against what it must draw, every character of the text catalogs
// and the templates, and both it and the served scripts font (PARLEY_UI_SCRIPTS_RANGES) against
// every glyph the whole font has in the ranges each was made of. Characters outside those
// ranges are the other fallback fonts' (font_fallback_test.cpp).
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8: decode as ImGui does when it draws

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/headless_imgui.h"
#include "ui/font_fallback.h"
#include "ui/theme.h"

extern const unsigned long parley_font_regular_size;  // the embedded subset (parley_embed_file)

namespace parley::ui {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string hex(ImWchar c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

class UiFontTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::create_headless_imgui()); }
  void TearDown() override { ImGui::DestroyContext(); }
  static const ImFont* body() { return ImGui::GetIO().Fonts->Fonts[0]; }
};

TEST_F(UiFontTest, DrawsEveryCharacterOfTheTextsAndTemplates) {
  std::vector<fs::path> files;
  for (const char* folder : {"texts", "templates"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_ASSETS_DIR) / folder)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
  }
  ASSERT_GE(files.size(), 4u) << "en.json and the three templates at least";
  std::size_t non_ascii = 0;
  for (const fs::path& file : files) {
    const std::string text = read_file(file);
    ASSERT_FALSE(text.empty()) << file;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
      unsigned int c = 0;
      p += ImTextCharFromUtf8(&c, p, end);
      ASSERT_NE(c, IM_UNICODE_CODEPOINT_INVALID) << file << " is not UTF-8";
      if (c < 0x20) continue;  // line breaks and tabs are layout, not glyphs
      non_ascii += c >= 0x80;
      const auto ch = static_cast<ImWchar>(c);
      EXPECT_NE(body()->FindGlyphNoFallback(ch), nullptr) << hex(ch) << " of " << file.filename() << " in the body face";
      EXPECT_NE(title_font()->FindGlyphNoFallback(ch), nullptr) << hex(ch) << " of " << file.filename() << " in the title face";
    }
  }
  EXPECT_GT(non_ascii, 0u) << "the texts use typographic quotes, dashes and ellipses";
}

// How many glyphs the whole font has in `ranges`; each one must be in `subset` too.
std::size_t expect_subset_keeps(const ImWchar* ranges, const ImFont* subset) {
  ImFontAtlas whole;  // the whole font, asked for the same ranges on a scratch atlas
  ImFontConfig config;
  const ImFont* source = whole.AddFontFromFileTTF(PARLEY_UI_FONT_SOURCE_PATH, 13.0f, &config, ranges);
  EXPECT_NE(source, nullptr) << PARLEY_UI_FONT_SOURCE_PATH;
  if (!source || !whole.Build()) return 0;
  std::size_t glyphs = 0;
  for (const ImWchar* r = ranges; r[0] != 0; r += 2) {
    for (ImWchar c = r[0]; c <= r[1]; ++c) {
      if (!source->FindGlyphNoFallback(c)) continue;
      ++glyphs;
      EXPECT_NE(subset->FindGlyphNoFallback(c), nullptr) << hex(c) << " is in the whole font but not in the subset";
    }
  }
  return glyphs;
}

TEST_F(UiFontTest, TheSubsetKeepsEveryGlyphTheWholeFontHasInItsRanges) {
  // The embedded bytes, asked for all they were made of (the app's atlas starts with a part).
  ImFontAtlas embedded;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  const auto font = embedded_ui_font();
  const ImFont* subset = embedded.AddFontFromMemoryTTF(const_cast<std::uint8_t*>(font->data()), static_cast<int>(font->size()),
                                                       13.0f, &config, ui_font_ranges());
  ASSERT_TRUE(embedded.Build());
  EXPECT_GT(expect_subset_keeps(ui_font_ranges(), subset), 350u) << "Latin, punctuation, currency signs";
}

TEST_F(UiFontTest, TheFirstAtlasIsAPartOfTheEmbeddedFont) {
  for (const bool title : {false, true}) {
    const ImWchar* first = first_glyph_ranges(title);
    std::size_t glyphs = 0;
    for (const ImWchar* r = first; r[0] != 0; r += 2) {
      for (ImWchar c = r[0]; c <= r[1]; ++c) {
        EXPECT_TRUE(may_have(Fallback::embedded, c)) << hex(c) << " is not in the embedded font's ranges";
        glyphs += (title ? title_font() : body())->FindGlyphNoFallback(c) != nullptr;
      }
    }
    // A fraction of the ~470 the embedded font has: what the first frame waits for.
    EXPECT_GT(glyphs, 90u);
    EXPECT_LT(glyphs, title ? 110u : 210u);
  }
}

// The first frame uploads the whole atlas: at a phone's 3x it must end where its glyphs do, not
// at the next power of two.
TEST_F(UiFontTest, TheFirstAtlasEndsWithItsGlyphs) {
  apply_theme(3.0f);
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);
  ASSERT_NE(alpha, nullptr);
  bool ink_near_bottom = false;
  for (int y = std::max(0, h - 4); y < h; ++y) {
    for (int x = 0; x < w; ++x) ink_near_bottom = ink_near_bottom || alpha[y * w + x] != 0;
  }
  EXPECT_TRUE(ink_near_bottom) << "rows of nothing at the bottom of a " << w << " x " << h << " atlas";
}

TEST_F(UiFontTest, TheScriptsFontKeepsEveryGlyphTheWholeFontHasInItsRanges) {
  // The served file, asked for everything it may have (ui/font_fallback.cpp, may_have).
  std::vector<ImWchar> ranges;
  for (ImWchar c = 0x20; c < 0x3000; ++c) {
    if (!may_have(Fallback::scripts, c)) continue;
    if (!ranges.empty() && ranges.back() + 1 == c) ranges.back() = c;
    else ranges.insert(ranges.end(), {c, c});
  }
  ranges.push_back(0);
  ImFontAtlas served;
  ImFontConfig config;
  const ImFont* scripts = served.AddFontFromFileTTF(PARLEY_SCRIPTS_FONT_PATH, 13.0f, &config, ranges.data());
  ASSERT_NE(scripts, nullptr) << PARLEY_SCRIPTS_FONT_PATH;
  ASSERT_TRUE(served.Build());
  EXPECT_GT(expect_subset_keeps(ranges.data(), scripts), 800u) << "Vietnamese, Greek and Cyrillic";
  for (const char* c : {"ệ", "Ж", "λ", "ơ"}) {
    unsigned int ch = 0;
    ImTextCharFromUtf8(&ch, c, nullptr);
    EXPECT_NE(scripts->FindGlyphNoFallback(static_cast<ImWchar>(ch)), nullptr) << c;
  }
}

TEST_F(UiFontTest, TheEmbeddedFontIsTheSubset) {
  // What the download carries: a fraction of the whole font (about 0.2 in December 2026).
  const auto whole = fs::file_size(PARLEY_UI_FONT_SOURCE_PATH);
  EXPECT_LT(parley_font_regular_size * 3, whole) << "the embedded font is " << parley_font_regular_size << " bytes";
  // And nothing past the ranges: those characters go to the fallback fonts, the UI font's
  // other scripts included (Cyrillic, Greek, Vietnamese).
  for (const ImWchar c : {0x2192u, 0x2713u, 0x4E2Du, 0x3042u, 0x1F600u, 0x1F00u, 0x0416u, 0x03BBu, 0x1EC7u}) {
    EXPECT_EQ(body()->FindGlyphNoFallback(c), nullptr) << hex(c);
  }
}

}  // namespace
}  // namespace parley::ui
