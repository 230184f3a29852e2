#include "core/local_box.h"

#include <sodium.h>

namespace parley {
namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

Result<Key32> derive(const Key32& secret_key, std::string_view purpose) {
  const std::string message = "parley local box v1\n" + std::string(purpose);
  Key32 key{};
  if (crypto_generichash(key.data(), key.size(), reinterpret_cast<const std::uint8_t*>(message.data()), message.size(),
                         secret_key.data(), secret_key.size()) != 0) {
    return make_error(Errc::crypto_failure, "Deriving the local key failed.");
  }
  return key;
}

}  // namespace

Result<Bytes> seal_local(const Key32& secret_key, std::string_view purpose, const Bytes& plaintext, Rng& rng) {
  auto key = derive(secret_key, purpose);
  if (!key) return key.error();
  Bytes out(kNonce + plaintext.size() + kTag);
  rng.fill(out.data(), kNonce);
  unsigned long long len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &len, plaintext.data(), plaintext.size(), reinterpret_cast<const std::uint8_t*>(purpose.data()),
      purpose.size(), nullptr, out.data(), key->data());
  sodium_memzero(key->data(), key->size());
  if (rc != 0) return make_error(Errc::crypto_failure, "Encrypting the local data failed.");
  return out;
}

Result<Bytes> open_local(const Key32& secret_key, std::string_view purpose, const Bytes& box) {
  if (box.size() < kNonce + kTag) return make_error(Errc::payload_failure, "The saved data is damaged.");
  auto key = derive(secret_key, purpose);
  if (!key) return key.error();
  Bytes out(box.size() - kNonce - kTag);
  unsigned long long len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      out.data(), &len, nullptr, box.data() + kNonce, box.size() - kNonce,
      reinterpret_cast<const std::uint8_t*>(purpose.data()), purpose.size(), box.data(), key->data());
  sodium_memzero(key->data(), key->size());
  if (rc != 0) return make_error(Errc::payload_failure, "The saved data was changed, or belongs to another key.");
  out.resize(static_cast<std::size_t>(len));
  return out;
}

}  // namespace parley
