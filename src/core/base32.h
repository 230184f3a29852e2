// RFC 4648 base32, lower case, no padding: for text people may read aloud or type
// (public keys, campaign ids). Decoding accepts upper case too.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"

namespace parley {

std::string base32_encode(const Bytes& b);
Result<Bytes> base32_decode(std::string_view text);

}  // namespace parley
