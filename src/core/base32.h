// RFC 4648 base32, lower case, no padding: for text people may read aloud or type
// (public keys, campaign ids). Decoding accepts upper case too.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"

namespace parley {

std::string base32_encode(const Bytes& b);
Result<Bytes> base32_decode(std::string_view text);

// 26 characters that are exactly base32_encode of 16 bytes (lower case, zero trailing bits):
// the form of campaign ids and invitation codes.
bool is_base32_16(std::string_view text);

}  // namespace parley
