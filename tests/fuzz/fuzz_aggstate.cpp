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

namespace {

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_aggstate: %s\n", what);
  std::abort();
}

const parley::Campaign& campaign() {
  static const parley::Campaign c = [] {
    if (!parley::init_crypto()) bug("libsodium could not be initialised");
    return parley::testing::sample_campaign(parley::testing::campaign_keys());
  }();
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const parley::Campaign& c = campaign();
  auto json = parley::parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "state");
  if (!json) return 0;
  auto a = parley::Aggregator::from_state(c, *json);
  if (!a) return 0;
  auto again = parley::Aggregator::from_state(c, a->state());
  if (!again) bug("an accepted state does not read back");
  if (again->state() != a->state()) bug("a state changes when written and read again");
  parley::Aggregator total(c);
  total.merge(*a);
  total.merge(*again);
  if (total.responses() != 2 * a->responses()) bug("merging two states does not add their responses");
  parley::SeededRng rng = parley::testing::seeded(1);
  (void)total.result(rng);
  return 0;
}
