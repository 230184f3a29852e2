// What the trustee fuzz targets (fuzz_outer, fuzz_invitations, fuzz_release, fuzz_replies) and their seed
// corpus (make_corpus) agree on: the trustee campaign of tests/support/trustee_campaigns.h,
// whose keys come from fixed seeds. Needs libsodium initialised.
#pragma once

#include "core/phrase.h"
#include "support/rng.h"
#include "support/trustee_campaigns.h"

namespace parley::fuzz {

inline const testing::TrusteeCampaign& trustee_fixture() {
  static const testing::TrusteeCampaign t = testing::trustee_campaign();
  return t;
}

// The thread whose replies fuzz_replies reads, and the name its bundles are read under.
inline RecipientKeyPair fuzz_thread() {
  auto rng = testing::seeded(77);
  return thread_keys(new_phrase_entropy(rng).value()).value();
}
inline constexpr const char* kFuzzBundleName = "replies-2026-11-21-0-0.parley";

}  // namespace parley::fuzz
