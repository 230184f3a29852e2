// Opening envelopes in bulk, off the UI thread where the platform can (Web Workers in the
// browser; inline on native). The results screen splits the envelopes into batches, hands
// them to an EnvelopeOpener and merges what comes back, so the page stays responsive and a
// cancel only has to drop the batches still in flight.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/aggregate.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/submission.h"

namespace parley::client {

// Where a batch's envelopes come from, which decides how they are opened.
enum class BatchSource : std::uint8_t {
  stored = 0,              // a direct campaign's envelopes, from storage or files: open_submission
  release_feedback = 1,    // a release's feedback part: open_release_record(feedback), so a
  release_mediation = 2,   // request cannot pass as an answer, nor an answer as a request
};

struct OpenBatch {
  std::string campaign_token;  // the signed manifest: workers verify and parse it themselves
  SecretKey32 secret_key;      // the reader's X25519 secret key: wipes itself wherever the batch goes
  BatchSource source = BatchSource::stored;
  std::vector<Bytes> envelopes;
};

struct OpenedBatch {
  std::size_t count = 0;                        // envelopes in the batch
  std::unique_ptr<Aggregator> feedback;         // tallies of the feedback opened (may be empty)
  std::vector<Submission> mediation;            // mediation requests opened (the mediator's inbox)
  // error class (to_string(Errc); "worker-failure" when a browser worker died on the batch) -> count
  std::map<std::string, std::size_t> failures;
};

class EnvelopeOpener {
 public:
  virtual ~EnvelopeOpener() = default;
  // Opens one batch; `done` fires exactly once and never inside this call. Destroying the
  // opener drops the batches still in flight without calling their `done` (a cancel).
  virtual void open(OpenBatch batch, std::function<void(OpenedBatch)> done) = 0;
  // How many batches are worth keeping in flight at once (the number of workers).
  virtual int parallelism() const = 0;
  // Delivers finished batches (inline opener); the browser delivers them itself.
  virtual void poll() {}
};

// Does the work itself, on the calling thread, and delivers from poll(). For native builds
// and tests; also the reference the web workers must agree with.
class InlineOpener final : public EnvelopeOpener {
 public:
  void open(OpenBatch batch, std::function<void(OpenedBatch)> done) override;
  int parallelism() const override { return 1; }
  void poll() override;

 private:
  std::vector<std::function<void()>> ready_;
};

// The work of one batch, shared by InlineOpener and the web worker.
OpenedBatch open_batch(const OpenBatch& batch);

// Web Workers in the browser (src/app/opener_web.cpp), InlineOpener natively.
std::unique_ptr<EnvelopeOpener> make_opener();

}  // namespace parley::client
