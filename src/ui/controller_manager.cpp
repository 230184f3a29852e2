// The Controller's manager and mediator flows: key files, the campaign builder, and reading
// results or the mediation inbox. The employee flows are in controller.cpp.

#include "core/local_box.h"
#include "core/report.h"
#include "core/s3/sigv4.h"
#include "core/text.h"
#include "core/url.h"
#include "client/campaign_builder.h"
#include "ui/controller.h"
#include "client/texts.h"

#pragma GCC diagnostic error "-Wswitch"

namespace parley::ui {
namespace {

// Where the app itself is served from: the builder's default storage is that host's blob store.
std::string origin_or_empty(const std::string& url) {
  auto parsed = parse_url(url);
  return parsed ? origin_of(*parsed) : std::string();
}

const char* status_name(RequestStatus s) {
  switch (s) {
    case RequestStatus::fresh: return "new";
    case RequestStatus::in_progress: return "in progress";
    case RequestStatus::closed: return "closed";
  }
  return "new";
}

RequestStatus status_from(const std::string& s) {
  if (s == "in progress") return RequestStatus::in_progress;
  if (s == "closed") return RequestStatus::closed;
  return RequestStatus::fresh;
}

bool has_key(const std::vector<Key32>& keys, const Key32& k) {
  for (const auto& x : keys) {
    if (x == k) return true;
  }
  return false;
}

// The read credentials typed on the unlock screen, as one signing needs them (the secret wipes
// itself; the loader's reader keeps its own copy, wiped with it).
sigv4::Credentials read_credentials(const ResultsSession& s) {
  return {trim_blank(s.s3_access_key), blank_trimmed(s.s3_secret_key.view())};
}

bool link_uses_s3(const std::string& link) {
  auto token = token_from_link(link);
  if (!token) return false;
  auto campaign = verify_manifest(*token);
  return campaign && campaign->storage.kind == kStorageS3;
}

}  // namespace

void Controller::on(const StartKeys& a) { start_keys(a.role); }
void Controller::on(const MakeKeyFile&) { make_key_file(); }
void Controller::on(const DownloadKeyFile&) { download_key_file(); }
void Controller::on(const CopyText& a) {
  platform_.copy_text(a.text);
  state_.notice = {NoticeKind::info, text("notice.copied")};
}
void Controller::on(const StartBuilder&) { start_builder(); }
void Controller::on(const UseTemplate& a) { apply_template(state_.builder, a.name); }
void Controller::on(const AddQuestion&) { state_.builder.questions.push_back({}); }
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
void Controller::on(const PickKeyFile&) { pick_key_file(); }
void Controller::on(const OpenResults&) { open_results(); }
void Controller::on(const CompareEarlier&) { compare_earlier(); }
void Controller::on(const CancelLoading&) {
  loader_.cancel();
  state_.notice = {NoticeKind::info, text("notice.loading_stopped")};
}
void Controller::on(const AddEnvelopeFiles&) { add_envelope_files(); }
void Controller::on(const ExportResults& a) { export_results(a.csv); }
void Controller::on(const ShowMoreComments& a) {
  if (a.index < 0) return;
  const auto question = static_cast<std::size_t>(a.index);
  state_.session.comments_shown[question] = state_.session.comments_on_screen(question) + kCommentPage;
}
void Controller::on(const SelectRequest& a) { state_.session.selected = a.index; }
void Controller::on(const SetRequestStatus& a) {
  auto& inbox = state_.session.load.inbox;
  if (a.index >= 0 && static_cast<std::size_t>(a.index) < inbox.size()) {
    inbox[static_cast<std::size_t>(a.index)].status = a.status;
    save_inbox_notes();
  }
}
void Controller::on(const SaveNote&) {
  save_inbox_notes();
  state_.notice = {NoticeKind::info, text("notice.note_saved")};
}

void Controller::left(Screen from, Screen to) {
  // Leaving the results screens ends the read session: loads stop, and the secret key, the
  // passphrase and the read credentials go.
  if (reads_results(from) && !reads_results(to)) {
    ResultsSession& s = state_.session;
    loader_.forget();
    earlier_loader_.forget();
    s.passphrase.clear();
    s.s3_access_key.clear();
    s.s3_secret_key.clear();
  }
  if (from == Screen::keys) {  // the key file is made and downloaded on that screen
    state_.keys_form.passphrase.clear();
    state_.keys_form.repeat.clear();
  }
  if (from == Screen::builder) state_.builder.s3_secret_key.clear();  // never kept beyond the form
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
  if (passphrase_hint(f.passphrase.view()).score < 2) {
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
  if (f.role == KeyRole::manager) {
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
  state_.keys = std::move(keys);
  download_key_file();
}

void Controller::download_key_file() {
  KeysForm& f = state_.keys_form;
  if (f.file_text.empty()) return;
  platform_.download(f.role == KeyRole::manager ? "parley-manager.key" : "parley-mediator.key", to_bytes(f.file_text),
                     "application/json");
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
  b.link = campaign_link(app_url_, *token);
  state_.session.link = b.link;  // ready for "open results" later in this session
  state_.notice = {};
  go_to(Screen::share);
}

void Controller::pick_key_file() {
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".key,.json,application/json", false, [this, alive](std::vector<platform::PickedFile> files) {
    if (!alive.lock() || files.empty()) return;
    state_.session.keyfile_name = files[0].name;
    state_.session.keyfile_text = parley::to_string(files[0].data);
    state_.session.error.clear();
  });
}

void Controller::open_results() {
  ResultsSession& s = state_.session;
  s.error.clear();
  auto token = token_from_link(s.link);
  if (!token) {
    s.error = text("unlock.error.no_link");
    return;
  }
  auto campaign = verify_manifest(*token);
  if (!campaign) {
    s.error = text("unlock.error.bad_link", {{"detail", campaign.error().detail}});
    return;
  }
  const auto credentials = read_credentials(s);
  s.link_uses_s3 = campaign->storage.kind == kStorageS3;
  if (s.link_uses_s3) {
    if (credentials.access_key.empty() && credentials.secret_key.empty()) {
      s.error = text("unlock.error.no_read_credentials");
      return;
    }
    if (auto ok = sigv4::check_credentials(credentials); !ok) {
      s.error = ok.error().detail;
      return;
    }
  }
  if (s.keyfile_text.empty() && !state_.keys) {
    s.error = text("unlock.error.no_key_file");
    return;
  }
  if (!s.keyfile_text.empty()) {
    auto keys = unwrap_keyset(s.keyfile_text, s.passphrase.view());
    s.passphrase.clear();
    if (!keys) {
      s.error = keys.error().code == Errc::wrong_passphrase ? text("unlock.error.wrong_passphrase") : keys.error().detail;
      return;
    }
    state_.keys = std::move(*keys);
  }
  const Key32& mine = state_.keys->recipient.public_key;
  s.reads_feedback = has_key(campaign->feedback_to, mine);
  s.reads_mediation = has_key(campaign->mediation_to, mine);
  if (!s.reads_feedback && !s.reads_mediation) {
    s.error = text("unlock.error.not_a_reader");
    return;
  }
  s.campaign = std::move(*campaign);
  s.token = *token;
  s.selected = -1;
  loader_.start(*s.campaign, s.token, state_.keys->recipient.secret_key, credentials);
  was_loading_ = true;
  state_.notice = {};
  go_to(s.reads_feedback ? Screen::results : Screen::inbox);
}

void Controller::compare_earlier() {
  ResultsSession& e = state_.earlier;
  e.error.clear();
  auto token = token_from_link(e.link);
  auto campaign = token ? verify_manifest(*token) : Result<Campaign>(token.error());
  if (!campaign) {
    e.error = text("results.compare.error.bad_link", {{"detail", campaign.error().detail}});
    return;
  }
  if (!state_.keys || !has_key(campaign->feedback_to, state_.keys->recipient.public_key)) {
    e.error = text("results.compare.error.not_a_reader");
    return;
  }
  if (state_.session.campaign && campaign->id == state_.session.campaign->id) {
    e.error = text("results.compare.error.same_campaign");
    return;
  }
  e.campaign = std::move(*campaign);
  e.token = *token;
  e.reads_feedback = true;
  // Usually the same bucket: the read credentials of this session are tried.
  const auto credentials = read_credentials(state_.session);
  earlier_loader_.start(*e.campaign, e.token, state_.keys->recipient.secret_key, credentials);
}

void Controller::add_envelope_files() {
  if (!state_.session.campaign || !state_.keys) return;
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".parley", true, [this, alive](std::vector<platform::PickedFile> files) {
    if (!alive.lock() || files.empty()) return;
    std::vector<Bytes> envelopes;
    for (auto& f : files) envelopes.push_back(std::move(f.data));
    loader_.add_envelopes(std::move(envelopes));
    was_loading_ = true;
  });
}

// Dropped files: a key file on the unlock screen, envelopes on the results or inbox screen.
void Controller::on_drop(std::vector<platform::PickedFile> files) {
  if (files.empty()) return;
  if (state_.screen == Screen::unlock) {
    state_.session.keyfile_name = files[0].name;
    state_.session.keyfile_text = parley::to_string(files[0].data);
    state_.session.error.clear();
    return;
  }
  if ((state_.screen == Screen::results || state_.screen == Screen::inbox) && state_.session.campaign && state_.keys) {
    std::vector<Bytes> envelopes;
    for (auto& f : files) envelopes.push_back(std::move(f.data));
    loader_.add_envelopes(std::move(envelopes));
    was_loading_ = true;
    return;
  }
  state_.notice = {NoticeKind::info, text("notice.drop_here")};
}

void Controller::export_results(bool csv) {
  const auto& r = state_.session.load.result;
  if (!r || !r->visible) return;  // nothing leaves before k
  const std::string base = "parley-results-" + state_.session.campaign->id.substr(0, 8);
  if (csv) platform_.download(base + ".csv", to_bytes(aggregate_to_csv(*r)), "text/csv");
  else platform_.download(base + ".json", to_bytes(aggregate_to_json(*r).dump(2)), "application/json");
}

std::string Controller::inbox_key() const {
  return state_.session.campaign ? "parley.inbox." + state_.session.campaign->id : std::string();
}

void Controller::load_inbox_notes() {
  if (!state_.keys || !state_.session.campaign) return;
  const auto saved = platform_.load_setting(inbox_key());
  if (!saved) return;
  auto box = base64url_decode(*saved);
  if (!box) return;
  auto plain = open_local(state_.keys->recipient.secret_key, inbox_key(), *box);
  if (!plain) return;  // another key's notes: leave them alone
  const auto j = nlohmann::json::parse(parley::to_string(*plain), nullptr, false);
  if (!j.is_object()) return;
  for (auto& item : state_.session.load.inbox) {
    const auto it = j.find(item.id);
    if (it == j.end() || !it->is_object()) continue;
    item.status = status_from(it->value("status", std::string()));
    item.note = it->value("note", std::string());
  }
}

void Controller::save_inbox_notes() {
  if (!state_.keys || !state_.session.campaign) return;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& item : state_.session.load.inbox) j[item.id] = {{"status", status_name(item.status)}, {"note", item.note}};
  auto box = seal_local(state_.keys->recipient.secret_key, inbox_key(), to_bytes(j.dump()), rng_);
  if (!box) {
    state_.notice = {NoticeKind::error, text("notice.notes_not_saved", {{"detail", box.error().detail}})};
    return;
  }
  platform_.save_setting(inbox_key(), base64url_encode(*box));
}

