// Drives the real ImGui views headlessly (no GPU): builds frames and clicks named items the way
// a mouse would, so that actions reach the controller as a person's clicks do.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "ui/controller.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui_fixture.h"

namespace parley::ui::testing {

class HeadlessViews : public ::testing::Test {
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

  // Draws one frame, applies its actions and returns the named items' rectangles.
  nlohmann::json frame() {
    ImGui::NewFrame();
    items.begin_frame(1.0f);
    std::vector<Action> actions;
    draw_app(controller.state(), actions, items);
    ImGui::Render();
    for (const auto& a : actions) controller.apply(a);
    return items.rects();
  }

  // Clicks the centre of a named item: move, press, release.
  void click(const std::string& id) {
    const auto r = frame().at(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r[0].get<float>() + r[2].get<float>() / 2, r[1].get<float>() + r[3].get<float>() / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
  }

  FakePlatform platform;
  SeededRng rng = seeded(3);
  InlineOpener opener;
  Controller controller{platform, rng, opener};
  Mirror items;
};

}  // namespace parley::ui::testing
