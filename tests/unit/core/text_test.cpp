#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace parley {
namespace {

using namespace std::string_view_literals;

TEST(Utf8, AcceptsAsciiAndEmpty) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("hello, world"));
  EXPECT_TRUE(is_valid_utf8("\x7f"));
  EXPECT_TRUE(is_valid_utf8("a\0b"sv));  // NUL is valid UTF-8 (is_clean_text refuses it)
}

TEST(Utf8, AcceptsWellFormedMultiByteSequences) {
  EXPECT_TRUE(is_valid_utf8("\xc2\x80"));              // U+0080, smallest 2-byte
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9"));           // é
  EXPECT_TRUE(is_valid_utf8("\xdf\xbf"));              // U+07FF
  EXPECT_TRUE(is_valid_utf8("\xe0\xa0\x80"));          // U+0800, smallest 3-byte
  EXPECT_TRUE(is_valid_utf8("\xe2\x82\xac"));          // €
  EXPECT_TRUE(is_valid_utf8("\xed\x9f\xbf"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xee\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(is_valid_utf8("\xef\xbf\xbf"));          // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xf0\x90\x80\x80"));      // U+10000, smallest 4-byte
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));      // 😀
  EXPECT_TRUE(is_valid_utf8("ok \xf0\x9f\x91\x8d!"));  // 👍 between ASCII
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));      // U+10FFFF, the last code point
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // NUL, 2 bytes
  EXPECT_FALSE(is_valid_utf8("\xc1\xbf"));          // U+007F, 2 bytes
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\x80"));      // NUL, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xe0\x9f\xbf"));      // U+07FF, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xf0\x80\x80\x80"));  // NUL, 4 bytes
  EXPECT_FALSE(is_valid_utf8("\xf0\x8f\xbf\xbf"));  // U+FFFF, 4 bytes
  EXPECT_FALSE(is_valid_utf8("a\xc0\xafz"));        // the classic overlong '/'
}

TEST(Utf8, RejectsSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // U+D800
  EXPECT_FALSE(is_valid_utf8("\xed\xaf\xbf"));  // U+DBFF
  EXPECT_FALSE(is_valid_utf8("\xed\xb0\x80"));  // U+DC00
  EXPECT_FALSE(is_valid_utf8("\xed\xbf\xbf"));  // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\xbd\xed\xb8\x80"));  // CESU-8 pair for U+1F600
}

TEST(Utf8, RejectsCodePointsBeyondUnicode) {
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xf7\xbf\xbf\xbf"));  // U+1FFFFF
  EXPECT_FALSE(is_valid_utf8("\xf8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(is_valid_utf8("\xfc\x84\x80\x80\x80\x80"));  // 6-byte form
  EXPECT_FALSE(is_valid_utf8("\xfe"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
}

TEST(Utf8, RejectsTruncatedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xc3"));
  EXPECT_FALSE(is_valid_utf8("caf\xc3"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));
  EXPECT_FALSE(is_valid_utf8("\xe2"));
  EXPECT_FALSE(is_valid_utf8("\xf0\x9f\x98"));
  EXPECT_FALSE(is_valid_utf8("\xf0\x9f"));
  EXPECT_FALSE(is_valid_utf8("\xf0"));
  // A truncated sequence followed by ASCII: the ASCII is not a continuation byte.
  EXPECT_FALSE(is_valid_utf8("\xc3" "a"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x82" "a"));
  EXPECT_FALSE(is_valid_utf8("\xf0\x9f\x98" "a"));
  // Truncated by a string_view that ends in the middle of a valid character.
  const std::string_view smile = "\xf0\x9f\x98\x80";
  for (std::size_t n = 1; n < smile.size(); ++n) EXPECT_FALSE(is_valid_utf8(smile.substr(0, n))) << n;
  EXPECT_TRUE(is_valid_utf8(smile));
}

TEST(Utf8, RejectsStrayContinuationBytes) {
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("a\xbf"));
  EXPECT_FALSE(is_valid_utf8("\xc3\xa9\xa9"));  // one continuation too many
}

TEST(Utf8Length, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("caf\xc3\xa9"), 4u);                 // 5 bytes
  EXPECT_EQ(utf8_length("\xe2\x82\xac"), 1u);                // 3 bytes
  EXPECT_EQ(utf8_length("\xf0\x9f\x98\x80"), 1u);            // 4 bytes
  EXPECT_EQ(utf8_length("a\xf0\x9f\x98\x80" "b\xc3\xa9"), 4u);
  EXPECT_EQ(utf8_length("a\0b"sv), 3u);
}

TEST(CleanText, AcceptsPlainText) {
  EXPECT_TRUE(is_clean_text("", 0, false));
  EXPECT_TRUE(is_clean_text("Hello", 5, false));
  EXPECT_TRUE(is_clean_text("Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x98\x80", 7, false));
}

TEST(CleanText, RejectsControlCharacters) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string s = std::string("a") + static_cast<char>(c) + "b";
    const bool allowed_multiline = c == '\n' || c == '\t';
    EXPECT_FALSE(is_clean_text(s, 100, false)) << "control " << c;
    EXPECT_EQ(is_clean_text(s, 100, true), allowed_multiline) << "control " << c;
  }
  EXPECT_FALSE(is_clean_text("a\x7f" "b", 100, false));
  EXPECT_FALSE(is_clean_text("a\x7f" "b", 100, true));
  EXPECT_FALSE(is_clean_text("line\r\nline", 100, true));
}

TEST(CleanText, NewlineOnlyWhenMultiline) {
  EXPECT_FALSE(is_clean_text("one\ntwo", 100, false));
  EXPECT_TRUE(is_clean_text("one\ntwo", 100, true));
  EXPECT_FALSE(is_clean_text("one\ttwo", 100, false));
  EXPECT_TRUE(is_clean_text("one\ttwo", 100, true));
  EXPECT_TRUE(is_clean_text("\n\n\n", 3, true));
}

TEST(CleanText, RejectsInvalidUtf8) {
  EXPECT_FALSE(is_clean_text("\xc0\x80", 100, true));
  EXPECT_FALSE(is_clean_text("\xed\xa0\x80", 100, true));
  EXPECT_FALSE(is_clean_text("abc\xe2\x82", 100, false));
}

TEST(CleanText, MaxCharsCountsCodePointsNotBytes) {
  const std::string four_emoji = "\xf0\x9f\x98\x80\xf0\x9f\x98\x81\xf0\x9f\x98\x82\xf0\x9f\x98\x83";  // 16 bytes
  EXPECT_TRUE(is_clean_text(four_emoji, 4, false));
  EXPECT_FALSE(is_clean_text(four_emoji, 3, false));
  const std::string accents = "\xc3\xa9\xc3\xa9\xc3\xa9";  // 3 characters, 6 bytes
  EXPECT_TRUE(is_clean_text(accents, 3, false));
  EXPECT_FALSE(is_clean_text(accents, 2, false));
  EXPECT_TRUE(is_clean_text(std::string(120, 'x'), 120, false));
  EXPECT_FALSE(is_clean_text(std::string(121, 'x'), 120, false));
  // Newlines count as characters too.
  EXPECT_TRUE(is_clean_text("ab\n", 3, true));
  EXPECT_FALSE(is_clean_text("ab\n\n", 3, true));
}

}  // namespace
}  // namespace parley
