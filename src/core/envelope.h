// Envelope v2: a payload sealed to one or more X25519 recipients (docs/FORMAT.md, "Envelope").
//
//   header  = "PARLEY" 0x02 count stanza{count} nonce
//   stanza  = crypto_box_seal(file_key)(80)
//   payload = XChaCha20-Poly1305(file_key, nonce, ad = header, sodium_pad(plaintext, bucket))
//
// Stanzas do not name their recipient: a reader tries its key on each. Key IDs in clear told
// anyone who could list the storage who reads an envelope, and so that a mediation request
// exists. Every envelope takes a fresh random file key and nonce from the Rng passed in, and
// pads its plaintext to one of a few bucket sizes so lengths say little about the writer.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/rng.h"

namespace parley {

inline constexpr std::uint8_t kEnvelopeVersion = 2;
inline constexpr std::size_t kMaxRecipients = 16;
// The largest bucket exists so that an outer envelope can carry a whole inner one (trustee.h).
inline constexpr std::size_t kPadBuckets[] = {1024, 4096, 16384, 65536, 131072};
// Largest plaintext that fits: sodium_pad always adds at least one byte.
inline constexpr std::size_t kMaxPlaintextBytes = 131072 - 1;
inline constexpr std::size_t kEnvelopeOverhead = 6 + 1 + 1 + 24 + 16;  // magic, version, count, nonce, tag
inline constexpr std::size_t kStanzaBytes = 80;
inline constexpr std::size_t kMaxEnvelopeBytes = kEnvelopeOverhead + kMaxRecipients * kStanzaBytes + 131072;
static_assert(kMaxEnvelopeBytes == 132400);
// Submission contents are at most this long, so a direct envelope (and every inner envelope of a
// trustee campaign) stays within the 65536 bucket and fits, base64url-encoded, in an outer one.
inline constexpr std::size_t kMaxContentsBytes = 65536 - 1;
inline constexpr std::size_t kMaxInnerEnvelopeBytes = kEnvelopeOverhead + kMaxRecipients * kStanzaBytes + 65536;
static_assert(kMaxInnerEnvelopeBytes == 66864);

// Seals `plaintext` to `recipients`. When `min_stanzas` is larger than the number of
// recipients, stanzas for freshly drawn keys that nobody keeps fill the header up to it: they
// look like any other stanza, so an envelope's length does not tell which list it was sealed to.
Result<Bytes> seal_envelope(const std::vector<Key32>& recipients, const Bytes& plaintext, Rng& rng,
                            std::size_t min_stanzas = 0);

// Errors: too_large, header_failure, version_unsupported, not_for_this_key (no stanza opens with
// this key: sealed to others, or damaged; the two cannot be told apart), payload_failure.
Result<Bytes> open_envelope(const RecipientKeyPair& key, const Bytes& envelope);

// Opens stanza `index` (kStanzaBytes at `stanza`) into `file_key` (32 bytes), or says false.
// The reader's key pair does it with crypto_box_seal_open; the browser computes the X25519 of
// each stanza elsewhere (WebCrypto) and finishes with open_stanza_with_shared.
using StanzaOpener = std::function<bool(std::size_t index, const std::uint8_t* stanza, std::uint8_t* file_key)>;
// open_envelope with the stanzas tried in order through `opener`: the same checks, the same errors.
Result<Bytes> open_envelope(const StanzaOpener& opener, const Bytes& envelope);
// The number of stanzas after the header checks open_envelope makes first (its errors).
Result<std::size_t> envelope_stanza_count(const Bytes& envelope);

// crypto_box_seal_open of one stanza whose X25519 was computed elsewhere: `shared` =
// X25519(reader's secret key, the stanza's first 32 bytes). The rest of libsodium's steps:
// an all-zero shared secret is refused (crypto_scalarmult's check), key = HSalsa20(shared),
// nonce = BLAKE2b-192(epk || reader's public key), XSalsa20-Poly1305 open. False when it
// does not open; `file_key` (32 bytes) is written only when it does.
bool open_stanza_with_shared(const Key32& shared, const Key32& recipient_public, const std::uint8_t* stanza,
                             std::uint8_t* file_key);

// What can be checked of an envelope without a key.
struct EnvelopeShape {
  std::size_t stanzas = 0;
  std::size_t bucket = 0;  // padded plaintext length
};
// Magic, version, stanza count and a payload length of bucket + 16. Errors: too_large,
// header_failure, version_unsupported, payload_failure.
Result<EnvelopeShape> envelope_shape(const Bytes& envelope);

// Sealed box (libsodium crypto_box_seal layout) with the ephemeral key drawn from `rng`, so
// that test vectors are reproducible. crypto_box_seal_open opens it.
Result<Bytes> seal_box(const Key32& recipient, const Bytes& message, Rng& rng);

}  // namespace parley
