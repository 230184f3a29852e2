#include "core/local_box.h"

#include <gtest/gtest.h>

#include "support/rng.h"

namespace parley {
namespace {

using testing::seeded;

TEST(LocalBoxTest, RoundTripsAndRefusesOtherKeysPurposesAndChanges) {
  auto rng = seeded(1);
  Key32 key{}, other{};
  key[0] = 1;
  other[0] = 2;
  const Bytes note = to_bytes("status: in progress; call back Tuesday");
  auto box = seal_local(key, "inbox:abc", note, rng);
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(box->size(), note.size() + 24 + 16);
  EXPECT_EQ(open_local(key, "inbox:abc", *box).value(), note);
  EXPECT_EQ(open_local(other, "inbox:abc", *box).error().code, Errc::payload_failure);
  EXPECT_EQ(open_local(key, "inbox:xyz", *box).error().code, Errc::payload_failure);
  Bytes changed = *box;
  changed.back() ^= 1;
  EXPECT_EQ(open_local(key, "inbox:abc", changed).error().code, Errc::payload_failure);
  EXPECT_EQ(open_local(key, "inbox:abc", Bytes(10)).error().code, Errc::payload_failure);
}

TEST(LocalBoxTest, EmptyPlaintextIsFine) {
  auto rng = seeded(2);
  Key32 key{};
  auto box = seal_local(key, "p", Bytes{}, rng);
  ASSERT_TRUE(box.ok());
  EXPECT_TRUE(open_local(key, "p", *box).value().empty());
}

}  // namespace
}  // namespace parley
