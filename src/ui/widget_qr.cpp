#include "ui/widget_qr.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "ui/widgets.h"

namespace parley::ui {

const Result<client::QrCode>& qr_for(const std::string& link) {
  static std::string cached_link;
  static std::optional<Result<client::QrCode>> cached;
  if (!cached || cached_link != link) {
    cached = client::encode_qr(link);
    cached_link = link;
  }
  return *cached;
}

void qr_image(const client::QrCode& qr, float max_side, const std::string& name, Mirror& items, const std::string& id) {
  const int modules = qr.size + 2 * client::kQrQuietZone;
  const float px = std::max(1.0f, std::floor(max_side / static_cast<float>(modules)));
  const float side = px * static_cast<float>(modules);
  begin_column();
  // A child window of its own: a large code is thousands of rectangles, which would crowd the
  // screen's draw list past what 16-bit indices (WebGL2 without a vertex offset) can address.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::BeginChild(("##qr_" + id).c_str(), ImVec2(side, side), false,
                    ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoBackground);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 origin(std::round(p.x), std::round(p.y));  // whole pixels: no blurred module edges
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
  const float quiet = px * static_cast<float>(client::kQrQuietZone);
  qr.for_each_dark_run([&](int y, int x, int end) {
    const float top = origin.y + quiet + px * static_cast<float>(y);
    draw->AddRectFilled(ImVec2(origin.x + quiet + px * static_cast<float>(x), top),
                        ImVec2(origin.x + quiet + px * static_cast<float>(end), top + px), IM_COL32(0, 0, 0, 255));
  });
  ImGui::Dummy(ImVec2(side, side));
  ImGui::EndChild();
  ImGui::PopStyleVar();
  items.add(make_node(Role::image, name, id));
}

}  // namespace parley::ui
