// The tests' one source of repeatable randomness: seeded(tag) is a SeededRng whose stream `tag`
// picks, so keys, campaign ids and envelopes come out the same on every run and in every build.
// Core only: the core tests include it, natively and under wasm.
#pragma once

#include <cstdint>

#include "core/rng.h"

namespace parley::testing {

// Equal tags give equal streams; different tags give unrelated ones.
inline SeededRng seeded(std::uint8_t tag) {
  std::uint8_t seed[32] = {tag};
  return SeededRng(seed);
}

}  // namespace parley::testing
