#include "ui/views.h"

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/theme.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

void draw_welcome(AppState& state, std::vector<Action>& actions, ItemRects& items) {
  const float unit = ImGui::GetFontSize();
  ImGui::Dummy(ImVec2(0, unit * 2.5f));
  begin_column();
  ImGui::PushFont(title_font());
  ImGui::TextUnformatted("Parley");
  ImGui::PopFont();
  items.note("title");

  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextWrapped(
      "Give honest feedback to your manager, or ask a neutral mediator for help with a conflict — "
      "without revealing who you are.");
  ImGui::PopTextWrapPos();
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  muted_text("Everything is encrypted in this browser before it leaves your device. The server only keeps sealed "
             "envelopes it cannot read.");
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, unit * 0.5f));

  begin_column();
  ImGui::TextUnformatted("Campaign link");
  begin_column();
  ImGui::SetNextItemWidth(column_width());
  const bool submitted = ImGui::InputTextWithHint("##link", "Paste the link you received", &state.link_input,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
  items.note("link_input");
  begin_column();
  if (primary_button("Open campaign", items, "open_button") || submitted) {
    actions.push_back(OpenLink{state.link_input});
  }

  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }

  ImGui::Dummy(ImVec2(0, unit));
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  muted_text("No account. No cookies. No tracking. Parley never asks who you are.");
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_app(AppState& state, std::vector<Action>& actions, ItemRects& items) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Parley", nullptr, kFlags);
  switch (state.screen) {
    case Screen::welcome: draw_welcome(state, actions, items); break;
  }
  ImGui::End();
}

}  // namespace parley::ui
