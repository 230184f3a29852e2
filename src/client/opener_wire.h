// The messages between the page and its opener workers (src/app/opener_web.cpp and
// src/app/worker_main.cpp). Binary, little-endian, every variable part length-prefixed (u32):
//
//   request  = "PWQ2" u32 token_len token[token_len] secret_key[32] source(1) u32 n (u32 len envelope[len]){n}
//              (source: BatchSource, 0-2)
//   response = "PWR1" u32 count
//              u32 state_len state[state_len]        Aggregator::state() as JSON; 0 = none
//              u32 m (u32 len contents[len]){m}      mediation requests, encode_submission()
//              u32 f (u32 len class[len] u32 n){f}   failures: error class -> count
//
// Both decoders are strict (exact lengths, no trailing bytes) and return errors as values.
// A request carries the reader's secret key: callers wipe its buffers once sent or read.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "core/manifest.h"
#include "client/opener.h"

namespace parley::client {

// The failure class of envelopes whose worker stopped or answered nonsense (not an Errc: the
// envelopes themselves may be fine).
inline constexpr const char* kWorkerFailure = "worker-failure";

Bytes encode_open_batch(const OpenBatch& batch);
Result<OpenBatch> decode_open_batch(const std::uint8_t* data, std::size_t size);

Bytes encode_opened_batch(const OpenedBatch& opened);
// `campaign` is the page's own verified copy of the batch's campaign; a response with
// tallies but no campaign to read them against (nullptr) is an error.
Result<OpenedBatch> decode_opened_batch(const std::uint8_t* data, std::size_t size, const Campaign* campaign);

}  // namespace parley::client
