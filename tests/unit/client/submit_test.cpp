// What a respondent's send seals: to the readers in a direct campaign, to the trustee with the
// personal link's code and the time sent in a trustee campaign, and nothing at all for a trustee
// campaign opened without a personal link.
#include "client/submit.h"

#include <gtest/gtest.h>

#include "core/listing.h"
#include "core/invitations.h"
#include "core/trustee.h"
#include "support/campaigns.h"
#include "support/trustee_campaigns.h"

namespace parley::client {
namespace {

using testing::seeded;

TEST(Submit, ADirectCampaignSealsToItsReadersAndIgnoresACode) {
  const testing::SignedCampaign t = testing::signed_campaign();
  SeededRng rng = seeded(71);
  const std::string code = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  EXPECT_EQ(link_access(t.campaign, ""), LinkAccess::direct);
  EXPECT_EQ(link_access(t.campaign, code), LinkAccess::direct);
  const Submission s = testing::feedback_with_mood(t.campaign, 4);
  auto sealed = seal_for_storage(t.campaign, s, code, 0, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto opened = open_submission(t.manager, *sealed, t.campaign);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->answers.at("mood").number, 4);
}

TEST(Submit, ATrusteeCampaignSealsToTheTrusteeWithTheCodeAndTheTimeSent) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  SeededRng rng = seeded(72);
  const std::string code = invitation_code(t.trustee.secret_key, t.campaign.manifest_hash, 3).value();
  EXPECT_EQ(link_access(t.campaign, code), LinkAccess::invited);
  auto sealed = seal_for_storage(t.campaign, testing::feedback_with_mood(t.campaign, 2), code, testing::kSentInWindow, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  EXPECT_EQ(open_submission(t.manager, *sealed, t.campaign).error().code, Errc::not_for_this_key);  // the manager never opens it
  auto outer = open_outer(t.trustee, *sealed, t.campaign);
  ASSERT_TRUE(outer.ok()) << outer.error().detail;
  ASSERT_TRUE(outer->invite.has_value());
  EXPECT_EQ(outer->invite->code, code);
  EXPECT_EQ(outer->sent, "2026-11-20T09:15:00Z");
  EXPECT_EQ(open_submission(t.manager, outer->inner, t.campaign)->answers.at("mood").number, 2);
}

TEST(Submit, ATrusteeCampaignWithoutAPersonalLinkSendsNothing) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  SeededRng rng = seeded(73);
  EXPECT_EQ(link_access(t.campaign, ""), LinkAccess::needs_invitation);
  const AccessProblem problem = needs_invitation_problem(t.campaign);
  EXPECT_EQ(problem.title, "This campaign needs your personal invitation link");
  EXPECT_NE(problem.detail.find("Works council"), std::string::npos);
  auto sealed = seal_for_storage(t.campaign, testing::feedback_with_mood(t.campaign, 2), "", testing::kSentInWindow, rng);
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.error().code, Errc::bad_input);
  EXPECT_EQ(sealed.error().detail, problem.detail);
}

TEST(Submit, TheOutboxEntryIsNamedForItsBytesAndAddressedInTheCampaignsStorage) {
  const testing::SignedCampaign t = testing::signed_campaign();
  SeededRng rng = seeded(74);
  const Bytes envelope = seal_submission(t.campaign, testing::feedback_with_mood(t.campaign, 3), rng).value();
  auto item = outbox_item(t.campaign, envelope, "feedback", rng);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->name, object_name(envelope));
  EXPECT_EQ(item->url, storage_prefix(t.campaign.storage.url) + item->name);
  EXPECT_EQ(item->envelope, envelope);
  EXPECT_EQ(item->kind, "feedback");
  EXPECT_EQ(item->boundary, "");  // http-put: no form
}

}  // namespace
}  // namespace parley::client
