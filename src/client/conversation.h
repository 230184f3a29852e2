// Conversations over static storage (docs/FORMAT.md, "Conversations"), as the app and the CLI
// run them:
//
// - a person reads their thread: every reply bundle of the campaign from the request's day on
//   is listed and downloaded, and each record tried with the thread's key. Nothing asked of the
//   storage depends on the thread, so neither it nor its logs can tell who reads what.
// - a mediator sends the replies drafted in a batch: sealed, bundled under the first free
//   sending number of the day, and stored write-once (a bundle stored meanwhile under that
//   number makes it try the next).
//
// `done` fires exactly once, never inside the call; everything comes through the platform's
// completions (natively: keep calling poll()); `platform` and `rng` must outlive it. When a call cannot start (no reader for the
// storage, a key that is not a mediator's, a draft that does not seal), the error comes back
// from the call itself and `done` never fires.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/keys.h"
#include "core/manifest.h"
#include "core/replies.h"
#include "core/result.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "platform/platform.h"

namespace parley::client {

// A reply as its thread shows it: with who sent it (the bundle's mediator index).
struct ThreadReply : Reply {
  int mediator = 0;  // campaign.mediation_to[mediator] sealed it
};

struct ThreadReplies {
  // Oldest day first; within a day by mediator, then sending number; in record order within a bundle.
  std::vector<ThreadReply> replies;
  std::size_t bundles = 0;     // bundles read
  std::map<std::string, std::size_t> refused;  // bundles that could not be read, by error class
  bool closed = false;         // a mediator closed the thread
};

// Reads `thread`'s replies in `campaign`'s storage from `since` (YYYY-MM-DD; "" for every bundle).
// The listing's failure, or a download's, comes back as the error: a reply left out would leave
// the person believing nobody answered.
Status read_thread(platform::Platform& platform, const Campaign& campaign, const RecipientKeyPair& thread,
                 const std::string& since, const sigv4::Credentials& credentials,
                 std::function<void(Result<ThreadReplies>)> done);

struct ReplyDraft {
  std::string thread;  // parley-r1-… as the request carried it
  std::string text;
  bool close = false;
};

// Seals `drafts` from `mediator` (one of the campaign's mediators), bundles them for `today` and
// stores the bundle (s3: with the mediator's own `credentials`). Returns the bundle's name.
// Errors in plain words: bad_input for a key that is not a mediator's or a draft that does not
// seal; the storage's refusal otherwise.
Status send_replies(platform::Platform& platform, const Campaign& campaign, const RecipientKeyPair& mediator,
                  std::vector<ReplyDraft> drafts, const std::string& today, const sigv4::Credentials& credentials, Rng& rng,
                  std::function<void(Result<std::string>)> done);

}  // namespace parley::client
