#include "ui/results_flow.h"

#include "client/conversation.h"
#include "client/inbox_notes.h"
#include "client/texts.h"
#include "core/report.h"
#include "core/s3/sigv4.h"
#include "core/text.h"

namespace parley::ui {
namespace {

bool has_key(const std::vector<Key32>& keys, const Key32& k) {
  for (const auto& x : keys) {
    if (x == k) return true;
  }
  return false;
}


std::vector<Bytes> envelopes_of(std::vector<platform::PickedFile> files) {
  std::vector<Bytes> envelopes;
  for (auto& f : files) envelopes.push_back(std::move(f.data));
  return envelopes;
}

}  // namespace

sigv4::Credentials typed_credentials(const ResultsSession& s) {
  return {trim_blank(s.s3_access_key), blank_trimmed(s.s3_secret_key.view())};
}

std::optional<ShownComparison> shown_comparison(const ResultsSession& session, const ResultsSession& earlier) {
  const auto& now = session.load.result;
  if (session.load.loading || !now || !now->visible) return std::nullopt;
  if (session.earlier_file) return ShownComparison{compare_results(*now, session.earlier_file->result), session.earlier_file->title};
  if (earlier.campaign && earlier.load.result && !earlier.load.loading) {
    return ShownComparison{compare_results(*now, *earlier.load.result), earlier.campaign->title};
  }
  return std::nullopt;
}

std::optional<Screen> ResultsFlow::open() {
  ResultsSession& s = session_;
  s.error.clear();
  s.opening = false;
  const std::string link = trim_blank(s.link);
  if (!split_link(link)) {
    s.error = text("unlock.error.no_link");
    return std::nullopt;
  }
  client::LinkTokens::Verified opened = links_.verified(link);
  s.opening = opened.state == client::LinkTokens::State::fetching;
  if (s.opening) return std::nullopt;  // the controller calls again once the campaign is here
  auto& campaign = opened.campaign;
  if (!campaign) {
    s.error = text("unlock.error.bad_link", {{"detail", campaign.error().detail}});
    return std::nullopt;
  }
  const std::string& token = opened.parts.token;
  const auto credentials = typed_credentials(s);
  s.link_uses_s3 = campaign->storage.kind == kStorageS3;
  if (s.link_uses_s3) {
    if (credentials.access_key.empty() && credentials.secret_key.empty()) {
      s.error = text("unlock.error.no_read_credentials");
      return std::nullopt;
    }
    if (auto ok = sigv4::check_credentials(credentials); !ok) {
      s.error = ok.error().detail;
      return std::nullopt;
    }
  }
  if (s.keyfile_text.empty() && !keys_) {
    s.error = text("unlock.error.no_key_file");
    return std::nullopt;
  }
  if (!s.keyfile_text.empty()) {
    auto keys = unwrap_keyset(s.keyfile_text, s.passphrase.view());
    s.passphrase.clear();
    if (!keys) {
      s.error = keys.error().code == Errc::wrong_passphrase ? text("unlock.error.wrong_passphrase") : keys.error().detail;
      return std::nullopt;
    }
    keys_ = std::move(*keys);
  }
  const Key32& mine = keys_->recipient.public_key;
  // The campaign's trustee opens its desk: it reads nothing here, it releases.
  if (campaign->trustee && campaign->trustee->recipient == mine) {
    s.campaign = std::move(*campaign);
    s.token = token;
    return Screen::trustee;
  }
  s.reads_feedback = has_key(campaign->feedback_to, mine);
  s.reads_mediation = has_key(campaign->mediation_to, mine);
  if (!s.reads_feedback && !s.reads_mediation) {
    s.error = text("unlock.error.not_a_reader");
    return std::nullopt;
  }
  s.campaign = std::move(*campaign);
  s.token = token;
  s.selected = s.left = -1;
  s.comments_whole.clear();
  s.earlier_file.reset();  // it was chosen for the campaign open before
  s.earlier_file_error.clear();
  loader_.start(*s.campaign, s.token, keys_->recipient.secret_key, credentials, today_);
  was_loading_ = true;
  return s.reads_feedback ? Screen::results : Screen::inbox;
}

bool ResultsFlow::trustee_reads_requests() const {
  const auto& c = session_.campaign;
  return c && c->trustee && keys_ && keys_->recipient.public_key == c->trustee->recipient &&
         has_key(c->mediation_to, keys_->recipient.public_key);
}

std::optional<Screen> ResultsFlow::open_trustee_inbox() {
  if (!trustee_reads_requests()) return std::nullopt;
  ResultsSession& s = session_;
  s.reads_feedback = false;
  s.reads_mediation = true;
  s.selected = s.left = -1;
  loader_.start(*s.campaign, s.token, keys_->recipient.secret_key, typed_credentials(s), today_);
  was_loading_ = true;
  return Screen::inbox;
}

void ResultsFlow::compare_earlier() {
  ResultsSession& e = earlier_;
  e.error.clear();
  e.opening = false;
  const std::string link = trim_blank(e.link);
  if (!split_link(link)) {
    e.error = text("results.compare.error.bad_link", {{"detail", text("unlock.error.no_link")}});
    return;
  }
  client::LinkTokens::Verified opened = links_.verified(link);
  e.opening = opened.state == client::LinkTokens::State::fetching;
  if (e.opening) return;  // the controller calls again once the campaign is here
  auto& campaign = opened.campaign;
  if (!campaign) {
    e.error = text("results.compare.error.bad_link", {{"detail", campaign.error().detail}});
    return;
  }
  if (!keys_ || !has_key(campaign->feedback_to, keys_->recipient.public_key)) {
    e.error = text("results.compare.error.not_a_reader");
    return;
  }
  if (session_.campaign && campaign->id == session_.campaign->id) {
    e.error = text("results.compare.error.same_campaign");
    return;
  }
  e.campaign = std::move(*campaign);
  e.token = opened.parts.token;
  e.reads_feedback = true;
  // Usually the same bucket: the read credentials of this session are tried.
  earlier_loader_.start(*e.campaign, e.token, keys_->recipient.secret_key, typed_credentials(session_), today_);
}

void ResultsFlow::pick_key_file() {
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".key,.json,application/json", false, [this, alive](std::vector<platform::PickedFile> files) {
    if (alive.lock() && !files.empty()) use_key_file(std::move(files[0]));
  });
}

