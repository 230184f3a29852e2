// The opener worker (build/web/parley_worker.js, -sBUILD_AS_WORKER): the page's pool
// (opener_web.cpp) sends it batches of sealed envelopes with emscripten_call_worker and it
// answers each with what open_batch() made of them (messages: ui/opener_wire.h). It keeps
// nothing between batches, never logs and talks to no one but the page.
//
// Two ways through a batch, the same answer byte for byte:
// - parley_worker_open: all in wasm (libsodium's X25519);
// - the stepped path, which worker_post.js drives when the browser has WebCrypto X25519 (faster
//   than any wasm X25519): parley_worker_begin decodes the batch, then for each stanza index
//   parley_worker_wanted lists the ephemeral keys, JavaScript derives their shared secrets with
//   crypto.subtle and hands them to parley_worker_take, and parley_worker_finish opens the rest
//   (HSalsa20, BLAKE2b nonce, XSalsa20-Poly1305, the layers above) and returns the answer.
#include <emscripten.h>
#include <sodium.h>

#include <memory>

#include "core/sodium_init.h"
#include "client/opener.h"
#include "client/opener_wire.h"

namespace {

void respond(parley::Bytes& message) {
  emscripten_worker_respond(reinterpret_cast<char*>(message.data()), static_cast<int>(message.size()));
  sodium_memzero(message.data(), message.size());  // it held comments and requests
}

// The stepped path's batch and answer (one batch at a time: worker_post.js queues the rest).
std::unique_ptr<parley::client::SteppedBatch> g_stepped;
parley::Bytes g_answer;

parley::Result<parley::client::OpenBatch> read_request(char* data, int size) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
  auto batch = parley::client::decode_open_batch(bytes, size > 0 ? static_cast<std::size_t>(size) : 0);
  // Emscripten reuses this input buffer for the next call: wipe the key and envelopes now.
  if (data && size > 0) sodium_memzero(data, static_cast<std::size_t>(size));
  return batch;
}

}  // namespace

extern "C" {

// Answers at once: the page knows the worker loaded (as opposed to failing to start).
// worker_post.js answers it instead, saying which X25519 the worker uses.
EMSCRIPTEN_KEEPALIVE void parley_worker_hello(char*, int) { emscripten_worker_respond(nullptr, 0); }

// One batch. An empty answer means the request could not be read (the page counts the whole
// batch as a worker failure).
EMSCRIPTEN_KEEPALIVE void parley_worker_open(char* data, int size) {
  auto batch = read_request(data, size);
  if (!batch) {
    emscripten_worker_respond(nullptr, 0);
    return;
  }
  parley::client::OpenedBatch opened;
  if (auto ok = parley::init_crypto(); !ok) {  // once; cheap afterwards
    opened.count = batch->envelopes.size();
    opened.failures[parley::to_string(ok.error().code)] = opened.count;
  } else {
    opened = parley::client::open_batch(*batch);
  }
  batch->secret_key.wipe();  // before the answer is encoded and posted
  parley::Bytes message = parley::client::encode_opened_batch(opened);
  respond(message);
}

// The stepped path. 0 when the batch was read (the secret key is at parley_worker_key()),
// -1 when the request could not be read, -2 when libsodium failed to start.
EMSCRIPTEN_KEEPALIVE int parley_worker_begin(char* data, int size) {
  g_stepped.reset();
  auto batch = read_request(data, size);
  if (!batch) return -1;
  if (!parley::init_crypto()) return -2;
  g_stepped = std::make_unique<parley::client::SteppedBatch>(std::move(*batch));
  return 0;
}

// The reader's secret key (32 bytes), or null when it is not a valid X25519 key (then no
// stanza is asked for and finish() fails every envelope as open_batch() would).
EMSCRIPTEN_KEEPALIVE const std::uint8_t* parley_worker_key() {
  return g_stepped && g_stepped->key_ok() ? g_stepped->secret_key().get().data() : nullptr;
}

// The ephemeral keys of the next step: their number (32 bytes each at parley_worker_points()).
EMSCRIPTEN_KEEPALIVE int parley_worker_wanted() { return g_stepped ? static_cast<int>(g_stepped->wanted().size() / 32) : 0; }
EMSCRIPTEN_KEEPALIVE const std::uint8_t* parley_worker_points() { return g_stepped ? g_stepped->wanted().data() : nullptr; }

// Their shared secrets (32 bytes each, in order; all zero for one WebCrypto refused), wiped here.
EMSCRIPTEN_KEEPALIVE void parley_worker_take(std::uint8_t* shared, int size) {
  if (g_stepped) g_stepped->take(shared, size > 0 ? static_cast<std::size_t>(size) : 0);
  if (shared && size > 0) sodium_memzero(shared, static_cast<std::size_t>(size));
}

// Opens the batch; the answer's length (its bytes at parley_worker_answer()), wiped by
// parley_worker_end() once posted.
EMSCRIPTEN_KEEPALIVE int parley_worker_finish() {
  if (!g_stepped) return 0;
  parley::client::OpenedBatch opened = g_stepped->finish();
  g_stepped.reset();  // wipes the key and the file keys
  g_answer = parley::client::encode_opened_batch(opened);
  return static_cast<int>(g_answer.size());
}
EMSCRIPTEN_KEEPALIVE const std::uint8_t* parley_worker_answer() { return g_answer.data(); }
EMSCRIPTEN_KEEPALIVE void parley_worker_end() {
  sodium_memzero(g_answer.data(), g_answer.size());
  g_answer.clear();
  g_stepped.reset();
}

}  // extern "C"

int main() { return 0; }
