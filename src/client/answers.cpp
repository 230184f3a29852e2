#include "client/answers.h"

#include <algorithm>

#include "core/text.h"
#include "client/texts.h"

namespace parley::client {
namespace {

bool is_text_type(QuestionType t) { return t == QuestionType::free_text || t == QuestionType::blockers; }

// A draft's urgency: 0, 1, 2 (as drafts have always stored it; out of range reads as the nearest).
int draft_number(Urgency u) {
  switch (u) {
    case Urgency::low: return 0;
    case Urgency::normal: return 1;
    case Urgency::urgent: return 2;
  }
  return 1;
}

Urgency urgency_from_draft(int n) { return n <= 0 ? Urgency::low : n == 1 ? Urgency::normal : Urgency::urgent; }

bool has_answer(const Question& q, const QuestionInput& in) {
  switch (q.type) {
    case QuestionType::multi_choice: return std::find(in.picked.begin(), in.picked.end(), true) != in.picked.end();
    case QuestionType::free_text:
    case QuestionType::blockers: return !trim_blank(in.text).empty();
    default: return in.number >= 0;
  }
}

std::string text_error(const std::string& typed, std::size_t max_chars) {
  if (!is_valid_utf8(typed)) return text("feedback.error.not_utf8");
  if (utf8_length(typed) > max_chars) return text("feedback.error.too_long", {{"max", std::to_string(max_chars)}});
  if (!is_clean_text(typed, max_chars, true)) return text("feedback.error.control_characters");
  return {};
}

}  // namespace

const std::string& likert_label(int value) {
  switch (value) {
    case 1: return text("likert.1");
    case 2: return text("likert.2");
    case 3: return text("likert.3");
    case 4: return text("likert.4");
    case 5: return text("likert.5");
  }
  static const std::string none;
  return none;
}

std::string likert_answer(int value) { return std::to_string(value) + " — " + likert_label(value); }

const char* urgency_name(Urgency urgency) {
  switch (urgency) {
    case Urgency::low: return "low";
    case Urgency::normal: return "normal";
    case Urgency::urgent: return "urgent";
  }
  return "normal";
}

std::vector<QuestionInput> blank_answers(const Campaign& campaign) {
  std::vector<QuestionInput> out(campaign.questions.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i].picked.assign(campaign.questions[i].options.size(), false);
  return out;
}

int check_answers(const Campaign& campaign, std::vector<QuestionInput>& inputs) {
  int problems = 0;
  for (std::size_t i = 0; i < campaign.questions.size() && i < inputs.size(); ++i) {
    const Question& q = campaign.questions[i];
    QuestionInput& in = inputs[i];
    in.error.clear();
    if (q.required && !has_answer(q, in)) {
      in.error = q.type == QuestionType::multi_choice ? text("feedback.error.choose_one") : text("feedback.error.required");
    } else if (is_text_type(q.type)) {
      in.error = text_error(trim_blank(in.text), kMaxFreeTextChars);
    }
    if (!in.error.empty()) ++problems;
  }
  return problems;
}

int check_mediation(MediationInput& in) {
  in.error.clear();
  if (trim_blank(in.what).empty()) {
    in.error = text("mediation.error.what_missing");
  } else if (auto e = text_error(trim_blank(in.what), kMaxFreeTextChars); !e.empty()) {
    in.error = text("mediation.error.what", {{"error", e}});
  } else if (auto e2 = text_error(trim_blank(in.who), 500); !e2.empty()) {
    in.error = text("mediation.error.who", {{"error", e2}});
  } else if (auto e3 = text_error(trim_blank(in.outcome), 2000); !e3.empty()) {
    in.error = text("mediation.error.outcome", {{"error", e3}});
  } else if (auto e4 = text_error(trim_blank(in.contact), 300); !e4.empty()) {
    in.error = text("mediation.error.contact", {{"error", e4}});
  }
  return in.error.empty() ? 0 : 1;
}

Submission feedback_submission(const Campaign& campaign, const std::vector<QuestionInput>& inputs) {
  Submission s;
  s.kind = SubmissionKind::feedback;
  s.campaign = campaign.id;
  for (std::size_t i = 0; i < campaign.questions.size() && i < inputs.size(); ++i) {
    const Question& q = campaign.questions[i];
    const QuestionInput& in = inputs[i];
    if (!has_answer(q, in)) continue;
    Answer a;
    if (is_text_type(q.type)) {
      a.is_text = true;
      a.text = trim_blank(in.text);
    } else if (q.type == QuestionType::multi_choice) {
      for (std::size_t k = 0; k < in.picked.size(); ++k) {
        if (in.picked[k]) a.choices.push_back(static_cast<int>(k));
      }
    } else {
      a.number = in.number;
    }
    s.answers.emplace(q.id, std::move(a));
  }
  return s;
}

Submission mediation_submission(const Campaign& campaign, const MediationInput& in, const std::string& today) {
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = campaign.id;
  s.day = today;
  s.request = {trim_blank(in.what), trim_blank(in.who), trim_blank(in.outcome), urgency_name(in.urgency), trim_blank(in.contact)};
  return s;
}

std::vector<ReviewLine> review_feedback(const Campaign& campaign, const std::vector<QuestionInput>& inputs) {
  std::vector<ReviewLine> out;
  for (std::size_t i = 0; i < campaign.questions.size() && i < inputs.size(); ++i) {
    const Question& q = campaign.questions[i];
    const QuestionInput& in = inputs[i];
    std::string answer;
    if (!has_answer(q, in)) {
      answer = text("review.skipped");
    } else if (is_text_type(q.type)) {
      answer = trim_blank(in.text);
    } else if (q.type == QuestionType::likert) {
      answer = likert_answer(in.number);
    } else if (q.type == QuestionType::enps) {
      answer = text("review.enps_answer", {{"value", std::to_string(in.number)}});
    } else if (q.type == QuestionType::single_choice) {
      answer = q.options.at(static_cast<std::size_t>(in.number));
    } else {
      for (std::size_t k = 0; k < in.picked.size(); ++k) {
        if (in.picked[k]) answer += (answer.empty() ? "" : "; ") + q.options[k];
      }
    }
    out.push_back({q.text, answer});
  }
  return out;
}

std::vector<ReviewLine> review_mediation(const MediationInput& in) {
  auto or_none = [](const std::string& s) { return trim_blank(s).empty() ? text("review.not_given") : trim_blank(s); };
  return {{text("review.mediation.what"), trim_blank(in.what)},
          {text("review.mediation.who"), or_none(in.who)},
          {text("review.mediation.outcome"), or_none(in.outcome)},
          {text("review.mediation.urgency"), urgency_name(in.urgency)},
          {text("review.mediation.contact"), or_none(in.contact)}};
}

int answered_count(const Campaign& campaign, const std::vector<QuestionInput>& inputs) {
  int n = 0;
  for (std::size_t i = 0; i < campaign.questions.size() && i < inputs.size(); ++i) n += has_answer(campaign.questions[i], inputs[i]) ? 1 : 0;
  return n;
}

nlohmann::json draft_to_json(const std::vector<QuestionInput>& inputs, const MediationInput& m) {
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& in : inputs) answers.push_back({{"n", in.number}, {"p", in.picked}, {"t", in.text}});
  return {{"answers", answers},
          {"mediation", {{"what", m.what}, {"who", m.who}, {"outcome", m.outcome}, {"contact", m.contact}, {"urgency", draft_number(m.urgency)}}}};
}

