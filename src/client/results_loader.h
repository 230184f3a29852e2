// Loads a campaign's envelopes for a reader: the storage listing, every object (a few at a
// time, through the StorageReader for the campaign's storage kind), then opening in batches
// through the EnvelopeOpener, merging as batches finish. Local files can be added too. Progress,
// failures (by reason), the aggregate and the mediation requests go to the LoadProgress the
// loader was made with; a cancel drops everything still in flight.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/aggregate.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "platform/platform.h"
#include "client/opener.h"
#include "client/storage_reader.h"
#include "core/submission.h"

namespace parley::client {

enum class RequestStatus { fresh, in_progress, closed };

// A mediation request in a mediator's inbox.
struct InboxItem {
  std::string id;  // hash of the request's contents: stable, says nothing about the sender
  Submission submission;  // a mediation request
  RequestStatus status = RequestStatus::fresh;
  std::string note;  // the mediator's private note, kept encrypted in this browser
};

// What a load has found so far. Written only by the ResultsLoader bound to it (and the inbox
// items' status and note by their reader).
struct LoadProgress {
  bool loading = false;
  std::size_t total = 0, downloaded = 0, opened = 0;  // listed or added -> downloaded -> opened
  std::map<std::string, std::size_t> failures;        // why envelopes could not be read, by reason
  std::optional<AggregateResult> result;
  std::vector<InboxItem> inbox;
  std::string error;  // why the listing or a download failed, in plain words
};

class ResultsLoader {
 public:
  ResultsLoader(platform::Platform& platform, EnvelopeOpener& opener, Rng& rng, LoadProgress& out)
      : platform_(platform), opener_(opener), rng_(rng), out_(out) {}

  // Starts over for `campaign` (its signed `token` identifies it to the opener), opening with
  // `secret_key`; s3 storage is read with `read_credentials` (ignored for http-put), which the
  // reader copies and wipes when dropped.
  void start(const Campaign& campaign, std::string token, const Key32& secret_key, const sigv4::Credentials& read_credentials);
  // Adds envelopes the person picked or dropped.
  void add_envelopes(std::vector<Bytes> envelopes);
  // Stops, and drops the storage reader (with its copy of the read credentials).
  void cancel();
  // Cancels and wipes the secret key: the session is over (its screens were left).
  void forget();
  // Keeps downloads and batches in flight; call once per frame.
  void pump();

 private:
  void fetch_listing();
  void pump_once();
  void finish_if_done();
  void send_batch(std::size_t count);

  platform::Platform& platform_;
  EnvelopeOpener& opener_;
  Rng& rng_;
  LoadProgress& out_;
  Key32 secret_{};
  std::string token_;
  std::shared_ptr<StorageReader> reader_;
  std::uint64_t generation_ = 0;  // completions of an earlier load are ignored
  bool listing_pending_ = false;
  std::deque<std::string> to_fetch_;
  int fetching_ = 0;
  std::vector<Bytes> to_open_;
  int opening_ = 0;
  std::unique_ptr<Aggregator> feedback_;
  // Object names already counted: an envelope both listed and dropped counts once. A listed
  // envelope is opened only when its name is its content's (is_object_name_of), so names stand
  // for contents.
  std::set<std::string> seen_;
  // A completion that arrives while pump() runs (a reader that fails before sending) asks for
  // another round instead of recursing once per envelope.
  bool pumping_ = false, pump_again_ = false;
};

}  // namespace parley::client
