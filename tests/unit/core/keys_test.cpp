#include "core/keys.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "core/base32.h"
#include "support/rng.h"

namespace parley {
namespace {

constexpr std::size_t kPrefixLen = 10;  // "parley-r1-" / "parley-s1-"
constexpr std::size_t kBase32Len = 58;  // 36 bytes (key || checksum)
constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

using testing::seeded;

RecipientKeyPair recipient(std::uint8_t tag) {
  SeededRng rng = seeded(tag);
  auto kp = generate_recipient_key(rng);
  EXPECT_TRUE(kp.ok());
  return kp.value();
}

SigningKeyPair signer(std::uint8_t tag) {
  SeededRng rng = seeded(tag);
  auto kp = generate_signing_key(rng);
  EXPECT_TRUE(kp.ok());
  return kp.value();
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// BLAKE2b-32(tag || data), truncated: the spec's definition, computed independently.
Bytes tagged_blake2b(const std::string& tag, const Key32& data, std::size_t keep) {
  Bytes message = to_bytes(tag);
  message.insert(message.end(), data.begin(), data.end());
  std::uint8_t full[32];
  EXPECT_EQ(crypto_generichash(full, sizeof full, message.data(), message.size(), nullptr, 0), 0);
  return Bytes(full, full + keep);
}

TEST(Keys, GenerationIsDeterministicForASeed) {
  const RecipientKeyPair a1 = recipient(1), a2 = recipient(1), b = recipient(2);
  EXPECT_EQ(a1.public_key, a2.public_key);
  EXPECT_EQ(a1.secret_key, a2.secret_key);
  EXPECT_NE(a1.public_key, b.public_key);
  EXPECT_NE(a1.secret_key, b.secret_key);

  const SigningKeyPair s1 = signer(1), s2 = signer(1), s3 = signer(2);
  EXPECT_EQ(s1.public_key, s2.public_key);
  EXPECT_EQ(s1.secret_key, s2.secret_key);
  EXPECT_NE(s1.public_key, s3.public_key);
}

TEST(Keys, SuccessiveGenerationsFromOneRngDiffer) {
  SeededRng rng = seeded(3);
  auto a = generate_recipient_key(rng);
  auto b = generate_recipient_key(rng);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->public_key, b->public_key);
}

TEST(Keys, GeneratedPairsAreConsistent) {
  const RecipientKeyPair r = recipient(4);
  Key32 derived{};
  ASSERT_EQ(crypto_scalarmult_base(derived.data(), r.secret_key.data()), 0);
  EXPECT_EQ(derived, r.public_key);

  const SigningKeyPair s = signer(4);
  // libsodium layout: seed || public key.
  EXPECT_EQ(0, std::memcmp(s.secret_key.data() + 32, s.public_key.data(), 32));
  const std::uint8_t msg[] = {'h', 'i'};
  std::uint8_t sig[crypto_sign_BYTES];
  ASSERT_EQ(crypto_sign_detached(sig, nullptr, msg, sizeof msg, s.secret_key.data()), 0);
  EXPECT_EQ(crypto_sign_verify_detached(sig, msg, sizeof msg, s.public_key.data()), 0);
}

TEST(PublicKeyText, HasPrefixAndLength) {
  const std::string r = encode_public_key(KeyKind::recipient, recipient(5).public_key);
  const std::string s = encode_public_key(KeyKind::signing, signer(5).public_key);
  EXPECT_EQ(r.rfind("parley-r1-", 0), 0u) << r;
  EXPECT_EQ(s.rfind("parley-s1-", 0), 0u) << s;
  EXPECT_EQ(r.size(), kPrefixLen + kBase32Len);
  EXPECT_EQ(s.size(), kPrefixLen + kBase32Len);
}

TEST(PublicKeyText, IsBase32OfKeyAndTaggedChecksum) {
  for (KeyKind kind : {KeyKind::recipient, KeyKind::signing}) {
    const Key32 pk = kind == KeyKind::recipient ? recipient(6).public_key : signer(6).public_key;
    const std::string prefix = kind == KeyKind::recipient ? "parley-r1-" : "parley-s1-";
    Bytes raw(pk.begin(), pk.end());
    const Bytes check = tagged_blake2b(prefix, pk, 4);
    raw.insert(raw.end(), check.begin(), check.end());
    EXPECT_EQ(encode_public_key(kind, pk), prefix + base32_encode(raw));
  }
}

TEST(PublicKeyText, RoundTrips) {
  for (std::uint8_t tag = 10; tag < 20; ++tag) {
    const Key32 r = recipient(tag).public_key;
    auto back_r = decode_public_key(KeyKind::recipient, encode_public_key(KeyKind::recipient, r));
    ASSERT_TRUE(back_r.ok()) << back_r.error().detail;
    EXPECT_EQ(back_r.value(), r);

    const Key32 s = signer(tag).public_key;
    auto back_s = decode_public_key(KeyKind::signing, encode_public_key(KeyKind::signing, s));
    ASSERT_TRUE(back_s.ok()) << back_s.error().detail;
    EXPECT_EQ(back_s.value(), s);
  }
}

TEST(PublicKeyText, EverySingleCharacterSubstitutionIsRejected) {
  for (KeyKind kind : {KeyKind::recipient, KeyKind::signing}) {
    const Key32 pk = kind == KeyKind::recipient ? recipient(7).public_key : signer(7).public_key;
    const std::string good = encode_public_key(kind, pk);
    ASSERT_EQ(good.size(), kPrefixLen + kBase32Len);
    int tried = 0;
    for (std::size_t pos = kPrefixLen; pos < good.size(); ++pos) {
      for (const char* c = kAlphabet; *c; ++c) {
        if (*c == good[pos]) continue;
        std::string typo = good;
        typo[pos] = *c;
        auto r = decode_public_key(kind, typo);
        ++tried;
        ASSERT_FALSE(r.ok()) << "accepted a typo at " << pos << ": " << typo;
        EXPECT_EQ(r.error().code, Errc::bad_key) << typo;
      }
    }
    EXPECT_EQ(tried, static_cast<int>(kBase32Len) * 31);
  }
}

TEST(PublicKeyText, SwappedAdjacentCharactersAreRejected) {
  const std::string good = encode_public_key(KeyKind::recipient, recipient(8).public_key);
  for (std::size_t pos = kPrefixLen; pos + 1 < good.size(); ++pos) {
    if (good[pos] == good[pos + 1]) continue;
    std::string typo = good;
    std::swap(typo[pos], typo[pos + 1]);
    auto r = decode_public_key(KeyKind::recipient, typo);
    ASSERT_FALSE(r.ok()) << typo;
    EXPECT_EQ(r.error().code, Errc::bad_key);
  }
}

TEST(PublicKeyText, WrongKindNamesTheOtherKind) {
  const std::string signing_text = encode_public_key(KeyKind::signing, signer(9).public_key);
  auto as_recipient = decode_public_key(KeyKind::recipient, signing_text);
  ASSERT_FALSE(as_recipient.ok());
  EXPECT_EQ(as_recipient.error().code, Errc::bad_key);
  EXPECT_NE(as_recipient.error().detail.find("signing key"), std::string::npos) << as_recipient.error().detail;
  EXPECT_NE(as_recipient.error().detail.find("parley-r1-"), std::string::npos) << as_recipient.error().detail;

  const std::string recipient_text = encode_public_key(KeyKind::recipient, recipient(9).public_key);
  auto as_signing = decode_public_key(KeyKind::signing, recipient_text);
  ASSERT_FALSE(as_signing.ok());
  EXPECT_EQ(as_signing.error().code, Errc::bad_key);
  EXPECT_NE(as_signing.error().detail.find("recipient key"), std::string::npos) << as_signing.error().detail;
  EXPECT_NE(as_signing.error().detail.find("parley-s1-"), std::string::npos) << as_signing.error().detail;

  // Even with the prefix swapped by hand the checksum is domain-separated by kind.
  std::string relabelled = recipient_text;
  relabelled[7] = 's';
  auto forced = decode_public_key(KeyKind::signing, relabelled);
  ASSERT_FALSE(forced.ok());
  EXPECT_EQ(forced.error().code, Errc::bad_key);
}

TEST(PublicKeyText, ToleratesSurroundingWhitespaceAndUpperCase) {
  const Key32 pk = recipient(11).public_key;
  const std::string text = encode_public_key(KeyKind::recipient, pk);
  for (const std::string& variant : {"  " + text, text + "\n", "\t " + text + " \r\n", upper(text),
                                     " " + upper(text) + " ", "Parley-R1-" + text.substr(kPrefixLen)}) {
    auto r = decode_public_key(KeyKind::recipient, variant);
    ASSERT_TRUE(r.ok()) << "'" << variant << "': " << r.error().detail;
    EXPECT_EQ(r.value(), pk);
  }
}

TEST(PublicKeyText, RejectsInteriorWhitespaceAndJunk) {
  const std::string text = encode_public_key(KeyKind::recipient, recipient(12).public_key);
  for (const std::string& bad : {text.substr(0, 30) + " " + text.substr(30), text + "x", text + "aaaaaaaa",
                                 "x" + text, std::string(""), std::string("   "), std::string("parley-r1-"),
                                 std::string("parley-r"), std::string("hello"), text.substr(kPrefixLen),
                                 "parley-r2-" + text.substr(kPrefixLen), "parley_r1_" + text.substr(kPrefixLen)}) {
    auto r = decode_public_key(KeyKind::recipient, bad);
    ASSERT_FALSE(r.ok()) << "'" << bad << "'";
    EXPECT_EQ(r.error().code, Errc::bad_key) << "'" << bad << "'";
  }
}

TEST(PublicKeyText, RejectsTruncatedKeys) {
  const std::string text = encode_public_key(KeyKind::signing, signer(13).public_key);
  for (std::size_t cut = 1; cut <= kBase32Len; ++cut) {
    const std::string truncated = text.substr(0, text.size() - cut);
    auto r = decode_public_key(KeyKind::signing, truncated);
    ASSERT_FALSE(r.ok()) << truncated;
    EXPECT_EQ(r.error().code, Errc::bad_key) << truncated;
  }
}

TEST(KeyId, IsStableAndMatchesTheSpec) {
  const Key32 pk = recipient(14).public_key;
  const KeyId a = key_id(KeyKind::recipient, pk);
  EXPECT_EQ(a, key_id(KeyKind::recipient, pk));
  const Bytes expected = tagged_blake2b("parley key id r1", pk, 8);
  EXPECT_EQ(Bytes(a.begin(), a.end()), expected);
  const Bytes expected_s = tagged_blake2b("parley key id s1", pk, 8);
  const KeyId s = key_id(KeyKind::signing, pk);
  EXPECT_EQ(Bytes(s.begin(), s.end()), expected_s);
}

TEST(KeyId, DiffersBetweenKindsAndKeys) {
  const Key32 pk = recipient(15).public_key;
  EXPECT_NE(key_id(KeyKind::recipient, pk), key_id(KeyKind::signing, pk));
  EXPECT_NE(key_id(KeyKind::recipient, pk), key_id(KeyKind::recipient, recipient(16).public_key));
}

TEST(KeyId, FormatsAsFourGroupsOfFourHexDigits) {
  const KeyId id = {0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18};
  EXPECT_EQ(format_key_id(id), "a1b2-c3d4-e5f6-0718");
  EXPECT_EQ(format_key_id(KeyId{}), "0000-0000-0000-0000");

  const std::string shown = format_key_id(key_id(KeyKind::recipient, recipient(17).public_key));
  ASSERT_EQ(shown.size(), 19u);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i == 4 || i == 9 || i == 14) {
      EXPECT_EQ(shown[i], '-') << shown;
    } else {
      EXPECT_TRUE((shown[i] >= '0' && shown[i] <= '9') || (shown[i] >= 'a' && shown[i] <= 'f')) << shown;
    }
  }
}

