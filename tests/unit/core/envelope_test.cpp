#include "core/envelope.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "support/rng.h"

namespace parley {
namespace {

constexpr std::size_t kHeaderFixed = 8;   // "PARLEY" version count
constexpr std::size_t kNonce = 24;
constexpr std::size_t kTag = 16;

using testing::seeded;

std::vector<RecipientKeyPair> make_keys(std::size_t n, std::uint8_t tag = 1) {
  SeededRng rng = seeded(tag);
  std::vector<RecipientKeyPair> keys;
  for (std::size_t i = 0; i < n; ++i) {
    auto kp = generate_recipient_key(rng);
    EXPECT_TRUE(kp.ok());
    keys.push_back(kp.value());
  }
  return keys;
}

std::vector<Key32> publics(const std::vector<RecipientKeyPair>& keys) {
  std::vector<Key32> out;
  for (const auto& k : keys) out.push_back(k.public_key);
  return out;
}

Bytes pattern(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return b;
}

std::size_t expected_size(std::size_t recipients, std::size_t bucket) {
  return kHeaderFixed + kStanzaBytes * recipients + kNonce + bucket + kTag;
}

Bytes seal(const std::vector<RecipientKeyPair>& keys, const Bytes& plaintext, std::uint8_t tag = 42) {
  SeededRng rng = seeded(tag);
  auto sealed = seal_envelope(publics(keys), plaintext, rng);
  EXPECT_TRUE(sealed.ok()) << (sealed.ok() ? "" : sealed.error().detail);
  return sealed.ok() ? sealed.value() : Bytes{};
}

void expect_error(const RecipientKeyPair& key, const Bytes& envelope, Errc code, const char* what) {
  auto r = open_envelope(key, envelope);
  ASSERT_FALSE(r.ok()) << what << ": opened";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

TEST(Envelope, RoundTripsForOneRecipient) {
  const auto keys = make_keys(1);
  const Bytes plaintext = to_bytes("{\"kind\":\"feedback\"}");
  const Bytes env = seal(keys, plaintext);
  ASSERT_EQ(env.size(), expected_size(1, 1024));
  EXPECT_EQ(0, std::memcmp(env.data(), "PARLEY\x02\x01", 8));
  auto opened = open_envelope(keys[0], env);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened.value(), plaintext);
}

TEST(Envelope, EveryOneOfThreeRecipientsCanOpen) {
  const auto keys = make_keys(3);
  const Bytes plaintext = pattern(3000);
  const Bytes env = seal(keys, plaintext);
  ASSERT_EQ(env.size(), expected_size(3, 4096));
  EXPECT_EQ(env[7], 3);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto opened = open_envelope(keys[i], env);
    ASSERT_TRUE(opened.ok()) << "recipient " << i << ": " << opened.error().detail;
    EXPECT_EQ(opened.value(), plaintext) << "recipient " << i;
  }
}

TEST(Envelope, HeaderNamesNoRecipient) {
  // Version 2 stanzas are sealed boxes alone: no key ID (or any other trace of a reader's key)
  // appears in the envelope, so storage cannot tell who reads it.
  const auto keys = make_keys(3);
  const Bytes env = seal(keys, pattern(10));
  for (const auto& k : keys) {
    const KeyId id = key_id(KeyKind::recipient, k.public_key);
    EXPECT_EQ(std::search(env.begin(), env.end(), id.begin(), id.end()), env.end());
    EXPECT_EQ(std::search(env.begin(), env.end(), k.public_key.begin(), k.public_key.end()), env.end());
  }
  // Each stanza is a crypto_box_seal of the file key that only its own reader opens.
  std::uint8_t file_key[32];
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = 0; j < keys.size(); ++j) {
      const int rc = crypto_box_seal_open(file_key, env.data() + kHeaderFixed + i * kStanzaBytes, kStanzaBytes,
                                          keys[j].public_key.data(), keys[j].secret_key.data());
      EXPECT_EQ(rc == 0, i == j) << i << " opened by " << j;
    }
  }
}

TEST(Envelope, DecoyStanzasFillTheHeaderAndOpenForNoOne) {
  const auto keys = make_keys(2);
  SeededRng rng = seeded(6);
  const Bytes plaintext = pattern(10);
  auto padded = seal_envelope({keys[0].public_key}, plaintext, rng, 4);
  ASSERT_TRUE(padded.ok()) << padded.error().detail;
  EXPECT_EQ(padded->size(), expected_size(4, 1024));
  EXPECT_EQ((*padded)[7], 4);
  auto opened = open_envelope(keys[0], *padded);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(*opened, plaintext);
  expect_error(keys[1], *padded, Errc::not_for_this_key, "a key the decoys were not sealed to");
  // Fewer than the recipients changes nothing; more than 16 is refused.
  auto unpadded = seal_envelope(publics(keys), plaintext, rng, 1);
  ASSERT_TRUE(unpadded.ok());
  EXPECT_EQ((*unpadded)[7], 2);
  auto too_many = seal_envelope({keys[0].public_key}, plaintext, rng, 17);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, Errc::bad_input);
}

