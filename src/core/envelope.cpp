#include "core/envelope.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace parley {
namespace {

constexpr std::uint8_t kMagic[6] = {'P', 'A', 'R', 'L', 'E', 'Y'};
constexpr std::size_t kFileKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kSealedKeyBytes = crypto_box_SEALBYTES + kFileKeyBytes;
static_assert(kSealedKeyBytes == 80 && kStanzaBytes == kSealedKeyBytes);
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::size_t bucket_for(std::size_t plaintext_len) {
  for (std::size_t b : kPadBuckets) {
    if (plaintext_len < b) return b;
  }
  return 0;
}

// Wipes a secret buffer when it goes out of scope, whichever way the function returns.
struct Wipe {
  std::uint8_t* p;
  std::size_t n;
  ~Wipe() { sodium_memzero(p, n); }
};

// The header's framing: everything up to the stanzas, in the order readers check it.
Result<std::size_t> header_length(const Bytes& envelope) {
  if (envelope.size() > kMaxEnvelopeBytes) {
    return make_error(Errc::too_large, "This envelope is larger than any Parley envelope can be.");
  }
  if (envelope.size() < sizeof kMagic + 2 || std::memcmp(envelope.data(), kMagic, sizeof kMagic) != 0) {
    return make_error(Errc::header_failure, "This is not a Parley envelope.");
  }
  if (envelope[6] != kEnvelopeVersion) {
    return make_error(Errc::version_unsupported,
                      "This envelope uses format version " + std::to_string(envelope[6]) + ", which this Parley cannot read.");
  }
  const std::size_t count = envelope[7];
  const std::size_t header_len = 8 + count * kStanzaBytes + kNonceBytes;
  if (count == 0 || count > kMaxRecipients || envelope.size() < header_len) {
    return make_error(Errc::header_failure, "The envelope header is damaged.");
  }
  return header_len;
}

Result<std::size_t> payload_bucket(std::size_t payload_len) {
  for (std::size_t b : kPadBuckets) {
    if (payload_len == b + kTagBytes) return b;
  }
  return make_error(Errc::payload_failure, "The envelope's payload has an impossible length.");
}

}  // namespace

Result<Bytes> seal_box(const Key32& recipient, const Bytes& message, Rng& rng) {
  std::uint8_t seed[crypto_box_SEEDBYTES];
  std::uint8_t epk[crypto_box_PUBLICKEYBYTES];
  std::uint8_t esk[crypto_box_SECRETKEYBYTES];
  Wipe w1{seed, sizeof seed}, w2{esk, sizeof esk};
  rng.fill(seed, sizeof seed);
  if (crypto_box_seed_keypair(epk, esk, seed) != 0) return make_error(Errc::crypto_failure, "Key generation failed.");
  // nonce = BLAKE2b-192(epk || recipient), exactly as crypto_box_seal computes it.
  std::uint8_t nonce[crypto_box_NONCEBYTES];
  crypto_generichash_state st;
  if (crypto_generichash_init(&st, nullptr, 0, sizeof nonce) != 0 || crypto_generichash_update(&st, epk, sizeof epk) != 0 ||
      crypto_generichash_update(&st, recipient.data(), recipient.size()) != 0 ||
      crypto_generichash_final(&st, nonce, sizeof nonce) != 0) {
    return make_error(Errc::crypto_failure, "Hashing failed.");
  }
  Bytes out(crypto_box_SEALBYTES + message.size());
  std::memcpy(out.data(), epk, sizeof epk);
  if (crypto_box_easy(out.data() + sizeof epk, message.data(), message.size(), nonce, recipient.data(), esk) != 0) {
    return make_error(Errc::bad_key, "A recipient key is not a valid X25519 public key.");
  }
  return out;
}

Result<Bytes> seal_envelope(const std::vector<Key32>& recipients, const Bytes& plaintext, Rng& rng,
                            std::size_t min_stanzas) {
  if (recipients.empty() || recipients.size() > kMaxRecipients || min_stanzas > kMaxRecipients) {
    return make_error(Errc::bad_input, "An envelope needs between 1 and 16 recipients.");
  }
  const std::size_t bucket = bucket_for(plaintext.size());
  if (bucket == 0) return make_error(Errc::too_large, "The message is larger than 128 KiB.");

  std::uint8_t file_key[kFileKeyBytes];
  Wipe wipe_key{file_key, sizeof file_key};
  rng.fill(file_key, sizeof file_key);
  const Bytes file_key_bytes(file_key, file_key + sizeof file_key);

  Bytes out(kMagic, kMagic + sizeof kMagic);
  out.push_back(kEnvelopeVersion);
  const std::size_t stanzas = std::max(recipients.size(), min_stanzas);
  out.push_back(static_cast<std::uint8_t>(stanzas));
  for (const Key32& r : recipients) {
    auto sealed = seal_box(r, file_key_bytes, rng);
    if (!sealed) return sealed.error();
    out.insert(out.end(), sealed->begin(), sealed->end());
  }
  // Decoys: a random value sealed to a fresh key whose secret half is dropped at once. A real
  // sealed box to a real key, so nothing tells it from a reader's stanza.
  for (std::size_t i = recipients.size(); i < stanzas; ++i) {
    auto decoy_key = generate_recipient_key(rng);
    if (!decoy_key) return decoy_key.error();
    Bytes filler(kFileKeyBytes);
    rng.fill(filler.data(), filler.size());
    auto sealed = seal_box(decoy_key->public_key, filler, rng);
    if (!sealed) return sealed.error();
    out.insert(out.end(), sealed->begin(), sealed->end());
  }
  std::uint8_t nonce[kNonceBytes];
  rng.fill(nonce, sizeof nonce);
  out.insert(out.end(), nonce, nonce + sizeof nonce);
  const std::size_t header_len = out.size();

  Bytes padded(bucket);
  if (!plaintext.empty()) std::memcpy(padded.data(), plaintext.data(), plaintext.size());
  std::size_t padded_len = 0;
  if (sodium_pad(&padded_len, padded.data(), plaintext.size(), bucket, padded.size()) != 0 || padded_len != bucket) {
    return make_error(Errc::crypto_failure, "Padding failed.");
  }
  out.resize(header_len + bucket + kTagBytes);
  unsigned long long ct_len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + header_len, &ct_len, padded.data(), bucket,
                                                             out.data(), header_len, nullptr, nonce, file_key);
  sodium_memzero(padded.data(), padded.size());
  if (rc != 0 || ct_len != bucket + kTagBytes) return make_error(Errc::crypto_failure, "Encryption failed.");
  return out;
}

