#include "ui/item_rects.h"

#include <imgui.h>

namespace parley::ui {

void ItemRects::note(const std::string& id) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  rects_[id] = Rect{min.x / ratio_, min.y / ratio_, (max.x - min.x) / ratio_, (max.y - min.y) / ratio_};
}

nlohmann::json ItemRects::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, r] : rects_) out[id] = {r.x, r.y, r.w, r.h};
  return out;
}

}  // namespace parley::ui
