// A small PNG writer for QR codes: black-and-white images (1 bit per pixel), compressed with
// deflate's fixed Huffman codes. Images of QR modules repeat themselves (each row of modules is
// drawn `scale` pixel rows high, and runs of one colour are long), so back-references to the
// pixel before and to the row above shrink them well without a general-purpose compressor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "core/bytes.h"

namespace parley::client {

// The checksums PNG (CRC-32, ISO 3309 / ITU-T V.42) and zlib (Adler-32, RFC 1950) use.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);
std::uint32_t adler32(const std::uint8_t* data, std::size_t size, std::uint32_t adler = 1);

// A zlib stream (RFC 1950) of one deflate block with fixed Huffman codes (RFC 1951): literals
// and, greedily, the longest match found `d` bytes back for each d in `distances` (1..32768;
// others are ignored).
Bytes zlib_fixed(const Bytes& data, std::initializer_list<std::size_t> distances);

// A PNG of `width` x `height` (each 1..65535) black-and-white pixels, row by row, true = black.
// Empty when the sizes are out of range or `black` is not width * height long.
Bytes png_black_white(int width, int height, const std::vector<bool>& black);

}  // namespace parley::client
