#include "ui/widgets.h"

#include "ui/theme.h"

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

bool secondary_button(const char* label, ItemRects& items, const char* id) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgActive));
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleColor(3);
  items.note(id);
  return pressed;
}

bool scale_button(const char* label, bool selected, float width, ItemRects& items, const std::string& id) {
  if (!selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  }
  const bool pressed = ImGui::Button(label, ImVec2(width, 0));
  ImGui::PopStyleColor(selected ? 1 : 3);
  items.note(id);
  return pressed;
}

void same_line_if_fits(const char* next_label) {
  same_line_if_fits(ImGui::CalcTextSize(next_label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
}

void same_line_if_fits(float next_width) {
  const float right = (ImGui::GetWindowWidth() + column_width()) * 0.5f;  // the column's right edge
  const float start = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  if (start + next_width <= right) ImGui::SameLine();
  else begin_column();
}

bool wrapped_checkbox(const char* label, bool* value, ItemRects& items, const char* id) {
  begin_column();
  const float right = ImGui::GetCursorPosX() + column_width();
  ImGui::BeginGroup();
  ImGui::PushID(id);
  bool changed = ImGui::Checkbox("##box", value);
  ImGui::SameLine();
  // Centres the first line of the label on the box, as ImGui does for its own labels.
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
  ImGui::PushTextWrapPos(right);
  ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemClicked()) {
    *value = !*value;
    changed = true;
  }
  ImGui::PopID();
  ImGui::EndGroup();
  items.note(id);
  return changed;
}

void column_text(const std::string& text) {
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

void column_title(const std::string& text, ItemRects& items, const char* id) {
  begin_column();
  ImGui::PushFont(title_font());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  items.note(id);
}

void note_box(const char* id, const std::string& heading, const std::vector<std::string>& lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = style.FramePadding.x * 1.5f;
  const float wrap = column_width() - pad * 2 - ImGui::GetFontSize() * 1.2f;
  float height = pad * 2;
  if (!heading.empty()) height += ImGui::CalcTextSize(heading.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  for (const auto& line : lines) height += ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  begin_column();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild(id, ImVec2(column_width(), height), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  if (!heading.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap + ImGui::GetFontSize() * 1.2f);
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopTextWrapPos();
  }
  for (const auto& line : lines) {
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void error_text(const std::string& text) {
  if (text.empty()) return;
  begin_column();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.20f, 0.08f, 1));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void muted_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  // Wraps at the reading column like column_text(), or earlier inside a narrower child.
  ImGui::PushTextWrapPos(std::min(ImGui::GetCursorPosX() + column_width(), ImGui::GetContentRegionMax().x));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
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