void Controller::tick_manager() {
  ResultsSession& s = state_.session;
  if (state_.screen == Screen::unlock && s.checked_link != s.link) {
    s.checked_link = s.link;
    s.link_uses_s3 = link_uses_s3(s.link);
  }
  opener_.poll();
  loader_.pump();
  earlier_loader_.pump();
  if (was_loading_ && !state_.session.load.loading) {
    was_loading_ = false;
    load_inbox_notes();
  }
}

nlohmann::json Controller::manager_snapshot() const {
  nlohmann::json j = nlohmann::json::object();
  const KeysForm& f = state_.keys_form;
  if (state_.screen == Screen::keys) {
    j["keys"] = {{"error", f.error}, {"public_key", f.public_key}, {"downloaded", f.downloaded},
                 {"hint", passphrase_hint(f.passphrase.view()).text}};
  }
  if (state_.screen == Screen::builder || state_.screen == Screen::share) {
    j["builder"] = {{"error", state_.builder.error},
                    {"link", state_.builder.link},
                    {"questions", state_.builder.questions.size()},
                    {"storage", state_.builder.storage == StorageChoice::s3 ? "s3" : "web"}};
  }
  const ResultsSession& s = state_.session;
  if (state_.screen == Screen::unlock || state_.screen == Screen::results || state_.screen == Screen::inbox) {
    nlohmann::json session = {{"error", s.error.empty() ? s.load.error : s.error}, {"keyfile", s.keyfile_name}, {"s3", s.link_uses_s3}, {"loading", s.load.loading}, {"total", s.load.total},
                              {"downloaded", s.load.downloaded}, {"opened", s.load.opened}, {"failures", s.load.failures}};
    if (s.load.result) {
      session["responses"] = s.load.result->responses;
      session["visible"] = s.load.result->visible;
      if (s.load.result->visible) session["result"] = aggregate_to_json(*s.load.result);
    }
    nlohmann::json inbox = nlohmann::json::array();
    for (const auto& item : s.load.inbox) {
      inbox.push_back({{"id", item.id}, {"status", status_name(item.status)}, {"what", item.submission.request.what},
                       {"urgency", item.submission.request.urgency}, {"note", item.note}});
    }
    session["inbox"] = inbox;
    j["session"] = session;
    if (state_.earlier.load.result) {
      j["earlier"] = {{"loading", state_.earlier.load.loading}, {"error", state_.earlier.error.empty() ? state_.earlier.load.error : state_.earlier.error},
                      {"result", aggregate_to_json(*state_.earlier.load.result)}};
    } else if (!state_.earlier.error.empty()) {
      j["earlier"] = {{"error", state_.earlier.error.empty() ? state_.earlier.load.error : state_.earlier.error}};
    }
  }
  return j;
}

}  // namespace parley::ui
