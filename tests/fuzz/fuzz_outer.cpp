// libFuzzer target: the trustee's reading of an outer envelope. The input as outer contents
// (decode_outer), which must survive an encode/decode round trip, and as an envelope opened
// with the trustee's key (open_outer). Seeds: real outer envelopes and their plaintexts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/sodium_init.h"
#include "core/trustee.h"
#include "fuzz_support.h"
#include "trustee_fixture.h"

namespace {

constexpr const char* kTarget = "fuzz_outer";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const auto& t = parley::fuzz::trustee_fixture();
  const parley::Bytes input(data, data + size);
  if (auto o = parley::decode_outer(input, t.campaign)) {
    auto encoded = parley::encode_outer(*o);
    if (!encoded) parley::fuzz::bug(kTarget, "decoded outer contents do not encode");
    auto again = parley::decode_outer(*encoded, t.campaign);
    if (!again || again->inner != o->inner || again->sent != o->sent || again->kind != o->kind ||
        again->invite.has_value() != o->invite.has_value()) {
      parley::fuzz::bug(kTarget, "outer contents change in an encode/decode round trip");
    }
  }
  (void)parley::open_outer(t.trustee, input, t.campaign);
  return 0;
}
