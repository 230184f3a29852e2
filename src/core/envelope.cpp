#include "core/envelope.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace parley {
namespace {

constexpr std::uint8_t kMagic[6] = {'P', 'A', 'R', 'L', 'E', 'Y'};
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kFileKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kSealedKeyBytes = crypto_box_SEALBYTES + kFileKeyBytes;
static_assert(kSealedKeyBytes == 80 && kStanzaBytes == 8 + kSealedKeyBytes);
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

Result<Bytes> seal_envelope(const std::vector<Key32>& recipients, const Bytes& plaintext, Rng& rng) {
  if (recipients.empty() || recipients.size() > kMaxRecipients) {
    return make_error(Errc::bad_input, "An envelope needs between 1 and 16 recipients.");
  }
  const std::size_t bucket = bucket_for(plaintext.size());
  if (bucket == 0) return make_error(Errc::too_large, "The message is larger than 64 KiB.");

  std::uint8_t file_key[kFileKeyBytes];
  Wipe wipe_key{file_key, sizeof file_key};
  rng.fill(file_key, sizeof file_key);
  const Bytes file_key_bytes(file_key, file_key + sizeof file_key);

  Bytes out(kMagic, kMagic + sizeof kMagic);
  out.push_back(kVersion);
  out.push_back(static_cast<std::uint8_t>(recipients.size()));
  for (const Key32& r : recipients) {
    const KeyId id = key_id(KeyKind::recipient, r);
    out.insert(out.end(), id.begin(), id.end());
    auto sealed = seal_box(r, file_key_bytes, rng);
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

Result<Bytes> open_envelope(const RecipientKeyPair& key, const Bytes& envelope) {
  if (envelope.size() > kMaxEnvelopeBytes) {
    return make_error(Errc::too_large, "This envelope is larger than any Parley envelope can be.");
  }
  if (envelope.size() < sizeof kMagic + 2 || std::memcmp(envelope.data(), kMagic, sizeof kMagic) != 0) {
    return make_error(Errc::header_failure, "This is not a Parley envelope.");
  }
  if (envelope[6] != kVersion) {
    return make_error(Errc::version_unsupported,
                      "This envelope uses format version " + std::to_string(envelope[6]) + ", which this Parley cannot read.");
  }
  const std::size_t count = envelope[7];
  const std::size_t header_len = 8 + count * kStanzaBytes + kNonceBytes;
  if (count == 0 || count > kMaxRecipients || envelope.size() < header_len) {
    return make_error(Errc::header_failure, "The envelope header is damaged.");
  }
  const KeyId mine = key_id(KeyKind::recipient, key.public_key);
  const std::uint8_t* stanza = nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t* s = envelope.data() + 8 + i * kStanzaBytes;
    if (std::memcmp(s, mine.data(), mine.size()) == 0) {
      stanza = s;
      break;
    }
  }
  if (!stanza) return make_error(Errc::not_for_this_key, "This envelope was not sealed to this key.");

  std::uint8_t file_key[kFileKeyBytes];
  Wipe wipe_key{file_key, sizeof file_key};
  if (crypto_box_seal_open(file_key, stanza + 8, kSealedKeyBytes, key.public_key.data(), key.secret_key.data()) != 0) {
    return make_error(Errc::header_failure, "The envelope's key for this recipient does not open.");
  }
  const std::uint8_t* nonce = envelope.data() + header_len - kNonceBytes;
  const std::size_t ct_len = envelope.size() - header_len;
  const bool known_size = std::any_of(std::begin(kPadBuckets), std::end(kPadBuckets),
                                      [&](std::size_t b) { return ct_len == b + kTagBytes; });
  if (!known_size) return make_error(Errc::payload_failure, "The envelope's payload has an impossible length.");

  Bytes plain(ct_len - kTagBytes);
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &plain_len, nullptr, envelope.data() + header_len, ct_len,
                                                 envelope.data(), header_len, nonce, file_key) != 0) {
    return make_error(Errc::payload_failure, "The envelope's contents were altered or damaged.");
  }
  std::size_t unpadded = 0;
  const auto padded_len = static_cast<std::size_t>(plain_len);  // at most 65536
  if (sodium_unpad(&unpadded, plain.data(), padded_len, padded_len) != 0) {
    sodium_memzero(plain.data(), plain.size());
    return make_error(Errc::payload_failure, "The envelope's padding is invalid.");
  }
  plain.resize(unpadded);
  return plain;
}

}  // namespace parley
