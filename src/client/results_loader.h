// Loads a campaign's results for a reader, as the campaign's mode allows (docs/FORMAT.md):
//
// - direct mode: the storage listing, every object (a few at a time, through the StorageReader
//   for the campaign's storage kind), then opening in batches through the EnvelopeOpener,
//   merging as batches finish. Feedback is read only after the campaign's last day
//   (results_may_open): reloading while answers arrive would single out the newest. Mediators
//   read requests as they arrive.
// - trustee mode, read by a trustee that is also a mediator: the storage listing and every
//   object, as in direct mode; each outer envelope is opened here with the trustee's key and
//   the mediation requests inside go to the opener (sealed to the mediators, this key among
//   them). Answers are left for the release (counted as kForRelease): requests are read as they
//   arrive, feedback never.
// - trustee mode: one GET of the trustee's release.parley; read_release() checks its signature,
//   manifest hash and count >= k, then its records open in batches (the feedback part for
//   feedback readers, the mediation part for mediators). Nothing else is read: envelopes in
//   storage are sealed to the trustee, and nothing outside the release may be counted. Until
//   the release exists the loader waits, and says so.
//
// Local files can be added too (envelopes in direct mode, a release file in trustee mode).
// Progress, failures (by reason), the aggregate and the mediation requests go to the
// LoadProgress the loader was made with; a cancel drops everything still in flight.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/aggregate.h"
#include "core/keys.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "platform/platform.h"
#include "client/opener.h"
#include "client/storage_reader.h"
#include "core/submission.h"

namespace parley::client {

enum class RequestStatus { fresh, in_progress, closed };

// A mediation request in a mediator's inbox.
// A reply the mediator sent to a request's thread: sealed to the person, so the mediator keeps
// its own copy with the notes.
struct SentReply {
  std::string day, text;
  bool close = false;
};

struct InboxItem {
  std::string id;  // hash of the request's contents: stable, says nothing about the sender
  Submission submission;  // a mediation request
  RequestStatus status = RequestStatus::fresh;
  std::string note;  // the mediator's private note, kept encrypted in this browser
  std::vector<SentReply> sent;  // the mediator's replies to its thread, kept with the note
};

// Why results are not read yet, though the reader may read them later.
enum class ResultsWait {
  none,
  until_closed,  // direct mode, on or before the last day: feedback is read after `closes`
  for_release,   // trustee mode, no release stored yet: the trustee releases after `closes`
};

// What a trustee's release says about itself, once read and checked.
struct ReleaseSummary {
  std::string released;  // the day it was made
  std::uint32_t invitations = 0;
  std::size_t feedback = 0, mediation = 0;
  std::map<std::string, std::size_t> refused;  // stored objects the trustee did not release, by reason
};

// Failure reasons of the loader's own (besides error classes, "misnamed" and "duplicate").
inline constexpr const char* kDownloadFailed = "download-failed";
// Trustee mode: a file added by hand that is not a release (outer envelopes open only for the
// trustee, and nothing outside the release counts) / a release other than the one read.
inline constexpr const char* kNotARelease = "not-a-release";
inline constexpr const char* kAnotherRelease = "another-release";
// A trustee that is also a mediator reads requests before the release: the answers beside them
// are counted under this reason, unopened.
inline constexpr const char* kForRelease = "for-the-release";

// What a load has found so far. Written only by the ResultsLoader bound to it (and the inbox
// items' status and note by their reader).
struct LoadProgress {
  bool loading = false;
  std::size_t total = 0, downloaded = 0, opened = 0;  // listed or added -> downloaded -> opened
  std::map<std::string, std::size_t> failures;        // why envelopes could not be read, by reason
  std::optional<AggregateResult> result;
  std::vector<InboxItem> inbox;
  std::string error;  // why the listing, a download or the release failed, in plain words
  ResultsWait wait = ResultsWait::none;
  // The sentence for `wait`: "Waiting for Works council to release the results after 2026-12-31."
  std::string waiting;
  std::optional<ReleaseSummary> release;  // trustee mode, once the release is read
};

class ResultsLoader {
 public:
  ResultsLoader(platform::Platform& platform, EnvelopeOpener& opener, Rng& rng, LoadProgress& out)
      : platform_(platform), opener_(opener), rng_(rng), out_(out) {}

  // Starts over for `campaign` (its signed `token` identifies it to the opener), opening with
  // `secret_key`, on `today` (YYYY-MM-DD, the caller's clock); s3 storage is read with
  // `read_credentials` (ignored for http-put), which the reader copies and wipes when dropped.
  void start(const Campaign& campaign, std::string token, const Key32& secret_key, const sigv4::Credentials& read_credentials,
             const std::string& today);
  // Adds files the person picked or dropped: envelopes (direct mode) or a release (trustee mode).
  void add_envelopes(std::vector<Bytes> envelopes);
  // Stops, and drops the storage reader (with its copy of the read credentials).
  void cancel();
  // Cancels and wipes the secret key: the session is over (its screens were left).
  void forget();
  // Keeps downloads and batches in flight; call once per frame.
  void pump();

 private:
  void fetch_listing();
  void fetch_release();
  // Checks a release and queues the parts this reader opens; false when it is not this campaign's.
  bool take_release(const Bytes& bytes);
  // A stored outer envelope, opened with the trustee's key: its request queued, anything else counted.
  void take_outer(const Bytes& envelope);
  void pump_once();
  void finish_if_done();
  void send_batch(BatchSource source, std::size_t count);

  platform::Platform& platform_;
  EnvelopeOpener& opener_;
  Rng& rng_;
  LoadProgress& out_;
  std::optional<Campaign> campaign_;
  SecretKey32 secret_;  // the reader's, until forget()
  std::string token_;
  bool reads_feedback_ = false, reads_mediation_ = false;
  // Trustee mode, this key the trustee's and a mediator's: stored outer envelopes are opened here.
  std::optional<RecipientKeyPair> trustee_;
  std::shared_ptr<StorageReader> reader_;
  std::uint64_t generation_ = 0;  // completions of an earlier load are ignored
  bool listing_pending_ = false;
  std::deque<std::string> to_fetch_;
  int fetching_ = 0;
  // Envelopes waiting for the opener, by where they come from (BatchSource's values).
  std::array<std::vector<Bytes>, 3> to_open_;
  int opening_ = 0;
  // Feedback is tallied here only while it may be shown (nullptr: withheld or not begun).
  std::unique_ptr<Aggregator> feedback_;
  std::string release_name_;  // trustee mode: object_name() of the release read, "" before
  // Object names already counted: an envelope both listed and dropped counts once. A listed
  // envelope is opened only when its name is its content's (is_object_name_of), so names stand
  // for contents.
  std::set<std::string> seen_;
  // A completion that arrives while pump() runs (a reader that fails before sending) asks for
  // another round instead of recursing once per envelope.
  bool pumping_ = false, pump_again_ = false;
};

}  // namespace parley::client
