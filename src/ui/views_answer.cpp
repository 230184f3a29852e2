// The respondent's screens: who reads what, the questionnaire, the mediation request.
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>

#include "client/answers.h"
#include "client/who_reads.h"
#include "ui/screens.h"
#include "client/texts.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

std::string id_for(const char* what, std::size_t i, std::size_t k = static_cast<std::size_t>(-1)) {
  std::string id = "q" + std::to_string(i) + "_" + what;
  if (k != static_cast<std::size_t>(-1)) id += std::to_string(k);
  return id;
}

std::string hint_line(const PrivacyHint& h) {
  switch (h.kind) {
    case HintKind::name: return text("hints.name", {{"excerpt", h.excerpt}});
    case HintKind::date: return text("hints.date", {{"excerpt", h.excerpt}});
    case HintKind::place: return text("hints.place", {{"excerpt", h.excerpt}});
    case HintKind::contact: return text("hints.contact", {{"excerpt", h.excerpt}});
  }
  return h.excerpt;
}

void draw_hints(const char* id, const std::vector<PrivacyHint>& hints) {
  if (hints.empty()) return;
  std::vector<std::string> lines;
  for (const auto& h : hints) lines.push_back(hint_line(h));
  note_box(id, text("hints.heading"), lines);
}

// A row of numbered pills (1-5 or 0-10) with captions for both ends: one radio group. Returns
// the value chosen, if the person chose another one.
std::optional<int> draw_scale(int first, int last, int value, const std::string& low, const std::string& high,
                              const Question& question, std::size_t q, Mirror& items) {
  std::vector<std::string> labels, names;
  for (int v = first; v <= last; ++v) {
    labels.push_back(std::to_string(v));
    if (question.type == QuestionType::likert) names.push_back(std::to_string(v) + ", " + likert_label(v));
    else names.push_back(v == first ? std::to_string(v) + ", " + low : v == last ? std::to_string(v) + ", " + high : std::to_string(v));
  }
  const int picked = pill_group(question.text, labels, names, value - first, items, id_for("opt", q));
  // The captions sit under the END options, each aligned with its own (one in the middle could
  // bias answers): the low one from the column's left edge, the high one ending at its right.
  begin_column();
  const float left = ImGui::GetCursorPosX();
  const float high_width = ImGui::CalcTextSize(high.c_str()).x;
  muted_text(low);
  items.note(id_for("low", q));
  const float low_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetScrollX();
  if (low_end + ImGui::GetStyle().ItemSpacing.x + high_width <= left + column_width()) ImGui::SameLine();
  ImGui::SetCursorPosX(left + std::max(0.0f, column_width() - high_width));
  muted_text(high);
  items.note(id_for("high", q));
  // Choosing the chosen value again keeps it: a tap that lands twice must not clear an answer.
  if (picked < 0 || picked + first == value) return std::nullopt;
  return picked + first;
}

void draw_question(const Question& question, const QuestionInput& in, std::size_t i, std::vector<Action>& actions,
                   Mirror& items) {
  const int index = static_cast<int>(i);
  ImGui::PushID(index);
  column_heading(std::to_string(i + 1) + ". " + question.text, items, id_for("label", i));
  begin_column();
  muted_text(question.required ? text("feedback.required") : text("feedback.optional"));
  std::optional<int> number;
  switch (question.type) {
    case QuestionType::likert:
      number = draw_scale(1, 5, in.number, likert_label(1), likert_label(5), question, i, items);
      if (in.number >= 1) {
        begin_column();
        muted_text(likert_answer(in.number));
      }
      break;
    case QuestionType::enps:
      number = draw_scale(0, 10, in.number, text("feedback.enps_low"), text("feedback.enps_high"), question, i, items);
      break;
    case QuestionType::single_choice: {
      const int picked = radio_group(question.text, question.options, in.number, items, id_for("opt", i));
      if (picked >= 0 && picked != in.number) number = picked;
      break;
    }
    case QuestionType::multi_choice:
      for (std::size_t k = 0; k < question.options.size() && k < in.picked.size(); ++k) {
        if (const auto on = wrapped_checkbox(question.options[k], in.picked[k], items, id_for("opt", i, k))) {
          actions.push_back(AnswerPicked{index, static_cast<int>(k), *on});
        }
      }
      break;
    case QuestionType::free_text:
    case QuestionType::blockers: {
      begin_column();
      FieldSpec spec;
      spec.label = question.text;
      spec.lines = 5;
      spec.required = question.required;
      spec.invalid = !in.error.empty();
      if (auto typed = text_field(spec, in.text, items, id_for("text", i)).text) {
        actions.push_back(Edit{Field::answer_text, index, std::move(*typed)});
      }
      draw_hints(("hints" + std::to_string(i)).c_str(), in.hints);
      break;
    }
  }
  if (number) actions.push_back(AnswerNumber{index, *number});
  // An explicit way to leave an optional choice blank again.
  const bool chosen = (question.type == QuestionType::likert || question.type == QuestionType::enps ||
                       question.type == QuestionType::single_choice) && in.number >= 0;
  if (chosen && !question.required) {
    begin_column();
    if (small_button(text("feedback.clear_answer"), items, id_for("clear", i))) actions.push_back(AnswerNumber{index, -1});
  }
  error_text(in.error, id_for("error", i));
  ImGui::PopID();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.8f));
}

