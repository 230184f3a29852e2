// libFuzzer target: the same input as a signed token (verify_manifest, token_from_link) and
// as a bare manifest body (parse_body). A body that parses must re-encode to itself: parse_body
// accepts only the canonical form, so anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/manifest.h"
#include "core/sodium_init.h"

namespace {

bool init() {
  if (!parley::init_crypto()) {
    std::fprintf(stderr, "fuzz_manifest: libsodium could not be initialised\n");
    std::abort();
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = init();
  (void)ready;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)parley::verify_manifest(text);
  if (auto token = parley::token_from_link(text); token && *token != text) (void)parley::verify_manifest(*token);
  (void)parley::is_valid_day(text);

  const parley::Bytes body(data, data + size);
  auto campaign = parley::parse_body(body);
  if (campaign) {
    auto again = parley::canonical_body(*campaign);
    if (!again || *again != body) {
      std::fprintf(stderr, "fuzz_manifest: a parsed manifest body does not re-encode to itself\n");
      std::abort();
    }
    (void)parley::campaign_phase(*campaign, "2024-06-01");
  }
  return 0;
}
