// libFuzzer target: an aggregator's state as a worker hands it to the page
// (Aggregator::from_state). Whatever is accepted must merge, apply k and write itself out again
// to a state that reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/aggregate.h"
#include "core/json_read.h"
#include "core/rng.h"
#include "core/sodium_init.h"
#include "support/campaigns.h"
#include "support/rng.h"
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_aggstate";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const parley::Campaign& c = parley::fuzz::sample_campaign();
  auto json = parley::parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "state");
  if (!json) return 0;
  auto a = parley::Aggregator::from_state(c, *json);
  if (!a) return 0;
  auto again = parley::Aggregator::from_state(c, a->state());
  if (!again) parley::fuzz::bug(kTarget, "an accepted state does not read back");
  if (again->state() != a->state()) parley::fuzz::bug(kTarget, "a state changes when written and read again");
  parley::Aggregator total(c);
  total.merge(*a);
  total.merge(*again);
  if (total.responses() != 2 * a->responses()) parley::fuzz::bug(kTarget, "merging two states does not add their responses");
  parley::SeededRng rng = parley::testing::seeded(1);
  (void)total.result(rng);
  return 0;
}
