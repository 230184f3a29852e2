// The site file (core/site.h): what it accepts, every way it is refused, and which campaigns it
// lets through.
#include "core/site.h"

#include <gtest/gtest.h>

#include "support/campaigns.h"
#include "support/trustee_campaigns.h"

namespace parley {
namespace {

using testing::campaign_keys;
using testing::sample_campaign;

std::string key_text(const Key32& k) { return encode_public_key(KeyKind::signing, k); }

std::string site_json(const std::string& signer, const std::string& storage = R"(["http://127.0.0.1:8000"])",
                      const std::string& extra = "") {
  return R"({"v":1,"signers":[{"label":"People team","key":")" + signer + R"("}],"storage":)" + storage + extra + "}";
}

TEST(Site, ReadsSignersTrusteesAndOrigins) {
  const auto keys = campaign_keys();
  const auto other = campaign_keys(9);
  auto site = parse_site(site_json(key_text(keys.signer.public_key), R"(["https://store.example.org","http://127.0.0.1:8000"])",
                                   R"(,"trustees":[{"label":"Works council","key":")" + key_text(other.signer.public_key) + R"("}])"));
  ASSERT_TRUE(site.ok()) << site.error().detail;
  ASSERT_EQ(site->signers.size(), 1u);
  EXPECT_EQ(site->signers[0].label, "People team");
  EXPECT_EQ(site->signers[0].key, keys.signer.public_key);
  ASSERT_EQ(site->trustees.size(), 1u);
  EXPECT_EQ(site->trustees[0].label, "Works council");
  EXPECT_EQ(site->storage, (std::vector<std::string>{"https://store.example.org", "http://127.0.0.1:8000"}));
}

TEST(Site, RefusesWhatCouldBeReadTwoWaysOrPointsNowhere) {
  const std::string signer = key_text(campaign_keys().signer.public_key);
  const std::string recipient = encode_public_key(KeyKind::recipient, campaign_keys().manager.public_key);
  for (const std::string& bad : {
           std::string("[]"), std::string("{}"), std::string("not json"),
           site_json(signer, "[]"),                                       // no origin
           site_json(signer, R"(["https://store.example.org/path"])"),    // not an origin
           site_json(signer, R"(["https://user@store.example.org"])"),    // user info
           site_json(signer, R"(["https://Store.example.org"])"),         // not as a browser writes it
           site_json(signer, R"(["https://store.example.org:443"])"),     // the default port written out
           site_json(signer, R"(["ftp://store.example.org"])"),
           site_json(signer, R"(["https://st\u00f6re.example.org"])"),    // non-ASCII host
           site_json(recipient),                                          // a recipient key, not a signer
           site_json(signer, R"(["http://127.0.0.1:8000"])", R"(,"extra":1)"),
           site_json(signer, R"(["http://127.0.0.1:8000"])", R"(,"storage":["https://evil.example"])"),  // twice
           R"({"v":1,"signers":[{"label":"","key":")" + signer + R"("}],"storage":["http://127.0.0.1:8000"]})",
           R"({"v":1,"signers":[{"label":"a\nb","key":")" + signer + R"("}],"storage":["http://127.0.0.1:8000"]})",
           R"({"v":1,"signers":[{"label":"A","key":")" + signer + R"("},{"label":"B","key":")" + signer +
               R"("}],"storage":["http://127.0.0.1:8000"]})",
       }) {
    auto site = parse_site(bad);
    EXPECT_FALSE(site.ok()) << bad;
    if (!site.ok()) EXPECT_EQ(site.error().code, Errc::schema_failure) << bad;
  }
  auto later = parse_site(R"({"v":2,"signers":[],"storage":[]})");
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().code, Errc::version_unsupported);
  auto huge = parse_site(std::string(kMaxSiteBytes + 1, ' '));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, Errc::too_large);
}

TEST(Site, LetsThroughOnlyCampaignsSignedByAListedKeyStoringAtAListedOrigin) {
  const auto keys = campaign_keys();
  const Site site = parse_site(site_json(key_text(keys.signer.public_key))).value();
  Campaign c = sample_campaign(keys);
  const SiteCheck ok = check_campaign(site, c);
  EXPECT_EQ(ok.verdict, SiteVerdict::trusted);
  EXPECT_EQ(ok.signer_label, "People team");

  Campaign forged = c;
  forged.signer = campaign_keys(9).signer.public_key;
  EXPECT_EQ(check_campaign(site, forged).verdict, SiteVerdict::unknown_signer);

  Campaign elsewhere = c;
  elsewhere.storage.url = "https://evil.example/store/team";
  EXPECT_EQ(check_campaign(site, elsewhere).verdict, SiteVerdict::unknown_storage);
  elsewhere.storage.url = "http://127.0.0.1:8001/store/team";  // another port is another origin
  EXPECT_EQ(check_campaign(site, elsewhere).verdict, SiteVerdict::unknown_storage);
}

TEST(Site, ATrusteeCampaignNeedsItsTrusteeListedToo) {
  const auto t = testing::trustee_campaign();
  const std::string signer = key_text(t.signer.public_key);
  const std::string trustee = key_text(t.campaign.trustee->signer);
  const Site without = parse_site(site_json(signer)).value();
  EXPECT_EQ(check_campaign(without, t.campaign).verdict, SiteVerdict::unknown_trustee);
  const Site with = parse_site(site_json(signer, R"(["http://127.0.0.1:8000"])",
                                         R"(,"trustees":[{"label":"Works council on this site","key":")" + trustee + R"("}])")).value();
  const SiteCheck ok = check_campaign(with, t.campaign);
  EXPECT_EQ(ok.verdict, SiteVerdict::trusted);
  EXPECT_EQ(ok.trustee_label, "Works council on this site");
}

}  // namespace
}  // namespace parley
