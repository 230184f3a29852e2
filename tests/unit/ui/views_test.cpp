// Drives the real ImGui views headlessly (no GPU): builds frames, moves the mouse, types, and
// checks that actions reach the controller the way a person's clicks would.
#include "ui/views.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

#include "support/headless_views.h"
#include "ui/controller.h"
#include "ui/theme.h"

namespace parley::ui {
namespace {

using ViewsTest = testing::HeadlessViews;

TEST_F(ViewsTest, WelcomeShowsNamedWidgets) {
  frame();
  const auto j = items.rects();
  for (const char* id : {"title", "link_input", "open_button"}) EXPECT_TRUE(j.contains(id)) << id;
}

TEST_F(ViewsTest, ClickingOpenWithoutLinkShowsError) {
  click("open_button");
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  frame();
  EXPECT_TRUE(items.rects().contains("notice"));
}

TEST_F(ViewsTest, TextFromThePageFieldReachesTheLinkField) {
  frame();
  items.edit("link_input", TextEdit{"Tháng 1 — Привет 日本語"});
  frame();
  EXPECT_EQ(controller.state().link_input, "Tháng 1 — Привет 日本語");
}

TEST_F(ViewsTest, FontCoversVietnameseCyrillicGreek) {
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x1EA1) /* ạ */, ImWchar(0x0416) /* Ж */, ImWchar(0x03A9) /* Ω */, ImWchar(0x2014)}) {
    const ImFontGlyph* g = font->FindGlyphNoFallback(c);
    EXPECT_NE(g, nullptr) << std::hex << c;
  }
}

}  // namespace
}  // namespace parley::ui