Result<EnvelopeShape> envelope_shape(const Bytes& envelope) {
  auto header_len = header_length(envelope);
  if (!header_len) return header_len.error();
  auto bucket = payload_bucket(envelope.size() - *header_len);
  if (!bucket) return bucket.error();
  return EnvelopeShape{envelope[7], *bucket};
}

Result<std::size_t> envelope_stanza_count(const Bytes& envelope) {
  auto header = header_length(envelope);
  if (!header) return header.error();
  return static_cast<std::size_t>(envelope[7]);
}

bool open_stanza_with_shared(const Key32& shared, const Key32& recipient_public, const std::uint8_t* stanza,
                             std::uint8_t* file_key) {
  // crypto_scalarmult_curve25519 fails on an all-zero result (a small-order ephemeral key), and
  // crypto_box_beforenm with it: keep that refusal whoever computed the X25519.
  if (sodium_is_zero(shared.data(), shared.size())) return false;
  static constexpr std::uint8_t kZero16[16] = {0};
  std::uint8_t k[crypto_box_BEFORENMBYTES];
  Wipe wipe_k{k, sizeof k};
  if (crypto_core_hsalsa20(k, kZero16, shared.data(), nullptr) != 0) return false;
  std::uint8_t nonce[crypto_box_NONCEBYTES];
  crypto_generichash_state st;
  if (crypto_generichash_init(&st, nullptr, 0, sizeof nonce) != 0 ||
      crypto_generichash_update(&st, stanza, crypto_box_PUBLICKEYBYTES) != 0 ||
      crypto_generichash_update(&st, recipient_public.data(), recipient_public.size()) != 0 ||
      crypto_generichash_final(&st, nonce, sizeof nonce) != 0) {
    return false;
  }
  std::uint8_t out[kFileKeyBytes];
  Wipe wipe_out{out, sizeof out};
  if (crypto_box_open_easy_afternm(out, stanza + crypto_box_PUBLICKEYBYTES, kSealedKeyBytes - crypto_box_PUBLICKEYBYTES, nonce,
                                   k) != 0) {
    return false;
  }
  std::memcpy(file_key, out, sizeof out);
  return true;
}

Result<Bytes> open_envelope(const RecipientKeyPair& key, const Bytes& envelope) {
  return open_envelope(
      [&key](std::size_t, const std::uint8_t* stanza, std::uint8_t* file_key) {
        return crypto_box_seal_open(file_key, stanza, kSealedKeyBytes, key.public_key.data(), key.secret_key.data()) == 0;
      },
      envelope);
}

Result<Bytes> open_envelope(const StanzaOpener& opener, const Bytes& envelope) {
  auto header = header_length(envelope);
  if (!header) return header.error();
  const std::size_t header_len = *header;
  const std::size_t count = envelope[7];

  // Trial decryption: the first stanza that opens with this key holds the file key.
  std::uint8_t file_key[kFileKeyBytes];
  Wipe wipe_key{file_key, sizeof file_key};
  bool opened = false;
  for (std::size_t i = 0; i < count && !opened; ++i) opened = opener(i, envelope.data() + 8 + i * kStanzaBytes, file_key);
  if (!opened) return make_error(Errc::not_for_this_key, "This envelope was not sealed to this key, or its header is damaged.");

  const std::uint8_t* nonce = envelope.data() + header_len - kNonceBytes;
  const std::size_t ct_len = envelope.size() - header_len;
  auto bucket = payload_bucket(ct_len);
  if (!bucket) return bucket.error();

  Bytes plain(*bucket);
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &plain_len, nullptr, envelope.data() + header_len, ct_len,
                                                 envelope.data(), header_len, nonce, file_key) != 0 ||
      plain_len != *bucket) {
    return make_error(Errc::payload_failure, "The envelope's contents were altered or damaged.");
  }
  std::size_t unpadded = 0;
  if (sodium_unpad(&unpadded, plain.data(), *bucket, *bucket) != 0) {
    sodium_memzero(plain.data(), plain.size());
    return make_error(Errc::payload_failure, "The envelope's padding is invalid.");
  }
  plain.resize(unpadded);
  return plain;
}

}  // namespace parley