void ResultsFlow::use_key_file(platform::PickedFile file) {
  session_.keyfile_name = std::move(file.name);
  session_.keyfile_text = parley::to_string(file.data);
  session_.error.clear();
}

void ResultsFlow::pick_envelope_files() {
  if (!takes_envelopes()) return;
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".parley", true, [this, alive](std::vector<platform::PickedFile> files) {
    if (alive.lock()) add_envelopes(std::move(files));
  });
}

void ResultsFlow::add_envelopes(std::vector<platform::PickedFile> files) {
  if (files.empty() || !takes_envelopes()) return;
  loader_.add_envelopes(envelopes_of(std::move(files)));
  was_loading_ = true;
}

void ResultsFlow::show_more_comments(int question) {
  if (question < 0) return;
  const auto q = static_cast<std::size_t>(question);
  session_.comments_shown[q] = session_.comments_on_screen(q) + kCommentPage;
}

void ResultsFlow::toggle_comment(int question, int comment) {
  if (question < 0 || comment < 0) return;
  const std::pair<std::size_t, std::size_t> key{static_cast<std::size_t>(question), static_cast<std::size_t>(comment)};
  if (!session_.comments_whole.erase(key)) session_.comments_whole.insert(key);
}

void ResultsFlow::pick_earlier_file() {
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".json,application/json", false, [this, alive](std::vector<platform::PickedFile> files) {
    if (alive.lock() && !files.empty()) use_earlier_file(std::move(files[0]));
  });
}

