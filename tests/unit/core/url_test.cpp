// The one URL parser (core/url.h): what it accepts, how it normalises and what it refuses.
#include "core/url.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace parley {
namespace {

TEST(Url, EncodesTheWayS3Wants) {
  EXPECT_EQ(uri_encode("a b+c/d~e", true), "a%20b%2Bc/d~e");
  EXPECT_EQ(uri_encode("a b+c/d~e", false), "a%20b%2Bc%2Fd~e");
  EXPECT_EQ(uri_encode("!'()*$%=&?#", false), "%21%27%28%29%2A%24%25%3D%26%3F%23");
  EXPECT_EQ(uri_encode("\xc3\xa9", false), "%C3%A9");
}

TEST(Url, ParsesHttpAndHttpsStrictly) {
  auto u = parse_url("http://127.0.0.1:7480/Bucket/in%20box/a+b.parley?list-type=2&prefix=in%2Fx&flag");
  ASSERT_TRUE(u.ok()) << u.error().detail;
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "127.0.0.1:7480");
  EXPECT_EQ(u->path, "/Bucket/in box/a+b.parley");
  ASSERT_EQ(u->query.size(), 3u);
  EXPECT_EQ(u->query[1], (std::pair<std::string, std::string>{"prefix", "in/x"}));
  EXPECT_EQ(u->query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(format_url(*u), "http://127.0.0.1:7480/Bucket/in%20box/a%2Bb.parley?list-type=2&prefix=in%2Fx&flag=");
  // Default ports are not part of the Host header; host names are case-insensitive.
  EXPECT_EQ(parse_url("https://EXAMPLE.com:443")->host, "example.com");
  EXPECT_EQ(parse_url("https://example.com:443")->path, "/");
  EXPECT_EQ(parse_url("http://example.com:80/x")->host, "example.com");
  EXPECT_EQ(parse_url("http://[::1]:8080/x")->host, "[::1]:8080");
  for (const char* bad : {"ftp://example.com/", "https://user:pw@example.com/", "https://example.com/a#b", "https://exa mple.com/",
                          "https://example.com:0/", "https://example.com:65536/", "https://example.com:/", "https:///x",
                          "https://example.com/%zz", "https://example.com/%4", "https://ex_ample.com/"}) {
    auto r = parse_url(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) EXPECT_EQ(r.error().code, Errc::bad_input);
  }
}

TEST(Url, OriginIsSchemeAndHost) {
  EXPECT_EQ(origin_of(*parse_url("https://Parley.example:443/app/index.html?x=1")), "https://parley.example");
  EXPECT_EQ(origin_of(*parse_url("http://127.0.0.1:8000/")), "http://127.0.0.1:8000");
}

TEST(Text, AsciiLowerLeavesOtherBytesAlone) {
  EXPECT_EQ(ascii_lower("X-Amz-Date"), "x-amz-date");
  EXPECT_EQ(ascii_lower("\xc3\x89T\xc3\xa9"), "\xc3\x89t\xc3\xa9");  // only A-Z change
}

}  // namespace
}  // namespace parley
