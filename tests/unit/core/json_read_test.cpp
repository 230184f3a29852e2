// parse_json: the one way Parley reads JSON from outside.
#include "core/json_read.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ParseJson, ReadsJson) {
  auto j = parse_json(R"({"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]})", "test");
  ASSERT_TRUE(j.ok()) << j.error().detail;
  EXPECT_EQ((*j)["c"][1]["a"], 4);
}

TEST(ParseJson, RefusesAKeyNamedTwiceAtAnyDepth) {
  for (const char* text : {R"({"k":3,"k":50})", R"({"b":{"x":1,"y":2,"x":3}})", R"([{"a":1},{"a":1,"a":2}])",
                           R"({"a":{"a":{"a":1,"a":1}}})"}) {
    auto j = parse_json(text, "The manifest");
    ASSERT_FALSE(j.ok()) << text;
    EXPECT_EQ(j.error().code, Errc::schema_failure);
    EXPECT_EQ(j.error().detail, "The manifest names the same field twice.");
  }
}

TEST(ParseJson, TheSameKeyInSiblingObjectsIsFine) {
  EXPECT_TRUE(parse_json(R"([{"a":1},{"a":2}])", "test").ok());
  EXPECT_TRUE(parse_json(R"({"a":{"a":1},"b":{"a":2}})", "test").ok());
}

TEST(ParseJson, RefusesWhatIsNotJson) {
  auto j = parse_json("{\"a\":", "The listing");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().detail, "The listing is not valid JSON.");
}

}  // namespace
}  // namespace parley
