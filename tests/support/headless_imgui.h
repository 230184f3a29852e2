// An ImGui context for tests, with no window and no GPU: Parley's theme at pixel ratio 1 on a
// 1280x800 display and its font atlas taken as the renderer takes it, so views and fonts can be
// drawn and measured headlessly. For UI tests only.
#pragma once

#include <imgui.h>

#include "ui/theme.h"

namespace parley::testing {

// What the renderer does after every font rebuild: takes the atlas pixels. False when there
// are none.
inline bool upload_fonts() {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  return pixels != nullptr;
}

// Creates the context and makes it current; pair with ImGui::DestroyContext(). Returns
// upload_fonts()'s answer.
inline bool create_headless_imgui() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  ui::apply_theme(1.0f);
  return upload_fonts();
}

}  // namespace parley::testing