void ResultsFlow::use_earlier_file(platform::PickedFile file) {
  ResultsSession& s = session_;
  s.earlier_file_error.clear();
  auto read = read_results_file(parley::to_string(file.data));
  if (!read) {
    s.earlier_file_error = text("results.compare.file_error", {{"file", file.name}, {"detail", read.error().detail}});
    return;
  }
  if (s.campaign && read->campaign_id == s.campaign->id) {
    s.earlier_file_error = text("results.compare.file_same_campaign", {{"file", file.name}});
    return;
  }
  s.earlier_file = std::move(*read);
}

Status ResultsFlow::set_status(int index, RequestStatus status) {
  auto& inbox = session_.load.inbox;
  if (index < 0 || static_cast<std::size_t>(index) >= inbox.size()) return Ok{};
  inbox[static_cast<std::size_t>(index)].status = status;
  return save_notes();
}

Status ResultsFlow::save_notes() {
  if (!keys_ || !session_.campaign) return Ok{};
  return client::save_inbox_notes(platform_, keys_->recipient.secret_key, session_.campaign->id, session_.load.inbox, rng_);
}

namespace {

const std::string* thread_of(const ResultsSession& s, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= s.load.inbox.size()) return nullptr;
  const std::string& thread = s.load.inbox[static_cast<std::size_t>(index)].submission.thread;
  return thread.empty() ? nullptr : &thread;
}

}  // namespace

void ResultsFlow::draft_reply(int index, const std::string& text) {
  if (const std::string* thread = thread_of(session_, index)) {
    client::ReplyDraft& d = session_.replies[*thread];
    d.thread = *thread;
    d.text = text;
  }
}

void ResultsFlow::draft_close(int index, bool close) {
  if (const std::string* thread = thread_of(session_, index)) {
    client::ReplyDraft& d = session_.replies[*thread];
    d.thread = *thread;
    d.close = close;
  }
}

void ResultsFlow::send_replies() {
  ResultsSession& s = session_;
  if (!s.campaign || !keys_ || s.sending_replies) return;
  std::vector<client::ReplyDraft> drafts;
  for (const auto& [thread, d] : s.replies) {
    if (!trim_blank(d.text).empty()) drafts.push_back({thread, trim_blank(d.text), d.close});
  }
  s.replies_note.clear();
  if (drafts.empty()) {
    s.replies_note = text("conversation.error.nothing_to_send");
    return;
  }
  const std::size_t count = drafts.size();
  std::weak_ptr<bool> alive = alive_;
  auto started = client::send_replies(platform_, *s.campaign, keys_->recipient, std::move(drafts), today_, typed_credentials(s), rng_,
                                      [this, alive, count](Result<std::string> sent) {
                                        if (!alive.lock()) return;
                                        session_.sending_replies = false;
                                        if (!sent) {
                                          session_.replies_note = text("inbox.replies.failed", {{"detail", sent.error().detail}});
                                          return;
                                        }
                                        // Sent: each draft becomes the mediator's own copy, kept with the
                                        // request's notes (sealed to the mediator), and the draft goes.
                                        for (auto it = session_.replies.begin(); it != session_.replies.end();) {
                                          const std::string reply_text = trim_blank(it->second.text);
                                          if (reply_text.empty()) {
                                            ++it;
                                            continue;
                                          }
                                          for (auto& item : session_.load.inbox) {
                                            if (item.submission.thread == it->first && !item.submission.message) {
                                              item.sent.push_back({today_, reply_text, it->second.close});
                                            }
                                          }
                                          it = session_.replies.erase(it);
                                        }
                                        session_.replies_note = plural("inbox.replies.sent", static_cast<long>(count));
                                        if (auto saved = save_notes(); !saved) {
                                          session_.replies_note += " " + text("notice.notes_not_saved", {{"detail", saved.error().detail}});
                                        }
                                      });
  if (!started) {
    s.replies_note = text("inbox.replies.failed", {{"detail", started.error().detail}});
    return;
  }
  s.sending_replies = true;
}

std::optional<client::ExportFile> ResultsFlow::export_file(client::ExportFormat format) const {
  const auto& r = session_.load.result;
  if (!r || !session_.campaign) return std::nullopt;
  return client::export_results(*session_.campaign, *r, format);
}

