// libFuzzer target: read_release for the fixed trustee campaign. Seeds are real releases
// signed by its trustee, so mutations of the framing, body and records reach every check.
// What reads must hold exactly the records its body counts, each an envelope-sized byte string.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/envelope.h"
#include "core/release.h"
#include "core/sodium_init.h"
#include "fuzz_support.h"
#include "trustee_fixture.h"

namespace {

constexpr const char* kTarget = "fuzz_release";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const auto& t = parley::fuzz::trustee_fixture();
  const parley::Bytes input(data, data + size);
  auto r = parley::read_release(t.campaign, input);
  if (!r) return 0;
  if (r->feedback.size() < static_cast<std::size_t>(t.campaign.k)) parley::fuzz::bug(kTarget, "a release below k was read");
  for (const auto* part : {&r->feedback, &r->mediation}) {
    for (const auto& record : *part) {
      if (record.size() > parley::kMaxInnerEnvelopeBytes) parley::fuzz::bug(kTarget, "an oversized record was read");
      (void)parley::envelope_shape(record);
    }
  }
  return 0;
}
