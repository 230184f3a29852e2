// What the trustee fuzz targets (fuzz_outer, fuzz_invitations, fuzz_release) and their seed
// corpus (make_corpus) agree on: the trustee campaign of tests/support/trustee_campaigns.h,
// whose keys come from fixed seeds. Needs libsodium initialised.
#pragma once

#include "support/trustee_campaigns.h"

namespace parley::fuzz {

inline const testing::TrusteeCampaign& trustee_fixture() {
  static const testing::TrusteeCampaign t = testing::trustee_campaign();
  return t;
}

}  // namespace parley::fuzz
