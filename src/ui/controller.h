// The Controller owns AppState and is the only code that changes it: it applies Actions (views
// and tests alike send them) and the platform's callbacks. Plain C++: no ImGui, no browser, so
// every flow can be tested natively with a test Platform.
//
// It has no clock of its own: the app passes the time with tick(), once per frame.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "platform/platform.h"
#include "ui/actions.h"
#include "client/opener.h"
#include "client/short_link_storage.h"
#include "client/site_file.h"
#include "ui/results_flow.h"
#include "ui/trustee_flow.h"
#include "ui/state.h"

namespace parley::testing {
class ControllerHarness;
}  // namespace parley::testing

namespace parley::ui {

class Controller {
 public:
  // `site` is the deployment's site file (docs/DEPLOYING.md), already looked for: campaign
  // links are judged against it. Without one (nullptr), every link is judged on its own.
  // `opener` opens envelopes for the organisers' screens; the respondents' build (ui/edition.h)
  // has none of those and passes nullptr.
  Controller(platform::Platform& platform, Rng& rng, EnvelopeOpener* opener, const client::SiteFile* site = nullptr);

  // Once, when the page starts: restores the outbox, then opens the link the page was
  // loaded with (empty when none).
  void start(const std::string& page_link, const std::string& today);

  // Once per frame: `now_ms` is any monotonic clock, `today` is YYYY-MM-DD (UTC).
  void tick(double now_ms, const std::string& today);

  const AppState& state() const { return state_; }

  // Applies what a person did; every Action has its own on() below (a missing one fails to compile).
  void apply(const Action& action);

  // A JSON view of what is on screen, for tests and the debugging console. Holds only what
  // the person already sees on their own screen.
  nlohmann::json snapshot() const;

 private:
  // Element `index` of `v`, or null when an action names one that is not there (any more).
  template <class T>
  static T* at(std::vector<T>& v, int index) {
    return index >= 0 && static_cast<std::size_t>(index) < v.size() ? &v[static_cast<std::size_t>(index)] : nullptr;
  }
  // --- one handler per action (controller.cpp, controller_edits.cpp, controller_manager.cpp) ---
  void on(const OpenLink&);
  void on(const RetryOpen&);
  void on(const DismissNotice&);
  void on(const StartFeedback&);
  void on(const StartMediation&);
  void on(const GoBack&);
  void on(const Edit&);
  void on(const EditSecret&);
  void on(const AnswerNumber&);
  void on(const AnswerPicked&);
  void on(const SetUrgency&);
  void on(const SetKeepDraft&);
  void on(const Review&);
  void on(const Send&);
  void on(const RetryNow&);
  void on(const SaveEnvelope&);
  void on(const CopyReceipt&);
  void on(const CheckStored&);
  void on(const Done&);
  void on(const StartKeys&);
  void on(const MakeKeyFile&);
  void on(const DownloadKeyFile&);
  void on(const CopyText&);
  void on(const StartBuilder&);
  void on(const UseTemplate&);
  void on(const AddQuestion&);
  void on(const SetQuestionType&);
  void on(const SetQuestionRequired&);
  void on(const SetStorage&);
  void on(const RemoveQuestion&);
  void on(const MoveQuestion&);
  void on(const SignCampaign&);
  void on(const StartUnlock&);
  void on(const PickKeyFile&);
  void on(const OpenResults&);
  void on(const CancelLoading&);
  void on(const AddEnvelopeFiles&);
  void on(const ExportResults&);
  void on(const ShowMoreComments&);
  void on(const SelectRequest&);
  void on(const SetRequestStatus&);
  void on(const SaveNote&);
  void on(const CompareEarlier&);
  void on(const CompareWithFile&);
  void on(const ExpandComment&);
  void on(const SetDirect&);
  void on(const MakeInvitations&);
  void on(const DownloadInvitations&);
  void on(const ReleaseResults&);
  void on(const SaveRelease&);
  void on(const OpenTrusteeInbox&);
  void on(const SetKeepPhrase&);
  void on(const CopyPhrase&);
  void on(const SavePhrase&);
  void on(const StartConversation&);
  void on(const OpenConversation&);
  void on(const RefreshConversation&);
  void on(const SetCloseThread&);
  void on(const SendFollowUp&);
  void on(const SetReplyClose&);
  void on(const SendReplies&);
  void on(const LoadPhraseFile&);
  void on(const SaveQr&);

  // The respondents' build: an organiser's action loads the full app at the screen it asks for.
  void hand_over(const Action& action);
  // The full app loaded by hand_over(): the screen its fragment (#go=...) names.
  void take_over(const std::string& page_link);

  // The one way to change screens: runs what leaving a screen must do (left()), such as wiping
  // the secrets typed there.
  void go_to(Screen next);
  void left(Screen from, Screen to);

  void open_link(const std::string& link);
  // A short link: its campaign from links_, fetched first (Screen::opening) when not yet known.
  void open_short_link(const std::string& link);
  // The rest of open_link, once the link's token is known.
  void open_campaign(const std::string& link, LinkParts parts);
  void links_changed();
  // The site file's name for the campaign's signer ("" without a site file), or why this
  // deployment does not open the campaign (in words for the problem screen).
  Result<std::string> trusted_here(const Campaign& campaign) const;
  void start_form(Screen screen);
  void go_back();
  void edited(int index);
  void set_keep_draft(bool keep);
  void review();
  void send();
  void save_envelope(const std::string& name);
  void check_stored(const std::string& name);
  void done();
  void save_draft();
  void clear_draft();
  std::string draft_key() const;

  // Managers and mediators (controller_manager.cpp).
  void start_keys(KeyRole role);
  void make_key_file();
  void download_key_file();
  void start_builder();
  void sign_campaign();
  void on_drop(std::vector<platform::PickedFile> files);
  // A notice when the inbox's notes could not be saved, or (`say_so`) that they were.
  void notes_saved(const Status& saved, bool say_so);
  nlohmann::json manager_snapshot() const;

  // A person's conversation (controller_conversation.cpp).
  void open_conversation();
  void use_phrase_file(Bytes file);
  void refresh_conversation();
  void send_follow_up();
  nlohmann::json conversation_snapshot() const;

  platform::Platform& platform_;
  Rng& rng_;
  EnvelopeOpener* opener_;  // nullptr in the respondents' build
  const client::SiteFile* site_;
  std::string app_url_;  // this page's address without the fragment
  std::string opened_link_;  // the campaign link the person opened (a personal link keeps its code)
  AppState state_;
  client::LinkTokens links_{platform_};  // short links' campaigns, fetched once per page
  // Made only in the full app, with an opener: the respondents' build has neither.
  std::optional<ResultsFlow> results_;  // the read session of state_.session and state_.earlier
  std::optional<TrusteeFlow> trustee_;  // the trustee's desk, for state_.session's campaign
  std::string draft_to_clear_;  // a kept draft whose envelope is not yet stored
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // see Outbox::alive_

  // Tests set up what no action can (a key pair without its slow key file, a screen to draw).
  friend class testing::ControllerHarness;
};

}  // namespace parley::ui
