// The opener benchmark page (build/web/bench.html + parley_bench.{js,wasm}; page script in
// tests/bench/page/). It runs the browser's real EnvelopeOpener - the worker pool and its
// parley_worker.js - or the InlineOpener reference on envelopes the caller puts in its heap,
// outside the app: it has no UI state to change, no storage and no network. Used by
// tests/e2e/opener.test.mjs (pool == inline) and tests/bench/results.mjs (throughput).
#include <emscripten.h>
#include <emscripten/heap.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/opener_web.h"
#include "core/envelope.h"
#include "core/json_read.h"
#include "core/report.h"
#include "core/sodium_init.h"
#include "client/opener.h"
#include "client/reply_day.h"
#include "core/replies.h"

namespace {

using parley::Bytes;
using parley::json;
using namespace parley::client;

struct Run {
  std::unique_ptr<EnvelopeOpener> opener;
  bool inline_mode = false;
  std::string token;
  parley::Key32 key{};
  parley::Campaign campaign;
  std::unique_ptr<parley::Aggregator> feedback;
  std::vector<std::string> mediation;  // encoded contents, sorted at the end
  std::map<std::string, std::size_t> failures;
  std::uint8_t* blob = nullptr;  // (u32 length, envelope)*, owned: freed at the end
  std::size_t blob_size = 0, pos = 0;
  std::size_t batch_size = 512, envelopes = 0, opened = 0;
  int in_flight = 0, warming = 0;
  bool inside_open = false;
  std::size_t done_inside_open = 0;  // must stay 0: the opener contract
  double started = 0, finished = 0;
  std::string report;
};

Run* g_run = nullptr;

void pump(Run& run);

void finish(Run& run) {
  run.finished = emscripten_get_now();
  std::free(run.blob);
  run.blob = nullptr;
  sodium_memzero(run.key.data(), run.key.size());
  // Only tallies, counts and times leave: comments and requests sorted, so two runs compare
  // equal whatever order their batches finished in.
  json state = run.feedback->state();
  for (auto& q : state["questions"]) {
    if (q.contains("comments")) std::sort(q["comments"].begin(), q["comments"].end());
  }
  parley::SystemRng rng;
  json result = parley::aggregate_to_json(run.feedback->result(rng));
  for (auto& q : result["questions"]) {
    if (q.contains("comments")) std::sort(q["comments"].begin(), q["comments"].end());
  }
  std::sort(run.mediation.begin(), run.mediation.end());
  const double seconds = (run.finished - run.started) / 1000.0;
  json report = {{"mode", run.inline_mode ? "inline" : "pool"},
                 {"workers", run.inline_mode ? 0 : run.opener->parallelism()},
                 {"x25519", run.opener->x25519()},
                 {"batch", run.batch_size},
                 {"envelopes", run.envelopes},
                 {"opened", run.opened},
                 {"seconds", seconds},
                 {"per_second", seconds > 0 ? static_cast<double>(run.envelopes) / seconds : 0.0},
                 {"heap_bytes", static_cast<double>(emscripten_get_heap_size())},
                 {"state", std::move(state)},
                 {"result", std::move(result)},
                 {"mediation", run.mediation},
                 {"failures", run.failures},
                 {"done_inside_open", run.done_inside_open}};
  run.report = report.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!run.inline_mode) run.opener.reset();  // ends the workers (safe inside `done`)
}

bool next_envelope(Run& run, Bytes& out) {
  if (run.blob_size - run.pos < 4) return false;
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(run.blob[run.pos + static_cast<std::size_t>(i)]) << (8 * i);
  if (run.blob_size - run.pos - 4 < n) return false;
  out.assign(run.blob + run.pos + 4, run.blob + run.pos + 4 + n);
  run.pos += 4 + n;
  return true;
}

void send(Run& run, OpenBatch batch, bool warm_up) {
  batch.campaign_token = run.token;
  batch.secret_key = run.key;
  ++run.in_flight;
  run.inside_open = true;
  run.opener->open(std::move(batch), [&run, warm_up](OpenedBatch done) {
    if (run.inside_open) ++run.done_inside_open;
    --run.in_flight;
    if (warm_up) {
      if (--run.warming == 0) run.started = emscripten_get_now();
    } else {
      run.opened += done.count;
      if (done.feedback) run.feedback->merge(*done.feedback);
      for (const auto& s : done.mediation) {
        auto contents = parley::encode_submission(s);
        if (contents) run.mediation.push_back(parley::to_string(*contents));
      }
      for (const auto& [reason, n] : done.failures) run.failures[reason] += n;
    }
    pump(run);
  });
  run.inside_open = false;
}

// Keeps two batches per worker in flight, as the results screen does, cutting them from the
// blob only when sent so the heap holds the blob and little else.
void pump(Run& run) {
  if (run.warming > 0 || !run.blob) return;
  while (run.in_flight < run.opener->parallelism() * 2 && run.pos < run.blob_size) {
    OpenBatch batch;
    Bytes e;
    while (batch.envelopes.size() < run.batch_size && next_envelope(run, e)) batch.envelopes.push_back(std::move(e));
    if (batch.envelopes.empty()) {
      run.pos = run.blob_size;  // malformed tail: stop
      break;
    }
    run.envelopes += batch.envelopes.size();
    send(run, std::move(batch), false);
  }
  if (run.in_flight == 0 && run.pos >= run.blob_size) finish(run);
}

void poll_inline(void*) {
  if (!g_run || !g_run->inline_mode || !g_run->report.empty()) return;
  g_run->opener->poll();
  if (g_run->report.empty()) emscripten_async_call(&poll_inline, nullptr, 0);
}

}  // namespace

