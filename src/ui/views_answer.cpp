// The respondent's screens: who reads what, the questionnaire, the mediation request.
#include <imgui.h>

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

// A row of numbered pills (1-5 or 0-10) with captions for both ends: one radio group.
bool draw_scale(int first, int last, int& value, const char* low, const char* high, const Question& question, std::size_t q,
                Mirror& items) {
  std::vector<std::string> labels, names;
  for (int v = first; v <= last; ++v) {
    labels.push_back(std::to_string(v));
    if (question.type == QuestionType::likert) names.push_back(std::to_string(v) + ", " + likert_label(v));
    else names.push_back(v == first ? std::to_string(v) + ", " + low : v == last ? std::to_string(v) + ", " + high : std::to_string(v));
  }
  const int picked = pill_group(question.text, labels, names, value - first, items, id_for("opt", q));
  begin_column();
  const float left = ImGui::GetCursorPosX();
  muted_text(low);
  // Under the last option, right-aligned with it (a caption in the middle could bias answers).
  ImGui::SameLine(left + column_width() - ImGui::CalcTextSize(high).x);
  muted_text(high);
  // Choosing the chosen value again keeps it: a tap that lands twice must not clear an answer.
  if (picked < 0 || picked + first == value) return false;
  value = picked + first;
  return true;
}

bool draw_question(const Question& question, QuestionInput& in, std::size_t i, Mirror& items) {
  ImGui::PushID(static_cast<int>(i));
  column_heading(std::to_string(i + 1) + ". " + question.text, items, id_for("label", i));
  begin_column();
  muted_text(question.required ? "Required" : "Optional");
  bool changed = false;
  switch (question.type) {
    case QuestionType::likert:
      changed = draw_scale(1, 5, in.number, "Strongly disagree", "Strongly agree", question, i, items);
      if (in.number >= 1) {
        begin_column();
        muted_text(std::to_string(in.number) + " — " + likert_label(in.number));
      }
      break;
    case QuestionType::enps:
      changed = draw_scale(0, 10, in.number, "Not at all likely", "Extremely likely", question, i, items);
      break;
    case QuestionType::single_choice: {
      const int picked = radio_group(question.text, question.options, in.number, items, id_for("opt", i));
      if (picked >= 0 && picked != in.number) {
        in.number = picked;
        changed = true;
      }
      break;
    }
    case QuestionType::multi_choice:
      for (std::size_t k = 0; k < question.options.size() && k < in.picked.size(); ++k) {
        bool on = in.picked[k];
        if (wrapped_checkbox(question.options[k].c_str(), &on, items, id_for("opt", i, k).c_str())) {
          in.picked[k] = on;
          changed = true;
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
      changed = text_field(spec, in.text, items, id_for("text", i)).changed;
      draw_hints(("hints" + std::to_string(i)).c_str(), in.hints);
      break;
    }
  }
  // An explicit way to leave an optional choice blank again.
  const bool chosen = (question.type == QuestionType::likert || question.type == QuestionType::enps ||
                       question.type == QuestionType::single_choice) && in.number >= 0;
  if (chosen && !question.required) {
    begin_column();
    if (small_button("Clear answer", items, id_for("clear", i))) {
      in.number = -1;
      changed = true;
    }
  }
  error_text(in.error, id_for("error", i));
  ImGui::PopID();
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.8f));
  return changed;
}

void draw_form_footer(AppState& state, std::vector<Action>& actions, Mirror& items) {
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

void draw_intro(const AppState& state, std::vector<Action>& actions, Mirror& items) {
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

void draw_feedback(AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.campaign;
  column_title(c.title, items, "campaign_title");
  const int answered = answered_count(c, state.answers);
  const int total = static_cast<int>(c.questions.size());
  progress_bar(total ? static_cast<float>(answered) / static_cast<float>(total) : 0.0f,
               std::to_string(answered) + " of " + std::to_string(total) + " answered", items, "progress");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  for (std::size_t i = 0; i < c.questions.size() && i < state.answers.size(); ++i) {
    if (draw_question(c.questions[i], state.answers[i], i, items)) actions.push_back(AnswerEdited{static_cast<int>(i)});
  }
  draw_form_footer(state, actions, items);
}

void draw_mediation(AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.campaign;
  MediationInput& m = state.mediation;
  column_title("Ask for a neutral mediator", items, "mediation_title");
  column_text("A mediator is a neutral third party who helps when a conflict cannot be solved inside the team. "
              "Your request is sealed to the mediator only (key " + key_ids(c.mediation_to) + ")" +
              (c.allow_mediation_to_feedback_readers ? " and this campaign's feedback readers." : "; your manager cannot open it.") +
              " Share only what you are comfortable with.");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  bool changed = false;

  const auto field = [&](const char* id, const char* label, const char* hint, float lines, bool required, std::string& value) {
    column_heading(label, items, std::string(id) + "_label");
    begin_column();
    FieldSpec spec;
    spec.label = label;
    spec.hint = hint;
    spec.lines = lines;
    spec.required = required;
    changed |= text_field(spec, value, items, id).changed;
  };
  field("what_text", "What happened? (required)", "", 6, true, m.what);
  draw_hints("hints_what", m.hints);
  field("who_text", "Who is involved? (optional)", "Roles are often enough, e.g. \"a colleague on my team\"", 0, false, m.who);
  field("outcome_text", "What outcome would help? (optional)", "", 3, false, m.outcome);

  column_heading("How urgent is it?", items, "urgency_label");
  const int urgency = radio_group("How urgent is it?", {"Low — it can wait", "Normal", "Urgent — it affects my work now"},
                                  m.urgency, items, "urgency_");
  if (urgency >= 0 && urgency != m.urgency) {
    m.urgency = urgency;
    changed = true;
  }

  field("contact_text", "How can the mediator reach you? (optional)", "Leave empty to stay fully anonymous", 0, false, m.contact);
  begin_column();
  muted_text("Only if you want a reply: write it yourself, e.g. a personal address. Parley adds nothing about you.");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  if (changed) actions.push_back(AnswerEdited{-1});
  draw_form_footer(state, actions, items);
}

}  // namespace parley::ui
