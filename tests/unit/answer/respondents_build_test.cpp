// The respondents' build (ui/edition.h, PARLEY_ORGANISERS=0), as answer.wasm has it: the same
// controller and views without the organisers' screens. A person answers and asks for mediation
// exactly as in the full app; every way in to an organiser's screen loads the full app there.
#include <gtest/gtest.h>

#include "core/submission.h"
#include "support/campaigns.h"
#include "support/headless_views.h"
#include "ui/edition.h"

namespace parley::ui {
namespace {

static_assert(!kOrganisers, "this test binary links parley_ui_answer");

class RespondentsBuild : public testing::HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    controller.start("http://127.0.0.1:8000/", kToday);
  }
  testing::SignedCampaign t = testing::signed_campaign();
};

TEST_F(RespondentsBuild, APersonAnswersAndTheManagerCanOpenIt) {
  controller.apply(OpenLink{t.link});
  ASSERT_EQ(controller.state().screen, Screen::intro);
  controller.apply(StartFeedback{});
  controller.apply(AnswerNumber{0, 4});
  controller.apply(AnswerNumber{1, 9});
  controller.apply(AnswerNumber{2, 1});
  controller.apply(AnswerPicked{3, 0, true});
  controller.apply(Review{});
  controller.apply(Send{});
  ASSERT_EQ(controller.state().screen, Screen::sent);
  controller.tick(0, kToday);
  ASSERT_EQ(platform.sent.size(), 1u);
  auto opened = open_submission(t.manager, platform.sent[0].body, t.campaign);
  ASSERT_TRUE(opened) << opened.error().detail;
  EXPECT_EQ(opened->answers.at("mood").number, 4);
  EXPECT_TRUE(platform.loaded_app.empty());
}

TEST_F(RespondentsBuild, AMediationRequestGoesOut) {
  controller.apply(OpenLink{t.link});
  controller.apply(StartMediation{});
  controller.apply(Edit{Field::mediation_what, -1, "Repeated comments in standups."});
  controller.apply(Review{});
  controller.apply(Send{});
  ASSERT_EQ(controller.state().screen, Screen::sent);
  controller.tick(0, kToday);
  ASSERT_EQ(platform.sent.size(), 1u);
  EXPECT_TRUE(open_submission(t.mediator, platform.sent[0].body, t.campaign));
}

// The welcome screen's organiser buttons, clicked as a person would: each loads the full app
// at the screen it names, and this page stays where it was until the full app replaces it.
TEST_F(RespondentsBuild, OrganisersButtonsLoadTheFullAppThere) {
  const std::pair<const char*, const char*> buttons[] = {
      {"create_campaign", "#go=create-campaign"},
      {"open_results", "#go=open-results"},
      {"create_mediator", "#go=create-mediator-key"},
      {"create_trustee", "#go=create-trustee-key"},
  };
  for (const auto& [button, fragment] : buttons) {
    platform.loaded_app.clear();
    click(button);
    ASSERT_EQ(platform.loaded_app.size(), 1u) << button;
    EXPECT_EQ(platform.loaded_app[0], fragment);
    EXPECT_EQ(controller.state().screen, Screen::welcome);
    EXPECT_FALSE(controller.state().keys.has_value());
  }
}

// Any other organiser's action (none of this build's screens emit one) loads the full app's
// welcome rather than doing nothing.
TEST_F(RespondentsBuild, AnyOtherOrganisersActionLoadsTheFullAppsWelcome) {
  controller.apply(OpenResults{});
  controller.apply(SignCampaign{});
  EXPECT_EQ(platform.loaded_app, (std::vector<std::string>{"#", "#"}));
  EXPECT_EQ(controller.state().screen, Screen::welcome);
}

// The full app's address never lands here (shell/edition.js), but if it did, it is no loop.
TEST_F(RespondentsBuild, AGoFragmentIsNotTakenUp) {
  controller.start("http://127.0.0.1:8000/#go=create-campaign", kToday);
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_TRUE(platform.loaded_app.empty());
}

TEST_F(RespondentsBuild, TheSnapshotHoldsNoOrganisersState) {
  EXPECT_FALSE(controller.snapshot().contains("keys_in_memory"));
  EXPECT_EQ(controller.snapshot()["screen"], "welcome");
}

}  // namespace
}  // namespace parley::ui
