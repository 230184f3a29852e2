// libFuzzer target: the JSON listings of http-put storage (core/listing.h), serve.py's and
// nginx's, as a hostile storage might send them. Every name it returns must be an envelope
// name, so a listing can never point a reader outside the campaign's folder.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/listing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto names = parley::listing_names(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!names) return 0;
  for (const auto& name : *names) {
    if (!parley::is_envelope_name(name)) {
      std::fprintf(stderr, "fuzz_listing: a listed name that is not an envelope name came through\n");
      std::abort();
    }
  }
  return 0;
}
