// Envelope v1: a payload sealed to one or more X25519 recipients (docs/FORMAT.md, "Envelope").
//
//   header  = "PARLEY" 0x01 count stanza{count} nonce
//   stanza  = key_id(8) crypto_box_seal(file_key)(80)
//   payload = XChaCha20-Poly1305(file_key, nonce, ad = header, sodium_pad(plaintext, bucket))
//
// Every envelope takes a fresh random file key and nonce from the Rng passed in, and pads
// its plaintext to one of a few bucket sizes so lengths say little about the writer.
#pragma once

#include <cstddef>
#include <vector>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/rng.h"

namespace parley {

inline constexpr std::size_t kMaxRecipients = 16;
inline constexpr std::size_t kPadBuckets[] = {1024, 4096, 16384, 65536};
// Largest plaintext that fits: sodium_pad always adds at least one byte.
inline constexpr std::size_t kMaxPlaintextBytes = 65536 - 1;
inline constexpr std::size_t kEnvelopeOverhead = 6 + 1 + 1 + 24 + 16;  // magic, version, count, nonce, tag
inline constexpr std::size_t kStanzaBytes = 8 + 80;
inline constexpr std::size_t kMaxEnvelopeBytes = kEnvelopeOverhead + kMaxRecipients * kStanzaBytes + 65536;

Result<Bytes> seal_envelope(const std::vector<Key32>& recipients, const Bytes& plaintext, Rng& rng);

// Errors: too_large, version_unsupported, header_failure, not_for_this_key, payload_failure.
Result<Bytes> open_envelope(const RecipientKeyPair& key, const Bytes& envelope);

// Sealed box (libsodium crypto_box_seal layout) with the ephemeral key drawn from `rng`, so
// that test vectors are reproducible. crypto_box_seal_open opens it.
Result<Bytes> seal_box(const Key32& recipient, const Bytes& message, Rng& rng);

}  // namespace parley
