// The S3 parts of the manager's screens, drawn headlessly: the builder's storage choice and
// credential fields, the unlock screen's read credentials, and the share link wrapping in its box.
#include <gtest/gtest.h>
#include <imgui.h>

#include "support/campaigns.h"
#include "support/headless_views.h"
#include "support/s3_storage.h"
#include "ui/controller.h"
#include "ui/theme.h"
#include "ui/views.h"

namespace parley::ui {
namespace {

class ViewsS3Test : public testing::HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    controller.start("http://127.0.0.1:8000/", kToday);
  }
};

TEST_F(ViewsS3Test, BuilderOffersTheBucketAndItsWriteCredentials) {
  auto keys_rng = testing::seeded(5);
  give_keys(KeySet{KeyRole::manager, "", *generate_recipient_key(keys_rng), *generate_signing_key(keys_rng)});
  controller.apply(StartBuilder{});
  controller.apply(SetDirect{true});  // these campaigns are direct
  auto j = frame();
  EXPECT_TRUE(j.contains("storage_url"));
  EXPECT_FALSE(j.contains("s3_bucket_url"));
  // Below the fold of the 1280x800 test display since the mediator's name field: pressed as the
  // DOM mirror (keyboard, screen reader) presses it.
  items.press("storage_s3");
  frame();
  frame();
  EXPECT_EQ(controller.state().builder.storage, StorageChoice::s3);
  j = frame();
  for (const char* id : {"s3_bucket_url", "s3_region", "s3_key_prefix", "s3_access_key", "s3_secret_key"}) {
    EXPECT_TRUE(j.contains(id)) << id;
  }
  EXPECT_FALSE(j.contains("storage_url"));
}

TEST_F(ViewsS3Test, UnlockAsksForReadCredentialsOnlyForS3Links) {
  testing::SignedCampaign t = testing::signed_campaign();
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, t.link});
  controller.tick(0, kToday);
  EXPECT_FALSE(frame().contains("s3_read_secret_key"));

  t.campaign.storage = testing::sample_s3_storage("incoming/" + t.campaign.id + "/", "http://127.0.0.1:9000/parley-inbox/");
  controller.apply(Edit{Field::results_link, -1, campaign_link("http://127.0.0.1:8000/", *sign_manifest(t.campaign, t.signer))});
  controller.tick(1, kToday);
  const auto j = frame();
  EXPECT_TRUE(j.contains("s3_read_access_key"));
  EXPECT_TRUE(j.contains("s3_read_secret_key"));
}

TEST_F(ViewsS3Test, TheShareLinkWrapsInsideTheColumn) {
  // A campaign whose intro makes its link long (over 1,500 characters), signed as a manager would.
  auto keys_rng = testing::seeded(5);
  give_keys(KeySet{KeyRole::manager, "", *generate_recipient_key(keys_rng), *generate_signing_key(keys_rng)});
  controller.apply(StartBuilder{});
  controller.apply(SetDirect{true});  // these campaigns are direct
  controller.apply(UseTemplate{"enps"});
  std::string intro;
  while (intro.size() < 1200) intro += "Every answer is read by the team lead only once five people answered. ";
  controller.apply(Edit{Field::campaign_intro, -1, intro});
  controller.apply(SignCampaign{});
  ASSERT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
  ASSERT_GT(controller.state().builder.link.size(), 1500u);
  const auto j = frame();
  ASSERT_TRUE(j.contains("share_link"));
  ASSERT_TRUE(j.contains("copy_link"));
  const auto box = j.at("share_link");
  EXPECT_LE(box[0].get<float>() + box[2].get<float>(), 1280.0f);
  EXPECT_GT(box[3].get<float>(), ImGui::GetTextLineHeight() * 8);  // wrapped into many lines, not one long one
  EXPECT_GT(j.at("copy_link")[1].get<float>(), box[1].get<float>() + box[3].get<float>() - 1);  // the button follows it
}

}  // namespace
}  // namespace parley::ui
