// Screen::opening: a short link's campaign on its way from the storage. Usually gone within a
// frame or two; on a slow connection it says what is happening and offers a way back.
#include "client/texts.h"
#include "ui/screens.h"
#include "ui/widgets.h"

#include <imgui.h>

namespace parley::ui {

void draw_opening(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  column_title(text("opening.title"), items, "opening_title");
  const std::string detail = state.opening_host.empty() ? text("opening.detail")
                                                        : text("opening.detail_from", {{"host", state.opening_host}});
  begin_column();
  status_text(detail, "opening_status");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  begin_column();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
