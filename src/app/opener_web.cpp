// The browser's EnvelopeOpener: a pool of Web Workers, each a separate wasm instance running
// parley_worker.js (worker_main.cpp). No SharedArrayBuffer and no pthreads: the page is not
// cross-origin isolated, so batches travel as messages (ui/opener_wire.h) through
// emscripten_call_worker and come back as serialised tallies the results screen merges.
//
// Each worker gets up to two batches at a time (one opening, one waiting, so it never idles
// while its answer crosses to the page); the rest wait here. A worker that fails to start is
// retired and its batches go to the others; a worker that dies on a batch fails that batch
// ("worker-failure") and is replaced. With no worker left, batches are opened on the main
// thread, one per frame, as before the pool existed.
#include "app/opener_web.h"

#include <emscripten.h>
#include <sodium.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/opener_wire.h"

namespace parley::client {
namespace {

constexpr const char* kWorkerUrl = "parley_worker.js";  // relative: next to the page
// The fragment keeps a worker's X25519 in wasm (worker_post.js), for the benchmark's comparison.
constexpr const char* kWasmWorkerUrl = "parley_worker.js#x25519=wasm";
constexpr std::size_t kBatchesPerWorker = 2;
// A worker that has not answered hello by then is treated as one that failed to start (a
// stalled download, or a failure the browser did not report): its batches go elsewhere.
constexpr int kStartTimeoutMs = 30000;

// clang-format off
EM_JS(int, js_hardware_concurrency, (), {
  if (typeof Worker !== 'function') return 0;
  var n = (typeof navigator === 'object' && navigator.hardwareConcurrency) | 0;
  return n > 0 ? n : 1;
});

// Emscripten's worker API has no error callback: listen on the Worker object it keeps. And its
// answers (tallies holding comments and mediation requests) are copied into the heap, which
// on_opened() wipes, but the message's own array would live on until garbage collection: zero it
// once the answer has been handled (worker_post.js does the same on the worker's side).
EM_JS(void, js_watch_worker, (int handle, void* slot), {
  var info = Browser.workers[handle];
  if (!info) return;
  info.worker.addEventListener('error', function () {
    if (Browser.workers[handle] === info) _parley_opener_worker_failed(slot, handle);
  });
  var handleAnswer = info.worker.onmessage;
  info.worker.onmessage = function (msg) {
    try {
      handleAnswer.call(this, msg);
    } finally {
      var data = msg.data && msg.data['data'];
      if (data && data.fill) data.fill(0);
    }
  };
});
// clang-format on

struct Job {
  Bytes request;  // encoded batch, kept until answered so it can move to another worker
  std::size_t count = 0;
  std::function<void(OpenedBatch)> done;

  Job() = default;
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;
  ~Job() { sodium_memzero(request.data(), request.size()); }  // it holds the secret key
};

OpenedBatch worker_failure(std::size_t count) {
  OpenedBatch out;
  out.count = count;
  if (count) out.failures[kWorkerFailure] = count;
  return out;
}

class Pool;

struct Slot {
  Pool* pool = nullptr;
  worker_handle handle = -1;
  bool ready = false;  // answered hello: it loaded, so a later error is a batch's fault
  bool dead = false;   // failed to start: never used again
  bool webcrypto = false;  // said in its hello: its X25519 is the browser's WebCrypto
  std::deque<std::unique_ptr<Job>> in_flight;  // in the order the worker runs them
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  Pool(int workers, bool webcrypto) : url_(webcrypto ? kWorkerUrl : kWasmWorkerUrl) {
    for (int i = 0; i < workers; ++i) slots_.push_back(std::make_unique<Slot>());
  }

  // Workers start with the first batch: most page loads (people answering) open nothing.
  void start() {
    if (started_) return;
    started_ = true;
    for (auto& s : slots_) spawn(*s);
  }

  void shutdown() {
    closed_ = true;
    for (auto& s : slots_) {
      if (s->handle >= 0) emscripten_destroy_worker(s->handle);  // no callback fires after this
      s->handle = -1;
      s->in_flight.clear();
    }
    queue_.clear();  // dropped without `done`: the opener is gone (a cancel)
  }

