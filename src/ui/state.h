// Everything the views draw. Owned by the Controller; views read it, edit the input fields in
// place (as ImGui widgets do) and emit Actions for everything else.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/aggregate.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/submission.h"
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
  // Managers and mediators:
  keys,      // create a key file (manager or mediator)
  builder,   // build and sign a campaign
  share,     // the signed campaign's link
  unlock,    // open results or the mediation inbox: link + key file + passphrase
  results,   // loading progress, then aggregated results (managers)
  inbox,     // mediation requests (mediators)
};
// The screen's name in snapshots and in the page's mirror ("intro", "feedback", ...).
const char* to_string(Screen s);


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

// Creating a key file. The secret keys stay in memory (AppState::keys) until the page closes;
// only the passphrase-wrapped file ever leaves it, as a download.
struct KeysForm {
  KeyRole role = KeyRole::manager;
  std::string label, passphrase, repeat;
  std::string error;
  std::string file_text;   // the wrapped key file, once made
  std::string public_key;  // parley-r1-… text to share (mediators send it to the manager)
  bool downloaded = false;
};

// A question as the manager edits it.
struct QuestionDraft {
  int type = 0;  // index into kQuestionTypes (views) / QuestionType order
  std::string text;
  bool required = false;
  std::string options;  // choice questions: one option per line
};

// Where a campaign's envelopes go, as the builder offers it.
enum class StorageChoice { web, s3 };

struct BuilderForm {
  std::string title, intro;
  std::vector<QuestionDraft> questions;
  std::string mediator_key;  // parley-r1-… of the mediator (optional)
  StorageChoice storage = StorageChoice::web;
  std::string storage_url;  // web storage; "{id}" becomes the campaign id
  // S3-compatible bucket. The write credentials sign the campaign's POST policy once and are
  // then wiped: the secret is never kept, and only the access key ID travels (in the policy).
  std::string s3_bucket_url, s3_region = "us-east-1", s3_key_prefix = "parley/{id}/";
  std::string s3_access_key, s3_secret_key;
  int k = 5;
  std::string opens, closes;
  std::string error;
  std::string link;  // the share link, once signed
};

enum class RequestStatus { fresh, in_progress, closed };

struct InboxItem {
  std::string id;  // hash of the request's contents: stable, says nothing about the sender
  Submission submission;  // a mediation request
  RequestStatus status = RequestStatus::fresh;
  std::string note;  // the mediator's private note, kept encrypted in this browser
};

struct ResultsSession {
  std::string link, passphrase, keyfile_name, keyfile_text;
  // Read credentials for a campaign stored in S3: typed in, kept in memory only while the person
  // stays on the unlock, results and inbox screens, then wiped.
  std::string s3_access_key, s3_secret_key;
  bool link_uses_s3 = false;  // the link on the unlock screen names S3 storage: ask for them
  std::string checked_link;   // the link link_uses_s3 was worked out for
  std::string error;
  std::optional<Campaign> campaign;
  std::string token;
  bool reads_feedback = false, reads_mediation = false;
  // Loading: listed -> downloaded -> opened.
  bool loading = false;
  std::size_t total = 0, downloaded = 0, opened = 0;
  std::map<std::string, std::size_t> failures;  // why envelopes could not be read, by reason
  std::optional<AggregateResult> result;
  std::vector<InboxItem> inbox;
  int selected = -1;  // inbox item shown in detail
  std::map<std::size_t, std::size_t> comments_shown;  // per question: comments on screen (paged)
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

  std::optional<KeySet> keys;  // unlocked or freshly made; memory only
  KeysForm keys_form;
  BuilderForm builder;
  ResultsSession session;
  ResultsSession earlier;  // an earlier campaign of the same questionnaire, for trends

  std::string last_sent;   // object name of the envelope on the "sent" screen
  std::string check_note;  // result of "check that it is stored"
};

}  // namespace parley::ui
