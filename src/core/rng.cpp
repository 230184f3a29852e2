#include "core/rng.h"

#include <sodium.h>

#include <cstring>

namespace parley {

void SystemRng::fill(std::uint8_t* out, std::size_t len) { randombytes_buf(out, len); }

SeededRng::SeededRng(const std::uint8_t seed[32]) { std::memcpy(seed_, seed, sizeof seed_); }

void SeededRng::fill(std::uint8_t* out, std::size_t len) {
  // Each call draws from its own subkey (seed, call counter): reproducible for a given
  // sequence of calls, which is all test vectors need.
  static_assert(sizeof seed_ == crypto_kdf_KEYBYTES && randombytes_SEEDBYTES >= crypto_kdf_BYTES_MIN &&
                randombytes_SEEDBYTES <= crypto_kdf_BYTES_MAX);
  std::uint8_t key[randombytes_SEEDBYTES];
  // Cannot fail: every size is checked at compile time above.
  (void)crypto_kdf_derive_from_key(key, sizeof key, counter_++, "parleyrn", seed_);
  randombytes_buf_deterministic(out, len, key);
  sodium_memzero(key, sizeof key);
}

std::uint32_t uniform_below(Rng& rng, std::uint32_t bound) {
  const std::uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
  std::uint32_t r = 0;
  do {
    rng.fill(reinterpret_cast<std::uint8_t*>(&r), sizeof r);
  } while (r >= limit);
  return r % bound;
}

}  // namespace parley
