// The opener worker (build/web/parley_worker.js, -sBUILD_AS_WORKER): the page's pool
// (opener_web.cpp) sends it batches of sealed envelopes with emscripten_call_worker and it
// answers each with what open_batch() made of them (messages: ui/opener_wire.h). It keeps
// nothing between calls, never logs and talks to no one but the page.
#include <emscripten.h>
#include <sodium.h>

#include "core/sodium_init.h"
#include "client/opener.h"
#include "client/opener_wire.h"

namespace {

void respond(parley::Bytes& message) {
  emscripten_worker_respond(reinterpret_cast<char*>(message.data()), static_cast<int>(message.size()));
  sodium_memzero(message.data(), message.size());  // it held comments and requests
}

}  // namespace

extern "C" {

// Answers at once: the page knows the worker loaded (as opposed to failing to start).
EMSCRIPTEN_KEEPALIVE void parley_worker_hello(char*, int) { emscripten_worker_respond(nullptr, 0); }

// One batch. An empty answer means the request could not be read (the page counts the whole
// batch as a worker failure).
EMSCRIPTEN_KEEPALIVE void parley_worker_open(char* data, int size) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
  auto batch = parley::client::decode_open_batch(bytes, size > 0 ? static_cast<std::size_t>(size) : 0);
  // Emscripten reuses this input buffer for the next call: wipe the key and envelopes now.
  if (data && size > 0) sodium_memzero(data, static_cast<std::size_t>(size));
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

}  // extern "C"

int main() { return 0; }