void ResultsFlow::tick(bool on_unlock) {
  ResultsSession& s = session_;
  if (on_unlock && s.checked_link != s.link) {
    // Whether to ask for S3 read credentials: a short link's campaign is fetched to know.
    const client::LinkTokens::Verified opened = links_.verified(trim_blank(s.link));
    if (opened.state != client::LinkTokens::State::fetching) s.checked_link = s.link;
    s.link_uses_s3 = opened.campaign && opened.campaign->storage.kind == kStorageS3;
  }
  loader_.pump();
  earlier_loader_.pump();
  if (was_loading_ && !s.load.loading) {
    was_loading_ = false;
    if (keys_ && s.campaign) client::load_inbox_notes(platform_, keys_->recipient.secret_key, s.campaign->id, s.load.inbox);
  }
}

void ResultsFlow::end() {
  loader_.forget();
  earlier_loader_.forget();
  session_.passphrase.clear();
  session_.s3_access_key.clear();
  session_.s3_secret_key.clear();
}

namespace {

// Results for the snapshot: the figures a chart shows, not what people wrote (comments become
// their number). The snapshot is for tests and is readable by any script in the page.
nlohmann::json figures_only(nlohmann::json result) {
  for (auto& q : result["questions"]) {
    if (q.contains("comments")) q["comments"] = q["comments"].size();
  }
  return result;
}

}  // namespace

nlohmann::json ResultsFlow::snapshot() const {
  nlohmann::json j = nlohmann::json::object();
  const ResultsSession& s = session_;
  nlohmann::json session = {{"error", s.error.empty() ? s.load.error : s.error}, {"keyfile", s.keyfile_name}, {"s3", s.link_uses_s3}, {"opening", s.opening},
                            {"loading", s.load.loading}, {"total", s.load.total}, {"downloaded", s.load.downloaded},
                            {"opened", s.load.opened}, {"failures", s.load.failures}};
  if (s.load.result) {
    session["responses"] = s.load.result->responses;
    session["visible"] = s.load.result->visible;
    if (s.load.result->visible) session["result"] = figures_only(aggregate_to_json(*s.load.result));
  }
  nlohmann::json inbox = nlohmann::json::array();
  for (const auto& item : s.load.inbox) {
    inbox.push_back({{"id", item.id}, {"status", to_string(item.status)}, {"urgency", item.submission.request.urgency},
                     {"day", item.submission.day}, {"has_note", !item.note.empty()},
                     {"in_thread", !item.submission.thread.empty()}, {"follow_up", item.submission.message.has_value()}});
  }
  session["inbox"] = inbox;
  std::size_t ready = 0;
  for (const auto& [thread, d] : s.replies) ready += !d.text.empty();
  session["replies_ready"] = ready;
  session["sending_replies"] = s.sending_replies;
  session["replies_note"] = s.replies_note;
  session["waiting"] = s.load.waiting;  // why nothing is read yet ("" when reading)
  if (s.load.release) {
    const auto& r = *s.load.release;
    session["release"] = {{"released", r.released}, {"invitations", r.invitations}, {"feedback", r.feedback},
                          {"mediation", r.mediation}, {"refused", r.refused}};
  }
  if (s.earlier_file) session["earlier_file"] = {{"title", s.earlier_file->title}, {"campaign", s.earlier_file->campaign_id}};
  if (!s.earlier_file_error.empty()) session["earlier_file_error"] = s.earlier_file_error;
  j["session"] = session;
  const ResultsSession& e = earlier_;
  const std::string earlier_error = e.error.empty() ? e.load.error : e.error;
  if (e.load.result) {
    j["earlier"] = {{"loading", e.load.loading}, {"error", earlier_error}, {"result", figures_only(aggregate_to_json(*e.load.result))}};
  } else if (!e.error.empty()) {
    j["earlier"] = {{"error", earlier_error}};
  }
  return j;
}

}  // namespace parley::ui
