// Object names and the reader's content set (core/object_name.h).
#include "core/object_name.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ObjectName, IsTheContentsHash) {
  EXPECT_EQ(object_name(Bytes{}), "cae66941d9efbd404e4d88758ea67670.parley");  // BLAKE2b-128 of nothing
  const Bytes a = to_bytes("an envelope");
  EXPECT_TRUE(is_object_name_of(object_name(a), a));
  EXPECT_FALSE(is_object_name_of(object_name(a), to_bytes("another")));
  EXPECT_FALSE(is_object_name_of("00000000000000000000000000000000.parley", a));
  std::string upper = object_name(a);
  for (char& ch : upper) {
    if (ch >= 'a' && ch <= 'f') ch = static_cast<char>(ch - 'a' + 'A');
  }
  EXPECT_FALSE(is_object_name_of(upper, a)) << "one spelling only";
  EXPECT_FALSE(is_object_name_of(object_name(a).substr(0, 32), a)) << "without the extension";
}

TEST(ObjectSet, TakesEachContentOnceAndOnlyUnderItsName) {
  ObjectSet set;
  const Bytes a = to_bytes("envelope a"), b = to_bytes("envelope b");
  EXPECT_EQ(set.add(object_name(a), a), ObjectVerdict::fresh);
  // The attack: the same envelope stored under other envelope-shaped names.
  EXPECT_EQ(set.add("00000000000000000000000000000000.parley", a), ObjectVerdict::misnamed);
  EXPECT_EQ(set.add(object_name(b), a), ObjectVerdict::misnamed);
  EXPECT_EQ(set.add(object_name(a), a), ObjectVerdict::duplicate);
  // Dropped files have no name of their own: their content decides.
  EXPECT_EQ(set.add(a), ObjectVerdict::duplicate);
  EXPECT_EQ(set.add(b), ObjectVerdict::fresh);
  EXPECT_EQ(set.add(object_name(b), b), ObjectVerdict::duplicate);
  EXPECT_EQ(set.size(), 2u);
  set.clear();
  EXPECT_EQ(set.add(a), ObjectVerdict::fresh);
  EXPECT_STREQ(to_string(ObjectVerdict::misnamed), "misnamed");
  EXPECT_STREQ(to_string(ObjectVerdict::duplicate), "duplicate");
}

}  // namespace
}  // namespace parley
