// Mediators' replies to a conversation (docs/FORMAT.md, "Conversations"): each reply sealed to
// the thread's key and authenticated with the mediator's own key (crypto_box), published in
// bundles of padded, shuffled records, one object per sending. A person's reader downloads every
// bundle since their request and tries each record: it never asks for anything tied to its
// thread, so the storage cannot tell who reads what.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/result.h"
#include "core/rng.h"

namespace parley {

inline constexpr std::size_t kReplyPadBlock = 4096;
inline constexpr std::size_t kReplyRecordBytes = 24 + kReplyPadBlock + 16;  // nonce, padded reply, tag: 4136
inline constexpr std::size_t kMaxReplyTextChars = 3000;
// Records per bundle: the smallest of these that holds the replies; the rest is filler.
inline constexpr std::size_t kReplyBundleSizes[] = {4, 16, 64, 256, 1024};
inline constexpr std::size_t kMaxRepliesPerBundle = 1024;
inline constexpr int kMaxSendingsPerDay = 100;
// Magic, the longest header (95 bytes), two line feeds and 1024 records: 4,235,377 bytes.
inline constexpr std::size_t kMaxReplyBundleBytes = 16 + 1 + 95 + 1 + kMaxRepliesPerBundle * kReplyRecordBytes;

struct Reply {
  std::string campaign;
  std::string thread;  // parley-r1-… of the thread's reply key
  std::string day;     // YYYY-MM-DD it was sent
  std::string text;    // 1-3000 characters
  bool close = false;  // the mediator closes the thread
};

// One record: `reply` sealed to its thread by `mediator` (one of the campaign's mediation_to).
Result<Bytes> seal_reply(const Reply& reply, const RecipientKeyPair& mediator, Rng& rng);

// "replies-DAY-M-S.parley", and its parts when a name is one.
std::string reply_bundle_name(std::string_view day, int mediator, int sending);
struct BundleName {
  std::string day;
  int mediator = 0, sending = 0;
};
std::optional<BundleName> parse_reply_bundle_name(std::string_view name);
inline bool is_reply_bundle_name(std::string_view name) { return parse_reply_bundle_name(name).has_value(); }

// The bundle of `records` (sealed by mediation_to[mediator] of `campaign` on `day`), padded with
// filler records to its size class and shuffled. bad_input for more than 1024 records, an index
// outside mediation_to or a malformed record.
Result<Bytes> build_reply_bundle(const Campaign& campaign, std::string_view day, int mediator, std::vector<Bytes> records,
                                 Rng& rng);

// The replies of `bundle` (stored as `name`) that open for `thread`, in record order, after the
// checks of FORMAT.md: header_failure for a malformed bundle or one whose header disagrees with
// its name or campaign; payload_failure for an opened record that is not a reply of this thread.
Result<std::vector<Reply>> open_reply_bundle(const Campaign& campaign, std::string_view name, const Bytes& bundle,
                                             const RecipientKeyPair& thread);

}  // namespace parley
