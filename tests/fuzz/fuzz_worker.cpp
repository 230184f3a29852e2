// libFuzzer target: the messages between the page and its opener workers (client/opener_wire.h),
// both directions: a batch as a worker reads it, an answer as the page reads it (with the tallies
// read against the page's own campaign). Whatever decodes must encode to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "client/opener_wire.h"
#include "core/sodium_init.h"
#include "support/campaigns.h"

namespace {

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_worker: %s\n", what);
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
  if (auto batch = parley::client::decode_open_batch(data, size)) {
    const parley::Bytes again = parley::client::encode_open_batch(*batch);
    if (again != parley::Bytes(data, data + size)) bug("a batch does not encode to the bytes it came from");
  }
  if (auto opened = parley::client::decode_opened_batch(data, size, &c)) {
    const parley::Bytes again = parley::client::encode_opened_batch(*opened);
    if (!parley::client::decode_opened_batch(again.data(), again.size(), &c)) bug("an answer does not read back");
  }
  (void)parley::client::decode_opened_batch(data, size, nullptr);
  return 0;
}
