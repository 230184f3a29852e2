// The trustee's release of a campaign's results (docs/FORMAT.md, "Making a release"), as the
// trustee's app and `parley release` run it:
//
//   1. refuse on or before the campaign's last day (too_early), and keys that are not the
//      campaign's trustee's;
//   2. GET release.parley: one release per campaign, so a valid one already stored ends here
//      (already_released, with its day and counts) and anything else under that name is a
//      failure, since nothing can replace it;
//   3. the number of invitations from the signed statement invitations.parley (or as given;
//      both must agree);
//   4. list and download every envelope (StorageReader, a few at a time), or take the objects
//      given; any download that fails stops the release, since an answer left out now could
//      never be released later;
//   5. collect_release(): open, check codes and dates, keep one answer per code, count the rest
//      by reason; fewer than k answers release nothing (below_threshold). Downloaded envelopes
//      are opened as each arrives, so opening overlaps the downloads still in flight; objects
//      given at once are opened on every core (client/opener);
//   6. sign, and store release.parley (write-once) beside the envelopes (client/trustee_storage).
//
// Progress, counts and the outcome go to the ReleaseProgress the flow was made with, which the
// UI draws; completions arriving after cancel() or after the flow is gone are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/storage_reader.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/release.h"
#include "core/rng.h"
#include "core/s3/sigv4.h"
#include "platform/platform.h"

namespace parley::client {

enum class ReleaseStage {
  idle,         // not started
  checking,     // looking for an earlier release and the invitations statement
  downloading,  // listing and downloading the envelopes
  uploading,    // storing release.parley
  finished,     // see `outcome`
};

enum class ReleaseOutcome {
  none,              // not finished
  released,          // signed (and stored, when asked): `release` holds it
  already_released,  // the storage holds a valid release of this campaign: nothing new was made
  too_early,         // on or before the campaign's last day: nothing was read
  below_threshold,   // fewer than k valid answers: nothing was released; `refused` says why
  failed,            // `error` says why; nothing was stored
};

const char* to_string(ReleaseOutcome outcome);  // "released", "already-released", ...

// One line of a release's "not released" counts: `n` stored objects left out for `reason` (a
// refusal:: reason or an error class), in plain words, for the trustee's desk and the results.
std::string refusal_line(const std::string& reason, std::size_t n);
// "6 answers and 1 mediation request, from 8 invitations."
std::string release_counts(std::size_t feedback, std::size_t mediation, std::uint32_t invitations);

struct ReleaseProgress {
  ReleaseStage stage = ReleaseStage::idle;
  ReleaseOutcome outcome = ReleaseOutcome::none;
  std::size_t listed = 0, downloaded = 0, download_failures = 0;
  std::uint32_t invitations = 0;               // N, from the statement or as given
  std::size_t feedback = 0, mediation = 0;     // answers and requests released (or that would be)
  std::map<std::string, std::size_t> refused;  // stored objects not released, by reason
  std::string released_on;                     // the release's day (made now, or found)
  bool stored = false;                         // this flow wrote release.parley
  Bytes release;                               // the signed release (released), e.g. to save as a file
  std::string error;                           // why, in plain words (failed, too_early, below_threshold)
  std::string error_detailed;                  // `error` with the storage's own answer, for a terminal
};

struct ReleaseOptions {
  std::string today;  // YYYY-MM-DD, from the caller's clock
  // N when given; otherwise read from invitations.parley (when both, they must agree).
  std::optional<std::uint32_t> invitations;
  bool store = true;  // write release.parley to the campaign's storage
  // s3: the trustee's own credentials, to list, read and write (ignored for http-put).
  sigv4::Credentials credentials;
  // The stored objects when they come from elsewhere (a folder copied from the storage, a
  // listing URL read by the caller): then the campaign's storage is not listed. Objects count
  // under their names, which must be their content's (docs/FORMAT.md, "Storage object names").
  std::optional<std::vector<StoredObject>> objects;
};

class ReleaseFlow {
 public:
  ReleaseFlow(platform::Platform& platform, Rng& rng, ReleaseProgress& out);
  ReleaseFlow(const ReleaseFlow&) = delete;
  ReleaseFlow& operator=(const ReleaseFlow&) = delete;
  ~ReleaseFlow();

  // Starts over for `campaign` (verified: its manifest hash set) with the trustee's keys, which
  // the flow copies and wipes when it finishes or is cancelled.
  void start(const Campaign& campaign, const KeySet& trustee, ReleaseOptions options);
  // Drops everything in flight and wipes the keys; the progress keeps what it showed.
  void cancel();
  bool running() const { return out_.stage != ReleaseStage::idle && out_.stage != ReleaseStage::finished; }

 private:
  void check_existing();
  void read_statement();
  void download();
  // The selection and what follows; `opened` holds each object's outer envelope opened as it
  // arrived (else they are opened here).
  void collect(std::vector<StoredObject> objects, std::optional<std::vector<Result<OuterContents>>> opened = std::nullopt);
  void finish(ReleaseOutcome outcome, std::string error = {}, std::string detailed = {});
  // A completion of this start(), or nothing when it belongs to an earlier one or the flow is gone.
  bool current(std::uint64_t generation) const { return generation == generation_; }

  platform::Platform& platform_;
  Rng& rng_;
  ReleaseProgress& out_;
  std::optional<Campaign> campaign_;
  std::optional<KeySet> trustee_;
  ReleaseOptions options_;
  std::shared_ptr<StorageReader> reader_;
  std::uint64_t generation_ = 0;
  // Completions hold a weak reference: one arriving after the flow is destroyed does nothing.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace parley::client
