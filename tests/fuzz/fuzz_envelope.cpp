// libFuzzer target: open_envelope with a fixed recipient key, and decode_submission on
// whatever opens. The seed corpus (make_corpus) holds real envelopes sealed to this key, so
// mutations of the header, stanzas and lengths start from inputs that reach the payload.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/envelope.h"
#include "core/keys.h"
#include "core/rng.h"
#include "core/sodium_init.h"
#include "core/submission.h"

namespace {

// Must match make_corpus.cpp: the key is the first draw of SeededRng(32 bytes of 0x5A).
constexpr std::uint8_t kFuzzKeyByte = 0x5A;
constexpr const char* kCampaignId = "aaaaaaaaaaaaaaaaaaaaaaaaaa";

parley::RecipientKeyPair fuzz_key() {
  if (!parley::init_crypto()) {
    std::fprintf(stderr, "fuzz_envelope: libsodium could not be initialised\n");
    std::abort();
  }
  std::uint8_t seed[32];
  std::fill(std::begin(seed), std::end(seed), kFuzzKeyByte);
  parley::SeededRng rng(seed);
  auto key = parley::generate_recipient_key(rng);
  if (!key) {
    std::fprintf(stderr, "fuzz_envelope: could not derive the fuzz key\n");
    std::abort();
  }
  return *key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const parley::RecipientKeyPair key = fuzz_key();
  const parley::Bytes envelope(data, data + size);
  auto opened = parley::open_envelope(key, envelope);
  if (opened) (void)parley::decode_submission(*opened, kCampaignId);
  return 0;
}
