// Drives the real ImGui views headlessly (no GPU): builds frames, moves the mouse, types, and
// checks that actions reach the controller the way a person's clicks would.
#include "ui/views.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

#include "ui_fixture.h"
#include "ui/controller.h"
#include "ui/theme.h"

namespace parley::ui {
namespace {

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    apply_theme(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void frame() {
    ImGui::NewFrame();
    items.begin_frame(1.0f);
    std::vector<Action> actions;
    draw_app(controller.state(), actions, items);
    ImGui::Render();
    for (const auto& a : actions) controller.apply(a);
  }

  // Clicks the centre of a named item as a mouse would: move, press, release.
  void click(const std::string& id) {
    frame();
    const auto r = items.to_json().at(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r[0].get<float>() + r[2].get<float>() / 2, r[1].get<float>() + r[3].get<float>() / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
  }

  testing::FakePlatform platform;
  SeededRng rng = testing::seeded(3);
  InlineOpener opener;
  Controller controller{platform, rng, opener};
  ItemRects items;
};

TEST_F(ViewsTest, WelcomeShowsNamedWidgets) {
  frame();
  const auto j = items.to_json();
  for (const char* id : {"title", "link_input", "open_button"}) EXPECT_TRUE(j.contains(id)) << id;
}

TEST_F(ViewsTest, ClickingOpenWithoutLinkShowsError) {
  click("open_button");
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  frame();
  EXPECT_TRUE(items.to_json().contains("notice"));
}

TEST_F(ViewsTest, TypedUnicodeReachesTheLinkField) {
  click("link_input");
  ImGui::GetIO().AddInputCharactersUTF8("Tháng 1 — Привет");
  frame();
  frame();
  EXPECT_EQ(controller.state().link_input, "Tháng 1 — Привет");
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
