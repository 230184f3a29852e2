#include "ui/widgets.h"

#include <imgui.h>

#include <algorithm>

namespace parley::ui {

bool primary_button(const char* label, ItemRects& items, const char* id) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleColor();
  items.note(id);
  return pressed;
}

void muted_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

bool notice_banner(const Notice& notice, ItemRects& items) {
  if (notice.kind == NoticeKind::none) return false;
  const bool error = notice.kind == NoticeKind::error;
  const ImVec4 bg = error ? ImVec4(0.99f, 0.93f, 0.91f, 1) : ImVec4(0.90f, 0.95f, 0.94f, 1);
  const ImVec4 fg = error ? ImVec4(0.60f, 0.17f, 0.07f, 1) : ImVec4(0.12f, 0.31f, 0.29f, 1);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
  ImGui::PushStyleColor(ImGuiCol_Border, fg);
  ImGui::PushStyleColor(ImGuiCol_Text, fg);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = column_width() - style.FramePadding.x * 4;
  const float height = ImGui::CalcTextSize(notice.text.c_str(), nullptr, false, wrap).y + style.FramePadding.y * 4;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(style.FramePadding.x * 2, style.FramePadding.y * 2));
  ImGui::BeginChild("notice", ImVec2(column_width(), height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(notice.text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  items.note("notice");
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(3);
  return ImGui::IsItemClicked();
}

float column_width() {
  const float avail = ImGui::GetWindowWidth();
  const float max = 40.0f * ImGui::GetFontSize();  // about 75 characters: comfortable to read
  return std::min(avail - ImGui::GetStyle().ItemSpacing.x * 4, max);
}

void begin_column() {
  ImGui::SetCursorPosX((ImGui::GetWindowWidth() - column_width()) * 0.5f);
}

}  // namespace parley::ui
