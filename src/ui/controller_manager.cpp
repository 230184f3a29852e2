// The Controller's manager and mediator flows: key files, the campaign builder, and the screens
// of a read session (unlock, results, inbox), whose work is ResultsFlow's. The employee flows
// are in controller.cpp.
//
// Only the full app is built with this file (ui/edition.h): every handler here is for an action
// of kOrganisersAction, which the respondents' build hands over instead of handling, so an
// organiser's action missing from that list fails to link there rather than reach an empty
// results_ at run time.
#include "core/passphrase.h"
#include "core/url.h"
#include "client/campaign_builder.h"
#include "client/qr_sheet.h"
#include "client/texts.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

// Where the app itself is served from: the builder's default storage is that host's blob store.
std::string origin_or_empty(const std::string& url) {
  auto parsed = parse_url(url);
  return parsed ? origin_of(*parsed) : std::string();
}

}  // namespace

void Controller::on(const StartKeys& a) { start_keys(a.role); }
void Controller::on(const MakeKeyFile&) { make_key_file(); }
void Controller::on(const DownloadKeyFile&) { download_key_file(); }
void Controller::on(const StartBuilder&) { start_builder(); }
void Controller::on(const UseTemplate& a) { apply_template(state_.builder, a.name); }
void Controller::on(const AddQuestion&) { state_.builder.questions.push_back({}); }
void Controller::on(const SetQuestionType& a) {
  if (QuestionDraft* q = at(state_.builder.questions, a.index)) q->type = a.type;
}
void Controller::on(const SetQuestionRequired& a) {
  if (QuestionDraft* q = at(state_.builder.questions, a.index)) q->required = a.required;
}
void Controller::on(const SetStorage& a) { state_.builder.storage = a.storage; }
void Controller::on(const RemoveQuestion& a) {
  auto& q = state_.builder.questions;
  if (a.index >= 0 && static_cast<std::size_t>(a.index) < q.size()) q.erase(q.begin() + a.index);
}
void Controller::on(const MoveQuestion& a) {
  auto& q = state_.builder.questions;
  const int to = a.index + a.delta;
  if (a.index >= 0 && to >= 0 && static_cast<std::size_t>(a.index) < q.size() && static_cast<std::size_t>(to) < q.size()) {
    std::swap(q[static_cast<std::size_t>(a.index)], q[static_cast<std::size_t>(to)]);
  }
}
void Controller::on(const SignCampaign&) { sign_campaign(); }
void Controller::on(const StartUnlock&) {
  state_.notice = {};
  go_to(Screen::unlock);
}
void Controller::on(const PickKeyFile&) { results_->pick_key_file(); }
void Controller::on(const OpenResults&) {
  if (const auto next = results_->open()) {
    state_.notice = {};
    go_to(*next);
    if (*next == Screen::trustee) trustee_->begin();
  }
}
void Controller::on(const SetDirect& a) { state_.builder.direct = a.direct; }
void Controller::on(const MakeInvitations&) { trustee_->make_invitations(); }
void Controller::on(const DownloadInvitations& a) {
  if (auto file = trustee_->invitations_file(a.file)) platform_.download(file->name, std::move(file->data), file->mime);
}
void Controller::on(const ReleaseResults&) { trustee_->release(); }
void Controller::on(const SaveQr& a) {
  auto file = link_qr_file(state_.builder.link, state_.builder.title, a.file);
  if (!file) {
    state_.notice = {NoticeKind::error, file.error().detail};
    return;
  }
  platform_.download(file->name, std::move(file->data), file->mime);
}
void Controller::on(const SetReplyClose& a) { results_->draft_close(a.index, a.close); }
void Controller::on(const SendReplies&) { results_->send_replies(); }
void Controller::on(const OpenTrusteeInbox&) {
  if (const auto next = results_->open_trustee_inbox()) go_to(*next);
}
void Controller::on(const SaveRelease&) {
  if (auto file = trustee_->release_file()) platform_.download(file->name, std::move(file->data), file->mime);
}
void Controller::on(const CompareEarlier&) { results_->compare_earlier(); }
void Controller::on(const CompareWithFile&) { results_->pick_earlier_file(); }
void Controller::on(const ExpandComment& a) { results_->toggle_comment(a.question, a.comment); }
void Controller::on(const CancelLoading&) {
  results_->cancel();
  state_.notice = {NoticeKind::info, text("notice.loading_stopped")};
}
void Controller::on(const AddEnvelopeFiles&) { results_->pick_envelope_files(); }
void Controller::on(const ExportResults& a) {
  if (auto file = results_->export_file(a.format)) platform_.download(file->name, std::move(file->data), file->mime);
}
void Controller::on(const ShowMoreComments& a) { results_->show_more_comments(a.index); }
void Controller::on(const SelectRequest& a) { results_->select(a.index); }
void Controller::on(const SetRequestStatus& a) { notes_saved(results_->set_status(a.index, a.status), false); }
void Controller::on(const SaveNote&) { notes_saved(results_->save_notes(), true); }

void Controller::notes_saved(const Status& saved, bool say_so) {
  if (!saved) state_.notice = {NoticeKind::error, text("notice.notes_not_saved", {{"detail", saved.error().detail}})};
  else if (say_so) state_.notice = {NoticeKind::info, text("notice.note_saved")};
}

void Controller::start_keys(KeyRole role) {
  state_.keys_form = {};
  state_.keys_form.role = role;
  state_.notice = {};
  go_to(Screen::keys);
}

