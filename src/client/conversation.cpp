#include "client/conversation.h"

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>

#include "client/storage_reader.h"
#include "client/texts.h"
#include "client/trustee_storage.h"
#include "core/listing.h"

namespace parley::client {
namespace {

constexpr std::size_t kParallelBundles = 6;

// Where a bundle's replies are shown: by day, then mediator, then sending, compared as numbers.
// Not the names as text: "replies-D-0-10" sorts before "replies-D-0-2", and mediator 10 before 2.
using BundleOrder = std::tuple<std::string, int, int>;

// One read_thread(): the bundles read so far, in the order shown.
struct ThreadRead {
  Campaign campaign;
  RecipientKeyPair thread;
  std::map<BundleOrder, std::vector<Reply>> by_bundle;
  ThreadReplies out;
  std::string failure;
  std::function<void(Result<ThreadReplies>)> done;
};

// One send_replies(): the sealed records and the sending numbers still to try.
struct Sending {
  Campaign campaign;
  std::string today;
  int mediator = 0;
  std::vector<Bytes> records;
  sigv4::Credentials credentials;
  std::vector<int> free;  // sending numbers not in the listing, lowest first
  std::function<void(Result<std::string>)> done;
};

void try_next(platform::Platform& platform, std::shared_ptr<Sending> s, Rng& rng);

// The campaign's reply bundles from `since` on: older ones are never downloaded.
class BundlesSince final : public StorageReader {
 public:
  BundlesSince(std::shared_ptr<StorageReader> inner, std::string since) : inner_(std::move(inner)), since_(std::move(since)) {}
  void list(std::function<void(Result<std::vector<std::string>>)> done) override {
    inner_->list([since = since_, done = std::move(done)](Result<std::vector<std::string>> names) {
      if (!names) return done(names.error());
      std::vector<std::string> kept;
      for (auto& name : *names) {
        const auto parts = parse_reply_bundle_name(name);
        if (parts && parts->day >= since) kept.push_back(std::move(name));
      }
      done(std::move(kept));
    });
  }
  void get(const std::string& name, std::function<void(Result<Bytes>)> done) override { inner_->get(name, std::move(done)); }
  void get_if_stored(const std::string& name, std::function<void(Result<std::optional<Bytes>>)> done) override {
    inner_->get_if_stored(name, std::move(done));
  }

 private:
  std::shared_ptr<StorageReader> inner_;
  std::string since_;
};

}  // namespace

Status read_thread(platform::Platform& platform, const Campaign& campaign, const RecipientKeyPair& thread,
                   const std::string& since, const sigv4::Credentials& credentials,
                   std::function<void(Result<ThreadReplies>)> done) {
  if (!since.empty() && !is_valid_day(since)) return make_error(Errc::bad_input, text("conversation.error.since"));
  auto reader = make_storage_reader(platform, campaign.storage, credentials, {false, true});
  if (!reader) return reader.error();
  auto state = std::make_shared<ThreadRead>();
  state->campaign = campaign;
  state->thread = thread;
  state->done = std::move(done);
  read_all(
      std::make_shared<BundlesSince>(std::move(*reader), since), kParallelBundles,
      [state](const std::string& name, Result<Bytes> bundle) {
        if (!bundle) {
          if (state->failure.empty()) state->failure = bundle.error().detail;
          return;
        }
        ++state->out.bundles;
        auto replies = open_reply_bundle(state->campaign, name, *bundle, state->thread);
        if (!replies) {
          ++state->out.refused[to_string(replies.error().code)];
          return;
        }
        if (replies->empty()) return;
        const auto parts = parse_reply_bundle_name(name);  // open_reply_bundle() read it
        state->by_bundle[{parts->day, parts->mediator, parts->sending}] = std::move(*replies);
      },
      [state](Status listing) {
        if (!listing) return state->done(listing.error());
        if (!state->failure.empty()) {
          return state->done(make_error(Errc::bad_input, text("conversation.error.download", {{"detail", state->failure}})));
        }
        for (auto& [order, replies] : state->by_bundle) {
          for (auto& r : replies) {
            state->out.closed = state->out.closed || r.close;
            ThreadReply shown;
            static_cast<Reply&>(shown) = std::move(r);
            shown.mediator = std::get<1>(order);
            state->out.replies.push_back(std::move(shown));
          }
        }
        state->done(std::move(state->out));
      });
  return Ok{};
}

Status send_replies(platform::Platform& platform, const Campaign& campaign, const RecipientKeyPair& mediator,
                    std::vector<ReplyDraft> drafts, const std::string& today, const sigv4::Credentials& credentials, Rng& rng,
                    std::function<void(Result<std::string>)> done) {
  const auto at = std::find(campaign.mediation_to.begin(), campaign.mediation_to.end(), mediator.public_key);
  if (at == campaign.mediation_to.end()) return make_error(Errc::bad_input, text("conversation.error.not_a_mediator"));
  if (drafts.empty()) return make_error(Errc::bad_input, text("conversation.error.nothing_to_send"));
  if (drafts.size() > kMaxRepliesPerBundle) return make_error(Errc::bad_input, text("conversation.error.too_many"));
  auto s = std::make_shared<Sending>();
  s->campaign = campaign;
  s->today = today;
  s->mediator = static_cast<int>(at - campaign.mediation_to.begin());
  s->credentials = credentials;
  s->done = std::move(done);
  for (const auto& d : drafts) {
    auto record = seal_reply(Reply{campaign.id, d.thread, today, d.text, d.close}, mediator, rng);
    if (!record) return record.error();
    s->records.push_back(std::move(*record));
  }
  // The sending numbers of today's bundles already stored, from the listing.
  auto reader = make_storage_reader(platform, campaign.storage, credentials, {false, true});
  if (!reader) return reader.error();
  std::shared_ptr<StorageReader> held = std::move(*reader);
  held->list([&platform, &rng, s, held](Result<std::vector<std::string>> names) {
    if (!names) return s->done(names.error());
    std::vector<bool> taken(kMaxSendingsPerDay, false);
    for (const auto& name : *names) {
      const auto parts = parse_reply_bundle_name(name);
      if (parts && parts->day == s->today && parts->mediator == s->mediator) taken[static_cast<std::size_t>(parts->sending)] = true;
    }
    for (int n = 0; n < kMaxSendingsPerDay; ++n) {
      if (!taken[static_cast<std::size_t>(n)]) s->free.push_back(n);
    }
    try_next(platform, s, rng);
  });
  return Ok{};
}

namespace {

void try_next(platform::Platform& platform, std::shared_ptr<Sending> s, Rng& rng) {
  if (s->free.empty()) return s->done(make_error(Errc::bad_input, text("conversation.error.day_full")));
  const int sending = s->free.front();
  s->free.erase(s->free.begin());
  auto bundle = build_reply_bundle(s->campaign, s->today, s->mediator, s->records, rng);
  if (!bundle) return s->done(bundle.error());
  const std::string name = reply_bundle_name(s->today, s->mediator, sending);
  auto sent = upload_trustee_object(platform, s->campaign.storage, name, std::move(*bundle), s->credentials,
                                    [&platform, &rng, s, name](TrusteeUpload up) {
                                      switch (up.status) {
                                        case TrusteeUploadStatus::stored: return s->done(name);
                                        case TrusteeUploadStatus::already_stored: return try_next(platform, s, rng);  // raced
                                        case TrusteeUploadStatus::failed:
                                          return s->done(make_error(Errc::bad_input, up.reason));
                                      }
                                    });
  if (!sent) s->done(sent.error());
}

}  // namespace
}  // namespace parley::client
