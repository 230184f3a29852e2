// Secrets wipe themselves: Secret when replaced, moved from, cleared or destroyed; copied secret keys (SecretKey32) when moved from or destroyed; key pairs when destroyed.
#include "core/secret.h"

#include <gtest/gtest.h>

#include <new>
#include <utility>

#include "core/keys.h"

namespace parley {
namespace {

TEST(Secret, HoldsWhatItIsGiven) {
  Secret s = "correct horse battery staple";
  EXPECT_EQ(s, "correct horse battery staple");
  EXPECT_EQ(s.size(), 28u);
  s.assign("x");
  EXPECT_EQ(s.view(), "x");
  s.clear();
  EXPECT_TRUE(s.empty());
}

TEST(Secret, CopiesAreIndependentAndMovesEmptyTheSource) {
  Secret a = "first";
  Secret b = a;
  b.assign("second");
  EXPECT_EQ(a, "first");
  Secret c = std::move(a);
  EXPECT_EQ(c, "first");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the point of the test
  b = std::move(c);
  EXPECT_EQ(b, "first");
  EXPECT_TRUE(c.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(Secret, AssigningFromItsOwnViewKeepsTheValue) {
  Secret s = "passphrase-passphrase";
  s.assign(s.view().substr(11));
  EXPECT_EQ(s, "passphrase");
  s = s;  // NOLINT: self-assignment is harmless
  EXPECT_EQ(s, "passphrase");
}

// clear() keeps the heap block (std::string::clear does not free it), so the bytes a Secret
// held can be read back after wiping: they must be zero.
TEST(Secret, ClearZeroesTheBytesInPlace) {
  Secret s = "a secret that must not linger";
  const char* at = s.view().data();
  const std::size_t n = s.size();
  s.clear();
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(at[i], '\0') << "byte " << i;
}

TEST(Secret, AMovedFromSecretIsZeroedInPlace) {
  Secret from = "moved secrets leave nothing behind";
  const char* at = from.view().data();
  const std::size_t n = from.size();
  Secret to = std::move(from);
  EXPECT_EQ(to, "moved secrets leave nothing behind");
  EXPECT_NE(to.view().data(), at);  // a copy was made, and the source block wiped
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(at[i], '\0') << "byte " << i;
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// Key pairs wipe their secret half when they go: built in storage this test owns, destroyed,
// then the storage is read back.
template <typename Pair>
void expect_wiped_on_destruction() {
  alignas(Pair) unsigned char storage[sizeof(Pair)];
  auto* pair = new (storage) Pair{};
  pair->secret_key.fill(0xA5);
  const std::size_t offset = reinterpret_cast<unsigned char*>(pair->secret_key.data()) - storage;
  const std::size_t n = pair->secret_key.size();
  pair->~Pair();
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(storage[offset + i], 0) << "byte " << i;
}

TEST(Secret, CopiedSecretKeysWipeThemselves) {
  Key32 key;
  key.fill(0xA5);
  SecretKey32 from = key;
  SecretKey32 to = std::move(from);
  EXPECT_EQ(to.get(), key);
  EXPECT_EQ(from.get(), Key32{});  // NOLINT: reading a moved-from key is the point
  SecretKey32 again;
  again = std::move(to);
  EXPECT_EQ(to.get(), Key32{});  // NOLINT
  alignas(SecretKey32) unsigned char storage[sizeof(SecretKey32)];
  auto* held = new (storage) SecretKey32(key);
  const std::size_t offset = reinterpret_cast<const unsigned char*>(held->get().data()) - storage;
  held->~SecretKey32();
  for (std::size_t i = 0; i < key.size(); ++i) EXPECT_EQ(storage[offset + i], 0) << "byte " << i;
}

TEST(Secret, KeyPairsWipeTheirSecretHalf) {
  expect_wiped_on_destruction<RecipientKeyPair>();
  expect_wiped_on_destruction<SigningKeyPair>();
}

}  // namespace
}  // namespace parley