TEST(KeysFromSecret, RecipientRoundTrips) {
  const RecipientKeyPair kp = recipient(18);
  auto back = recipient_from_secret(kp.secret_key);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->public_key, kp.public_key);
  EXPECT_EQ(back->secret_key, kp.secret_key);
  // Another secret gives another public key.
  Key32 other = kp.secret_key;
  other[5] ^= 0x10;
  auto changed = recipient_from_secret(other);
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->public_key, kp.public_key);
}

TEST(KeysFromSecret, SigningRoundTrips) {
  const SigningKeyPair kp = signer(19);
  auto back = signing_from_secret(kp.secret_key);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->public_key, kp.public_key);
  EXPECT_EQ(back->secret_key, kp.secret_key);
}

TEST(KeysFromSecret, SigningDetectsATamperedPublicHalf) {
  const SigningKeyPair kp = signer(20);
  for (std::size_t i = 32; i < 64; ++i) {
    Key64 tampered = kp.secret_key;
    tampered[i] ^= 0x01;
    auto r = signing_from_secret(tampered);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_EQ(r.error().code, Errc::bad_key);
  }
  // A changed seed no longer matches the stored public half either.
  Key64 seed_changed = kp.secret_key;
  seed_changed[0] ^= 0x80;
  auto r = signing_from_secret(seed_changed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::bad_key);
}

TEST(Keys, KeysOfSmallOrderAreRefusedWhateverTheirChecksum) {
  const Key32 zero{};
  Key32 identity{};
  identity[0] = 1;  // the Ed25519 identity point
  for (const auto& [kind, key] : {std::pair{KeyKind::recipient, zero}, std::pair{KeyKind::signing, zero},
                                  std::pair{KeyKind::signing, identity}}) {
    auto decoded = decode_public_key(kind, encode_public_key(kind, key));
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().code, Errc::bad_key);
    EXPECT_FALSE(is_usable_public_key(kind, key));
  }
  SeededRng rng = seeded(4);
  EXPECT_TRUE(is_usable_public_key(KeyKind::recipient, generate_recipient_key(rng)->public_key));
  EXPECT_TRUE(is_usable_public_key(KeyKind::signing, generate_signing_key(rng)->public_key));
}

}  // namespace
}  // namespace parley
