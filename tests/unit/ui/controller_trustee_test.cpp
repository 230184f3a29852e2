// The Controller's respondent path in a trustee campaign: a personal link's code is kept with
// the campaign and sealed, with the time sent, inside the envelope for the trustee (the client's
// seal_for_storage); the plain campaign link leads to a problem screen that says why, before
// anything is typed.
#include "ui/controller.h"

#include <gtest/gtest.h>

#include "core/invitations.h"
#include "core/trustee.h"
#include "support/controller_harness.h"
#include "support/trustee_campaigns.h"

namespace parley::ui {
namespace {

class ControllerTrusteeTest : public testing::ControllerHarness {
 protected:
  void SetUp() override {
    controller.start("", kToday);
    platform.now = testing::kSentInWindow;
  }
  testing::TrusteeCampaign t = testing::trustee_campaign();
  std::string code = invitation_code(t.trustee.secret_key, t.campaign.manifest_hash, 2).value();
};

TEST_F(ControllerTrusteeTest, APersonalLinksAnswerIsSealedToTheTrusteeWithItsCode) {
  controller.apply(OpenLink{personal_link(t.link, code)});
  ASSERT_EQ(controller.state().screen, Screen::intro);
  EXPECT_EQ(controller.state().invite, code);
  controller.apply(StartFeedback{});
  controller.apply(AnswerNumber{0, 4});
  controller.apply(AnswerNumber{1, 9});
  controller.apply(Review{});
  ASSERT_EQ(controller.state().screen, Screen::feedback_review) << controller.state().notice.text;
  controller.apply(Send{});
  ASSERT_EQ(controller.state().screen, Screen::sent) << controller.state().notice.text;
  ASSERT_EQ(controller.state().outbox.items().size(), 1u);
  const Bytes& envelope = controller.state().outbox.items()[0].envelope;
  EXPECT_EQ(open_submission(t.manager, envelope, t.campaign).error().code, Errc::not_for_this_key);
  auto outer = open_outer(t.trustee, envelope, t.campaign);
  ASSERT_TRUE(outer.ok()) << outer.error().detail;
  EXPECT_EQ(outer->invite->code, code);
  EXPECT_EQ(outer->sent, "2026-11-20T09:15:00Z");
  EXPECT_EQ(open_submission(t.manager, outer->inner, t.campaign)->answers.at("mood").number, 4);
}

TEST_F(ControllerTrusteeTest, ThePlainLinkSaysAPersonalLinkIsNeeded) {
  controller.apply(OpenLink{t.link});
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_EQ(controller.state().problem.title, "This campaign needs your personal invitation link");
  EXPECT_NE(controller.state().problem.detail.find("Works council"), std::string::npos);
  EXPECT_FALSE(controller.state().campaign.has_value());
}

}  // namespace
}  // namespace parley::ui
