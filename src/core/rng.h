// Randomness is passed in, never taken from a global: the core stays deterministic under test
// (tests/vectors/ are generated with a seeded Rng) and the caller decides the source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace parley {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(std::uint8_t* out, std::size_t len) = 0;
};

// The operating system's CSPRNG through libsodium (crypto.getRandomValues in the browser).
class SystemRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t len) override;
};

// A reproducible stream from a 32-byte seed (ChaCha20); for test vectors and tests only.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(const std::uint8_t seed[32]);
  void fill(std::uint8_t* out, std::size_t len) override;

 private:
  std::uint8_t seed_[32];
  std::uint64_t counter_ = 0;
};

// A uniform draw in [0, bound), bound >= 1, without modulo bias (rejection sampling).
std::uint32_t uniform_below(Rng& rng, std::uint32_t bound);

// Fisher-Yates with unbiased draws: every order equally likely, whatever order `v` came in.
template <typename T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    using std::swap;
    swap(v[i - 1], v[uniform_below(rng, static_cast<std::uint32_t>(i))]);
  }
}

}  // namespace parley
