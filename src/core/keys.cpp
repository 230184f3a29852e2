#include "core/keys.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/base32.h"
#include "core/text.h"

namespace parley {
namespace {

constexpr std::string_view kRecipientPrefix = "parley-r1-";
constexpr std::string_view kSigningPrefix = "parley-s1-";
constexpr size_t kChecksumBytes = 4;

std::string_view prefix_of(KeyKind kind) { return kind == KeyKind::recipient ? kRecipientPrefix : kSigningPrefix; }

// BLAKE2b-256(tag || data) truncated to `out_len`. Cannot fail for these fixed sizes.
void tagged_hash(std::string_view tag, const std::uint8_t* data, size_t len, std::uint8_t* out, size_t out_len) {
  std::uint8_t full[crypto_generichash_BYTES];
  crypto_generichash_state st;
  (void)crypto_generichash_init(&st, nullptr, 0, sizeof full);
  (void)crypto_generichash_update(&st, reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size());
  (void)crypto_generichash_update(&st, data, len);
  (void)crypto_generichash_final(&st, full, sizeof full);
  std::memcpy(out, full, out_len);
}

void checksum(KeyKind kind, const Key32& key, std::uint8_t out[kChecksumBytes]) {
  tagged_hash(prefix_of(kind), key.data(), key.size(), out, kChecksumBytes);
}

}  // namespace

Result<RecipientKeyPair> generate_recipient_key(Rng& rng) {
  std::uint8_t seed[crypto_box_SEEDBYTES];
  rng.fill(seed, sizeof seed);
  RecipientKeyPair kp;
  const int rc = crypto_box_seed_keypair(kp.public_key.data(), kp.secret_key.data(), seed);
  sodium_memzero(seed, sizeof seed);
  if (rc != 0) return make_error(Errc::crypto_failure, "Could not generate a recipient key.");
  return kp;
}

Result<SigningKeyPair> generate_signing_key(Rng& rng) {
  std::uint8_t seed[crypto_sign_SEEDBYTES];
  rng.fill(seed, sizeof seed);
  SigningKeyPair kp;
  const int rc = crypto_sign_seed_keypair(kp.public_key.data(), kp.secret_key.data(), seed);
  sodium_memzero(seed, sizeof seed);
  if (rc != 0) return make_error(Errc::crypto_failure, "Could not generate a signing key.");
  return kp;
}

SecretKey32& SecretKey32::operator=(SecretKey32&& other) noexcept {
  if (this != &other) {
    key_ = other.key_;
    other.wipe();
  }
  return *this;
}

void SecretKey32::wipe() { sodium_memzero(key_.data(), key_.size()); }

RecipientKeyPair::~RecipientKeyPair() { sodium_memzero(secret_key.data(), secret_key.size()); }
SigningKeyPair::~SigningKeyPair() { sodium_memzero(secret_key.data(), secret_key.size()); }

Result<RecipientKeyPair> recipient_from_secret(const Key32& secret_key) {
  RecipientKeyPair kp;
  kp.secret_key = secret_key;
  if (crypto_scalarmult_base(kp.public_key.data(), secret_key.data()) != 0) {
    return make_error(Errc::bad_key, "This recipient secret key is not usable.");
  }
  return kp;
}

Result<SigningKeyPair> signing_from_secret(const Key64& secret_key) {
  SigningKeyPair kp;
  kp.secret_key = secret_key;
  // Re-derive from the seed half and check it matches the stored public half.
  Key64 derived{};
  if (crypto_sign_seed_keypair(kp.public_key.data(), derived.data(), secret_key.data()) != 0 ||
      sodium_memcmp(derived.data(), secret_key.data(), derived.size()) != 0) {
    sodium_memzero(derived.data(), derived.size());
    return make_error(Errc::bad_key, "This signing secret key is damaged.");
  }
  sodium_memzero(derived.data(), derived.size());
  return kp;
}

std::string encode_public_key(KeyKind kind, const Key32& public_key) {
  Bytes raw(public_key.begin(), public_key.end());
  raw.resize(raw.size() + kChecksumBytes);
  checksum(kind, public_key, raw.data() + public_key.size());
  return std::string(prefix_of(kind)) + base32_encode(raw);
}

bool is_usable_public_key(KeyKind kind, const Key32& key) {
  if (kind == KeyKind::signing) return crypto_core_ed25519_is_valid_point(key.data()) == 1;
  // X25519 with a low-order point (all-zero among them) gives the all-zero shared secret, which
  // libsodium refuses: any fixed scalar shows it.
  static constexpr std::uint8_t kScalar[crypto_scalarmult_SCALARBYTES] = {0x60, 0x61, 0x72, 0x6c, 0x65, 0x79, 9};
  std::uint8_t shared[crypto_scalarmult_BYTES];
  const bool ok = crypto_scalarmult(shared, kScalar, key.data()) == 0;
  sodium_memzero(shared, sizeof shared);
  return ok;
}

Result<Key32> decode_public_key(KeyKind kind, std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  const std::string_view prefix = prefix_of(kind);
  const std::string lower = ascii_lower(text);
  if (lower.compare(0, prefix.size(), prefix) != 0) {
    const std::string_view other = prefix_of(kind == KeyKind::recipient ? KeyKind::signing : KeyKind::recipient);
    if (lower.compare(0, other.size(), other) == 0) {
      return make_error(Errc::bad_key, kind == KeyKind::recipient
                                           ? "This is a signing key; a recipient key (parley-r1-…) is needed here."
                                           : "This is a recipient key; a signing key (parley-s1-…) is needed here.");
    }
    return make_error(Errc::bad_key, "This is not a Parley public key: it should start with " + std::string(prefix) + ".");
  }
  auto raw = base32_decode(std::string_view(lower).substr(prefix.size()));
  if (!raw || raw->size() != 32 + kChecksumBytes) {
    return make_error(Errc::bad_key, "This key has the wrong length: part of it may be missing.");
  }
  Key32 key;
  std::copy_n(raw->begin(), 32, key.begin());
  std::uint8_t expected[kChecksumBytes];
  checksum(kind, key, expected);
  if (std::memcmp(expected, raw->data() + 32, kChecksumBytes) != 0) {
    return make_error(Errc::bad_key, "This key does not pass its checksum: check it for a typo.");
  }
  if (!is_usable_public_key(kind, key)) {
    return make_error(Errc::bad_key, "This is not a usable key (a point of small order): anything sealed to it or signed "
                                     "with it would prove nothing.");
  }
  return key;
}

KeyId key_id(KeyKind kind, const Key32& public_key) {
  KeyId id{};
  const std::string tag = std::string("parley key id ") + (kind == KeyKind::recipient ? "r1" : "s1");
  tagged_hash(tag, public_key.data(), public_key.size(), id.data(), id.size());
  return id;
}

std::string format_key_id(const KeyId& id) {
  const std::string hex = hex_encode(Bytes(id.begin(), id.end()));
  return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4);
}

}  // namespace parley
