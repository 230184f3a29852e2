#include "core/bytes.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(Hex, RoundTrips) {
  const Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(hex_encode(b), "0001abff");
  auto back = hex_decode("0001ABff");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), b);
}

TEST(Hex, RejectsOddLengthAndNonHex) {
  EXPECT_EQ(hex_decode("abc").error().code, Errc::bad_input);
  EXPECT_EQ(hex_decode("zz").error().code, Errc::bad_input);
  EXPECT_EQ(hex_decode("00 1").error().code, Errc::bad_input);
}

TEST(Base64Url, MatchesRfc4648Vectors) {
  // RFC 4648 section 10, in the URL-safe alphabet without padding.
  EXPECT_EQ(base64url_encode(to_bytes("")), "");
  EXPECT_EQ(base64url_encode(to_bytes("f")), "Zg");
  EXPECT_EQ(base64url_encode(to_bytes("fo")), "Zm8");
  EXPECT_EQ(base64url_encode(to_bytes("foo")), "Zm9v");
  EXPECT_EQ(base64url_encode(to_bytes("foobar")), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode(Bytes{0xfb, 0xff}), "-_8");
}

TEST(Base64Url, DecodesAndRejectsOtherAlphabetsAndPadding) {
  auto ok = base64url_decode("-_8");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), (Bytes{0xfb, 0xff}));
  EXPECT_FALSE(base64url_decode("+/8").ok());
  EXPECT_FALSE(base64url_decode("Zg==").ok());
  EXPECT_FALSE(base64url_decode("Z").ok());
}

TEST(Errc, HasStableNames) {
  EXPECT_STREQ(to_string(Errc::bad_input), "bad-input");
  EXPECT_STREQ(to_string(Errc::crypto_failure), "crypto-failure");
}

}  // namespace
}  // namespace parley
