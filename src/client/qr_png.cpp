#include "client/qr_png.h"

#include <array>

namespace parley::client {
namespace {

// Bits go into bytes from the least significant bit up (RFC 1951, 3.1.1).
class BitWriter {
 public:
  explicit BitWriter(Bytes& out) : out_(out) {}
  void bits(std::uint32_t value, int count) {  // extra bits and headers: least significant first
    for (int i = 0; i < count; ++i) bit((value >> i) & 1u);
  }
  void code(std::uint32_t value, int count) {  // Huffman codes: most significant first
    for (int i = count - 1; i >= 0; --i) bit((value >> i) & 1u);
  }
  void flush() {
    if (used_) out_.push_back(current_);
    current_ = 0;
    used_ = 0;
  }

 private:
  void bit(std::uint32_t b) {
    current_ = static_cast<std::uint8_t>(current_ | (b << used_));
    if (++used_ == 8) flush();
  }
  Bytes& out_;
  std::uint8_t current_ = 0;
  int used_ = 0;
};

// The fixed literal/length code (RFC 1951, 3.2.6).
void literal_or_length(BitWriter& w, int symbol) {
  if (symbol <= 143) w.code(0x30u + static_cast<std::uint32_t>(symbol), 8);
  else if (symbol <= 255) w.code(0x190u + static_cast<std::uint32_t>(symbol - 144), 9);
  else if (symbol <= 279) w.code(static_cast<std::uint32_t>(symbol - 256), 7);
  else w.code(0xC0u + static_cast<std::uint32_t>(symbol - 280), 8);
}

constexpr std::array<int, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                             31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<int, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                              2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<int, 30> kDistBase = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                           193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<int, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                            6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

void match(BitWriter& w, int length, int distance) {
  int k = static_cast<int>(kLengthBase.size()) - 1;
  while (kLengthBase[static_cast<std::size_t>(k)] > length) --k;
  literal_or_length(w, 257 + k);
  w.bits(static_cast<std::uint32_t>(length - kLengthBase[static_cast<std::size_t>(k)]), kLengthExtra[static_cast<std::size_t>(k)]);
  int d = static_cast<int>(kDistBase.size()) - 1;
  while (kDistBase[static_cast<std::size_t>(d)] > distance) --d;
  w.code(static_cast<std::uint32_t>(d), 5);
  w.bits(static_cast<std::uint32_t>(distance - kDistBase[static_cast<std::size_t>(d)]), kDistExtra[static_cast<std::size_t>(d)]);
}

void put32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void chunk(Bytes& png, const char* type, const Bytes& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = png.size();
  png.insert(png.end(), type, type + 4);
  png.insert(png.end(), data.begin(), data.end());
  put32(png, crc32(png.data() + start, png.size() - start));
}

}  // namespace

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (std::size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

std::uint32_t adler32(const std::uint8_t* data, std::size_t size, std::uint32_t adler) {
  std::uint32_t a = adler & 0xFFFFu, b = adler >> 16;
  for (std::size_t i = 0; i < size; ++i) {
    a = (a + data[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return (b << 16) | a;
}

Bytes zlib_fixed(const Bytes& data, std::initializer_list<std::size_t> distances) {
  Bytes out = {0x78, 0x01};  // deflate, 32 KiB window, no preset dictionary; (0x78 * 256 + 1) % 31 == 0
  BitWriter w(out);
  w.bits(1, 1);  // the final block
  w.bits(1, 2);  // fixed Huffman codes
  std::size_t i = 0;
  while (i < data.size()) {
    std::size_t best = 0, best_distance = 0;
    for (const std::size_t d : distances) {
      if (d < 1 || d > 32768 || d > i) continue;
      std::size_t n = 0;
      while (n < 258 && i + n < data.size() && data[i + n] == data[i + n - d]) ++n;
      if (n > best) {
        best = n;
        best_distance = d;
      }
    }
    if (best >= 3) {
      match(w, static_cast<int>(best), static_cast<int>(best_distance));
      i += best;
    } else {
      literal_or_length(w, data[i]);
      ++i;
    }
  }
  literal_or_length(w, 256);  // end of block
  w.flush();
  put32(out, adler32(data.data(), data.size()));
  return out;
}

Bytes png_black_white(int width, int height, const std::vector<bool>& black) {
  if (width < 1 || height < 1 || width > 65535 || height > 65535 ||
      black.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
    return {};
  }
  // Rows of 1-bit grey (0 is black), each after its filter byte 0 (none), padded to whole bytes.
  const std::size_t row_bytes = (static_cast<std::size_t>(width) + 7) / 8;
  Bytes raw;
  raw.reserve((row_bytes + 1) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    for (std::size_t byte = 0; byte < row_bytes; ++byte) {
      std::uint8_t v = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const std::size_t x = byte * 8 + static_cast<std::size_t>(bit);
        const bool white = x >= static_cast<std::size_t>(width) ||
                           !black[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x];
        v = static_cast<std::uint8_t>(v | (white ? 0x80u >> bit : 0u));
      }
      raw.push_back(v);
    }
  }
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  Bytes header;
  put32(header, static_cast<std::uint32_t>(width));
  put32(header, static_cast<std::uint32_t>(height));
  header.insert(header.end(), {1, 0, 0, 0, 0});  // bit depth 1, greyscale, deflate, no filter method, no interlace
  chunk(png, "IHDR", header);
  chunk(png, "IDAT", zlib_fixed(raw, {1, row_bytes + 1}));
  chunk(png, "IEND", {});
  return png;
}

}  // namespace parley::client
