// libFuzzer target: a deployment's site file (core/site.h), served by whoever hosts the app.
// Whatever parses must list only canonical origins and distinct keys, and judging the fixture's
// campaign against it must give an answer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/site.h"
#include "core/sodium_init.h"
#include "core/url.h"
#include "support/campaigns.h"

namespace {

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_site: %s\n", what);
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
  auto site = parley::parse_site(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!site) return 0;
  if (site->signers.empty() || site->storage.empty()) bug("a site file without signers or storage parsed");
  for (const auto& origin : site->storage) {
    auto url = parley::parse_url(origin);
    if (!url || parley::origin_of(*url) != origin) bug("a storage origin that is not canonical parsed");
  }
  const parley::SiteCheck check = parley::check_campaign(*site, c);
  if (check.verdict == parley::SiteVerdict::trusted && check.signer_label.empty()) bug("trusted without a label");
  return 0;
}
