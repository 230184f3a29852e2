#include "ui/views.h"

#include <imgui.h>

#include "ui/edition.h"
#include "ui/screens.h"
#include "client/texts.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

// Escape goes one screen back, from the canvas or from the page's mirror. In a text field the
// page leaves the field first (keeping what was typed) and sends nothing.
void handle_escape(std::vector<Action>& actions, Mirror& items) {
  const bool key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !ImGui::GetIO().WantTextInput;
  if (items.take_press("escape") || key) actions.push_back(GoBack{});
}

// A quiet line at the bottom of every screen about envelopes still on their way.
void draw_outbox_status(const AppState& state) {
  const std::size_t waiting = state.outbox.undelivered();
  if (waiting == 0 || state.screen == Screen::sent) return;
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize()));
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  muted_text(plural("footer.outbox_waiting", static_cast<long>(waiting)));
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_welcome(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  column_title(text("welcome.title"), items, "title");
  column_text(text("welcome.tagline"));
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  muted_text(text("welcome.encryption_note"));
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));

  column_heading(text("welcome.link_label"), items, "link_label");
  begin_column();
  const Form form(items, "open_button");
  FieldSpec link;
  link.label = text("welcome.link_label");
  link.hint = text("welcome.link_hint");
  FieldResult typed = text_field(link, state.link_input, items, "link_input");
  if (typed.text) actions.push_back(Edit{Field::link, -1, *typed.text});
  begin_column();
  // Enter presses the button in the frame the link was typed in: open that link, not the last one.
  if (primary_button(text("welcome.open_button"), items, "open_button")) {
    actions.push_back(OpenLink{typed.text ? *typed.text : state.link_input});
  }

  same_line_if_fits(text("welcome.continue_mediation"));
  if (secondary_button(text("welcome.continue_mediation"), items, "continue_mediation")) actions.push_back(StartConversation{});
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize()));
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  muted_text(text("welcome.privacy_note"));
  ImGui::PopTextWrapPos();

  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 1.5f));
  ImGui::SetCursorPosX((ImGui::GetWindowWidth() - column_width()) * 0.5f);
  ImGui::Separator();
  column_heading(text("welcome.organiser_heading"), items, "organiser_label");
  begin_column();
  if (secondary_button(text("welcome.create_campaign"), items, "create_campaign")) actions.push_back(StartKeys{KeyRole::manager});
  same_line_if_fits(text("welcome.open_results"));
  if (secondary_button(text("welcome.open_results"), items, "open_results")) actions.push_back(StartUnlock{});
  same_line_if_fits(text("welcome.create_mediator_key"));
  if (secondary_button(text("welcome.create_mediator_key"), items, "create_mediator")) actions.push_back(StartKeys{KeyRole::mediator});
  same_line_if_fits(text("welcome.create_trustee_key"));
  if (secondary_button(text("welcome.create_trustee_key"), items, "create_trustee")) actions.push_back(StartKeys{KeyRole::trustee});
}

void draw_campaign_problem(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  column_title(state.problem.title, items, "problem_title");
  column_text(state.problem.detail);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  begin_column();
  if (!state.retry_link.empty()) {
    if (primary_button(text("problem.not_fetched.retry"), items, "retry_button")) actions.push_back(RetryOpen{});
    same_line_if_fits(text("common.back"));
  }
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

void draw_app(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Parley", nullptr, kFlags);
  // A new screen starts at the top. The screen drawn last is the view's own memory, kept by
  // ImGui with the window like its scroll position.
  ImGuiStorage* memory = ImGui::GetStateStorage();
  const ImGuiID drawn = ImGui::GetID("drawn screen");
  if (memory->GetInt(drawn, -1) != static_cast<int>(state.screen)) {
    ImGui::SetScrollY(0);
    memory->SetInt(drawn, static_cast<int>(state.screen));
  }
  items.set_screen(to_string(state.screen));
  if (const float dy = items.take_scroll(); dy != 0) ImGui::SetScrollY(ImGui::GetScrollY() + dy);
  handle_escape(actions, items);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 2.0f));
  switch (state.screen) {
    case Screen::welcome: draw_welcome(state, actions, items); break;
    case Screen::campaign_problem: draw_campaign_problem(state, actions, items); break;
    case Screen::opening: draw_opening(state, actions, items); break;
    case Screen::intro: draw_intro(state, actions, items); break;
    case Screen::feedback: draw_feedback(state, actions, items); break;
    case Screen::mediation: draw_mediation(state, actions, items); break;
    case Screen::feedback_review:
    case Screen::mediation_review: draw_review(state, actions, items); break;
    case Screen::sent: draw_sent(state, actions, items); break;
    // The organisers' screens, which the respondents' build never reaches (ui/edition.h).
    case Screen::keys: if (kOrganisers) draw_keys(state, actions, items); break;
    case Screen::builder: if (kOrganisers) draw_builder(state, actions, items); break;
    case Screen::share: if (kOrganisers) draw_share(state, actions, items); break;
    case Screen::unlock: if (kOrganisers) draw_unlock(state, actions, items); break;
    case Screen::results: if (kOrganisers) draw_results(state, actions, items); break;
    case Screen::inbox: if (kOrganisers) draw_inbox(state, actions, items); break;
    case Screen::trustee: if (kOrganisers) draw_trustee(state, actions, items); break;
    case Screen::conversation_open: draw_conversation_open(state, actions, items); break;
    case Screen::conversation: draw_conversation(state, actions, items); break;
  }
  draw_outbox_status(state);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 2.0f));
  ImGui::End();
}

}  // namespace parley::ui