TEST(Envelope, SixteenRecipientsAndLargestPlaintextFitTheMaximum) {
  const auto keys = make_keys(kMaxRecipients, 9);
  const Bytes plaintext = pattern(kMaxPlaintextBytes);
  const Bytes env = seal(keys, plaintext);
  ASSERT_EQ(env.size(), kMaxEnvelopeBytes);
  EXPECT_EQ(kMaxEnvelopeBytes, 132400u);  // the number in docs/FORMAT.md
  auto first = open_envelope(keys.front(), env);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first.value(), plaintext);
  auto last = open_envelope(keys.back(), env);
  ASSERT_TRUE(last.ok()) << last.error().detail;
  EXPECT_EQ(last.value(), plaintext);
}

TEST(Envelope, PadsToBucketSizes) {
  const auto keys = make_keys(2);
  struct Case {
    std::size_t plaintext;
    std::size_t bucket;
  };
  const Case cases[] = {{0, 1024},     {1, 1024},     {1022, 1024},   {1023, 1024},  {1024, 4096},
                        {4095, 4096},  {4096, 16384}, {16383, 16384}, {16384, 65536}, {65535, 65536},
                        {65536, 131072}, {131071, 131072}};
  for (const auto& c : cases) {
    const Bytes plaintext = pattern(c.plaintext);
    const Bytes env = seal(keys, plaintext);
    EXPECT_EQ(env.size(), expected_size(2, c.bucket)) << "plaintext " << c.plaintext;
    auto opened = open_envelope(keys[1], env);
    ASSERT_TRUE(opened.ok()) << "plaintext " << c.plaintext << ": " << opened.error().detail;
    EXPECT_EQ(opened.value(), plaintext) << "plaintext " << c.plaintext;
  }
}

TEST(Envelope, PlaintextThatLooksLikePaddingSurvives) {
  const auto keys = make_keys(1);
  for (const Bytes& plaintext : {Bytes{0x80}, Bytes{0x80, 0x00}, Bytes{'a', 0x80, 0x00, 0x00}, Bytes(1023, 0x00),
                                 Bytes(1023, 0x80)}) {
    auto opened = open_envelope(keys[0], seal(keys, plaintext));
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    EXPECT_EQ(opened.value(), plaintext);
  }
}

TEST(Envelope, SealRefusesTooLargePlaintext) {
  const auto keys = make_keys(1);
  SeededRng rng = seeded(1);
  auto r = seal_envelope(publics(keys), Bytes(131072, 'x'), rng);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::too_large);
}

TEST(Envelope, SealNeedsOneToSixteenRecipients) {
  SeededRng rng = seeded(2);
  auto none = seal_envelope({}, pattern(5), rng);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, Errc::bad_input);
  const auto keys = make_keys(17, 3);
  auto too_many = seal_envelope(publics(keys), pattern(5), rng);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, Errc::bad_input);
}

TEST(Envelope, SealingIsDeterministicForASeed) {
  const auto keys = make_keys(2);
  const Bytes plaintext = pattern(100);
  const Bytes a = seal(keys, plaintext, 7);
  const Bytes b = seal(keys, plaintext, 7);
  const Bytes c = seal(keys, plaintext, 8);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  ASSERT_EQ(a.size(), c.size());
  // Fresh file key and nonce: nothing but the public prefix and key ids is shared.
  EXPECT_NE(0, std::memcmp(a.data() + a.size() - 100, c.data() + c.size() - 100, 100));
}

TEST(Envelope, TwoSealsFromOneRngDiffer) {
  const auto keys = make_keys(1);
  SeededRng rng = seeded(5);
  auto a = seal_envelope(publics(keys), pattern(10), rng);
  auto b = seal_envelope(publics(keys), pattern(10), rng);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a.value(), b.value());
}

TEST(EnvelopeOpen, RefusesOversizedInputFirst) {
  const auto keys = make_keys(1);
  expect_error(keys[0], Bytes(kMaxEnvelopeBytes + 1, 0), Errc::too_large, "one byte over");
  // Oversized but with a valid-looking header: size is still checked first.
  Bytes big = seal(keys, pattern(10));
  big.resize(kMaxEnvelopeBytes + 100, 0);
  expect_error(keys[0], big, Errc::too_large, "padded envelope");
  // At the limit it is not too large, only not an envelope.
  expect_error(keys[0], Bytes(kMaxEnvelopeBytes, 0), Errc::header_failure, "zeros at the limit");
}

