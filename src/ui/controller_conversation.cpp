// The Controller's side of a person's mediation conversation (docs/FORMAT.md, "Conversations"):
// the recovery phrase shown after a request, then "Continue a mediation": the phrase and the
// campaign link open the thread, its replies are read from every reply bundle since, and a
// follow-up travels like any request, through the outbox.
#include "client/answers.h"
#include "client/submit.h"
#include "client/texts.h"
#include "core/phrase.h"
#include "core/text.h"
#include "ui/controller.h"

namespace parley::ui {

void Controller::on(const SetKeepPhrase& a) { state_.conversation.keep_phrase = a.keep; }
void Controller::on(const CopyPhrase&) {
  if (state_.conversation.phrase.empty()) return;
  platform_.copy_text(std::string(state_.conversation.phrase.view()));
  state_.notice = {NoticeKind::info, text("notice.phrase_copied")};
}
void Controller::on(const SavePhrase&) {
  const ConversationDesk& d = state_.conversation;
  if (d.phrase.empty()) return;
  std::string file = text("phrase.file", {{"phrase", std::string(d.phrase.view())}, {"link", d.sent_link}, {"day", state_.today}});
  platform_.download("parley-recovery-phrase.txt", to_bytes(file), "text/plain");
  wipe(file);
  state_.notice = {NoticeKind::info, text("notice.phrase_saved")};
}
void Controller::on(const StartConversation&) {
  state_.conversation.error.clear();
  state_.notice = {};
  go_to(Screen::conversation_open);
}
void Controller::on(const OpenConversation&) { open_conversation(); }
void Controller::on(const LoadPhraseFile&) {
  std::weak_ptr<bool> alive = alive_;
  platform_.pick_files(".txt,text/plain", false, [this, alive](std::vector<platform::PickedFile> files) {
    if (!alive.lock() || files.empty() || state_.screen != Screen::conversation_open) return;
    use_phrase_file(std::move(files[0].data));
  });
}

// The file SavePhrase wrote (or any text holding a phrase and a link): the first line that reads
// as a phrase and the first word holding a campaign link fill the form, and it opens.
void Controller::use_phrase_file(Bytes file) {
  constexpr std::size_t kMaxPhraseFile = 64 * 1024;
  ConversationDesk& d = state_.conversation;
  std::string text_of_file = file.size() <= kMaxPhraseFile ? parley::to_string(file) : std::string();
  wipe(file);
  bool found_phrase = false;
  std::string::size_type at = 0;
  while (at < text_of_file.size()) {
    auto end = text_of_file.find('\n', at);
    if (end == std::string::npos) end = text_of_file.size();
    std::string line = text_of_file.substr(at, end - at);
    at = end + 1;
    if (!found_phrase && entropy_from_phrase(line)) {
      d.typed_phrase = Secret(line);
      found_phrase = true;
    } else if (const auto c = line.find("#c="); c != std::string::npos) {
      const auto start = line.rfind(' ', c);
      d.link = trim_blank(line.substr(start == std::string::npos ? 0 : start + 1));
    }
    wipe(line);
  }
  wipe(text_of_file);
  if (!found_phrase) {
    d.error = text("conversation.error.not_a_phrase_file");
    return;
  }
  open_conversation();
}
void Controller::on(const RefreshConversation&) { refresh_conversation(); }
void Controller::on(const SetCloseThread& a) { state_.conversation.close = a.close; }
void Controller::on(const SendFollowUp&) { send_follow_up(); }

void Controller::open_conversation() {
  ConversationDesk& d = state_.conversation;
  d.error.clear();
  d.opening = false;
  if (!split_link(trim_blank(d.link))) {
    d.error = text("conversation.error.no_link");
    return;
  }
  client::LinkTokens::Verified opened = links_.verified(trim_blank(d.link));
  if (opened.state == client::LinkTokens::State::fetching) {
    d.opening = true;  // links_changed() comes back here
    return;
  }
  auto& campaign = opened.campaign;
  if (!campaign) {
    d.error = text("unlock.error.bad_link", {{"detail", campaign.error().detail}});
    return;
  }
  if (campaign->mediation_to.empty()) {
    d.error = text("conversation.error.no_mediator");
    return;
  }
  auto entropy = entropy_from_phrase(d.typed_phrase.view());
  if (!entropy) {
    d.error = entropy.error().detail;
    return;
  }
  auto thread = thread_keys(*entropy);
  if (!thread) {
    d.error = thread.error().detail;
    return;
  }
  d.typed_phrase.clear();  // the thread key is all that is needed from here on
  d.campaign = std::move(*campaign);
  d.invite = std::move(opened.parts.invite);
  d.thread = std::move(*thread);
  d.replies.clear();
  d.read = false;
  d.sent_note.clear();
  go_to(Screen::conversation);
  refresh_conversation();
}

void Controller::refresh_conversation() {
  ConversationDesk& d = state_.conversation;
  if (!d.campaign || !d.thread || d.loading) return;
  d.loading = true;
  d.error.clear();
  std::weak_ptr<bool> alive = alive_;
  // Every bundle from the campaign's first day: the phrase alone does not say when the request
  // was sent, and reading more bundles than needed tells the storage nothing.
  auto started = client::read_thread(platform_, *d.campaign, *d.thread, d.campaign->opens, {},
                                     [this, alive](Result<client::ThreadReplies> got) {
                                       if (!alive.lock()) return;
                                       ConversationDesk& desk = state_.conversation;
                                       desk.loading = false;
                                       if (!got) {
                                         desk.error = got.error().detail;
                                         return;
                                       }
                                       desk.replies = std::move(got->replies);
                                       desk.closed = got->closed;
                                       desk.read = true;
                                     });
  if (!started) {
    d.loading = false;
    d.error = started.error().detail;
  }
}

void Controller::send_follow_up() {
  ConversationDesk& d = state_.conversation;
  d.error.clear();
  if (!d.campaign || !d.thread) return;
  const std::string message = trim_blank(d.message);
  if (message.empty()) {
    d.error = text("conversation.error.empty_message");
    return;
  }
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = d.campaign->id;
  s.day = state_.today;
  s.thread = encode_public_key(KeyKind::recipient, d.thread->public_key);
  s.message = FollowUp{message, d.close};
  auto sealed = seal_for_storage(*d.campaign, s, d.invite, platform_.now_unix(), rng_);
  if (!sealed) {
    d.error = text("notice.not_sealed", {{"detail", sealed.error().detail}});
    return;
  }
  auto item = outbox_item(*d.campaign, std::move(*sealed), "mediation", rng_);
  if (!item) {
    d.error = text("notice.not_prepared", {{"detail", item.error().detail}});
    return;
  }
  state_.outbox.add(platform_, std::move(*item));
  wipe(d.message);
  d.sent_note = d.close ? text("conversation.sent_closing") : text("conversation.sent");
  d.close = false;
}

nlohmann::json Controller::conversation_snapshot() const {
  const ConversationDesk& d = state_.conversation;
  // What the person sees, minus what they or the mediators wrote: counts and states.
  nlohmann::json j = {{"has_phrase", !d.phrase.empty()}, {"keep_phrase", d.keep_phrase}};
  if (in_conversation(state_.screen)) {
    j["open"] = d.thread.has_value();
    j["loading"] = d.loading;
    j["opening"] = d.opening;
    j["read"] = d.read;
    j["replies"] = d.replies.size();
    j["closed"] = d.closed;
    j["error"] = d.error;
    j["sent_note"] = d.sent_note;
  }
  return {{"conversation", j}};
}

}  // namespace parley::ui
