// A deployment's site file decides which campaign links this copy of Parley opens: a listed
// signer storing at a listed origin opens, named on the intro screen; anything else gets the
// problem screen before anyone types a word; without a site file nothing changes.
#include <gtest/gtest.h>

#include "support/campaigns.h"
#include "support/fake_platform.h"
#include "support/headless_imgui.h"
#include "support/rng.h"
#include "ui/controller.h"
#include "ui/mirror.h"
#include "ui/views.h"

namespace parley::ui {
namespace {

constexpr const char* kToday = "2026-11-30";

std::string site_listing(const Key32& signer, const std::string& origin = "http://127.0.0.1:8000") {
  return R"({"v":1,"signers":[{"label":"People team","key":")" + encode_public_key(KeyKind::signing, signer) +
         R"("}],"storage":[")" + origin + R"("]})";
}

// Every text the screen shows (names and values of the mirror's nodes), one per line.
std::string shown(const AppState& state) {
  ImGui::NewFrame();
  Mirror items;
  items.begin_frame(1.0f);
  std::vector<Action> actions;
  draw_app(state, actions, items);
  ImGui::Render();
  std::string all;
  for (const auto& node : items.nodes()) all += node.name + "\n" + node.value + "\n";
  return all;
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::create_headless_imgui()); }
  void TearDown() override { ImGui::DestroyContext(); }

  // The site file as the page found it: `status` and `body` answer its GET.
  void found(int status, const std::string& body = {}) {
    site.load(platform, "http://127.0.0.1:8000");
    platform.answer(status, to_bytes(body));
    ASSERT_NE(site.state(), client::SiteFile::State::unknown);
  }

  testing::SignedCampaign t = testing::signed_campaign();
  testing::FakePlatform platform;
  SeededRng rng = testing::seeded(5);
  client::InlineOpener opener;
  client::SiteFile site;
  Controller controller{platform, rng, &opener, &site};
};

TEST_F(SiteTest, AListedSignerOpensAndIsNamedOnTheIntroScreen) {
  found(200, site_listing(t.signer.public_key));
  controller.start(t.link, kToday);
  ASSERT_EQ(controller.state().screen, Screen::intro);
  EXPECT_EQ(controller.state().signer_label, "People team");
  const std::string text = shown(controller.state());
  EXPECT_NE(text.find("signed by People team (key "), std::string::npos) << text;
}

TEST_F(SiteTest, AnUnlistedSignerIsRefusedBeforeAnythingIsTyped) {
  found(200, site_listing(testing::campaign_keys(3).signer.public_key));
  controller.start(t.link, kToday);
  ASSERT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_EQ(controller.state().problem.title, "This site does not open \"Team trust pulse\"");
  EXPECT_NE(controller.state().problem.detail.find("not on this site's list"), std::string::npos);
  EXPECT_FALSE(controller.state().campaign.has_value());
}

TEST_F(SiteTest, AListedSignerSendingAnswersElsewhereIsRefused) {
  found(200, site_listing(t.signer.public_key, "https://store.example.org"));
  controller.start(t.link, kToday);
  ASSERT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_NE(controller.state().problem.detail.find("signed by People team, but it would send answers to a storage"),
            std::string::npos);
}

TEST_F(SiteTest, ASiteFileThatCannotBeReadTrustsNoLink) {
  found(200, R"({"v":1})");
  controller.start(t.link, kToday);
  ASSERT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_NE(controller.state().problem.detail.find("Please tell whoever runs this site"), std::string::npos);
}

TEST_F(SiteTest, WithoutASiteFileEveryLinkIsJudgedOnItsOwn) {
  found(404);
  controller.start(t.link, kToday);
  ASSERT_EQ(controller.state().screen, Screen::intro);
  EXPECT_EQ(controller.state().signer_label, "");
  const std::string text = shown(controller.state());
  EXPECT_NE(text.find("signed with key "), std::string::npos) << text;
}

}  // namespace
}  // namespace parley::ui
