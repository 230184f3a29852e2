#include "ui/controller.h"

#include "core/phrase.h"
#include "core/url.h"
#include "core/text.h"
#include "client/answers.h"
#include "client/submit.h"
#include "client/texts.h"
#include "ui/edition.h"

namespace parley::ui {
const char* to_string(Screen s) {
  switch (s) {
    case Screen::welcome: return "welcome";
    case Screen::campaign_problem: return "campaign_problem";
    case Screen::opening: return "opening";
    case Screen::intro: return "intro";
    case Screen::feedback: return "feedback";
    case Screen::feedback_review: return "feedback_review";
    case Screen::mediation: return "mediation";
    case Screen::mediation_review: return "mediation_review";
    case Screen::sent: return "sent";
    case Screen::keys: return "keys";
    case Screen::builder: return "builder";
    case Screen::share: return "share";
    case Screen::unlock: return "unlock";
    case Screen::results: return "results";
    case Screen::inbox: return "inbox";
    case Screen::trustee: return "trustee";
    case Screen::conversation_open: return "conversation_open";
    case Screen::conversation: return "conversation";
  }
  return "unknown";
}

namespace {

const char* notice_name(NoticeKind k) {
  switch (k) {
    case NoticeKind::none: return "none";
    case NoticeKind::info: return "info";
    case NoticeKind::error: return "error";
  }
  return "unknown";
}

CampaignProblem link_problem(const Error& e) {
  switch (e.code) {
    // A short link's stored campaign that is not the one it names was changed too.
    case Errc::wrong_manifest:
    case Errc::bad_signature: return {text("problem.changed.title"), text("problem.changed.detail")};
    case Errc::version_unsupported: return {text("problem.newer.title"), text("problem.newer.detail")};
    case Errc::too_large: return {text("problem.too_long.title"), text("problem.too_long.detail")};
    default: return {text("problem.unreadable.title"), text("problem.unreadable.detail")};
  }
}

}  // namespace

Controller::Controller(platform::Platform& platform, Rng& rng, EnvelopeOpener* opener, const client::SiteFile* site)
    : platform_(platform), rng_(rng), opener_(opener), site_(site) {
  if (!kOrganisers || !opener) return;
  results_.emplace(platform, rng, *opener, state_.session, state_.earlier, state_.keys, state_.today, links_);
  trustee_.emplace(platform, rng, state_.session, state_.desk, state_.keys, state_.today);
}

void Controller::start(const std::string& page_link, const std::string& today) {
  state_.today = today;
  app_url_ = page_link.substr(0, page_link.find('#'));
  std::weak_ptr<bool> alive = alive_;
  // Dropped files are key files and envelopes, for the organisers' screens.
  if constexpr (kOrganisers) {
    if (results_) {
      platform_.set_drop_handler([this, alive](std::vector<platform::PickedFile> files) {
        if (alive.lock()) on_drop(std::move(files));
      });
    }
  }
  state_.outbox.load(platform_);
  links_.on_change([this, alive] {
    if (alive.lock()) links_changed();
  });
  if (page_link.find("#c=") != std::string::npos || page_link.find("#m=") != std::string::npos) open_link(page_link);
  else if (kOrganisers && page_link.find("#go=") != std::string::npos) take_over(page_link);
}

void Controller::tick(double now_ms, const std::string& today) {
  state_.today = today;
  state_.outbox.pump(platform_, now_ms);
  if (kOrganisers && results_) {
    opener_->poll();
    results_->tick(state_.screen == Screen::unlock);
  }
  if (!draft_to_clear_.empty()) {
    const OutboxItem* item = state_.outbox.find(state_.last_sent);
    if (!item || item->status == OutboxStatus::stored) {
      platform_.remove_setting(draft_to_clear_);
      draft_to_clear_.clear();
    }
  }
}

void Controller::apply(const Action& action) {
  std::visit([&](const auto& a) {
    if constexpr (kOrganisers || !kOrganisersAction<std::decay_t<decltype(a)>>) on(a);
    else hand_over(action);
  }, action);
}

// What hand_over() names and take_over() reads: the organisers' ways in, from the welcome screen.
namespace {
struct WayIn {
  const char* name;
  Action action;
};
const WayIn kWaysIn[] = {
    {"create-campaign", StartKeys{KeyRole::manager}},
    {"create-mediator-key", StartKeys{KeyRole::mediator}},
    {"create-trustee-key", StartKeys{KeyRole::trustee}},
    {"open-results", StartUnlock{}},
};
}  // namespace

void Controller::hand_over(const Action& action) {
  const auto* keys = std::get_if<StartKeys>(&action);
  for (const WayIn& way : kWaysIn) {
    const auto* other = std::get_if<StartKeys>(&way.action);
    const bool same = keys ? other && other->role == keys->role : action.index() == way.action.index();
    if (same) {
      platform_.load_app(std::string("#go=") + way.name);
      return;
    }
  }
  platform_.load_app("#");  // no screen of its own to ask for: the full app's welcome
}

void Controller::take_over(const std::string& page_link) {
  const std::string name = page_link.substr(page_link.find("#go=") + 4);
  for (const WayIn& way : kWaysIn) {
    if (name == way.name) {
      apply(way.action);
      return;
    }
  }
}

// --- one handler per action (the organisers' are in controller_manager.cpp) -----------------
void Controller::on(const OpenLink& a) { open_link(a.link); }
void Controller::on(const CopyText& a) {
  platform_.copy_text(a.text);
  state_.notice = {NoticeKind::info, text("notice.copied")};
}
void Controller::on(const RetryOpen&) {
  const std::string link = state_.retry_link;
  links_.retry(link);
  if (!link.empty()) open_link(link);
}
void Controller::on(const DismissNotice&) { state_.notice = {}; }
void Controller::on(const StartFeedback&) { start_form(Screen::feedback); }
void Controller::on(const StartMediation&) { start_form(Screen::mediation); }
void Controller::on(const GoBack&) { go_back(); }
void Controller::on(const SetKeepDraft& a) { set_keep_draft(a.keep); }
void Controller::on(const Review&) { review(); }
void Controller::on(const Send&) { send(); }
void Controller::on(const RetryNow& a) { state_.outbox.retry_now(a.name); }
void Controller::on(const SaveEnvelope& a) { save_envelope(a.name); }
void Controller::on(const CopyReceipt& a) {
  if (const OutboxItem* item = state_.outbox.find(a.name)) {
    platform_.copy_text(item->url);
    state_.notice = {NoticeKind::info, text("notice.receipt_copied")};
  }
}
void Controller::on(const CheckStored& a) { check_stored(a.name); }
void Controller::on(const Done&) { done(); }

void Controller::go_to(Screen next) {
  const Screen from = state_.screen;
  state_.screen = next;
  state_.retry_link.clear();  // only the problem it was set with offers Try again
  if (from != next) left(from, next);
}

void Controller::open_link(const std::string& raw) {
  const std::string link = trim_blank(raw);
  state_.notice = {};
  if (link.empty()) {
    state_.notice = {NoticeKind::error, text("notice.paste_link_first")};
    return;
  }
  auto parts = split_link(link);  // the token, and a personal link's invitation code
  const bool parley_link = link.find("#c=") != std::string::npos || link.find("#m=") != std::string::npos;
  if (!parts && parley_link) {  // a Parley link, damaged on its way
    state_.problem = link_problem(parts.error());
    go_to(Screen::campaign_problem);
    return;
  }
  if (!parts) {
    state_.notice = {NoticeKind::error, text("notice.not_a_campaign_link")};
    return;
  }
  if (parts->is_short()) {
    open_short_link(link);
    return;
  }
  open_campaign(link, std::move(*parts));
}

void Controller::open_short_link(const std::string& link) {
  const client::LinkTokens::Lookup found = links_.look_up(link);
  switch (found.state) {
    case client::LinkTokens::State::fetching: {
      state_.opening_link = link;
      auto url = parse_url(split_link(link)->manifest_url);
      state_.opening_host = url ? url->host : std::string();
      go_to(Screen::opening);
      return;
    }
    case client::LinkTokens::State::failed:
      state_.problem = found.stored ? link_problem(found.parts.error())
                                    : CampaignProblem{text("problem.not_fetched.title"), found.parts.error().detail};
      go_to(Screen::campaign_problem);
      if (!found.stored) state_.retry_link = link;  // after go_to(), which forgets an earlier one
      return;
    case client::LinkTokens::State::ready: open_campaign(link, *found.parts); return;
  }
}

void Controller::links_changed() {
  // The page is waiting for this link's campaign: carry on with it. A person who went back
  // meanwhile is left where they are.
  if (state_.screen == Screen::opening) open_short_link(state_.opening_link);
  if (state_.screen == Screen::conversation_open && state_.conversation.opening) open_conversation();
  if (!kOrganisers || !results_) return;
  if (state_.screen == Screen::unlock && results_->opening()) on(OpenResults{});
  if (state_.screen == Screen::results && results_->comparing_opens()) results_->compare_earlier();
}

void Controller::open_campaign(const std::string& link, LinkParts parts) {
  auto campaign = verify_manifest(parts.token);
  if (!campaign) {
    state_.problem = link_problem(campaign.error());
    go_to(Screen::campaign_problem);
    return;
  }
  switch (campaign_phase(*campaign, state_.today)) {
    case CampaignPhase::not_yet_open:
      state_.problem = {text("problem.not_open.title", {{"title", campaign->title}}),
                        text("problem.not_open.detail", {{"opens", campaign->opens}})};
      go_to(Screen::campaign_problem);
      return;
    case CampaignPhase::closed:
      state_.problem = {text("problem.closed.title", {{"title", campaign->title}}),
                        text("problem.closed.detail", {{"closes", campaign->closes}})};
      go_to(Screen::campaign_problem);
      return;
    case CampaignPhase::open: break;
  }
  auto trusted = trusted_here(*campaign);
  if (!trusted) {
    state_.problem = {text("problem.untrusted.title", {{"title", campaign->title}}), trusted.error().detail};
    go_to(Screen::campaign_problem);
    return;
  }
  if (link_access(*campaign, parts.invite) == LinkAccess::needs_invitation) {
    const AccessProblem problem = needs_invitation_problem(*campaign);
    state_.problem = {problem.title, problem.detail};
    go_to(Screen::campaign_problem);
    return;
  }
  state_.signer_label = std::move(*trusted);
  const bool same = state_.campaign && state_.campaign->id == campaign->id;
  state_.campaign = std::move(*campaign);
  state_.invite = std::move(parts.invite);
  opened_link_ = link;
  if (!same) {
    state_.answers = blank_answers(*state_.campaign);
    state_.mediation = {};
    state_.keep_draft = false;
    if (const auto draft = platform_.load_setting(draft_key())) {
      const auto j = nlohmann::json::parse(*draft, nullptr, false);
      draft_from_json(j, *state_.campaign, state_.answers, state_.mediation);
      state_.keep_draft = true;
      state_.notice = {NoticeKind::info, text("notice.draft_restored")};
    }
  }
  go_to(Screen::intro);
}

Result<std::string> Controller::trusted_here(const Campaign& campaign) const {
  if (!site_ || site_->state() == client::SiteFile::State::none) return std::string();
  if (site_->state() != client::SiteFile::State::loaded) return make_error(Errc::bad_input, site_->problem());
  const SiteCheck check = check_campaign(*site_->site(), campaign);
  switch (check.verdict) {
    case SiteVerdict::trusted: return check.signer_label;
    case SiteVerdict::unknown_signer: return make_error(Errc::bad_input, text("problem.untrusted.signer"));
    case SiteVerdict::unknown_trustee:
      return make_error(Errc::bad_input, text("problem.untrusted.trustee", {{"signer", check.signer_label}}));
    case SiteVerdict::unknown_storage:
      return make_error(Errc::bad_input, text("problem.untrusted.storage", {{"signer", check.signer_label}}));
  }
  return make_error(Errc::bad_input, text("problem.untrusted.signer"));
}

void Controller::start_form(Screen screen) {
  if (!state_.campaign) return;
  if (screen == Screen::mediation && state_.campaign->mediation_to.empty()) return;
  state_.notice = {};
  go_to(screen);
}

void Controller::left(Screen from, Screen to) {
  // Leaving the results screens ends the read session: loads stop, and the secret key, the
  // passphrase and the read credentials go.
  if (kOrganisers && results_ && reads_results(from) && !reads_results(to)) results_->end();
  // The trustee's desk closes when its screen is left: the release stops, the codes go.
  if (kOrganisers && trustee_ && from == Screen::trustee) trustee_->end();
  // The key pair (and a manager's signing key) is needed only in the managers' and mediators'
  // screens: going back to the welcome or a respondent's screen forgets it (the key file stays
  // with its owner, who opens it again to read results).
  if (holds_keys(from) && !holds_keys(to)) state_.keys.reset();
  if (from == Screen::keys) {  // the key file is made and downloaded on that screen
    state_.keys_form.passphrase.clear();
    state_.keys_form.repeat.clear();
  }
  if (from == Screen::builder) state_.builder.s3_secret_key.clear();  // never kept beyond the form
  // The phrase is shown once, on the screen after the request: leaving it wipes it.
  if (from == Screen::sent) {
    state_.conversation.phrase.clear();
    state_.conversation.sent_link.clear();
  }
  // A person's conversation: the phrase typed, the thread key and what was read go with it.
  if (in_conversation(from) && !in_conversation(to)) {
    ConversationDesk& d = state_.conversation;
    d.typed_phrase.clear();
    d.thread.reset();
    d.campaign.reset();
    d.replies.clear();
    wipe(d.message);
  }
  if (from == Screen::conversation_open) state_.conversation.typed_phrase.clear();
}

void Controller::go_back() {
  state_.notice = {};
  switch (state_.screen) {
    case Screen::welcome: break;
    case Screen::campaign_problem:
    case Screen::opening:
    case Screen::intro: go_to(Screen::welcome); break;
    case Screen::feedback:
    case Screen::mediation: go_to(Screen::intro); break;
    case Screen::feedback_review: go_to(Screen::feedback); break;
    case Screen::mediation_review: go_to(Screen::mediation); break;
    case Screen::sent: done(); break;
    case Screen::keys:
    case Screen::unlock: go_to(Screen::welcome); break;
    case Screen::builder: go_to(state_.builder.link.empty() ? Screen::keys : Screen::share); break;
    case Screen::share: go_to(Screen::builder); break;
    case Screen::trustee: go_to(Screen::unlock); break;
    case Screen::conversation_open: go_to(Screen::welcome); break;
    case Screen::conversation: go_to(Screen::conversation_open); break;
    case Screen::results:
    case Screen::inbox:
      if (state_.screen == Screen::inbox && state_.session.selected >= 0) {
        state_.session.left = state_.session.selected;
        state_.session.selected = -1;
      } else if (kOrganisers && results_ && results_->trustee_reads_requests()) {  // the trustee's inbox opened from its desk
        results_->cancel();
        go_to(Screen::trustee);
        trustee_->begin();
      } else {
        go_to(Screen::unlock);
      }
      break;
  }
}

void Controller::edited(int index) {
  if (!state_.campaign) return;
  if (index < 0) {
    state_.mediation.error.clear();
    state_.mediation.hints = find_privacy_hints(state_.mediation.what);
  } else if (static_cast<std::size_t>(index) < state_.answers.size()) {
    QuestionInput& in = state_.answers[static_cast<std::size_t>(index)];
    in.error.clear();
    in.hints = find_privacy_hints(in.text);
  }
  save_draft();
}

void Controller::set_keep_draft(bool keep) {
  state_.keep_draft = keep;
  if (keep) save_draft();
  else clear_draft();
}

void Controller::review() {
  if (!state_.campaign) return;
  if (state_.screen == Screen::feedback) {
    const int problems = check_answers(*state_.campaign, state_.answers);
    if (problems > 0) {
      state_.notice = {NoticeKind::error, plural("notice.answers_need_attention", problems)};
      return;
    }
    if (answered_count(*state_.campaign, state_.answers) == 0) {
      state_.notice = {NoticeKind::error, text("notice.answer_one_first")};
      return;
    }
    state_.review = review_feedback(*state_.campaign, state_.answers);
    go_to(Screen::feedback_review);
  } else if (state_.screen == Screen::mediation) {
    if (check_mediation(state_.mediation) > 0) {
      state_.notice = {NoticeKind::error, state_.mediation.error};
      return;
    }
    state_.review = review_mediation(state_.mediation);
    go_to(Screen::mediation_review);
  }
  state_.notice = {};
}

void Controller::send() {
  if (!state_.campaign) return;
  const bool feedback = state_.screen == Screen::feedback_review;
  if (!feedback && state_.screen != Screen::mediation_review) return;
  const Campaign& c = *state_.campaign;
  Submission s = feedback ? feedback_submission(c, state_.answers) : mediation_submission(c, state_.mediation, state_.today);
  // A request the person wants to follow: a new phrase, its thread inside the sealed request.
  std::optional<Secret> phrase;
  if (!feedback && state_.conversation.keep_phrase) {
    auto entropy = new_phrase_entropy(rng_);
    auto thread = entropy ? thread_keys(*entropy) : Result<RecipientKeyPair>(entropy.error());
    if (!thread) {
      state_.notice = {NoticeKind::error, text("notice.not_sealed", {{"detail", thread.error().detail}})};
      return;
    }
    s.thread = encode_public_key(KeyKind::recipient, thread->public_key);
    std::string words = phrase_from_entropy(*entropy);
    phrase = Secret(words);
    wipe(words);
  }
  // Direct: sealed to the readers. Trustee campaign: to the trustee, with the personal link's
  // code and the time it is sent (client/submit.h).
  auto sealed = seal_for_storage(c, s, state_.invite, platform_.now_unix(), rng_);
  if (!sealed) {
    state_.notice = {NoticeKind::error, text("notice.not_sealed", {{"detail", sealed.error().detail}})};
    return;
  }
  auto item = outbox_item(c, std::move(*sealed), feedback ? "feedback" : "mediation", rng_);
  if (!item) {
    state_.notice = {NoticeKind::error, text("notice.not_prepared", {{"detail", item.error().detail}})};
    return;
  }
  state_.last_sent = item->name;
  state_.outbox.add(platform_, std::move(*item));
  // Only the sealed envelope is needed from here on: the plaintext leaves memory, and a draft
  // the person chose to keep goes once the envelope is stored (see tick()).
  if (state_.keep_draft) draft_to_clear_ = draft_key();
  state_.keep_draft = false;
  if (feedback) state_.answers = blank_answers(c);
  else state_.mediation = {};
  if (phrase) {
    state_.conversation.phrase = std::move(*phrase);
    state_.conversation.sent_link = opened_link_;
  }
  state_.review.clear();
  state_.check_note.clear();
  state_.notice = {};
  go_to(Screen::sent);
}

void Controller::save_envelope(const std::string& name) {
  if (const OutboxItem* item = state_.outbox.find(name)) {
    platform_.download(item->name, item->envelope, "application/octet-stream");
    state_.notice = {NoticeKind::info, text("notice.envelope_saved", {{"file", item->name}})};
  }
}

void Controller::check_stored(const std::string& name) {
  const OutboxItem* item = state_.outbox.find(name);
  if (!item) return;
  // A POST policy only lets people write: anonymous reads of an S3 bucket are refused, so only
  // the organiser can look the envelope up. The storage's 2xx when it arrived is the proof here.
  if (item->storage.kind == kStorageS3) {
    state_.check_note = text("sent.check.s3");
    return;
  }
  state_.check_note = text("sent.check.checking");
  std::weak_ptr<bool> alive = alive_;
  platform_.http({"HEAD", item->url, {}, {}}, [this, alive](platform::HttpResponse r) {
    if (!alive.lock()) return;
    if (r.status >= 200 && r.status < 300) state_.check_note = text("sent.check.stored");
    else if (r.status == 404) state_.check_note = text("sent.check.not_found");
    else if (r.status == 0) state_.check_note = text("sent.check.unreachable");
    else state_.check_note = text("sent.check.http_status", {{"status", std::to_string(r.status)}});
  });
}

void Controller::done() {
  state_.notice = {};
  state_.check_note.clear();
  go_to(state_.campaign ? Screen::intro : Screen::welcome);
}

std::string Controller::draft_key() const { return state_.campaign ? "parley.draft." + state_.campaign->id : std::string(); }

void Controller::save_draft() {
  if (!state_.keep_draft || !state_.campaign) return;
  platform_.save_setting(draft_key(), draft_to_json(state_.answers, state_.mediation).dump());
}

void Controller::clear_draft() {
  if (state_.campaign) platform_.remove_setting(draft_key());
}

nlohmann::json Controller::snapshot() const {
  nlohmann::json j = {{"screen", to_string(state_.screen)},
                      {"notice", {{"kind", notice_name(state_.notice.kind)}, {"text", state_.notice.text}}}};
  if (state_.screen == Screen::campaign_problem) {
    j["problem"] = {{"title", state_.problem.title}, {"detail", state_.problem.detail}, {"retry", !state_.retry_link.empty()}};
  }
  j["site"] = !site_ ? "none" : to_string(site_->state());
  if (state_.campaign) {
    j["campaign"] = {{"title", state_.campaign->title}, {"questions", state_.campaign->questions.size()}};
    j["answered"] = answered_count(*state_.campaign, state_.answers);
  }
  nlohmann::json errors = nlohmann::json::object();
  for (std::size_t i = 0; i < state_.answers.size(); ++i) {
    if (!state_.answers[i].error.empty()) errors[std::to_string(i)] = state_.answers[i].error;
  }
  j["errors"] = errors;
  j["review_lines"] = state_.review.size();
  nlohmann::json outbox = nlohmann::json::array();
  for (const auto& item : state_.outbox.items()) {
    outbox.push_back({{"name", item.name}, {"status", to_string(item.status)}, {"reason", item.reason}, {"attempts", item.attempts}});
  }
  j["outbox"] = outbox;
  j["last_sent"] = state_.last_sent;
  j["check_note"] = state_.check_note;
  if constexpr (kOrganisers) j.update(manager_snapshot());
  j.update(conversation_snapshot());
  return j;
}

}  // namespace parley::ui
