#include "core/listing.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

const std::string kA = "0123456789abcdef0123456789abcdef.parley";
const std::string kB = "fedcba9876543210fedcba9876543210.parley";

TEST(ListingTest, ServePyAndNginxShapes) {
  EXPECT_EQ(listing_names(R"({"objects":[{"name":")" + kA + R"("},{"name":")" + kB + R"("}]})").value(),
            (std::vector<std::string>{kA, kB}));
  EXPECT_EQ(listing_names(R"([{"name":")" + kA + R"(","type":"file","size":1100},{"name":"sub","type":"directory"}])").value(),
            (std::vector<std::string>{kA}));
}

TEST(ListingTest, OnlyEnvelopeNamesAreKept) {
  const auto names = listing_names(R"([{"name":"../etc/passwd"},{"name":"index.html"},{"name":")" + kA +
                                   R"("},{"name":"0123456789ABCDEF0123456789ABCDEF.parley"},{"name":7}])");
  EXPECT_EQ(names.value(), (std::vector<std::string>{kA}));
}

TEST(ListingTest, StoragePrefixEndsInOneSlash) {
  EXPECT_EQ(storage_prefix("https://s.example/store/abc"), "https://s.example/store/abc/");
  EXPECT_EQ(storage_prefix("https://s.example/store/abc//"), "https://s.example/store/abc/");
}

TEST(ListingTest, NotAListing) {
  EXPECT_EQ(listing_names("<html>").error().code, Errc::bad_input);
  EXPECT_EQ(listing_names(R"({"error":"nope"})").error().code, Errc::bad_input);
  EXPECT_TRUE(listing_names("[]").value().empty());
}

}  // namespace
}  // namespace parley