  void submit(OpenBatch batch, std::function<void(OpenedBatch)> done) {
    if (batch.campaign_token != token_) {  // the page's own copy, to read answers against
      token_ = batch.campaign_token;
      auto c = verify_manifest(token_);
      campaign_ = c ? std::optional<Campaign>(std::move(*c)) : std::nullopt;
    }
    auto job = std::make_unique<Job>();
    job->request = encode_open_batch(batch);
    job->count = batch.envelopes.size();
    job->done = std::move(done);
    batch.secret_key.wipe();  // the encoded request holds the only copy now
    queue_.push_back(std::move(job));
    start();
    dispatch();  // posts messages only: `done` can never run inside open()
  }

  std::string x25519() const {
    std::size_t ready = 0, web = 0;
    for (const auto& s : slots_) {
      if (s->dead || !s->ready) continue;
      ++ready;
      web += s->webcrypto ? 1 : 0;
    }
    if (ready == 0 || web == 0) return "libsodium";
    return web == ready ? "webcrypto" : "mixed";
  }

  int parallelism() const {
    const auto live = std::count_if(slots_.begin(), slots_.end(), [](const auto& s) { return !s->dead; });
    return std::max<int>(1, static_cast<int>(live));
  }

  void worker_failed(Slot& slot, int handle) {
    if (closed_ || slot.handle != handle) return;
    auto keep = shared_from_this();
    emscripten_destroy_worker(slot.handle);
    slot.handle = -1;
    std::unique_ptr<Job> culprit;
    if (slot.ready && !slot.in_flight.empty()) {  // it was running its oldest batch
      culprit = std::move(slot.in_flight.front());
      slot.in_flight.pop_front();
    }
    while (!slot.in_flight.empty()) {  // not started: another worker takes them, in order
      queue_.push_front(std::move(slot.in_flight.back()));
      slot.in_flight.pop_back();
    }
    if (slot.ready) spawn(slot);  // a batch killed it: a fresh worker for the next ones
    else slot.dead = true;        // it never started (missing file, blocked, no memory)
    dispatch();
    if (culprit) {
      OpenedBatch failed = worker_failure(culprit->count);
      finish(std::move(culprit), std::move(failed));
    }
  }

 private:
  void spawn(Slot& slot) {
    slot.pool = this;
    slot.ready = false;
    slot.webcrypto = false;
    slot.handle = emscripten_create_worker(url_);
    if (slot.handle < 0) {
      slot.dead = true;
      return;
    }
    js_watch_worker(slot.handle, &slot);
    emscripten_call_worker(slot.handle, "parley_worker_hello", nullptr, 0, &Pool::on_hello, &slot);
    emscripten_async_call(&Pool::on_start_timeout, new StartCheck{weak_from_this(), &slot, slot.handle}, kStartTimeoutMs);
  }

  struct StartCheck {
    std::weak_ptr<Pool> pool;
    Slot* slot;
    worker_handle handle;
  };
  static void on_start_timeout(void* arg) {
    std::unique_ptr<StartCheck> check(static_cast<StartCheck*>(arg));
    auto pool = check->pool.lock();
    if (pool && !check->slot->ready) pool->worker_failed(*check->slot, check->handle);
  }

  void dispatch() {
    if (closed_) return;
    bool any_live = false;
    for (std::size_t round = 1; round <= kBatchesPerWorker; ++round) {  // spread before stacking
      for (auto& s : slots_) {
        if (s->dead) continue;
        any_live = true;
        if (queue_.empty()) return;
        if (s->in_flight.size() >= round) continue;
        auto& job = queue_.front();
        emscripten_call_worker(s->handle, "parley_worker_open", reinterpret_cast<char*>(job->request.data()),
                               static_cast<int>(job->request.size()), &Pool::on_answer, s.get());
        s->in_flight.push_back(std::move(job));
        queue_.pop_front();
      }
    }
    if (!any_live && !queue_.empty() && !main_thread_scheduled_) {
      main_thread_scheduled_ = true;
      emscripten_async_call(&Pool::on_main_thread, new std::weak_ptr<Pool>(weak_from_this()), 0);
    }
  }

  // The answer is one byte, 1 when the worker's X25519 is WebCrypto (worker_post.js).
  static void on_hello(char* data, int size, void* arg) {
    auto& slot = *static_cast<Slot*>(arg);
    slot.ready = true;
    slot.webcrypto = data && size == 1 && data[0] == 1;
  }

