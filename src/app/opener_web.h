// The browser's EnvelopeOpener: a pool of Web Workers (opener_web.cpp). make_opener() sizes
// it from navigator.hardwareConcurrency; the benchmark page sets the size itself.
#pragma once

#include <memory>

#include "client/opener.h"

namespace parley::client {

// Workers are capped: each one is a whole wasm instance with its own heap.
inline constexpr int kMaxOpenerWorkers = 8;

// navigator.hardwareConcurrency, capped at kMaxOpenerWorkers, at least 1; 0 when this
// browser has no Web Workers.
int default_worker_count();

// `workers` Web Workers running parley_worker.js (next to the page). With 0 workers, or when
// none of them starts, batches are opened on the main thread, one per frame. Each worker
// computes X25519 with the browser's WebCrypto when it has it, unless `webcrypto` is false
// (then libsodium in wasm, as everywhere without it).
std::unique_ptr<EnvelopeOpener> make_worker_pool(int workers, bool webcrypto = true);

}  // namespace parley::client
