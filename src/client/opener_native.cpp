// The native opener: every core. The envelopes are cut into contiguous shares, one per
// thread, and the shares' tallies merged in order, so the result is the one a single thread
// makes (Aggregator::merge appends comments in order; requests and failures likewise).
#include <algorithm>
#include <thread>

#include "client/opener.h"

namespace parley::client {
namespace {

unsigned thread_count(unsigned asked, std::size_t envelopes) {
  unsigned n = asked ? asked : std::max(1u, std::thread::hardware_concurrency());
  // Below a few hundred envelopes a thread costs more than it saves.
  return static_cast<unsigned>(std::clamp<std::size_t>(envelopes / 256, 1, n));
}

// Runs work(begin, end, share) for `shares` contiguous shares of [0, n), the first share on
// this thread.
template <typename Work>
void in_shares(std::size_t n, unsigned shares, Work work) {
  std::vector<std::thread> threads;
  for (unsigned s = 1; s < shares; ++s) threads.emplace_back(work, n * s / shares, n * (s + 1) / shares, s);
  work(0, n / shares, 0u);
  for (auto& t : threads) t.join();
}

OpenBatch share_of(const OpenBatch& batch, std::size_t begin, std::size_t end) {
  OpenBatch part;
  part.campaign_token = batch.campaign_token;
  part.secret_key = batch.secret_key;
  part.source = batch.source;
  part.envelopes.assign(batch.envelopes.begin() + static_cast<std::ptrdiff_t>(begin),
                        batch.envelopes.begin() + static_cast<std::ptrdiff_t>(end));
  return part;
}

// Runs each batch on every core, delivering from poll() on the calling thread.
class ThreadOpener final : public EnvelopeOpener {
 public:
  void open(OpenBatch batch, std::function<void(OpenedBatch)> done) override {
    ready_.push_back([batch = std::move(batch), done = std::move(done)]() { done(open_batch_threads(batch)); });
  }
  int parallelism() const override { return 1; }  // one batch at a time uses every core
  void poll() override {
    std::vector<std::function<void()>> now;
    now.swap(ready_);
    for (auto& f : now) f();
  }

 private:
  std::vector<std::function<void()>> ready_;
};

}  // namespace

OpenedBatch open_batch_threads(const OpenBatch& batch, unsigned threads) {
  const unsigned shares = thread_count(threads, batch.envelopes.size());
  if (shares == 1) return open_batch(batch);
  std::vector<OpenedBatch> parts(shares);
  in_shares(batch.envelopes.size(), shares, [&](std::size_t begin, std::size_t end, unsigned s) {
    parts[s] = open_batch(share_of(batch, begin, end));
  });
  OpenedBatch out = std::move(parts[0]);
  for (unsigned s = 1; s < shares; ++s) {
    out.count += parts[s].count;
    if (out.feedback && parts[s].feedback) out.feedback->merge(*parts[s].feedback);
    for (auto& m : parts[s].mediation) out.mediation.push_back(std::move(m));
    for (const auto& [reason, n] : parts[s].failures) out.failures[reason] += n;
  }
  return out;
}

std::vector<Result<Submission>> open_all_threads(const RecipientKeyPair& key, const Campaign& campaign, BatchSource source,
                                                 std::size_t n, const std::function<const Bytes&(std::size_t)>& envelope,
                                                 unsigned threads) {
  std::vector<Result<Submission>> out(n, Result<Submission>(make_error(Errc::bad_input, "not opened")));
  in_shares(n, thread_count(threads, n), [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) out[i] = open_one(key, source, envelope(i), campaign);
  });
  return out;
}

std::vector<Result<OuterContents>> open_outers(const RecipientKeyPair& trustee, const std::vector<StoredObject>& objects,
                                               const Campaign& campaign) {
  const std::size_t n = objects.size();
  std::vector<Result<OuterContents>> out(n, Result<OuterContents>(make_error(Errc::bad_input, "not opened")));
  in_shares(n, thread_count(0, n), [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) out[i] = open_outer(trustee, objects[i].bytes, campaign);
  });
  return out;
}

std::unique_ptr<EnvelopeOpener> make_opener() { return std::make_unique<ThreadOpener>(); }

}  // namespace parley::client
