// The respondent's screens: who reads what, the questionnaire, the mediation request.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <string>

#include "core/keys.h"
#include "ui/answers.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

std::string key_ids(const std::vector<Key32>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + format_key_id(key_id(KeyKind::recipient, k));
  return out;
}

std::string host_of(const std::string& url) {
  const auto start = url.find("://");
  const auto from = start == std::string::npos ? 0 : start + 3;
  return url.substr(from, url.find('/', from) - from);
}

std::string id_for(const char* what, std::size_t i, std::size_t k = static_cast<std::size_t>(-1)) {
  std::string id = "q" + std::to_string(i) + "_" + what;
  if (k != static_cast<std::size_t>(-1)) id += std::to_string(k);
  return id;
}

void draw_hints(const char* id, const std::vector<PrivacyHint>& hints) {
  if (hints.empty()) return;
  std::vector<std::string> lines;
  for (const auto& h : hints) lines.push_back(std::string("a ") + to_string(h.kind) + ": \u201c" + h.excerpt + "\u201d");
  note_box(id,
           "This answer may contain details that point to you or others. Details like these can make an answer "
           "recognisable; you could describe the situation more generally. It is your choice.",
           lines);
}

// A row of numbered pills (1-5 or 0-10) with captions for both ends.
bool draw_scale(int first, int last, int& value, const char* low, const char* high, std::size_t q, ItemRects& items) {
  const int count = last - first + 1;
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 0.6f;
  const float width = (column_width() - spacing * static_cast<float>(count - 1)) / static_cast<float>(count);
  bool changed = false;
  begin_column();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing, ImGui::GetStyle().ItemSpacing.y));
  for (int v = first; v <= last; ++v) {
    if (v != first) ImGui::SameLine();
    ImGui::PushID(v);
    if (scale_button(std::to_string(v).c_str(), value == v, width, items, id_for("opt", q, static_cast<std::size_t>(v)))) {
      value = value == v ? -1 : v;  // a second click clears: optional questions can be left blank
      changed = true;
    }
    ImGui::PopID();
  }
  ImGui::PopStyleVar();
  begin_column();
  muted_text(low);
  ImGui::SameLine(ImGui::GetCursorPosX() + column_width() - ImGui::CalcTextSize(high).x);
  muted_text(high);
  return changed;
}

bool draw_question(const Question& question, QuestionInput& in, std::size_t i, ItemRects& items) {
  ImGui::PushID(static_cast<int>(i));
  column_text(std::to_string(i + 1) + ". " + question.text);
  items.note(id_for("label", i));
  begin_column();
  muted_text(question.required ? "Required" : "Optional");
  bool changed = false;
  switch (question.type) {
    case QuestionType::likert:
      changed = draw_scale(1, 5, in.number, "Strongly disagree", "Strongly agree", i, items);
      if (in.number >= 1) {
        begin_column();
        muted_text(std::to_string(in.number) + " — " + likert_label(in.number));
      }
      break;
    case QuestionType::enps:
      changed = draw_scale(0, 10, in.number, "Not at all likely", "Extremely likely", i, items);
      break;
    case QuestionType::single_choice:
      for (std::size_t k = 0; k < question.options.size(); ++k) {
        begin_column();
        if (ImGui::RadioButton(question.options[k].c_str(), in.number == static_cast<int>(k))) {
          in.number = in.number == static_cast<int>(k) ? -1 : static_cast<int>(k);
          changed = true;
        }
        items.note(id_for("opt", i, k));
      }
      break;
    case QuestionType::multi_choice:
      for (std::size_t k = 0; k < question.options.size() && k < in.picked.size(); ++k) {
        begin_column();
        bool on = in.picked[k];
        if (ImGui::Checkbox(question.options[k].c_str(), &on)) {
          in.picked[k] = on;
          changed = true;
        }
        items.note(id_for("opt", i, k));
      }
      break;
    case QuestionType::free_text:
    case QuestionType::blockers:
      begin_column();
      changed = ImGui::InputTextMultiline("##text", &in.text, ImVec2(column_width(), ImGui::GetTextLineHeight() * 5.5f));
      items.note(id_for("text", i));
      draw_hints(("hints" + std::to_string(i)).c_str(), in.hints);
      break;
  }
  error_text(in.error);
  ImGui::PopID();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.8f));
  return changed;
}