  static void on_answer(char* data, int size, void* arg) {
    Slot& slot = *static_cast<Slot*>(arg);
    Pool& pool = *slot.pool;
    if (pool.closed_ || slot.in_flight.empty()) return;
    auto keep = pool.shared_from_this();  // `done` may destroy the opener
    std::unique_ptr<Job> job = std::move(slot.in_flight.front());
    slot.in_flight.pop_front();
    OpenedBatch result = pool.read_answer(*job, reinterpret_cast<const std::uint8_t*>(data), size);
    if (data && size > 0) sodium_memzero(data, static_cast<std::size_t>(size));  // reused buffer
    pool.dispatch();  // refill the worker before handing the result to the page
    pool.finish(std::move(job), std::move(result));
  }

  OpenedBatch read_answer(const Job& job, const std::uint8_t* data, int size) {
    if (!data || size <= 0) return worker_failure(job.count);
    auto r = decode_opened_batch(data, static_cast<std::size_t>(size), campaign_ ? &*campaign_ : nullptr);
    if (!r || r->count != job.count) return worker_failure(job.count);
    return std::move(*r);
  }

  static void on_main_thread(void* arg) {
    std::unique_ptr<std::weak_ptr<Pool>> weak(static_cast<std::weak_ptr<Pool>*>(arg));
    auto pool = weak->lock();
    if (!pool || pool->closed_) return;
    pool->main_thread_scheduled_ = false;
    if (pool->queue_.empty()) return;
    std::unique_ptr<Job> job = std::move(pool->queue_.front());
    pool->queue_.pop_front();
    OpenedBatch result;
    if (auto batch = decode_open_batch(job->request.data(), job->request.size())) {
      result = open_batch(*batch);  // the decoded batch's key wipes itself with it
    } else {
      result = worker_failure(job->count);
    }
    pool->dispatch();  // one batch per frame keeps the page responsive
    pool->finish(std::move(job), std::move(result));
  }

  void finish(std::unique_ptr<Job> job, OpenedBatch result) {
    auto done = std::move(job->done);
    job.reset();  // wipes the request before any UI code runs
    done(std::move(result));
  }

  const char* url_;
  std::vector<std::unique_ptr<Slot>> slots_;  // stable addresses: callbacks carry Slot*
  std::deque<std::unique_ptr<Job>> queue_;
  std::string token_;
  std::optional<Campaign> campaign_;
  bool started_ = false;
  bool closed_ = false;
  bool main_thread_scheduled_ = false;
};

class WorkerOpener final : public EnvelopeOpener {
 public:
  WorkerOpener(int workers, bool webcrypto) : pool_(std::make_shared<Pool>(workers, webcrypto)) {}
  ~WorkerOpener() override { pool_->shutdown(); }
  WorkerOpener(const WorkerOpener&) = delete;
  WorkerOpener& operator=(const WorkerOpener&) = delete;

  void open(OpenBatch batch, std::function<void(OpenedBatch)> done) override { pool_->submit(std::move(batch), std::move(done)); }
  int parallelism() const override { return pool_->parallelism(); }
  std::string x25519() const override { return pool_->x25519(); }

 private:
  std::shared_ptr<Pool> pool_;
};

}  // namespace

int default_worker_count() { return std::min(js_hardware_concurrency(), kMaxOpenerWorkers); }

std::unique_ptr<EnvelopeOpener> make_worker_pool(int workers, bool webcrypto) {
  return std::make_unique<WorkerOpener>(std::clamp(workers, 0, kMaxOpenerWorkers), webcrypto);
}

std::unique_ptr<EnvelopeOpener> make_opener() { return make_worker_pool(default_worker_count()); }

std::vector<Result<OuterContents>> open_outers(const RecipientKeyPair& trustee, const std::vector<StoredObject>& objects,
                                               const Campaign& campaign) {
  std::vector<Result<OuterContents>> out;
  out.reserve(objects.size());
  for (const auto& o : objects) out.push_back(open_outer(trustee, o.bytes, campaign));
  return out;
}

}  // namespace parley::client

// Called by js_watch_worker when a worker reports an error (it failed to load, or threw).
extern "C" EMSCRIPTEN_KEEPALIVE void parley_opener_worker_failed(void* slot, int handle) {
  auto* s = static_cast<parley::client::Slot*>(slot);
  if (s->pool) s->pool->worker_failed(*s, handle);
}
