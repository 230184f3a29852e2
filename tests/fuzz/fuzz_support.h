// What every fuzz target shares: how a broken promise stops the run (libFuzzer keeps the input
// that got there), libsodium initialised before the first input, and the campaigns inputs are
// read against (the sample campaign of tests/support/campaigns.h, the trustee campaign of
// trustee_fixture.h).
#pragma once

#include <cstdio>
#include <cstdlib>

#include "core/manifest.h"
#include "core/sodium_init.h"
#include "support/campaigns.h"

namespace parley::fuzz {

[[noreturn]] inline void bug(const char* target, const char* what) {
  std::fprintf(stderr, "%s: %s\n", target, what);
  std::abort();
}

// Call at the top of LLVMFuzzerTestOneInput: initialises libsodium once per process.
inline void need_crypto(const char* target) {
  static const bool ready = [target] {
    if (!init_crypto()) bug(target, "libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

inline const Campaign& sample_campaign() {
  static const Campaign c = testing::sample_campaign(testing::campaign_keys());
  return c;
}

}  // namespace parley::fuzz
