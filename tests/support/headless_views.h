// Drives the real ImGui views headlessly (no GPU) on top of the controller harness: builds
// frames and clicks named items the way a mouse would, so that actions reach the controller as
// a person's clicks do. For UI tests only.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "support/controller_harness.h"
#include "support/headless_imgui.h"
#include "ui/mirror.h"
#include "ui/views.h"

namespace parley::testing {

class HeadlessViews : public ControllerHarness {
 protected:
  void SetUp() override { ASSERT_TRUE(create_headless_imgui()); }
  void TearDown() override { ImGui::DestroyContext(); }

  // Draws one frame, applies its actions and returns the named items' rectangles.
  nlohmann::json frame() {
    ImGui::NewFrame();
    items.begin_frame(1.0f);
    std::vector<ui::Action> actions;
    ui::draw_app(controller.state(), actions, items);
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

  ui::Mirror items;
};

}  // namespace parley::testing
