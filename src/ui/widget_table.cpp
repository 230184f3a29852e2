#include "ui/widget_table.h"

#include <imgui.h>

#include <algorithm>

#include "ui/widgets.h"

namespace parley::ui {

void figure_table(const std::string& name, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, const std::vector<float>& widths, Mirror& items,
                  const std::string& id) {
  begin_column();
  const float left = ImGui::GetCursorPosX();
  const float width = column_width();
  const float gap = ImGui::GetFontSize() * 0.6f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 rule = ImGui::GetColorU32(ImGuiCol_Separator);
  items.open(make_node(Role::table, name, id));
  const auto row = [&](const std::vector<std::string>& cells, bool header) {
    items.open(make_node(Role::row));
    const float top = ImGui::GetCursorPosY();
    float x = left, bottom = top;
    if (header) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const float w = width * (c < widths.size() ? widths[c] : 0.0f);
      ImGui::SetCursorPos(ImVec2(x, top));
      ImGui::PushTextWrapPos(x + std::max(w - gap, gap));
      ImGui::TextUnformatted(cells[c].c_str());
      ImGui::PopTextWrapPos();
      items.add(make_node(Role::cell, cells[c]));
      bottom = std::max(bottom, ImGui::GetCursorPosY());
      x += w;
    }
    if (header) ImGui::PopStyleColor();
    ImGui::SetCursorPos(ImVec2(left, bottom));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw->AddLine(ImVec2(p.x, p.y - ImGui::GetStyle().ItemSpacing.y * 0.5f),
                  ImVec2(p.x + width, p.y - ImGui::GetStyle().ItemSpacing.y * 0.5f), rule);
    items.close();
  };
  row(headers, true);
  for (const auto& cells : rows) row(cells, false);
  items.close();
  ImGui::Dummy(ImVec2(width, 0));
}

void mirror_table(const std::string& name, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, Mirror& items) {
  items.open(make_node(Role::table, name));
  const auto row = [&](const std::vector<std::string>& cells) {
    items.open(make_node(Role::row));
    for (const std::string& cell : cells) items.add(make_node(Role::cell, cell));
    items.close();
  };
  row(headers);
  for (const auto& cells : rows) row(cells);
  items.close();
}

}  // namespace parley::ui
