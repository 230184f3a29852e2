// Everything the views draw. Owned by the Controller; views read it, edit the input fields in
// place (as ImGui widgets do) and emit Actions for everything else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/manifest.h"
#include "core/privacy_hints.h"
#include "ui/outbox.h"

namespace parley::ui {

enum class Screen {
  welcome,           // paste a link
  campaign_problem,  // the link cannot be used: tampered, not yet open, closed
  intro,             // who can read what; choose feedback or mediation
  feedback,          // the questionnaire
  feedback_review,   // exactly what will be sent
  mediation,         // the mediation request form
  mediation_review,
  sent,              // status of the envelope just sealed, and its receipt
};

enum class NoticeKind { none, info, error };

struct Notice {
  NoticeKind kind = NoticeKind::none;
  std::string text;
};

// One question's input as the person edits it.
struct QuestionInput {
  int number = -1;           // likert 1-5, eNPS 0-10, single choice index; -1: not answered
  std::vector<bool> picked;  // multiple choice, one flag per option
  std::string text;          // free text and blockers
  std::string error;         // why this answer cannot be sent yet, in plain words
  std::vector<PrivacyHint> hints;
};

struct MediationInput {
  std::string what, who, outcome, contact;
  int urgency = 1;  // 0 low, 1 normal, 2 urgent
  std::string error;
  std::vector<PrivacyHint> hints;  // for "what happened"
};

// A line of the review screen: the question and the answer as the reader will see it.
struct ReviewLine {
  std::string question;
  std::string answer;
};

struct CampaignProblem {
  std::string title;
  std::string detail;
};

struct AppState {
  Screen screen = Screen::welcome;
  Screen drawn = Screen::welcome;  // the screen the views drew last (a new one starts at the top)
  std::string link_input;  // edited in place by the welcome screen's text box
  Notice notice;

  std::optional<Campaign> campaign;  // the verified campaign being answered
  std::string today;                 // YYYY-MM-DD, from the app's clock
  CampaignProblem problem;

  std::vector<QuestionInput> answers;  // parallel to campaign->questions
  MediationInput mediation;
  bool keep_draft = false;  // the person chose to keep plaintext on this device
  std::vector<ReviewLine> review;

  Outbox outbox;
  std::string last_sent;   // object name of the envelope on the "sent" screen
  std::string check_note;  // result of "check that it is stored"
};

}  // namespace parley::ui
