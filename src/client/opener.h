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
#include "core/envelope.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/release.h"
#include "core/trustee.h"
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
  // Who computes the X25519 of each stanza: "libsodium" (wasm or native), "webcrypto" (the
  // browser's own, in the workers), "mixed" while workers disagree. For the benchmarks.
  virtual std::string x25519() const { return "libsodium"; }
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

// One envelope of a batch as open_batch() opens it, with the reader's key pair or its stanzas
// through `opener`.
Result<Submission> open_one(const RecipientKeyPair& key, BatchSource source, const Bytes& envelope, const Campaign& campaign);
Result<Submission> open_one(const StanzaOpener& opener, BatchSource source, const Bytes& envelope, const Campaign& campaign);

// A batch opened in steps, for an X25519 computed outside the wasm (the browser's WebCrypto):
// wanted() lists the ephemeral keys whose X25519 with the reader's secret key the next step
// needs; take() gives their shared secrets; finish() opens as open_batch() would. Stanzas are
// tried in order, one step per stanza index, so exactly the X25519s of open_batch() are asked
// for and the first stanza that opens wins, as there: the results are the same, byte for byte.
class SteppedBatch {
 public:
  explicit SteppedBatch(OpenBatch batch);
  SteppedBatch(const SteppedBatch&) = delete;
  SteppedBatch& operator=(const SteppedBatch&) = delete;
  ~SteppedBatch();
  // The reader's keys: the secret one for the X25519 outside (wipes itself with the batch).
  const SecretKey32& secret_key() const { return batch_.secret_key; }
  bool key_ok() const { return key_ok_; }
  // 32 bytes per ephemeral key for the next step; empty when there is none.
  const Bytes& wanted() const { return wanted_; }
  // The shared secrets of wanted(), 32 bytes each in its order. One left all zero (WebCrypto
  // refused it: it rejects an all-zero result) is computed here with libsodium, which then
  // refuses it too; with no or wrong-sized input, every one is (the step runs in wasm).
  void take(const std::uint8_t* shared, std::size_t size);
  OpenedBatch finish();

 private:
  void ask();
  OpenBatch batch_;
  bool key_ok_ = false;
  Key32 public_key_{};
  struct Envelope {
    std::size_t stanzas = 0, next = 0;  // stanza count (0: the header fails) and the next to try
    bool found = false;
    std::size_t index = 0;              // the stanza that opened
    Key32 file_key{};
  };
  std::vector<Envelope> state_;
  std::vector<std::size_t> asked_;  // envelopes behind wanted(), in its order
  Bytes wanted_;
};

// Opens `batch` on `threads` threads (0: one per core), each a contiguous share of the
// envelopes, merged in order: the same tallies, requests and failures as open_batch() on one
// thread. Native only (opener_native.cpp).
OpenedBatch open_batch_threads(const OpenBatch& batch, unsigned threads = 0);
// Each of `n` envelopes opened as open_one() would, on `threads` threads (0: one per core);
// the results in the envelopes' order (the CLI keeps object names with them).
std::vector<Result<Submission>> open_all_threads(const RecipientKeyPair& key, const Campaign& campaign, BatchSource source,
                                                 std::size_t n, const std::function<const Bytes&(std::size_t)>& envelope,
                                                 unsigned threads = 0);

// open_outer() of each object with the trustee's key, in order: on every core natively, on
// this thread in the browser (opener_web.cpp).
std::vector<Result<OuterContents>> open_outers(const RecipientKeyPair& trustee, const std::vector<StoredObject>& objects,
                                               const Campaign& campaign);

// Web Workers in the browser (src/app/opener_web.cpp), ThreadOpener natively.
std::unique_ptr<EnvelopeOpener> make_opener();

}  // namespace parley::client
