// Recovery phrases: BIP39's own test vectors, round trips, and the mistakes people make typing
// twelve words (a word off the list, a word swapped, one word too few), each caught with a
// message that says which; the thread key is derived the same way every time.
#include "core/phrase.h"

#include <gtest/gtest.h>

#include "core/bytes.h"
#include "support/rng.h"

namespace parley {
namespace {

PhraseEntropy entropy_of(const std::string& hex) {
  std::array<std::uint8_t, 16> e{};
  const Bytes b = hex_decode(hex).value();
  std::copy(b.begin(), b.end(), e.begin());
  return PhraseEntropy(e);
}

TEST(Phrase, MatchesBip39TestVectors) {
  // From BIP 39's published English vectors (the 128-bit ones).
  const std::pair<const char*, const char*> vectors[] = {
      {"00000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"},
      {"7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank yellow"},
      {"80808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"},
      {"ffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"},
  };
  for (const auto& [hex, words] : vectors) {
    EXPECT_EQ(phrase_from_entropy(entropy_of(hex)), words);
    auto back = entropy_from_phrase(words);
    ASSERT_TRUE(back.ok()) << back.error().detail;
    EXPECT_EQ(hex_encode(Bytes(back->bytes().begin(), back->bytes().end())), hex);
  }
}

TEST(Phrase, RoundTripsAndReadsAsPeopleTypeIt) {
  auto rng = testing::seeded(41);
  for (int i = 0; i < 50; ++i) {
    const PhraseEntropy e = new_phrase_entropy(rng).value();
    const std::string phrase = phrase_from_entropy(e);
    std::string shouted;
    for (char c : phrase) shouted += c == ' ' ? std::string("  \n\t") : std::string(1, static_cast<char>(std::toupper(c)));
    auto back = entropy_from_phrase("  " + shouted + "\n");
    ASSERT_TRUE(back.ok()) << phrase;
    EXPECT_EQ(back->bytes(), e.bytes());
  }
}

TEST(Phrase, TyposAreCaughtAndNamed) {
  const std::string good = "legal winner thank year wave sausage worth useful legal winner thank yellow";
  auto fewer = entropy_from_phrase("legal winner thank year wave sausage worth useful legal winner thank");
  EXPECT_EQ(fewer.error().code, Errc::bad_phrase);
  EXPECT_EQ(fewer.error().detail, "A recovery phrase has 12 words; this one has 11.");
  auto off_list = entropy_from_phrase("legal winner thank year wave sausage worth usefull legal winner thank yellow");
  EXPECT_EQ(off_list.error().code, Errc::bad_phrase);
  EXPECT_NE(off_list.error().detail.find("The eighth word, \"usefull\", is not one of the phrase words"), std::string::npos);
  // Two words swapped: every word is on the list, the checksum catches it.
  auto swapped = entropy_from_phrase("winner legal thank year wave sausage worth useful legal winner thank yellow");
  EXPECT_EQ(swapped.error().code, Errc::bad_phrase);
  EXPECT_NE(swapped.error().detail.find("do not belong together"), std::string::npos);
  EXPECT_TRUE(entropy_from_phrase(good).ok());
}

TEST(Phrase, TheThreadKeyIsDerivedFromThePhraseAlone) {
  const auto a = thread_keys(entropy_of("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f")).value();
  const auto b = thread_keys(entropy_from_phrase("legal winner thank year wave sausage worth useful legal winner thank yellow").value()).value();
  EXPECT_EQ(a.public_key, b.public_key);
  EXPECT_EQ(a.secret_key, b.secret_key);
  const auto c = thread_keys(entropy_of("80808080808080808080808080808080")).value();
  EXPECT_NE(a.public_key, c.public_key);
}

}  // namespace
}  // namespace parley