TEST(EnvelopeOpen, RefusesBadMagic) {
  const auto keys = make_keys(1);
  const Bytes env = seal(keys, pattern(10));
  for (std::size_t i = 0; i < 6; ++i) {
    Bytes bad = env;
    bad[i] ^= 0x20;  // "pARLEY", "PaRLEY", ...
    expect_error(keys[0], bad, Errc::header_failure, "magic");
  }
  expect_error(keys[0], Bytes{}, Errc::header_failure, "empty");
  expect_error(keys[0], to_bytes("PARLEY"), Errc::header_failure, "magic only");
  expect_error(keys[0], to_bytes("PARLEY\x02"), Errc::header_failure, "no count");
}

TEST(EnvelopeOpen, RefusesOtherVersions) {
  const auto keys = make_keys(1);
  const Bytes env = seal(keys, pattern(10));
  for (std::uint8_t v : {0, 1, 3, 0xff}) {
    Bytes bad = env;
    bad[6] = v;
    expect_error(keys[0], bad, Errc::version_unsupported, "version");
  }
  // The version is checked before the rest of the header.
  expect_error(keys[0], Bytes{'P', 'A', 'R', 'L', 'E', 'Y', 1, 0}, Errc::version_unsupported, "version 1, nothing else");
}

TEST(EnvelopeOpen, RefusesBadRecipientCounts) {
  const auto keys = make_keys(1);
  const Bytes env = seal(keys, pattern(10));
  for (std::uint8_t count : {0, 17, 0xff}) {
    Bytes bad = env;
    bad[7] = count;
    expect_error(keys[0], bad, Errc::header_failure, "count");
  }
  // A count of 2 on a one-recipient envelope: the first stanza still opens, but the header
  // now swallows part of the payload, whose length is then no bucket size.
  Bytes two = env;
  two[7] = 2;
  expect_error(keys[0], two, Errc::payload_failure, "count 2 on a one-recipient envelope");
}

TEST(EnvelopeOpen, RefusesTruncatedHeaders) {
  const auto keys = make_keys(2);
  const Bytes env = seal(keys, pattern(10));
  const std::size_t header = kHeaderFixed + 2 * kStanzaBytes + kNonce;
  for (std::size_t len : {std::size_t{8}, std::size_t{9}, kHeaderFixed + kStanzaBytes, header - 1}) {
    expect_error(keys[0], Bytes(env.begin(), env.begin() + static_cast<std::ptrdiff_t>(len)), Errc::header_failure,
                 "truncated header");
  }
  // The whole header but no payload: the header is fine, the payload length is not.
  expect_error(keys[0], Bytes(env.begin(), env.begin() + static_cast<std::ptrdiff_t>(header)), Errc::payload_failure,
               "header only");
}

TEST(EnvelopeOpen, NotForThisKeyWhenNoStanzaOpens) {
  const auto keys = make_keys(3);
  const auto outsider = make_keys(1, 77);
  const Bytes env = seal({keys[0], keys[1]}, pattern(10));
  expect_error(outsider[0], env, Errc::not_for_this_key, "outsider");
  expect_error(keys[2], env, Errc::not_for_this_key, "third key");
}

TEST(EnvelopeOpen, AFlippedBitInMyStanzaMakesItNotMine) {
  // Without key IDs a damaged stanza and another reader's stanza look the same to a reader:
  // neither opens with its key.
  const auto keys = make_keys(3);
  const Bytes env = seal(keys, pattern(10));
  const std::size_t mine = kHeaderFixed + 1 * kStanzaBytes;  // keys[1]'s sealed key
  for (std::size_t off : {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{47}, std::size_t{48},
                          std::size_t{79}}) {
    Bytes bad = env;
    bad[mine + off] ^= 0x04;
    expect_error(keys[1], bad, Errc::not_for_this_key, "sealed key");
  }
}

TEST(EnvelopeOpen, TheHeaderIsAuthenticatedByThePayload) {
  const auto keys = make_keys(3);
  const Bytes env = seal(keys, pattern(10));
  const std::size_t nonce = kHeaderFixed + 3 * kStanzaBytes;
  {
    Bytes bad = env;
    bad[nonce + 5] ^= 0x01;
    expect_error(keys[1], bad, Errc::payload_failure, "nonce");
  }
  {
    // Another stanza's sealed key (associated data only, for this reader).
    Bytes bad = env;
    bad[kHeaderFixed + 0 * kStanzaBytes + 40] ^= 0x01;
    expect_error(keys[1], bad, Errc::payload_failure, "another sealed key");
  }
  // keys[1]'s stanza was changed: keys[2]'s own stanza still opens, and the payload catches it.
  Bytes bad = env;
  bad[kHeaderFixed + 1 * kStanzaBytes + 2] ^= 0x80;
  expect_error(keys[2], bad, Errc::payload_failure, "keys[1]'s stanza, opened by keys[2]");
}

