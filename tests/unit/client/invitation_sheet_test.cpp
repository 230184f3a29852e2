// A trustee's invitations: one personal link per code, the codes the release will accept, a
// signed statement of how many, and a CSV a spreadsheet cannot turn into formulas.
#include "client/invitation_sheet.h"

#include <gtest/gtest.h>

#include "core/invitations.h"
#include "core/short_link.h"
#include "support/campaigns.h"
#include "support/trustee_campaigns.h"

namespace parley::client {
namespace {

TEST(InvitationSheet, PersonalLinksCarryTheCodesTheReleaseAccepts) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  auto sheet = make_invitations(t.campaign, t.link, t.trustee_keys(), 3);
  ASSERT_TRUE(sheet.ok()) << sheet.error().detail;
  const auto codes = invitation_codes(t.campaign, t.trustee_keys(), 3).value();
  ASSERT_EQ(sheet->invitations.size(), 3u);
  for (std::uint32_t i = 0; i < 3; ++i) {
    const Invitation& inv = sheet->invitations[i];
    EXPECT_EQ(inv.index, i);
    EXPECT_EQ(inv.code, codes[i]);
    EXPECT_EQ(inv.link, t.link + "&i=" + codes[i]);
    auto parts = split_link(inv.link);
    ASSERT_TRUE(parts.ok());
    EXPECT_EQ(parts->invite, codes[i]);
  }
  auto statement = verify_invitations(t.campaign, sheet->statement);
  ASSERT_TRUE(statement.ok()) << statement.error().detail;
  EXPECT_EQ(statement->count, 3u);
  // Made again from a personal link: the same links (its code is replaced, not kept).
  auto again = make_invitations(t.campaign, "  " + sheet->invitations[2].link + "\n", t.trustee_keys(), 3);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->invitations[0].link, sheet->invitations[0].link);
}

TEST(InvitationSheet, ShortLinksMakeShortPersonalLinks) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  const std::string link = short_link("http://127.0.0.1:8000/", manifest_object_url(t.campaign).value());
  auto sheet = make_invitations(t.campaign, link, t.trustee_keys(), 2);
  ASSERT_TRUE(sheet.ok()) << sheet.error().detail;
  EXPECT_EQ(sheet->invitations[1].link, link + "&i=" + sheet->invitations[1].code);
  EXPECT_LT(sheet->invitations[1].link.size(), 150u);
  // The short link of another campaign leads elsewhere.
  const testing::SignedCampaign direct = testing::signed_campaign();
  const std::string other = short_link("http://127.0.0.1:8000/", manifest_object_url(direct.campaign).value());
  EXPECT_EQ(make_invitations(t.campaign, other, t.trustee_keys(), 2).error().code, Errc::bad_input);
}

TEST(InvitationSheet, RefusesLinksThatLeadElsewhereAndKeysThatAreNotTheTrustees) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  const testing::SignedCampaign direct = testing::signed_campaign();
  EXPECT_EQ(make_invitations(t.campaign, direct.link, t.trustee_keys(), 3).error().code, Errc::bad_input);
  EXPECT_EQ(make_invitations(t.campaign, token_from_link(t.link).value(), t.trustee_keys(), 3).error().code, Errc::bad_input);
  KeySet other = t.trustee_keys();
  other.recipient = t.manager;
  EXPECT_EQ(make_invitations(t.campaign, t.link, other, 3).error().code, Errc::bad_key);
  EXPECT_EQ(make_invitations(t.campaign, t.link, t.trustee_keys(), 0).error().code, Errc::bad_input);
  EXPECT_EQ(make_invitations(direct.campaign, direct.link, t.trustee_keys(), 3).error().code, Errc::bad_input);
}

TEST(InvitationSheet, TheCsvQuotesEveryCellAndDefusesFormulas) {
  const std::vector<Invitation> rows = {{0, "abc", "https://x/#c=t&i=abc"}, {1, "=cmd", "-2+3"}, {2, "say \"hi\"", "@x"}};
  EXPECT_EQ(invitations_csv(rows),
            "\"index\",\"code\",\"link\"\r\n"
            "\"0\",\"abc\",\"https://x/#c=t&i=abc\"\r\n"
            "\"1\",\"'=cmd\",\"'-2+3\"\r\n"
            "\"2\",\"say \"\"hi\"\"\",\"'@x\"\r\n");
}

}  // namespace
}  // namespace parley::client
