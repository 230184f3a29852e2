// libFuzzer target: envelope_shape, open_envelope with a fixed recipient key, and
// decode_submission on whatever opens. The seed corpus (make_corpus) holds real envelopes
// sealed to this key, so mutations of the header, stanzas and lengths reach the payload.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/envelope.h"
#include "core/sodium_init.h"
#include "core/submission.h"
#include "envelope_key.h"

namespace {

parley::RecipientKeyPair fuzz_key() {
  if (!parley::init_crypto()) {
    std::fprintf(stderr, "fuzz_envelope: libsodium could not be initialised\n");
    std::abort();
  }
  auto key = parley::fuzz::envelope_key();
  if (!key) {
    std::fprintf(stderr, "fuzz_envelope: could not derive the fuzz key\n");
    std::abort();
  }
  return *key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const parley::RecipientKeyPair key = fuzz_key();
  static const parley::Campaign campaign = parley::fuzz::contents_binding();
  const parley::Bytes envelope(data, data + size);
  (void)parley::envelope_shape(envelope);
  auto opened = parley::open_envelope(key, envelope);
  if (opened) (void)parley::decode_submission(*opened, campaign);
  return 0;
}
