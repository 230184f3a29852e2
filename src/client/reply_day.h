// A mediator's day of replies to many open conversations in one bundle, and one of the people
// it answers: what `parley bench` and the browser's bench page time a person's reading against
// (docs/FORMAT.md, "Conversations"). No clock here: callers time what they need.
#pragma once

#include <cstddef>
#include <string>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/result.h"
#include "core/rng.h"

namespace parley::client {

struct ReplyDay {
  Campaign campaign;        // just an id and one mediator
  std::string name;         // the bundle's object name
  Bytes bundle;             // one reply (a few sentences) per thread, padded to its size class
  RecipientKeyPair person;  // the first thread's keys: exactly one record opens for it
};

// `threads` (1-1024) open conversations, each answered once on the same day.
Result<ReplyDay> make_reply_day(std::size_t threads, Rng& rng);

}  // namespace parley::client
