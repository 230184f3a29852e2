// The theme's colours against WCAG 2.1 AA: every (colour, background) pair the theme lists in
// contrast_pairs() keeps its minimum ratio (4.5:1 text, 3:1 control borders and marks). The
// ratio is computed here from the WCAG definition, not by the code under test.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/theme.h"

namespace parley::ui {
namespace {

// WCAG 2.x relative luminance of an sRGB colour (components 0..1).
double luminance(const ImVec4& c) {
  const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * linear(c.x) + 0.7152 * linear(c.y) + 0.0722 * linear(c.z);
}

double contrast(const ImVec4& a, const ImVec4& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImVec4 hex(unsigned rgb) {
  return ImVec4(static_cast<float>((rgb >> 16) & 0xFF) / 255.0f, static_cast<float>((rgb >> 8) & 0xFF) / 255.0f,
                static_cast<float>(rgb & 0xFF) / 255.0f, 1.0f);
}

TEST(ThemeContrast, TheRatioIsWcags) {
  EXPECT_NEAR(contrast(hex(0x000000), hex(0xFFFFFF)), 21.0, 1e-9);
  EXPECT_NEAR(contrast(hex(0x777777), hex(0xFFFFFF)), 4.48, 0.01);  // the classic just-too-light grey
  EXPECT_NEAR(contrast(hex(0x123456), hex(0x123456)), 1.0, 1e-9);
  // The muted text of the old theme on its window: this test is what would have caught it.
  EXPECT_LT(contrast(hex(0x7B8794), hex(0xF7F5F2)), 4.5);
}

TEST(ThemeContrast, EveryPairTheThemeDrawsMeetsWcagAA) {
  const auto pairs = contrast_pairs();
  ASSERT_GE(pairs.size(), 30u);
  for (const ContrastPair& p : pairs) {
    ASSERT_FLOAT_EQ(p.fg.w, 1.0f) << p.what;
    ASSERT_FLOAT_EQ(p.bg.w, 1.0f) << p.what;
    EXPECT_GE(contrast(p.fg, p.bg), p.minimum) << p.what;
  }
}

TEST(ThemeContrast, ThePairsAreTheColoursTheThemeInstalls) {
  const ImGuiStyle style = theme_style();
  const auto same = [](const ImVec4& a, const ImVec4& b) { return a.x == b.x && a.y == b.y && a.z == b.z; };
  const auto pairs = contrast_pairs();
  const auto find = [&](const std::string& what) -> const ContrastPair* {
    for (const ContrastPair& p : pairs) {
      if (p.what == what) return &p;
    }
    return nullptr;
  };
  const ContrastPair* muted = find("muted text on the window");
  ASSERT_NE(muted, nullptr);
  EXPECT_TRUE(same(muted->fg, style.Colors[ImGuiCol_TextDisabled]));
  EXPECT_TRUE(same(muted->bg, style.Colors[ImGuiCol_WindowBg]));
  const ContrastPair* hint = find("muted text on an active field");
  ASSERT_NE(hint, nullptr);
  EXPECT_TRUE(same(hint->bg, style.Colors[ImGuiCol_FrameBgActive]));
  const ContrastPair* border = find("a control border on a card");
  ASSERT_NE(border, nullptr);
  EXPECT_TRUE(same(border->fg, style.Colors[ImGuiCol_Border]));
  EXPECT_FLOAT_EQ(border->minimum, 3.0f);

  // And apply_theme installs that style (scaled), colours unchanged.
  ImGui::CreateContext();
  apply_theme(2.0f);
  for (int i = 0; i < ImGuiCol_COUNT; ++i) EXPECT_TRUE(same(ImGui::GetStyle().Colors[i], style.Colors[i])) << ImGui::GetStyleColorName(i);
  EXPECT_FLOAT_EQ(ImGui::GetStyle().FramePadding.x, style.FramePadding.x * 2.0f);
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace parley::ui
