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
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_site";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const parley::Campaign& c = parley::fuzz::sample_campaign();
  auto site = parley::parse_site(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!site) return 0;
  if (site->signers.empty() || site->storage.empty()) parley::fuzz::bug(kTarget, "a site file without signers or storage parsed");
  for (const auto& origin : site->storage) {
    auto url = parley::parse_url(origin);
    if (!url || parley::origin_of(*url) != origin) parley::fuzz::bug(kTarget, "a storage origin that is not canonical parsed");
  }
  const parley::SiteCheck check = parley::check_campaign(*site, c);
  if (check.verdict == parley::SiteVerdict::trusted && check.signer_label.empty()) parley::fuzz::bug(kTarget, "trusted without a label");
  return 0;
}
