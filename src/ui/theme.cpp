#include "ui/theme.h"

#include <imgui.h>

extern const unsigned char parley_font_regular[];
extern const unsigned long parley_font_regular_size;

namespace parley::ui {
namespace {

// Latin (incl. Vietnamese), Greek and Cyrillic, plus the punctuation people type.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0300, 0x036F,  // combining diacritics
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic
    0x1E00, 0x1EFF,  // Latin Extended Additional (Vietnamese)
    0x2000, 0x206F,  // General punctuation: dashes, quotes, ellipsis
    0x20AC, 0x20AC,  // euro sign
    0,
};

constexpr float kFontSize = 17.0f;
constexpr float kTitleSize = 30.0f;
ImFont* g_title = nullptr;

ImVec4 rgb(int hex, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, alpha);
}

void load_font(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
  config.OversampleH = 2;
  config.OversampleV = 1;
  auto* data = const_cast<unsigned char*>(parley_font_regular);
  const int size = static_cast<int>(parley_font_regular_size);
  io.Fonts->AddFontFromMemoryTTF(data, size, kFontSize * scale, &config, kGlyphRanges);
  g_title = io.Fonts->AddFontFromMemoryTTF(data, size, kTitleSize * scale, &config, kGlyphRanges);
  io.Fonts->Build();
}

void set_colors(ImGuiStyle& style) {
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = rgb(0x1F2933);
  c[ImGuiCol_TextDisabled] = rgb(0x7B8794);
  c[ImGuiCol_WindowBg] = rgb(0xF7F5F2);
  c[ImGuiCol_ChildBg] = rgb(0xFFFFFF);
  c[ImGuiCol_PopupBg] = rgb(0xFFFFFF);
  c[ImGuiCol_Border] = rgb(0xD9D4CC);
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
  c[ImGuiCol_Separator] = rgb(0xE2DDD5);
  c[ImGuiCol_TextSelectedBg] = rgb(0x2F6F6A, 0.25f);
  c[ImGuiCol_NavHighlight] = rgb(0xC2410C);
  c[ImGuiCol_ScrollbarBg] = rgb(0xF7F5F2);
  c[ImGuiCol_ScrollbarGrab] = rgb(0xCFC8BE);
  c[ImGuiCol_PlotHistogram] = rgb(0x2F6F6A);
}

}  // namespace

ImFont* title_font() { return g_title; }

void apply_theme(float pixel_ratio) {
  load_font(pixel_ratio);
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
  style.ScaleAllSizes(pixel_ratio);
  ImGui::GetStyle() = style;
}

}  // namespace parley::ui
