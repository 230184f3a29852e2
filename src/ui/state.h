// Everything the views draw. Owned by the Controller, which alone changes it (applying Actions);
// views get it as const. Secrets typed in (passphrases, S3 secret keys) are Secret, which
// wipes itself: the leave hooks (Controller::left) clear them when their screen is left.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "client/answers.h"
#include "client/campaign_builder.h"
#include "client/conversation.h"
#include "client/invitation_sheet.h"
#include "client/outbox.h"
#include "client/release_flow.h"
#include "client/results_export.h"
#include "client/results_loader.h"
#include "core/aggregate.h"
#include "core/comparison.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/secret.h"
#include "core/submission.h"

namespace parley::ui {

// The views and the controller are drawn over the client library (src/client): its names are
// used here unqualified, as if they were the UI's own.
using namespace client;

enum class Screen {
  welcome,           // paste a link
  campaign_problem,  // the link cannot be used: tampered, not yet open, closed
  opening,           // a short link's campaign is being fetched from its storage
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
  unlock,    // open results, the mediation inbox or the trustee's desk: link + key file + passphrase
  results,   // loading progress, then aggregated results (managers)
  inbox,     // mediation requests (mediators)
  trustee,   // a trustee campaign's invitations and release (its trustee)
  // A person continuing a mediation with their recovery phrase:
  conversation_open,  // the campaign link and the phrase
  conversation,       // the mediators' replies, and a follow-up to send
};
// The screen's name in snapshots and in the page's mirror ("intro", "feedback", ...).
const char* to_string(Screen s);
// The screens of one read session (unlock, results, inbox): leaving them all ends it.
inline bool reads_results(Screen s) {
  return s == Screen::unlock || s == Screen::results || s == Screen::inbox || s == Screen::trustee;
}
// The screens that need a key pair in memory: making it, building and sharing, reading results.
// The screens of a person's conversation: leaving them both wipes the phrase and the thread key.
inline bool in_conversation(Screen s) { return s == Screen::conversation_open || s == Screen::conversation; }
inline bool holds_keys(Screen s) { return s == Screen::keys || s == Screen::builder || s == Screen::share || reads_results(s); }


enum class NoticeKind { none, info, error };

struct Notice {
  NoticeKind kind = NoticeKind::none;
  std::string text;
};



struct CampaignProblem {
  std::string title;
  std::string detail;
};

// Creating a key file. The secret keys stay in memory (AppState::keys) until the page closes;
// only the passphrase-wrapped file ever leaves it, as a download.
struct KeysForm {
  KeyRole role = KeyRole::manager;
  std::string label;
  Secret passphrase, repeat;
  std::string error;
  std::string file_text;   // the wrapped key file, once made
  std::string public_key;  // parley-r1-… text to share (mediators send it to the manager)
  bool downloaded = false;
};



// The statuses a mediator gives a request, in the order the inbox offers them.
inline constexpr RequestStatus kRequestStatuses[] = {RequestStatus::fresh, RequestStatus::in_progress, RequestStatus::closed};

// Comments on screen per question start at a page, and grow a page at a time (ShowMoreComments).
inline constexpr std::size_t kCommentPage = 50;

struct ResultsSession {
  std::string link, keyfile_name, keyfile_text;
  Secret passphrase;  // of the key file; wiped once it has unwrapped the keys
  // Read credentials for a campaign stored in S3: typed in, kept in memory only while the person
  // stays on the unlock, results and inbox screens, then wiped.
  std::string s3_access_key;
  Secret s3_secret_key;
  bool link_uses_s3 = false;  // the link on the unlock screen names S3 storage: ask for them
  std::string checked_link;   // the link link_uses_s3 was worked out for
  bool opening = false;       // a short link's campaign is being fetched; open() goes on after
  std::string error;
  std::optional<Campaign> campaign;
  std::string token;
  bool reads_feedback = false, reads_mediation = false;
  LoadProgress load;  // written by the session's ResultsLoader
  int selected = -1;  // inbox item shown in detail
  int left = -1;      // the one last shown: the list's focus goes back to its row
  // Mediators: replies drafted in the inbox, by thread, sent together (ResultsFlow::send_replies).
  std::map<std::string, ReplyDraft> replies;
  bool sending_replies = false;
  std::string replies_note;  // the last sending's outcome, in plain words
  std::map<std::size_t, std::size_t> comments_shown;  // per question: comments on screen, when more than a page
  std::set<std::pair<std::size_t, std::size_t>> comments_whole;  // (question, comment): long ones unfolded
  // An earlier campaign's results file to compare with (core/comparison.h), or why it was refused.
  std::optional<EarlierResults> earlier_file;
  std::string earlier_file_error;

  std::size_t comments_on_screen(std::size_t question) const {
    const auto it = comments_shown.find(question);
    return it == comments_shown.end() ? kCommentPage : it->second;
  }
};

// The trustee's desk for one campaign (Screen::trustee; the campaign is the session's): its
// invitations and its release. The codes stay in memory while the desk is open, for the files
// the trustee downloads; they are the same every time they are made (docs/FORMAT.md).
struct TrusteeDesk {
  std::string count;                      // the number of invitations, as typed
  std::vector<Invitation> invitations;    // made on this visit
  std::optional<std::uint32_t> published; // the count the storage's signed statement holds, once read
  bool checking = false;                  // reading the published statement
  bool publishing = false;                // storing the statement of the invitations just made
  std::string error;                      // about the invitations, in plain words
  ReleaseProgress release;                // written by the desk's ReleaseFlow
};

// A mediation conversation, on the person's side (docs/FORMAT.md, "Conversations").
struct ConversationDesk {
  bool keep_phrase = true;  // the mediation form's choice: a phrase to read replies with
  Secret phrase;            // shown once on the sent screen after a request; wiped when it is left
  std::string sent_link;    // the link the request was sent through, for the phrase file
  // "Continue a mediation":
  std::string link;
  Secret typed_phrase;
  std::string error;
  bool opening = false;     // a short link's campaign is being fetched; opening goes on after
  bool loading = false;
  std::optional<Campaign> campaign;
  std::string invite;                      // the link's invitation code (trustee campaigns)
  std::optional<RecipientKeyPair> thread;  // wipes its secret half as it goes
  std::vector<ThreadReply> replies;
  bool closed = false;
  bool read = false;        // the replies have been read at least once
  std::string message;      // the follow-up being written
  bool close = false;       // ... and whether it closes the thread
  std::string sent_note;    // "Your message is on its way" after a follow-up
};

struct AppState {
  Screen screen = Screen::welcome;
  std::string link_input;  // the welcome screen's text box
  std::string opening_link;  // Screen::opening: the short link being fetched
  std::string retry_link;    // Screen::campaign_problem: a short link whose storage did not hand it over ("Try again")
  std::string opening_host;  // ... and the storage it is fetched from, as the screen names it
  Notice notice;

  std::optional<Campaign> campaign;  // the verified campaign being answered
  // The invitation code of the personal link it was opened with ("" for a plain link): a trustee
  // campaign's answers carry it inside the envelope sealed to the trustee. Memory only, never saved.
  std::string invite;
  std::string signer_label;          // the site file's name for its signer; "" without a site file
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
  TrusteeDesk desk;        // the trustee's, for the session's campaign
  ConversationDesk conversation;

  std::string last_sent;   // object name of the envelope on the "sent" screen
  std::string check_note;  // result of "check that it is stored"
};

}  // namespace parley::ui
