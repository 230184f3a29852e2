// libFuzzer target: entropy_from_phrase on any bytes. What reads must write back as a phrase
// that reads to the same entropy.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/phrase.h"
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_phrase";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  auto e = parley::entropy_from_phrase(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!e) return 0;
  auto again = parley::entropy_from_phrase(parley::phrase_from_entropy(*e));
  if (!again || again->bytes() != e->bytes()) parley::fuzz::bug(kTarget, "a phrase did not round-trip");
  return 0;
}
