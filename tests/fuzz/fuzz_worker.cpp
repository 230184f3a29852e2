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
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_worker";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const parley::Campaign& c = parley::fuzz::sample_campaign();
  if (auto batch = parley::client::decode_open_batch(data, size)) {
    const parley::Bytes again = parley::client::encode_open_batch(*batch);
    if (again != parley::Bytes(data, data + size)) parley::fuzz::bug(kTarget, "a batch does not encode to the bytes it came from");
  }
  if (auto opened = parley::client::decode_opened_batch(data, size, &c)) {
    const parley::Bytes again = parley::client::encode_opened_batch(*opened);
    if (!parley::client::decode_opened_batch(again.data(), again.size(), &c)) parley::fuzz::bug(kTarget, "an answer does not read back");
  }
  (void)parley::client::decode_opened_batch(data, size, nullptr);
  return 0;
}
