// Keys: X25519 recipient key pairs (feedback readers, mediators) and the Ed25519 campaign
// signing key; their short IDs and a typo-detecting text form for sharing public keys.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/rng.h"

namespace parley {

using Key32 = std::array<std::uint8_t, 32>;
using Key64 = std::array<std::uint8_t, 64>;
using KeyId = std::array<std::uint8_t, 8>;

enum class KeyKind { recipient, signing };

// Key pairs wipe their secret half when they go (every copy, wherever it was made).
struct RecipientKeyPair {
  Key32 public_key{};  // X25519
  Key32 secret_key{};
  ~RecipientKeyPair();
};

struct SigningKeyPair {
  Key32 public_key{};  // Ed25519
  Key64 secret_key{};  // libsodium layout: seed || public key
  ~SigningKeyPair();
};

// A secret key copied away from its key pair, into a work item (an opener batch, a loader): it
// wipes itself when moved from, replaced or destroyed, so no copy is left to wipe by hand.
class SecretKey32 {
 public:
  SecretKey32() = default;
  SecretKey32(const Key32& key) : key_(key) {}  // NOLINT: implicit, like the Key32 it replaces
  SecretKey32(const SecretKey32& other) = default;
  SecretKey32(SecretKey32&& other) noexcept : key_(other.key_) { other.wipe(); }
  SecretKey32& operator=(const SecretKey32& other) = default;  // every byte is overwritten
  SecretKey32& operator=(SecretKey32&& other) noexcept;
  ~SecretKey32() { wipe(); }

  const Key32& get() const { return key_; }
  Key32& get() { return key_; }  // to read a key into it
  void wipe();

 private:
  Key32 key_{};
};

Result<RecipientKeyPair> generate_recipient_key(Rng& rng);
Result<SigningKeyPair> generate_signing_key(Rng& rng);

// Recomputes the public half from a secret key (for key files, which store secrets only once).
Result<RecipientKeyPair> recipient_from_secret(const Key32& secret_key);
Result<SigningKeyPair> signing_from_secret(const Key64& secret_key);

// "parley-r1-…" (recipient) or "parley-s1-…" (signing): base32 of key || 4-byte checksum.
std::string encode_public_key(KeyKind kind, const Key32& public_key);
// Accepts surrounding whitespace and upper case; Errc::bad_key on any typo.
Result<Key32> decode_public_key(KeyKind kind, std::string_view text);
// False for keys of small order (the all-zero key among them): X25519 keys whose shared secret
// is all zero, Ed25519 keys that are not valid points of the main subgroup. decode_public_key()
// refuses them (bad_key), so no manifest can name one.
bool is_usable_public_key(KeyKind kind, const Key32& key);

// First 8 bytes of BLAKE2b over a domain tag and the key; names a key without revealing it.
KeyId key_id(KeyKind kind, const Key32& public_key);
// "a1b2-c3d4-e5f6-0718": short enough to read over the phone.
std::string format_key_id(const KeyId& id);

}  // namespace parley
