#include "core/keyfile.h"

#include <sodium.h>

#include <cstring>

#include "core/json_read.h"
#include "core/text.h"

namespace parley {
namespace {

constexpr const char* kVersionTag = "keyfile/1";
constexpr std::size_t kMaxKeyFileBytes = 16 * 1024;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kCheckBytes = 16;
bool within_limits(const KdfParams& kdf) {
  return kdf.ops >= kMinKdf.ops && kdf.ops <= kMaxKdf.ops && kdf.mem >= kMinKdf.mem && kdf.mem <= kMaxKdf.mem;
}

Error corrupt(const std::string& why) { return make_error(Errc::corrupt_file, "This key file is damaged: " + why); }

// BLAKE2b-128 over the canonical JSON of every field but "check".
Bytes file_check(json j) {
  j.erase("check");
  const std::string canonical = dump_canonical(j);
  Bytes out(kCheckBytes);
  (void)crypto_generichash(out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                           canonical.size(), nullptr, 0);  // fixed sizes: cannot fail
  return out;
}

// The associated data: everything public in the file, so none of it can be swapped.
std::string header_ad(json j) {
  j.erase("check");
  j.erase("box");
  return dump_canonical(j);
}

struct Parsed {
  json j;
  KeyFileInfo info;
  KdfParams kdf{};
  Bytes salt, nonce, box;
};

Result<Parsed> parse_file(std::string_view text) {
  if (text.size() > kMaxKeyFileBytes) return corrupt("it is far larger than a key file.");
  auto parsed = parse_json(text, "The key file");
  if (!parsed) return corrupt("it is not JSON.");
  Parsed p{std::move(*parsed), {}, {}, {}, {}, {}};
  JsonReader r(p.j, "The key file");
  const std::string tag = r.string("parley");
  if (!r.ok()) return corrupt("it is not a Parley key file.");
  if (tag != kVersionTag) {
    if (tag.rfind("keyfile/", 0) == 0) return make_error(Errc::version_unsupported, "This key file was made by a newer Parley.");
    return corrupt("it is not a Parley key file.");
  }
  const auto check = base64url_decode(r.string("check"));
  if (!r.ok() || !check || check->size() != kCheckBytes) return corrupt("its checksum is missing.");
  if (sodium_memcmp(check->data(), file_check(p.j).data(), kCheckBytes) != 0) {
    return corrupt("its checksum does not match (the file was changed or cut short).");
  }
  r.only({"parley", "role", "label", "recipient", "signer", "kdf", "nonce", "box", "check"});
  const std::string role = r.string("role");
  p.info.role = role == "mediator" ? KeyRole::mediator : role == "trustee" ? KeyRole::trustee : KeyRole::manager;
  if (r.ok() && role != "manager" && role != "mediator" && role != "trustee") r.fail("has an unknown role");
  if (r.ok() && role == "trustee" && !r.has("signer")) return corrupt("a trustee's file must hold a signing key.");
  p.info.label = r.string("label");
  if (r.ok() && !is_clean_text(p.info.label, 100, false)) return corrupt("its label is not plain text of up to 100 characters.");
  auto recipient = decode_public_key(KeyKind::recipient, r.string("recipient"));
  if (r.has("signer")) {
    auto signer = decode_public_key(KeyKind::signing, r.string("signer"));
    if (!signer) return corrupt("its signing key is malformed.");
    p.info.signer = *signer;
  }
  if (const json* kdf = r.object("kdf")) {
    JsonReader kr(*kdf, "The key file's kdf");
    kr.only({"alg", "ops", "mem", "salt"});
    if (kr.string("alg") != "argon2id13") kr.fail("names an unknown algorithm");
    p.kdf.ops = static_cast<std::uint64_t>(kr.integer("ops", 0, std::int64_t{1} << 32));
    p.kdf.mem = static_cast<std::size_t>(kr.integer("mem", 0, std::int64_t{1} << 40));
    auto salt = base64url_decode(kr.string("salt"));
    if (!kr.ok() || !salt || salt->size() != kSaltBytes) return corrupt("its key derivation settings are invalid.");
    // Checked before anything is derived: a crafted file costs nothing to refuse.
    if (!within_limits(p.kdf)) {
      return corrupt("its passphrase protection is outside what Parley accepts (2 to 10 passes, 64 to 256 MiB).");
    }
    p.salt = *salt;
  }
  auto nonce = base64url_decode(r.string("nonce"));
  auto box = base64url_decode(r.string("box"));
  if (!r.ok() || !recipient || !nonce || nonce->size() != kNonceBytes || !box) return corrupt("a field is missing or malformed.");
  p.info.recipient = *recipient;
  p.nonce = *nonce;
  p.box = *box;
  const std::size_t expected = 32 + (p.info.signer ? 32 : 0) + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (p.box.size() != expected) return corrupt("the wrapped keys have the wrong length.");
  return p;
}

Status derive_key(std::uint8_t out[32], std::string_view passphrase, const Bytes& salt, const KdfParams& kdf) {
  if (crypto_pwhash(out, 32, passphrase.data(), passphrase.size(), salt.data(), kdf.ops, kdf.mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(Errc::crypto_failure, "Not enough memory to unlock the key file.");
  }
  return Ok{};
}

}  // namespace

const char* to_string(KeyRole role) {
  switch (role) {
    case KeyRole::manager: return "manager";
    case KeyRole::mediator: return "mediator";
    case KeyRole::trustee: return "trustee";
  }
  return "?";
}

Result<std::string> wrap_keyset(const KeySet& keys, std::string_view passphrase, const KdfParams& kdf, Rng& rng) {
  if (passphrase.empty()) return make_error(Errc::bad_input, "Choose a passphrase to protect the key file.");
  if (!is_clean_text(keys.label, 100, false)) return make_error(Errc::bad_input, "The label is limited to 100 characters.");
  if (keys.role == KeyRole::trustee && !keys.signer) {
    return make_error(Errc::bad_input, "A trustee's key file needs a signing key (for invitations and the release).");
  }
  // Write only what a reader accepts: a file nobody can open would lose the keys.
  if (!within_limits(kdf)) {
    return make_error(Errc::bad_input, "The key derivation settings are outside what Parley can open.");
  }
  Bytes salt(kSaltBytes), nonce(kNonceBytes);
  rng.fill(salt.data(), salt.size());
  rng.fill(nonce.data(), nonce.size());
  json j = {{"parley", kVersionTag},
            {"role", to_string(keys.role)},
            {"label", keys.label},
            {"recipient", encode_public_key(KeyKind::recipient, keys.recipient.public_key)},
            {"kdf", {{"alg", "argon2id13"}, {"ops", kdf.ops}, {"mem", kdf.mem}, {"salt", base64url_encode(salt)}}},
            {"nonce", base64url_encode(nonce)}};
  Bytes secret(keys.recipient.secret_key.begin(), keys.recipient.secret_key.end());
  if (keys.signer) {
    j["signer"] = encode_public_key(KeyKind::signing, keys.signer->public_key);
    secret.insert(secret.end(), keys.signer->secret_key.begin(), keys.signer->secret_key.begin() + 32);  // the seed
  }
  std::uint8_t key[32];
  if (auto ok = derive_key(key, passphrase, salt, kdf); !ok) return ok.error();
  const std::string ad = header_ad(j);
  Bytes box(secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long box_len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_encrypt(box.data(), &box_len, secret.data(), secret.size(),
                                                             reinterpret_cast<const std::uint8_t*>(ad.data()), ad.size(),
                                                             nullptr, nonce.data(), key);
  sodium_memzero(key, sizeof key);
  sodium_memzero(secret.data(), secret.size());
  if (rc != 0) return make_error(Errc::crypto_failure, "Encryption failed.");
  j["box"] = base64url_encode(box);
  j["check"] = base64url_encode(file_check(j));
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<KeySet> unwrap_keyset(std::string_view file_text, std::string_view passphrase) {
  auto p = parse_file(file_text);
  if (!p) return p.error();
  std::uint8_t key[32];
  if (auto ok = derive_key(key, passphrase, p->salt, p->kdf); !ok) return ok.error();
  const std::string ad = header_ad(p->j);
  Bytes secret(p->box.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long len = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(secret.data(), &len, nullptr, p->box.data(), p->box.size(),
                                                             reinterpret_cast<const std::uint8_t*>(ad.data()), ad.size(),
                                                             p->nonce.data(), key);
  sodium_memzero(key, sizeof key);
  // The checksum already passed, so the file is intact: a failure here is the passphrase.
  if (rc != 0) return make_error(Errc::wrong_passphrase, "This passphrase does not unlock the key file.");

  KeySet keys;
  keys.role = p->info.role;
  keys.label = p->info.label;
  Key32 x_secret;
  std::memcpy(x_secret.data(), secret.data(), 32);
  auto recipient = recipient_from_secret(x_secret);
  sodium_memzero(x_secret.data(), x_secret.size());
  if (!recipient || recipient->public_key != p->info.recipient) {
    sodium_memzero(secret.data(), secret.size());
    return corrupt("its keys do not match each other.");
  }
  keys.recipient = *recipient;
  if (p->info.signer) {
    SigningKeyPair signer;
    const int src = crypto_sign_seed_keypair(signer.public_key.data(), signer.secret_key.data(), secret.data() + 32);
    if (src != 0 || signer.public_key != *p->info.signer) {
      sodium_memzero(secret.data(), secret.size());
      return corrupt("its keys do not match each other.");
    }
    keys.signer = signer;
  }
  sodium_memzero(secret.data(), secret.size());
  return keys;
}

Result<KeyFileInfo> inspect_keyfile(std::string_view file_text) {
  auto p = parse_file(file_text);
  if (!p) return p.error();
  return p->info;
}

}  // namespace parley
