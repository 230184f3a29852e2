// Between what the person edits (QuestionInput, MediationInput) and what is sealed
// (Submission): checking, the review text, and the optional draft kept on the device.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/submission.h"
#include "core/privacy_hints.h"

namespace parley::client {

// One question's input as the person edits it.
struct QuestionInput {
  int number = -1;           // likert 1-5, eNPS 0-10, single choice index; -1: not answered
  std::vector<bool> picked;  // multiple choice, one flag per option
  std::string text;          // free text and blockers
  std::string error;         // why this answer cannot be sent yet, in plain words
  std::vector<PrivacyHint> hints;
};

// How soon a mediation request needs a mediator; the request's contents carry its word
// (urgency_name): "low", "normal", "urgent".
enum class Urgency { low, normal, urgent };
// In the order the form offers them.
inline constexpr Urgency kUrgencies[] = {Urgency::low, Urgency::normal, Urgency::urgent};

struct MediationInput {
  std::string what, who, outcome, contact;
  Urgency urgency = Urgency::normal;
  std::string error;
  std::vector<PrivacyHint> hints;  // for "what happened"
};

// A line of the review screen: the question and the answer as the reader will see it.
struct ReviewLine {
  std::string question;
  std::string answer;
};

// Empty inputs for every question of `campaign`.
std::vector<QuestionInput> blank_answers(const Campaign& campaign);

// Fills each input's `error` and returns the number of answers that need attention.
int check_answers(const Campaign& campaign, std::vector<QuestionInput>& inputs);
int check_mediation(MediationInput& input);

Submission feedback_submission(const Campaign& campaign, const std::vector<QuestionInput>& inputs);
Submission mediation_submission(const Campaign& campaign, const MediationInput& input, const std::string& today);

// Review lines, in question order; skipped optional questions say so.
std::vector<ReviewLine> review_feedback(const Campaign& campaign, const std::vector<QuestionInput>& inputs);
std::vector<ReviewLine> review_mediation(const MediationInput& input);

// Whether `number` can answer `question`: 1-5 (likert), 0-10 (eNPS), an option's index (single choice).
bool takes_number(const Question& question, int number);

// How many questions have an answer (for the progress bar).
int answered_count(const Campaign& campaign, const std::vector<QuestionInput>& inputs);

// Likert labels, 1-5 ("Agree"), and a chosen value as shown ("4 — Agree").
const std::string& likert_label(int value);
std::string likert_answer(int value);
// The urgency word a mediation request carries (data, not text: "low", "normal", "urgent").
const char* urgency_name(Urgency urgency);

// Drafts: plaintext, kept only when the person asks for it. Their JSON keeps one shape across
// versions (a draft saved by an older page still loads): urgency is 0, 1 or 2 there.
nlohmann::json draft_to_json(const std::vector<QuestionInput>& inputs, const MediationInput& mediation);
void draft_from_json(const nlohmann::json& j, const Campaign& campaign, std::vector<QuestionInput>& inputs,
                     MediationInput& mediation);

}  // namespace parley::client