extern "C" {

// Opens the envelopes at `blob` ((u32 little-endian length, envelope)*, malloc'd by the page;
// this takes it over). mode 0: the worker pool with `workers` workers (0: as many as the app
// would use), X25519 through WebCrypto where the browser has it, as the app does; mode 1:
// InlineOpener on this thread; mode 2: the pool with X25519 in wasm. Returns 0, or -1 for bad
// arguments.
EMSCRIPTEN_KEEPALIVE int parley_bench_start(const char* token, const char* key_hex, std::uint8_t* blob, int blob_size,
                                            int batch_size, int mode, int workers) {
  if (g_run && g_run->report.empty()) return -1;  // one run at a time
  auto campaign = parley::verify_manifest(token ? token : "");
  auto key = parley::hex_decode(key_hex ? key_hex : "");
  if (!campaign || !key || key->size() != 32 || !blob || blob_size < 0 || batch_size < 1) {
    if (key) sodium_memzero(key->data(), key->size());
    std::free(blob);
    return -1;
  }
  delete g_run;
  g_run = new Run();
  Run& run = *g_run;
  run.token = token;
  std::memcpy(run.key.data(), key->data(), 32);
  sodium_memzero(key->data(), key->size());
  run.campaign = std::move(*campaign);
  run.feedback = std::make_unique<parley::Aggregator>(run.campaign);
  run.blob = blob;
  run.blob_size = static_cast<std::size_t>(blob_size);
  run.batch_size = static_cast<std::size_t>(batch_size);
  run.inline_mode = mode == 1;
  if (run.inline_mode) {
    run.opener = std::make_unique<InlineOpener>();
    emscripten_async_call(&poll_inline, nullptr, 0);
  } else {
    run.opener = make_worker_pool(workers > 0 ? workers : default_worker_count(), mode != 2);
  }
  // Warm-up: one empty batch per worker, so the timing starts once every worker has loaded.
  run.warming = run.opener->parallelism();
  for (int i = 0, n = run.warming; i < n; ++i) send(run, OpenBatch{}, true);
  return 0;
}

// The report as JSON once the run is over; null while it runs.
EMSCRIPTEN_KEEPALIVE const char* parley_bench_report() {
  return g_run && !g_run->report.empty() ? g_run->report.c_str() : nullptr;
}

// The wasm memory of this page right now (it only grows: at the end, the peak).
// Conversations: `runs` timings (ms, JSON list; -1 for a run that failed) of one person trying
// every record of a day's bundle of `threads` replies for theirs, on this thread.
EMSCRIPTEN_KEEPALIVE const char* parley_bench_conversations(int threads, int runs) {
  static std::string out;
  json list = json::array();
  parley::SystemRng rng;
  auto day = parley::init_crypto() ? make_reply_day(static_cast<std::size_t>(std::max(threads, 1)), rng)
                                   : parley::Result<ReplyDay>(parley::make_error(parley::Errc::crypto_failure, "no libsodium"));
  for (int i = 0; i < runs; ++i) {
    if (!day) {
      list.push_back(-1.0);
      continue;
    }
    const double t0 = emscripten_get_now();
    auto mine = parley::open_reply_bundle(day->campaign, day->name, day->bundle, day->person);
    const double ms = emscripten_get_now() - t0;
    list.push_back(mine && mine->size() == 1 ? ms : -1.0);
  }
  out = list.dump();
  return out.c_str();
}

// Vectors (tests/e2e/opener.test.mjs): opens one envelope layer with the reader's secret key
// `key_hex`, its X25519s in wasm (shared == null) or given (`shared`: 32 bytes per stanza,
// computed by the page with WebCrypto; all zero where WebCrypto refused). JSON: {"result":
// "success" or the error class, "plaintext": hex}.
EMSCRIPTEN_KEEPALIVE const char* parley_bench_open_envelope(const std::uint8_t* envelope, int size, const char* key_hex,
                                                            const std::uint8_t* shared, int shared_size) {
  static std::string out;
  const Bytes bytes(envelope, envelope + std::max(size, 0));
  auto secret = parley::hex_decode(key_hex ? key_hex : "");
  parley::Key32 sk{};
  if (secret && secret->size() == 32) std::memcpy(sk.data(), secret->data(), 32);
  if (secret) sodium_memzero(secret->data(), secret->size());
  auto key = parley::recipient_from_secret(sk);
  sodium_memzero(sk.data(), sk.size());
  if (!key) return (out = json{{"result", parley::to_string(key.error().code)}}.dump()).c_str();
  const std::size_t given = shared && shared_size > 0 ? static_cast<std::size_t>(shared_size) / 32 : 0;
  auto plain = shared ? parley::open_envelope(
                            [&](std::size_t i, const std::uint8_t* stanza, std::uint8_t* file_key) {
                              parley::Key32 s{};  // a stanza the page gave nothing for: all zero, refused
                              if (i < given) std::memcpy(s.data(), shared + 32 * i, 32);
                              return parley::open_stanza_with_shared(s, key->public_key, stanza, file_key);
                            },
                            bytes)
                      : parley::open_envelope(*key, bytes);
  json j = {{"result", plain ? "success" : parley::to_string(plain.error().code)}};
  if (plain) j["plaintext"] = parley::hex_encode(*plain);
  out = j.dump();
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE double parley_bench_heap_bytes() { return static_cast<double>(emscripten_get_heap_size()); }

}  // extern "C"

int main() { return parley::init_crypto() ? 0 : 1; }
