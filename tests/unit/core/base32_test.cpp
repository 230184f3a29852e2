#include "core/base32.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "support/rng.h"

namespace parley {
namespace {

using testing::seeded;

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

struct Vector {
  const char* plain;
  const char* encoded;
};

// RFC 4648 section 10, lower case and without padding.
constexpr Vector kRfcVectors[] = {
    {"", ""},
    {"f", "my"},
    {"fo", "mzxq"},
    {"foo", "mzxw6"},
    {"foob", "mzxw6yq"},
    {"fooba", "mzxw6ytb"},
    {"foobar", "mzxw6ytboi"},
};

TEST(Base32, EncodesRfc4648Vectors) {
  for (const auto& v : kRfcVectors) {
    EXPECT_EQ(base32_encode(to_bytes(v.plain)), v.encoded) << "plain: \"" << v.plain << "\"";
  }
}

TEST(Base32, DecodesRfc4648Vectors) {
  for (const auto& v : kRfcVectors) {
    auto decoded = base32_decode(v.encoded);
    ASSERT_TRUE(decoded.ok()) << v.encoded << ": " << decoded.error().detail;
    EXPECT_EQ(to_string(decoded.value()), v.plain) << v.encoded;
  }
}

TEST(Base32, DecodesUpperAndMixedCase) {
  for (const auto& v : kRfcVectors) {
    auto decoded = base32_decode(upper(v.encoded));
    ASSERT_TRUE(decoded.ok()) << upper(v.encoded);
    EXPECT_EQ(to_string(decoded.value()), v.plain);
  }
  auto mixed = base32_decode("MzXw6YtBoI");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(to_string(mixed.value()), "foobar");
}

TEST(Base32, EncodesFullAlphabet) {
  // 0x00 0x44 0x32 0x14 0xc7 0x42 0x54 0xb6 0x35 0xcf 0x84 0x65 0x3a 0x56 0xd7 0xc6 0x75 0xbe 0x77 0xdf
  // is 0..31 in 5-bit groups.
  const Bytes all = {0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf,
                     0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf};
  EXPECT_EQ(base32_encode(all), "abcdefghijklmnopqrstuvwxyz234567");
  auto back = base32_decode("abcdefghijklmnopqrstuvwxyz234567");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), all);
}

TEST(Base32, RejectsImpossibleLengths) {
  // 1, 3 and 6 characters (mod 8) cannot come from whole bytes.
  for (const char* text : {"a", "aaa", "aaaaaa", "aaaaaaaaa", "aaaaaaaaaaa", "aaaaaaaaaaaaaa"}) {
    auto r = base32_decode(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, Errc::bad_input) << text;
  }
  // Every other length is possible (with zero trailing bits).
  for (const char* text : {"aa", "aaaa", "aaaaa", "aaaaaaa", "aaaaaaaa", "aaaaaaaaaa"}) {
    EXPECT_TRUE(base32_decode(text).ok()) << text;
  }
}

TEST(Base32, RejectsCharactersOutsideTheAlphabet) {
  // Lengths here are all possible, so only the character can be the problem.
  for (const char* text : {"m1", "m0", "m8", "m9", "my======", "mz-q", "mzx ", "mz.q", "mzxw6yt\xc3",
                           "mzx\n", "=ab="}) {
    auto r = base32_decode(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, Errc::bad_input) << text;
  }
  // An embedded NUL (string_view with explicit length).
  auto nul = base32_decode(std::string_view("m\0", 2));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, Errc::bad_input);
}

TEST(Base32, RejectsNonZeroTrailingBits) {
  // "my" is "f" with two zero trailing bits; "mz" sets the last one.
  EXPECT_TRUE(base32_decode("my").ok());
  for (const char* text : {"mz", "m3", "mzxr", "mzxs", "mzx7", "mzxw7", "mzxw6yr", "mzxw6ytboj",
                           "MZ"}) {
    auto r = base32_decode(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, Errc::bad_input) << text;
  }
}

TEST(Base32, EncodedLengthIsCeilOfBitsOverFive) {
  for (std::size_t n = 0; n <= 20; ++n) {
    EXPECT_EQ(base32_encode(Bytes(n, 0xff)).size(), (n * 8 + 4) / 5) << n;
  }
}

TEST(Base32, RoundTripsRandomBytesOfEveryLengthUpTo64) {
  SeededRng rng = seeded(0x32);
  for (std::size_t n = 0; n <= 64; ++n) {
    Bytes b(n);
    rng.fill(b.data(), b.size());
    const std::string text = base32_encode(b);
    EXPECT_EQ(text.size(), (n * 8 + 4) / 5);
    EXPECT_TRUE(std::all_of(text.begin(), text.end(),
                            [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); }))
        << text;
    auto back = base32_decode(text);
    ASSERT_TRUE(back.ok()) << "length " << n;
    EXPECT_EQ(back.value(), b) << "length " << n;
    auto back_upper = base32_decode(upper(text));
    ASSERT_TRUE(back_upper.ok()) << "length " << n;
    EXPECT_EQ(back_upper.value(), b) << "length " << n;
  }
}

TEST(Base32, EncodingIsCanonical) {
  // Exactly one text per byte string: every decodable text re-encodes to itself (lower case).
  SeededRng rng = seeded(7);
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  for (std::size_t len : {2u, 4u, 5u, 7u, 8u, 10u}) {
    for (int trial = 0; trial < 50; ++trial) {
      std::string text(len, 'a');
      Bytes pick(len);
      rng.fill(pick.data(), pick.size());
      for (std::size_t i = 0; i < len; ++i) text[i] = alphabet[pick[i] & 31];
      auto decoded = base32_decode(text);
      if (decoded.ok()) {
        EXPECT_EQ(base32_encode(decoded.value()), text);
      } else {
        EXPECT_EQ(decoded.error().code, Errc::bad_input);
      }
    }
  }
}

}  // namespace
}  // namespace parley