bool takes_number(const Question& q, int n) {
  switch (q.type) {
    case QuestionType::likert: return n >= 1 && n <= 5;
    case QuestionType::enps: return n >= 0 && n <= 10;
    case QuestionType::single_choice: return n >= 0 && n < static_cast<int>(q.options.size());
    default: return false;
  }
}

void draft_from_json(const nlohmann::json& j, const Campaign& campaign, std::vector<QuestionInput>& inputs,
                     MediationInput& m) {
  // A draft from an older questionnaire may not match: restore only what fits.
  if (!j.is_object()) return;
  if (const auto a = j.find("answers");
      a != j.end() && a->is_array() && a->size() == inputs.size() && inputs.size() == campaign.questions.size()) {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& e = (*a)[i];
      if (!e.is_object()) continue;
      if (e.contains("n") && e["n"].is_number_integer() && takes_number(campaign.questions[i], e["n"].get<int>())) {
        inputs[i].number = e["n"].get<int>();
      }
      if (e.contains("t") && e["t"].is_string()) inputs[i].text = e["t"].get<std::string>();
      if (e.contains("p") && e["p"].is_array() && e["p"].size() == inputs[i].picked.size()) {
        for (std::size_t k = 0; k < inputs[i].picked.size(); ++k) inputs[i].picked[k] = e["p"][k].is_boolean() && e["p"][k].get<bool>();
      }
    }
  }
  if (const auto md = j.find("mediation"); md != j.end() && md->is_object()) {
    auto str = [&](const char* key, std::string& out) {
      if (md->contains(key) && (*md)[key].is_string()) out = (*md)[key].get<std::string>();
    };
    str("what", m.what);
    str("who", m.who);
    str("outcome", m.outcome);
    str("contact", m.contact);
    if (md->contains("urgency") && (*md)["urgency"].is_number_integer()) m.urgency = urgency_from_draft((*md)["urgency"].get<int>());
  }
}

}  // namespace parley::client
