#include "core/base32.h"

namespace parley {
namespace {
constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

int value_of(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}
}  // namespace

std::string base32_encode(const Bytes& b) {
  std::string out;
  out.reserve((b.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : b) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

Result<Bytes> base32_decode(std::string_view text) {
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  const size_t rem = text.size() % 8;
  if (rem == 1 || rem == 3 || rem == 6) return make_error(Errc::bad_input, "Base32 text has an impossible length.");
  Bytes out;
  out.reserve(text.size() * 5 / 8);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = value_of(c);
    if (v < 0) return make_error(Errc::bad_input, "Base32 text contains a character outside a-z and 2-7.");
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) {
    return make_error(Errc::bad_input, "Base32 text has non-zero trailing bits.");
  }
  return out;
}

bool is_base32_16(std::string_view text) {
  if (text.size() != 26) return false;
  auto raw = base32_decode(text);
  return raw && raw->size() == 16 && base32_encode(*raw) == text;
}

}  // namespace parley
