// Byte strings and their text encodings (hex, unpadded base64url).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace parley {

using Bytes = std::vector<std::uint8_t>;

Bytes to_bytes(std::string_view s);
std::string to_string(const Bytes& b);

std::string hex_encode(const Bytes& b);
Result<Bytes> hex_decode(std::string_view text);

// RFC 4648 base64url without padding: safe in URL fragments and file names.
std::string base64url_encode(const Bytes& b);
Result<Bytes> base64url_decode(std::string_view text);

// Zeroes, then empties, a string that held a secret (passphrase, S3 secret key).
void wipe(std::string& secret);
void wipe(Bytes& secret);

}  // namespace parley