void draw_form_footer(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  if (const auto keep = wrapped_checkbox(text("feedback.keep_draft"), state.keep_draft, items, "keep_draft")) {
    actions.push_back(SetKeepDraft{*keep});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  begin_column();
  if (primary_button(text("feedback.review_button"), items, "review_button")) actions.push_back(Review{});
  same_line_if_fits(text("common.back"));
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace

void draw_intro(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.campaign;
  column_title(c.title, items, "campaign_title");
  if (!c.intro.empty()) column_text(c.intro);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  note_box("who_reads", text("intro.who_reads.heading"), who_reads(c, state.signer_label));
  items.note("who_reads");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  begin_column();
  if (primary_button(text("intro.feedback_button"), items, "feedback_button")) actions.push_back(StartFeedback{});
  if (!c.mediation_to.empty()) {
    same_line_if_fits(text("intro.mediation_button"));
    if (secondary_button(text("intro.mediation_button"), items, "mediation_button")) {
      actions.push_back(StartMediation{});
    }
  }
  begin_column();
  muted_text(text("intro.open_dates", {{"opens", c.opens}, {"closes", c.closes}}));
}

void draw_feedback(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.campaign;
  column_title(c.title, items, "campaign_title");
  const int answered = answered_count(c, state.answers);
  const int total = static_cast<int>(c.questions.size());
  progress_bar(total ? static_cast<float>(answered) / static_cast<float>(total) : 0.0f,
               text("feedback.progress", {{"answered", std::to_string(answered)}, {"total", std::to_string(total)}}), items,
               "progress");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  for (std::size_t i = 0; i < c.questions.size() && i < state.answers.size(); ++i) {
    draw_question(c.questions[i], state.answers[i], i, actions, items);
  }
  draw_form_footer(state, actions, items);
}

void draw_mediation(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.campaign;
  const MediationInput& m = state.mediation;
  const Form form(items, "review_button");
  column_title(text("mediation.title"), items, "mediation_title");
  column_text(c.allow_mediation_to_feedback_readers ? text("mediation.intro_shared", {{"mediators", mediator_names(c)}})
                                                    : text("mediation.intro_private", {{"mediators", mediator_names(c)}}));
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));

  const auto field = [&](Field edits, const char* id, const std::string& label, const std::string& hint, float lines,
                         bool required, const std::string& value) {
    column_heading(label, items, std::string(id) + "_label");
    begin_column();
    FieldSpec spec;
    spec.label = label;
    spec.hint = hint;
    spec.lines = lines;
    spec.required = required;
    if (auto typed = text_field(spec, value, items, id).text) actions.push_back(Edit{edits, -1, std::move(*typed)});
  };
  field(Field::mediation_what, "what_text", text("mediation.what_label"), {}, 6, true, m.what);
  draw_hints("hints_what", m.hints);
  field(Field::mediation_who, "who_text", text("mediation.who_label"), text("mediation.who_hint"), 0, false, m.who);
  field(Field::mediation_outcome, "outcome_text", text("mediation.outcome_label"), {}, 3, false, m.outcome);

  column_heading(text("mediation.urgency_label"), items, "urgency_label");
  const auto urgency = enum_radio_group(
      text("mediation.urgency_label"),
      {text("mediation.urgency_low"), text("mediation.urgency_normal"), text("mediation.urgency_urgent")}, kUrgencies,
      m.urgency, items, "urgency_");
  if (urgency && *urgency != m.urgency) actions.push_back(SetUrgency{*urgency});

  field(Field::mediation_contact, "contact_text", text("mediation.contact_label"), text("mediation.contact_hint"), 0, false,
        m.contact);
  begin_column();
  muted_text(text("mediation.contact_note"));
  // A recovery phrase lets the mediator answer without knowing who asked.
  if (const auto keep = wrapped_checkbox(text("mediation.keep_phrase"), state.conversation.keep_phrase, items, "keep_phrase")) {
    actions.push_back(SetKeepPhrase{*keep});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  draw_form_footer(state, actions, items);
}

}  // namespace parley::ui