TEST(EnvelopeOpen, AFlippedBitInThePayloadIsAPayloadFailure) {
  const auto keys = make_keys(1);
  const Bytes env = seal(keys, pattern(10));
  const std::size_t header = kHeaderFixed + kStanzaBytes + kNonce;
  for (std::size_t off : {header, header + 1, header + 500, env.size() - kTag - 1, env.size() - kTag, env.size() - 1}) {
    Bytes bad = env;
    bad[off] ^= 0x40;
    expect_error(keys[0], bad, Errc::payload_failure, "payload");
  }
}

TEST(EnvelopeOpen, RefusesPayloadsOfImpossibleLength) {
  const auto keys = make_keys(1);
  const Bytes env = seal(keys, pattern(10));
  Bytes shorter(env.begin(), env.end() - 1);
  expect_error(keys[0], shorter, Errc::payload_failure, "one byte short");
  Bytes longer = env;
  longer.push_back(0);
  expect_error(keys[0], longer, Errc::payload_failure, "one byte long");
  Bytes no_tag(env.begin(), env.end() - static_cast<std::ptrdiff_t>(kTag));
  expect_error(keys[0], no_tag, Errc::payload_failure, "bucket without tag");
  // A bucket-sized payload that is not the real one: right length, wrong tag.
  Bytes regrown = env;
  regrown.resize(env.size() - 1024 + 4096, 0);
  expect_error(keys[0], regrown, Errc::payload_failure, "next bucket");
}

TEST(EnvelopeShape, ChecksFramingWithoutAKey) {
  const auto keys = make_keys(3);
  const Bytes env = seal(keys, pattern(3000));
  auto shape = envelope_shape(env);
  ASSERT_TRUE(shape.ok()) << shape.error().detail;
  EXPECT_EQ(shape->stanzas, 3u);
  EXPECT_EQ(shape->bucket, 4096u);
  Bytes bad = env;
  bad[6] = 1;
  EXPECT_EQ(envelope_shape(bad).error().code, Errc::version_unsupported);
  EXPECT_EQ(envelope_shape(Bytes(env.begin(), env.end() - 1)).error().code, Errc::payload_failure);
  EXPECT_EQ(envelope_shape(to_bytes("PARLEZ")).error().code, Errc::header_failure);
  EXPECT_EQ(envelope_shape(Bytes(kMaxEnvelopeBytes + 1, 0)).error().code, Errc::too_large);
}

TEST(SealBox, OpensWithCryptoBoxSealOpen) {
  const auto keys = make_keys(1);
  const Bytes message = to_bytes("a file key, or anything else");
  SeededRng rng = seeded(11);
  auto sealed = seal_box(keys[0].public_key, message, rng);
  ASSERT_TRUE(sealed.ok());
  ASSERT_EQ(sealed->size(), crypto_box_SEALBYTES + message.size());
  Bytes opened(message.size());
  ASSERT_EQ(crypto_box_seal_open(opened.data(), sealed->data(), sealed->size(), keys[0].public_key.data(),
                                 keys[0].secret_key.data()),
            0);
  EXPECT_EQ(opened, message);

  // Reproducible from the seed, and the first 32 bytes are the ephemeral public key.
  SeededRng again = seeded(11);
  auto sealed_again = seal_box(keys[0].public_key, message, again);
  ASSERT_TRUE(sealed_again.ok());
  EXPECT_EQ(sealed.value(), sealed_again.value());
  EXPECT_NE(0, std::memcmp(sealed->data(), keys[0].public_key.data(), 32));

  // Another key cannot open it.
  const auto other = make_keys(1, 99);
  EXPECT_NE(crypto_box_seal_open(opened.data(), sealed->data(), sealed->size(), other[0].public_key.data(),
                                 other[0].secret_key.data()),
            0);
}

TEST(SealBox, EmptyMessage) {
  const auto keys = make_keys(1);
  SeededRng rng = seeded(12);
  auto sealed = seal_box(keys[0].public_key, Bytes{}, rng);
  ASSERT_TRUE(sealed.ok());
  ASSERT_EQ(sealed->size(), crypto_box_SEALBYTES);
  std::uint8_t unused[1];
  EXPECT_EQ(crypto_box_seal_open(unused, sealed->data(), sealed->size(), keys[0].public_key.data(),
                                 keys[0].secret_key.data()),
            0);
}

}  // namespace
}  // namespace parley
