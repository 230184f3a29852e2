// libFuzzer target: the trustee's reading of an outer envelope. The input as outer contents
// (decode_outer), which must survive an encode/decode round trip, and as an envelope opened
// with the trustee's key (open_outer). Seeds: real outer envelopes and their plaintexts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/sodium_init.h"
#include "core/trustee.h"
#include "trustee_fixture.h"

namespace {

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_outer: %s\n", what);
  std::abort();
}

bool init() {
  if (!parley::init_crypto()) bug("libsodium could not be initialised");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = init();
  (void)ready;
  const auto& t = parley::fuzz::trustee_fixture();
  const parley::Bytes input(data, data + size);
  if (auto o = parley::decode_outer(input, t.campaign)) {
    auto encoded = parley::encode_outer(*o);
    if (!encoded) bug("decoded outer contents do not encode");
    auto again = parley::decode_outer(*encoded, t.campaign);
    if (!again || again->inner != o->inner || again->sent != o->sent || again->kind != o->kind ||
        again->invite.has_value() != o->invite.has_value()) {
      bug("outer contents change in an encode/decode round trip");
    }
  }
  (void)parley::open_outer(t.trustee, input, t.campaign);
  return 0;
}
