// The intro screen's promises, held to the campaign's mode: a direct campaign never claims that
// its readers see only combined results without saying that their key opens single answers; a
// trustee campaign names its trustee by label and key ID, says when results appear, what the
// trustee can and cannot learn, and what a trustee and a manager together could do.
#include "client/who_reads.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/keys.h"
#include "support/trustee_campaigns.h"

namespace parley::client {
namespace {

using testing::signed_campaign;
using testing::trustee_campaign;

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  return all;
}

bool has(const std::string& all, const std::string& part) { return all.find(part) != std::string::npos; }

TEST(WhoReads, DirectModeSaysTheFeedbackKeyOpensSingleAnswers) {
  const auto t = signed_campaign();
  const std::string all = joined(who_reads(t.campaign, ""));
  const std::string reader = format_key_id(key_id(KeyKind::recipient, t.manager.public_key));
  EXPECT_TRUE(has(all, "can read each answer on its own")) << all;
  EXPECT_TRUE(has(all, "(" + reader + ")")) << all;
  EXPECT_TRUE(has(all, "no trustee")) << all;
  EXPECT_TRUE(has(all, "after " + t.campaign.closes)) << all;
  // Nothing in direct mode may promise a third party or a release.
  EXPECT_FALSE(has(all, "trustee:")) << all;
  EXPECT_FALSE(has(all, "releases")) << all;
  EXPECT_FALSE(has(all, "Your manager sees only combined results")) << all;
}

TEST(WhoReads, TrusteeModeNamesTheTrusteeAndWhenResultsAppear) {
  const auto t = trustee_campaign();
  const std::string all = joined(who_reads(t.campaign, ""));
  const std::string trustee_id = format_key_id(key_id(KeyKind::recipient, t.trustee.public_key));
  EXPECT_TRUE(has(all, "Works council (key " + trustee_id + ")")) << all;
  EXPECT_TRUE(has(all, "only after " + t.campaign.closes + ", when Works council releases them")) << all;
  EXPECT_TRUE(has(all, "at least " + std::to_string(t.campaign.k) + " invited people")) << all;
  // What the trustee learns, and what it and the manager could do together, are said too.
  EXPECT_TRUE(has(all, "can tell whether you answered and when, but it cannot read what you wrote")) << all;
  EXPECT_TRUE(has(all, "If Works council and your manager worked together")) << all;
  // The direct-mode warning would be false here: the manager's key opens nothing in storage.
  EXPECT_FALSE(has(all, "can read each answer on its own")) << all;
}

TEST(WhoReads, MediationInATrusteeCampaignWaitsForTheRelease) {
  const auto t = trustee_campaign();
  ASSERT_FALSE(t.campaign.mediation_to.empty());
  const std::string all = joined(who_reads(t.campaign, ""));
  EXPECT_TRUE(has(all, "reach the mediator with the release after " + t.campaign.closes)) << all;
  EXPECT_TRUE(has(all, "nothing is released, requests included")) << all;

  const auto d = signed_campaign();
  EXPECT_FALSE(has(joined(who_reads(d.campaign, "")), "with the release")) << "direct requests are read as they arrive";
}

TEST(WhoReads, ATrusteeThatMediatesReadsRequestsAsTheyArrive) {
  const auto t = trustee_campaign("2026-11-01", "2026-12-31", 51, true);
  const std::string all = joined(who_reads(t.campaign, ""));
  EXPECT_TRUE(has(all, "Works council is also a mediator here: it reads mediation requests as they arrive")) << all;
  EXPECT_FALSE(has(all, "with the release")) << all;
}

TEST(WhoReads, NamedMediatorsAppearByNameWithTheirKeyId) {
  auto t = signed_campaign();
  Campaign c = t.campaign;
  ASSERT_EQ(c.mediation_to.size(), 1u);
  const std::string id = format_key_id(key_id(KeyKind::recipient, c.mediation_to[0]));
  EXPECT_TRUE(has(joined(who_reads(c, "")), "only to the named mediator (key " + id + ")"));
  c.mediator_labels = {"Ana Costa (HR)"};
  const std::string all = joined(who_reads(c, ""));
  EXPECT_TRUE(has(all, "only to the named mediator (Ana Costa (HR) · key " + id + ")")) << all;
  EXPECT_EQ(mediator_name(c, 0), "Ana Costa (HR) · key " + id);
  c.allow_mediation_to_feedback_readers = true;
  EXPECT_TRUE(has(joined(who_reads(c, "")), "go to the mediator (Ana Costa (HR) · key " + id + ") and")) << all;
  // A second mediator without a name keeps the bare ID.
  c.mediation_to.push_back(t.manager.public_key);
  c.mediator_labels.push_back("");
  EXPECT_EQ(mediator_names(c), "Ana Costa (HR) · key " + id + ", key " +
                                   format_key_id(key_id(KeyKind::recipient, t.manager.public_key)));
}

TEST(WhoReads, NamesTheStorageHostAndTheSigner) {
  const auto t = signed_campaign();
  const std::string signer = format_key_id(key_id(KeyKind::signing, t.signer.public_key));
  const std::string all = joined(who_reads(t.campaign, ""));
  EXPECT_TRUE(has(all, "stored at 127.0.0.1:8000 as")) << all;
  EXPECT_TRUE(has(all, "signed with key " + signer)) << all;
  EXPECT_TRUE(has(joined(who_reads(t.campaign, "Platform team leads")), "signed by Platform team leads (key " + signer + ")"));
}

}  // namespace
}  // namespace parley::client
