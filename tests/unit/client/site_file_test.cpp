// The site file as the app fetches it: none, loaded or broken, never anything in between.
#include "client/site_file.h"

#include <gtest/gtest.h>

#include "support/campaigns.h"
#include "support/fake_platform.h"

namespace parley::client {
namespace {

std::string a_site_file() {
  return R"({"v":1,"signers":[{"label":"People team","key":")" +
         encode_public_key(KeyKind::signing, parley::testing::campaign_keys().signer.public_key) +
         R"("}],"storage":["http://127.0.0.1:8000"]})";
}

TEST(SiteFile, IsAskedForOnceFromTheAppsOwnOrigin) {
  parley::testing::FakePlatform platform;
  SiteFile site;
  site.load(platform, "http://127.0.0.1:8000");
  ASSERT_EQ(platform.sent.size(), 1u);
  EXPECT_EQ(platform.sent[0].method, "GET");
  EXPECT_EQ(platform.sent[0].url, "http://127.0.0.1:8000/parley-site.json");
  EXPECT_EQ(site.state(), SiteFile::State::unknown);  // links wait for the answer
  platform.answer(200, to_bytes(a_site_file()), "application/json");
  ASSERT_EQ(site.state(), SiteFile::State::loaded);
  ASSERT_NE(site.site(), nullptr);
  EXPECT_EQ(site.site()->signers[0].label, "People team");
}

TEST(SiteFile, NoneWhenTheHostHasNoneOrDoesNotAnswer) {
  for (int status : {404, 204, 0}) {
    parley::testing::FakePlatform platform;
    SiteFile site;
    site.load(platform, "http://127.0.0.1:8000");
    platform.answer(status);
    EXPECT_EQ(site.state(), SiteFile::State::none) << status;
    EXPECT_EQ(site.site(), nullptr);
  }
}

TEST(SiteFile, NoneWithoutAnOriginToAsk) {
  parley::testing::FakePlatform platform;
  SiteFile site;
  site.load(platform, "");
  EXPECT_TRUE(platform.sent.empty());
  EXPECT_EQ(site.state(), SiteFile::State::none);
}

TEST(SiteFile, BrokenWhenServedButUnusable) {
  for (const auto& [status, body] : std::vector<std::pair<int, std::string>>{
           {200, "{}"}, {200, "<html>"}, {500, ""}, {403, ""}, {200, R"({"v":1,"v":1})"}}) {
    parley::testing::FakePlatform platform;
    SiteFile site;
    site.load(platform, "http://127.0.0.1:8000");
    platform.answer(status, to_bytes(body));
    EXPECT_EQ(site.state(), SiteFile::State::broken) << status << " " << body;
    EXPECT_EQ(site.site(), nullptr);
    EXPECT_NE(site.problem().find("Please tell whoever runs this site"), std::string::npos) << site.problem();
  }
}

}  // namespace
}  // namespace parley::client
