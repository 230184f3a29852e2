#include "core/bytes.h"

#include <sodium.h>

namespace parley {

Bytes to_bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

std::string to_string(const Bytes& b) { return std::string(b.begin(), b.end()); }

std::string hex_encode(const Bytes& b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b.data(), b.size());
  out.pop_back();  // the terminating NUL
  return out;
}

Result<Bytes> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return make_error(Errc::bad_input, "Hex text has an odd number of digits.");
  if (text.empty()) return Bytes{};
  Bytes out(text.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end) != 0 ||
      end != text.data() + text.size() || len != out.size()) {
    return make_error(Errc::bad_input, "Hex text contains a character that is not a hex digit.");
  }
  return out;
}

namespace {
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

std::string base64url_encode(const Bytes& b) {
  std::string out(sodium_base64_encoded_len(b.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), b.data(), b.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<Bytes> base64url_decode(std::string_view text) {
  Bytes out(text.size() * 3 / 4 + 1);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        kVariant) != 0 ||
      end != text.data() + text.size()) {
    return make_error(Errc::bad_input, "Text is not valid base64url.");
  }
  out.resize(len);
  return out;
}

void wipe(Bytes& secret) {
  sodium_memzero(secret.data(), secret.capacity());
  secret.clear();
}

void wipe(std::string& secret) {
  // The whole buffer, not just size(): a short string lives inside the object itself, and text
  // once longer than the current value may still sit beyond it.
  sodium_memzero(secret.data(), secret.capacity());
  secret.clear();
}

}  // namespace parley
