// Loads a campaign's envelopes for a reader: the storage listing, every object (a few at a
// time, through the StorageReader for the campaign's storage kind), then opening in batches through the EnvelopeOpener, merging as batches finish. Local
// files can be added too. Progress and failures (by reason) are written to the ResultsSession
// the views draw; a cancel drops everything still in flight.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/aggregate.h"
#include "core/rng.h"
#include "core/sigv4.h"
#include "platform/platform.h"
#include "ui/opener.h"
#include "ui/state.h"
#include "ui/storage_reader.h"

namespace parley::ui {

class ResultsLoader {
 public:
  ResultsLoader(platform::Platform& platform, EnvelopeOpener& opener, Rng& rng)
      : platform_(platform), opener_(opener), rng_(rng) {}

  // Starts over for `session.campaign`, opening with `secret_key`; s3 storage is read with
  // `read_credentials` (ignored for http-put), which the reader copies and wipes when dropped.
  void start(ResultsSession& session, const Key32& secret_key, const sigv4::Credentials& read_credentials);
  // Adds envelopes the person picked or dropped.
  void add_envelopes(ResultsSession& session, std::vector<Bytes> envelopes);
  // Stops, and drops the storage reader (with its copy of the read credentials).
  void cancel(ResultsSession& session);
  // Cancels and wipes the secret key: the session is over (its screens were left).
  void forget(ResultsSession& session);
  // Keeps downloads and batches in flight; call once per frame.
  void pump(ResultsSession& session);

 private:
  void fetch_listing(ResultsSession& session);
  void pump_once(ResultsSession& session);
  void finish_if_done(ResultsSession& session);
  void send_batch(ResultsSession& session, std::size_t count);

  platform::Platform& platform_;
  EnvelopeOpener& opener_;
  Rng& rng_;
  Key32 secret_{};
  std::shared_ptr<StorageReader> reader_;
  std::uint64_t generation_ = 0;  // completions of an earlier load are ignored
  bool listing_pending_ = false;
  std::deque<std::string> to_fetch_;
  int fetching_ = 0;
  std::vector<Bytes> to_open_;
  int opening_ = 0;
  std::unique_ptr<Aggregator> feedback_;
  // Object names already counted: an envelope both listed and dropped counts once.
  std::set<std::string> seen_;
  // A completion that arrives while pump() runs (a reader that fails before sending) asks for
  // another round instead of recursing once per envelope.
  bool pumping_ = false, pump_again_ = false;
};

}  // namespace parley::ui