void Controller::make_key_file() {
  KeysForm& f = state_.keys_form;
  f.error.clear();
  if (f.passphrase.empty()) {
    f.error = text("keys.error.no_passphrase");
    return;
  }
  if (f.passphrase.view() != f.repeat.view()) {
    f.error = text("keys.error.passphrases_differ");
    return;
  }
  if (passphrase_strength(f.passphrase.view()) < kMinPassphraseStrength) {
    f.error = text("keys.error.too_easy");
    return;
  }
  KeySet keys;
  keys.role = f.role;
  keys.label = f.label;
  auto recipient = generate_recipient_key(rng_);
  if (!recipient) {
    f.error = recipient.error().detail;
    return;
  }
  keys.recipient = *recipient;
  if (f.role != KeyRole::mediator) {  // managers sign campaigns; trustees sign invitations and releases
    auto signer = generate_signing_key(rng_);
    if (!signer) {
      f.error = signer.error().detail;
      return;
    }
    keys.signer = *signer;
  }
  auto file = wrap_keyset(keys, f.passphrase.view(), kDefaultKdf, rng_);
  if (!file) {
    f.error = file.error().detail;
    return;
  }
  f.passphrase.clear();
  f.repeat.clear();
  f.file_text = *file;
  f.public_key = encode_public_key(KeyKind::recipient, keys.recipient.public_key);
  // A trustee gives both its keys to the manager, as the builder takes them.
  if (f.role == KeyRole::trustee) f.public_key += " " + encode_public_key(KeyKind::signing, keys.signer->public_key);
  state_.keys = std::move(keys);
  download_key_file();
}

void Controller::download_key_file() {
  KeysForm& f = state_.keys_form;
  if (f.file_text.empty()) return;
  platform_.download(std::string("parley-") + to_string(f.role) + ".key", to_bytes(f.file_text), "application/json");
  f.downloaded = true;
}

void Controller::start_builder() {
  if (!state_.keys || !state_.keys->signer) {
    state_.notice = {NoticeKind::error, text("notice.manager_key_first")};
    return;
  }
  if (state_.builder.questions.empty() && state_.builder.title.empty()) {
    state_.builder = new_builder(state_.today, origin_or_empty(app_url_) + "/store/{id}");
  }
  state_.notice = {};
  go_to(Screen::builder);
}

void Controller::sign_campaign() {
  BuilderForm& b = state_.builder;
  b.error.clear();
  if (!state_.keys) return;
  auto campaign = campaign_from_builder(b, *state_.keys, rng_, platform_.now_unix());
  if (!campaign) {
    b.error = campaign.error().detail;
    return;
  }
  b.s3_secret_key.clear();  // the upload policy is signed: the write secret has done its only job
  auto token = sign_manifest(*campaign, *state_.keys->signer);
  if (!token) {
    b.error = token.error().detail;
    return;
  }
  b.long_link = campaign_link(app_url_, *token);
  b.link = b.long_link;
  b.why_long.clear();
  state_.session.link = b.link;  // ready for "open results" later in this session
  state_.notice = {};
  go_to(Screen::share);
  // The short link is offered once the campaign is stored and reads back; until then, and
  // whenever that fails, the long link is the link.
  b.publishing = true;
  std::weak_ptr<bool> alive = alive_;
  const std::string long_link = b.long_link;
  auto started = client::publish_short_link(platform_, *campaign, *token, app_url_, rng_,
                                            [this, alive, long_link](client::PublishedLink published) {
    if (!alive.lock()) return;
    BuilderForm& form = state_.builder;
    if (form.long_link != long_link) return;  // signed again meanwhile: that one's answer counts
    form.publishing = false;
    form.why_long = published.why_long;
    if (published.link.empty()) return;
    form.link = published.link;
    if (state_.session.link == long_link) state_.session.link = form.link;
  });
  if (!started) {
    b.publishing = false;
    b.why_long = started.error().detail;
  }
}

// Dropped files: a key file on the unlock screen, envelopes on the results or inbox screen.
void Controller::on_drop(std::vector<platform::PickedFile> files) {
  if (files.empty()) return;
  if (state_.screen == Screen::unlock) {
    results_->use_key_file(std::move(files[0]));
    return;
  }
  if ((state_.screen == Screen::results || state_.screen == Screen::inbox) && results_->takes_envelopes()) {
    results_->add_envelopes(std::move(files));
    return;
  }
  state_.notice = {NoticeKind::info, text("notice.drop_here")};
}

nlohmann::json Controller::manager_snapshot() const {
  nlohmann::json j = {{"keys_in_memory", state_.keys.has_value()}};
  const KeysForm& f = state_.keys_form;
  if (state_.screen == Screen::keys) {
    j["keys"] = {{"error", f.error}, {"public_key", f.public_key}, {"downloaded", f.downloaded},
                 {"hint", passphrase_hint(f.passphrase.view()).text}};
  }
  if (state_.screen == Screen::builder || state_.screen == Screen::share) {
    j["builder"] = {{"error", state_.builder.error},
                    {"link", state_.builder.link},
                    {"long_link", state_.builder.long_link},
                    {"publishing", state_.builder.publishing},
                    {"why_long", state_.builder.why_long},
                    {"questions", state_.builder.questions.size()},
                    {"storage", state_.builder.storage == StorageChoice::s3 ? "s3" : "web"}};
  }
  if (reads_results(state_.screen)) j.update(results_->snapshot());
  if (state_.screen == Screen::trustee) j.update(trustee_->snapshot());
  return j;
}

}  // namespace parley::ui
