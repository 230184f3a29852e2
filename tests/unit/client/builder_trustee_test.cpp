// A campaign built with a trustee: its two public keys as `parley pubkey` prints them and the
// name respondents see reach the signed campaign; a half-given trustee, or the manager's own key
// as trustee (direct mode in disguise), is refused in plain words.
#include "client/campaign_builder.h"

#include <gtest/gtest.h>

#include "support/rng.h"

namespace parley::client {
namespace {

struct People {
  KeySet manager;
  RecipientKeyPair trustee;
  SigningKeyPair trustee_signer;
};

People people() {
  auto rng = testing::seeded(15);
  People p{KeySet{KeyRole::manager, "", *generate_recipient_key(rng), *generate_signing_key(rng)}, *generate_recipient_key(rng),
           *generate_signing_key(rng)};
  return p;
}

BuilderForm enps_form() {
  BuilderForm form = new_builder("2026-11-30", "https://parley.example/store/{id}");
  apply_template(form, "enps");
  return form;
}

TEST(BuilderTrustee, TheTrusteesKeysAndLabelReachTheCampaign) {
  const People p = people();
  BuilderForm form = enps_form();
  form.trustee_keys = "  " + encode_public_key(KeyKind::signing, p.trustee_signer.public_key) + ",\n" +
                      encode_public_key(KeyKind::recipient, p.trustee.public_key) + " ";
  form.trustee_label = " Works council ";
  auto rng = testing::seeded(16);
  auto c = campaign_from_builder(form, p.manager, rng, 0);
  ASSERT_TRUE(c.ok()) << c.error().detail;
  ASSERT_TRUE(c->trustee.has_value());
  EXPECT_EQ(c->trustee->label, "Works council");
  EXPECT_EQ(c->trustee->recipient, p.trustee.public_key);
  EXPECT_EQ(c->trustee->signer, p.trustee_signer.public_key);
  // Without a trustee, only when chosen: direct mode.
  form.trustee_keys.clear();
  form.trustee_label.clear();
  EXPECT_EQ(campaign_from_builder(form, p.manager, rng, 0).error().detail.rfind("Paste the trustee's public keys", 0), 0u);
  form.direct = true;
  auto direct = campaign_from_builder(form, p.manager, rng, 0);
  ASSERT_TRUE(direct.ok());
  EXPECT_FALSE(direct->trustee.has_value());
}

TEST(BuilderTrustee, AHalfGivenOrSelfAppointedTrusteeIsRefused) {
  const People p = people();
  auto rng = testing::seeded(17);
  const std::string r = encode_public_key(KeyKind::recipient, p.trustee.public_key);
  const std::string s = encode_public_key(KeyKind::signing, p.trustee_signer.public_key);
  BuilderForm form = enps_form();
  form.trustee_label = "Works council";
  form.trustee_keys = r;  // the signing key is missing
  EXPECT_EQ(campaign_from_builder(form, p.manager, rng, 0).error().detail.rfind("The trustee's keys are not valid: Both", 0), 0u);
  form.trustee_keys = r + " " + r + " " + s;
  EXPECT_EQ(campaign_from_builder(form, p.manager, rng, 0).error().detail.rfind("The trustee's keys are not valid:", 0), 0u);
  form.trustee_keys = r + " " + s;
  form.trustee_label = "  ";
  EXPECT_EQ(campaign_from_builder(form, p.manager, rng, 0).error().detail,
            "Give the trustee a name respondents will recognise, such as \"Works council\".");
  form.trustee_label = "Works council";
  form.trustee_keys = encode_public_key(KeyKind::recipient, p.manager.recipient.public_key) + " " + s;
  EXPECT_EQ(campaign_from_builder(form, p.manager, rng, 0).error().detail.rfind("The trustee's key is your own", 0), 0u);
  EXPECT_TRUE(trustee_from_keys(r + "," + s).ok());
  EXPECT_EQ(trustee_from_keys("parley-r1-typo " + s).error().code, Errc::bad_key);
}

}  // namespace
}  // namespace parley::client
