// The share screen's QR code, drawn headlessly: an image the mirror names, drawn at whole pixels
// per module, and the three files it saves; a link no code holds says so and keeps the sheet.
#include <gtest/gtest.h>
#include <imgui.h>

#include "client/qr_code.h"
#include "support/headless_views.h"
#include "ui/controller.h"
#include "ui/widget_qr.h"

namespace parley::ui {
namespace {

class ShareQrTest : public testing::HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    controller.start("http://127.0.0.1:8000/", kToday);
    auto keys_rng = testing::seeded(5);
    give_keys(KeySet{KeyRole::manager, "", *generate_recipient_key(keys_rng), *generate_signing_key(keys_rng)});
  }
  // Signs the eNPS template; `long_text` fills its intro and every question's text (the link grows).
  void sign(const std::string& long_text) {
    controller.apply(StartBuilder{});
    controller.apply(SetDirect{true});
    controller.apply(UseTemplate{"enps"});
    if (!long_text.empty()) {
      controller.apply(Edit{Field::campaign_intro, -1, long_text});
      for (std::size_t i = 0; i < controller.state().builder.questions.size(); ++i) {
        controller.apply(Edit{Field::question_text, static_cast<int>(i), long_text.substr(0, 400)});
      }
    }
    controller.apply(SignCampaign{});
    ASSERT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
  }
  // A press on the button's DOM element (the page's mirror): the buttons are below the fold of
  // the headless window, where no mouse reaches without scrolling.
  void press(const std::string& id) {
    ASSERT_TRUE(frame().contains(id)) << id;
    items.press(id);
    frame();
    frame();
  }
  const Node* node(const std::string& id) const {
    for (const auto& n : items.nodes()) {
      if (n.id == id) return &n;
    }
    return nullptr;
  }
};

TEST_F(ShareQrTest, ShowsTheLinksCodeAsANamedImageAndSavesItsFiles) {
  sign("");
  const auto j = frame();
  const Node* image = node("share_qr");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->role, Role::image);
  EXPECT_EQ(image->name, "QR code for the campaign link");
  EXPECT_STREQ(to_string(Role::image), "img");
  // A square of whole pixels per module, quiet zone included, inside the column.
  const auto& qr = qr_for(controller.state().builder.link);
  ASSERT_TRUE(qr.ok());
  const float side = j.at("share_qr")[2].get<float>();
  EXPECT_EQ(side, j.at("share_qr")[3].get<float>());
  const int modules = qr->size + 2 * client::kQrQuietZone;
  EXPECT_GE(side, static_cast<float>(modules) * 2);
  EXPECT_EQ(static_cast<int>(side) % modules, 0);
  EXPECT_LE(j.at("share_qr")[0].get<float>() + side, 1280.0f);

  press("save_qr_png");
  ASSERT_EQ(platform.downloads.size(), 1u);
  EXPECT_EQ(platform.downloads[0].first, "parley-campaign-qr.png");
  const Bytes& png = platform.downloads[0].second;
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png[1], 'P');
  press("save_qr_svg");
  ASSERT_EQ(platform.downloads.size(), 2u);
  EXPECT_EQ(parley::to_string(platform.downloads[1].second).rfind("<svg", 0), 0u);
  press("save_qr_sheet");
  ASSERT_EQ(platform.downloads.size(), 3u);
  const std::string sheet = parley::to_string(platform.downloads[2].second);
  EXPECT_NE(sheet.find(controller.state().builder.link), std::string::npos);
  EXPECT_NE(sheet.find("<svg"), std::string::npos);
}

TEST_F(ShareQrTest, ALinkNoCodeHoldsIsSaidAndTheSheetStillWritesItOut) {
  std::string intro;
  while (intro.size() < 1900) intro += "Every answer is read by the team lead only once five people answered. ";
  sign(intro);
  ASSERT_GT(controller.state().builder.link.size(), client::kQrMaxBytes);
  const auto j = frame();
  EXPECT_FALSE(j.contains("share_qr"));
  EXPECT_FALSE(j.contains("save_qr_png"));
  EXPECT_FALSE(j.contains("save_qr_svg"));
  bool said = false;
  for (const auto& n : items.nodes()) said = said || n.name.find("a QR code holds at most") != std::string::npos;
  EXPECT_TRUE(said);
  press("save_qr_sheet");
  ASSERT_EQ(platform.downloads.size(), 1u);
  const std::string sheet = parley::to_string(platform.downloads[0].second);
  EXPECT_NE(sheet.find(controller.state().builder.link), std::string::npos);
  EXPECT_EQ(sheet.find("<svg"), std::string::npos);
  // The files a code cannot be made of are refused in words, not silently.
  controller.apply(SaveQr{QrFile::png});
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  EXPECT_EQ(platform.downloads.size(), 1u);
}

}  // namespace
}  // namespace parley::ui
