// What a person did, as values: views emit them, the Controller applies them. Views never
// change the state they draw: every click, choice and keystroke arrives here first.
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "client/qr_sheet.h"
#include "core/secret.h"
#include "ui/state.h"

namespace parley::ui {

struct OpenLink {
  std::string link;
};
struct DismissNotice {};
// The problem screen's "Try again" for a short link whose storage did not answer.
struct RetryOpen {};
struct StartFeedback {};
struct StartMediation {};
// Escape, or a "Back" button: one step back from the current screen.
struct GoBack {};

// --- typing: one action for every text field, one for every secret --------------------------
// Every text field of every screen. The Controller writes each one in one exhaustive switch
// (controller_edits.cpp): a field added here and not handled there fails to compile.
enum class Field {
  link,  // welcome: the campaign link
  answer_text,  // `index`: the question (free text, blockers)
  mediation_what,
  mediation_who,
  mediation_outcome,
  mediation_contact,
  key_label,  // the owner's own name for a key file
  campaign_title,
  campaign_intro,
  question_text,  // `index`: the builder's question
  question_options,  // `index`: the builder's question, one option per line
  mediator_key,
  mediator_label,
  trustee_keys,  // parley-r1-… parley-s1-… of the campaign's trustee
  trustee_label,
  storage_url,
  s3_bucket_url,
  s3_region,
  s3_key_prefix,
  s3_write_access_key,
  k,  // digits; the Controller keeps k within its bounds
  opens,
  closes,
  results_link,  // unlock: the campaign whose results to open
  s3_read_access_key,
  earlier_link,  // results: an earlier campaign to compare with
  request_note,  // `index`: the inbox request
  invitation_count,  // trustee: how many personal links to make
  reply_text,  // `index`: the inbox request whose thread the mediator replies to
  conversation_link,  // "Continue a mediation": the campaign link
  follow_up,          // the person's message in their conversation
};
struct Edit {
  Field field = Field::link;
  int index = -1;
  std::string text;
};

// Fields that hold a secret: its text travels as a Secret from the widget to the state, and
// the leave hooks wipe it (Controller::left).
enum class SecretField { key_passphrase, key_repeat, s3_write_secret_key, unlock_passphrase, s3_read_secret_key, phrase };
struct EditSecret {
  SecretField field = SecretField::key_passphrase;
  Secret text;
};

// --- choosing: one action per kind of choice, with the value's own type ---------------------
// Likert, eNPS or single-choice answer `index`: the value (1-5, 0-10, option), -1 to clear it.
struct AnswerNumber {
  int index = 0;
  int number = -1;
};
// Multiple-choice answer `index`: option `option` ticked or not.
struct AnswerPicked {
  int index = 0, option = 0;
  bool on = false;
};
struct SetUrgency {
  Urgency urgency = Urgency::normal;
};
struct SetKeepDraft {
  bool keep = false;
};
struct Review {};
struct Send {};
struct RetryNow {
  std::string name;
};
struct SaveEnvelope {
  std::string name;
};
struct CopyReceipt {
  std::string name;
};
struct CheckStored {
  std::string name;
};
struct Done {};

// Managers and mediators.
struct StartKeys {  // "create a key file" in a role
  KeyRole role = KeyRole::manager;
};
struct MakeKeyFile {};
struct DownloadKeyFile {};
struct CopyText {
  std::string text;
};
struct StartBuilder {};
struct UseTemplate {
  std::string name;
};
struct AddQuestion {};
struct SetQuestionType {
  int index = 0;
  QuestionType type = QuestionType::likert;
};
struct SetQuestionRequired {
  int index = 0;
  bool required = false;
};
struct SetStorage {
  StorageChoice storage = StorageChoice::web;
};
// The builder's choice: a campaign with a trustee (false, the default) or direct mode.
struct SetDirect {
  bool direct = false;
};
struct RemoveQuestion {
  int index = 0;
};
struct MoveQuestion {
  int index = 0, delta = 0;
};
struct SignCampaign {};
struct StartUnlock {};
struct PickKeyFile {};
struct OpenResults {};
struct CancelLoading {};
struct AddEnvelopeFiles {};
struct ExportResults {
  ExportFormat format = ExportFormat::csv;
};
// One more page of question `index`'s comments.
struct ShowMoreComments {
  int index = 0;
};
struct SelectRequest {
  int index = -1;
};
struct SetRequestStatus {
  int index = 0;
  RequestStatus status = RequestStatus::fresh;
};
struct SaveNote {
  int index = 0;
};
struct CompareEarlier {};  // load state.earlier.link with the same key

// The trustee's desk.
struct MakeInvitations {};  // desk.count personal links, and the signed count published beside the envelopes
enum class InvitationFile { csv, sheet };
struct DownloadInvitations {
  InvitationFile file = InvitationFile::csv;
};
struct ReleaseResults {};
// The share screen's QR code of the campaign link as a file: PNG, SVG or the printable sheet.
struct SaveQr {
  QrFile file = QrFile::png;
};
struct OpenTrusteeInbox {};

// A person's conversation.
struct SetKeepPhrase {
  bool keep = true;
};
struct CopyPhrase {};
struct SavePhrase {};
struct StartConversation {};  // "Continue a mediation" on the welcome screen
struct OpenConversation {};   // with the link and phrase typed
struct LoadPhraseFile {};     // ... or read from the file saved after the request
struct RefreshConversation {};
struct SetCloseThread {
  bool close = false;
};
struct SendFollowUp {};
// Mediators: whether the reply drafted for inbox item `index`'s thread closes it; send them all.
struct SetReplyClose {
  int index = 0;
  bool close = false;
};
struct SendReplies {};  // a trustee that is also a mediator: the requests, before the release
struct SaveRelease {};  // a copy of the release just made or found, as a file
// Results: an earlier campaign's results file (core/comparison.h) from the picker, to compare with.
struct CompareWithFile {};
// Results: one long comment shown whole (or folded again).
struct ExpandComment {
  int question = 0;
  int comment = 0;
};

using Action = std::variant<OpenLink, DismissNotice, RetryOpen, StartFeedback, StartMediation, GoBack, Edit, EditSecret, AnswerNumber,
                            AnswerPicked, SetUrgency, SetKeepDraft, Review, Send, RetryNow, SaveEnvelope, CopyReceipt,
                            CheckStored, Done, StartKeys, MakeKeyFile, DownloadKeyFile, CopyText, StartBuilder, UseTemplate,
                            AddQuestion, SetQuestionType, SetQuestionRequired, SetStorage, RemoveQuestion, MoveQuestion,
                            SignCampaign, StartUnlock, PickKeyFile, OpenResults, CancelLoading, AddEnvelopeFiles,
                            ExportResults, ShowMoreComments, SelectRequest, SetRequestStatus, SaveNote, CompareEarlier,
                            SetDirect, MakeInvitations, DownloadInvitations, ReleaseResults, SaveRelease,
                            OpenTrusteeInbox, SetKeepPhrase, CopyPhrase, SavePhrase, StartConversation, OpenConversation,
                            RefreshConversation, SetCloseThread, SendFollowUp, SetReplyClose, SendReplies, LoadPhraseFile,
                            SaveQr, CompareWithFile, ExpandComment>;

// The actions of the organisers' screens, and the welcome screen's ways in to them: the
// respondents' build, which has none of those screens, hands them to the full app (ui/edition.h).
// Their handlers are in controller_manager.cpp, which only the full app links: an organiser's
// action left out of this list fails to link in the respondents' build (answer_tests, answer_app).
template <class A>
inline constexpr bool kOrganisersAction =
    std::disjunction_v<std::is_same<A, StartKeys>, std::is_same<A, MakeKeyFile>, std::is_same<A, DownloadKeyFile>,
                       std::is_same<A, StartBuilder>, std::is_same<A, UseTemplate>, std::is_same<A, AddQuestion>,
                       std::is_same<A, SetQuestionType>, std::is_same<A, SetQuestionRequired>, std::is_same<A, SetStorage>,
                       std::is_same<A, RemoveQuestion>, std::is_same<A, MoveQuestion>, std::is_same<A, SignCampaign>,
                       std::is_same<A, StartUnlock>, std::is_same<A, PickKeyFile>, std::is_same<A, OpenResults>,
                       std::is_same<A, CancelLoading>, std::is_same<A, AddEnvelopeFiles>, std::is_same<A, ExportResults>,
                       std::is_same<A, ShowMoreComments>, std::is_same<A, SelectRequest>, std::is_same<A, SetRequestStatus>,
                       std::is_same<A, SaveNote>, std::is_same<A, CompareEarlier>, std::is_same<A, CompareWithFile>,
                       std::is_same<A, ExpandComment>, std::is_same<A, SetDirect>, std::is_same<A, MakeInvitations>,
                       std::is_same<A, DownloadInvitations>, std::is_same<A, ReleaseResults>, std::is_same<A, SaveRelease>,
                       std::is_same<A, OpenTrusteeInbox>, std::is_same<A, SetReplyClose>, std::is_same<A, SendReplies>,
                       std::is_same<A, SaveQr>>;

}  // namespace parley::ui