void draw_form_footer(AppState& state, std::vector<Action>& actions, ItemRects& items) {
  bool keep = state.keep_draft;
  if (wrapped_checkbox("Keep a draft on this device until it is sent (not encrypted)", &keep, items, "keep_draft")) {
    actions.push_back(SetKeepDraft{keep});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  begin_column();
  if (primary_button("Review before sending", items, "review_button")) actions.push_back(Review{});
  same_line_if_fits("Back");
  if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace

void draw_intro(const AppState& state, std::vector<Action>& actions, ItemRects& items) {
  const Campaign& c = *state.campaign;
  column_title(c.title, items, "campaign_title");
  if (!c.intro.empty()) column_text(c.intro);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  std::vector<std::string> lines;
  lines.push_back("Your manager sees only combined results — charts, and comments in random order — and only once at least " +
                  std::to_string(c.min_group) + " people have answered. Feedback is sealed to key " + key_ids(c.feedback_to) + ".");
  if (!c.mediation_to.empty()) {
    lines.push_back(c.allow_mediation_to_feedback_readers
                        ? "Mediation requests go to the mediator (key " + key_ids(c.mediation_to) +
                              ") and, as this campaign states, may also be read by the feedback readers."
                        : "Mediation requests go only to the named mediator (key " + key_ids(c.mediation_to) +
                              "). Your manager's key cannot open them.");
  }
  lines.push_back("What you send is encrypted in this browser and stored at " + host_of(c.storage.url) +
                  " as a sealed envelope the storage cannot read.");
  lines.push_back("Never collected: your name, an account, cookies, your IP address (Parley does not log it), or the time "
                  "of day.");
  note_box("who_reads", "Who can read what", lines);
  items.note("who_reads");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  begin_column();
  if (primary_button("Give feedback", items, "feedback_button")) actions.push_back(StartFeedback{});
  if (!c.mediation_to.empty()) {
    constexpr const char* kMediation = "I'd like a neutral third party to help with a conflict";
    same_line_if_fits(kMediation);
    if (secondary_button(kMediation, items, "mediation_button")) {
      actions.push_back(StartMediation{});
    }
  }
  begin_column();
  muted_text("Open dates: " + c.opens + " to " + c.closes + ".");
}

void draw_feedback(AppState& state, std::vector<Action>& actions, ItemRects& items) {
  const Campaign& c = *state.campaign;
  column_title(c.title, items, "campaign_title");
  const int answered = answered_count(c, state.answers);
  const int total = static_cast<int>(c.questions.size());
  begin_column();
  ImGui::ProgressBar(total ? static_cast<float>(answered) / static_cast<float>(total) : 0.0f,
                     ImVec2(column_width(), ImGui::GetFontSize() * 0.5f), "");
  items.note("progress");
  begin_column();
  muted_text(std::to_string(answered) + " of " + std::to_string(total) + " answered");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  for (std::size_t i = 0; i < c.questions.size() && i < state.answers.size(); ++i) {
    if (draw_question(c.questions[i], state.answers[i], i, items)) actions.push_back(AnswerEdited{static_cast<int>(i)});
  }
  draw_form_footer(state, actions, items);
}

void draw_mediation(AppState& state, std::vector<Action>& actions, ItemRects& items) {
  const Campaign& c = *state.campaign;
  MediationInput& m = state.mediation;
  column_title("Ask for a neutral mediator", items, "mediation_title");
  column_text("A mediator is a neutral third party who helps when a conflict cannot be solved inside the team. "
              "Your request is sealed to the mediator only (key " + key_ids(c.mediation_to) + ")" +
              (c.allow_mediation_to_feedback_readers ? " and this campaign's feedback readers." : "; your manager cannot open it.") +
              " Share only what you are comfortable with.");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  bool changed = false;
  const float width = column_width();

  column_text("What happened? (required)");
  begin_column();
  changed |= ImGui::InputTextMultiline("##what", &m.what, ImVec2(width, ImGui::GetTextLineHeight() * 6.5f));
  items.note("what_text");
  draw_hints("hints_what", m.hints);

  column_text("Who is involved? (optional)");
  begin_column();
  ImGui::SetNextItemWidth(width);
  changed |= ImGui::InputTextWithHint("##who", "Roles are often enough, e.g. \"a colleague on my team\"", &m.who);
  items.note("who_text");

  column_text("What outcome would help? (optional)");
  begin_column();
  changed |= ImGui::InputTextMultiline("##outcome", &m.outcome, ImVec2(width, ImGui::GetTextLineHeight() * 3.5f));
  items.note("outcome_text");

  column_text("How urgent is it?");
  static const char* kUrgencyLabels[] = {"Low — it can wait", "Normal", "Urgent — it affects my work now"};
  for (int u = 0; u < 3; ++u) {
    begin_column();
    if (ImGui::RadioButton(kUrgencyLabels[u], m.urgency == u)) {
      m.urgency = u;
      changed = true;
    }
    items.note("urgency_" + std::to_string(u));
  }

  column_text("How can the mediator reach you? (optional)");
  begin_column();
  ImGui::SetNextItemWidth(width);
  changed |= ImGui::InputTextWithHint("##contact", "Leave empty to stay fully anonymous", &m.contact);
  items.note("contact_text");
  begin_column();
  muted_text("Only if you want a reply: write it yourself, e.g. a personal address. Parley adds nothing about you.");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  if (changed) actions.push_back(AnswerEdited{-1});
  draw_form_footer(state, actions, items);
}

}  // namespace parley::ui
