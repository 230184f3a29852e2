// Short links in the app: a manager's campaign is stored and its short link offered once it reads
// back; a respondent's page fetches the campaign a short link names, and a changed or missing one
// gets the same calm problem screens as a damaged long link.
#include <gtest/gtest.h>

#include "core/short_link.h"
#include "support/campaigns.h"
#include "support/controller_harness.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;

constexpr const char* kPage = "http://127.0.0.1:8000/";

class ShortLinkTest : public testing::ControllerHarness {
 protected:
  testing::SignedCampaign t = testing::signed_campaign();
  std::string token = sign_manifest(t.campaign, t.signer).value();
  std::string object = manifest_object_url(t.campaign).value();
  std::string link = short_link(kPage, object);
};

TEST_F(ShortLinkTest, APageOpenedWithAShortLinkFetchesItsCampaign) {
  controller.start(link, kToday);
  EXPECT_EQ(controller.state().screen, Screen::opening);
  EXPECT_EQ(controller.state().opening_host, "127.0.0.1:8000");
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending[0].request.url, object);
  platform.answer(200, to_bytes(token));
  EXPECT_EQ(controller.state().screen, Screen::intro);
  EXPECT_EQ(controller.state().campaign->title, "Team trust pulse");
  // Opened again in this page: no second fetch.
  controller.apply(GoBack{});
  controller.apply(OpenLink{link});
  EXPECT_EQ(controller.state().screen, Screen::intro);
  EXPECT_TRUE(platform.pending.empty());
}

TEST_F(ShortLinkTest, AChangedStoredCampaignGetsTheChangedLinkScreen) {
  // The same screen as a long link whose token was changed the same way.
  std::string changed = token;
  changed[changed.size() - 10] = changed[changed.size() - 10] == 'A' ? 'B' : 'A';
  FakePlatform lp;
  Controller long_reader{lp, rng, &opener};
  long_reader.start(campaign_link(kPage, changed), kToday);
  ASSERT_EQ(long_reader.state().screen, Screen::campaign_problem);

  controller.start(link, kToday);
  platform.answer(200, to_bytes(changed));
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_EQ(controller.state().problem.title, long_reader.state().problem.title);
  EXPECT_EQ(controller.state().problem.detail, long_reader.state().problem.detail);
  EXPECT_EQ(controller.state().retry_link, "");

  // Another validly signed campaign at the address is refused the same way.
  Campaign other = t.campaign;
  other.k = 9;
  FakePlatform op;
  Controller swapped{op, rng, &opener};
  swapped.start(link, kToday);
  op.answer(200, to_bytes(sign_manifest(other, t.signer).value()));
  EXPECT_EQ(swapped.state().screen, Screen::campaign_problem);
  EXPECT_EQ(swapped.state().problem.title, long_reader.state().problem.title);
}

TEST_F(ShortLinkTest, AStorageThatDoesNotAnswerOffersTryAgain) {
  controller.start(link, kToday);
  platform.answer(0);
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_EQ(controller.state().retry_link, link);
  EXPECT_NE(controller.state().problem.detail.find("offline"), std::string::npos);
  EXPECT_EQ(controller.snapshot()["problem"]["retry"], true);
  controller.apply(RetryOpen{});
  EXPECT_EQ(controller.state().screen, Screen::opening);
  platform.answer(404);
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_NE(controller.state().problem.detail.find("not at the address"), std::string::npos);
  controller.apply(RetryOpen{});
  platform.answer(200, to_bytes(token));
  EXPECT_EQ(controller.state().screen, Screen::intro);
}

TEST_F(ShortLinkTest, GoingBackWhileFetchingStaysBack) {
  controller.start(link, kToday);
  controller.apply(GoBack{});
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  platform.answer(200, to_bytes(token));
  EXPECT_EQ(controller.state().screen, Screen::welcome);
}

TEST_F(ShortLinkTest, DamagedShortLinksAreExplainedWithoutFetching) {
  controller.start(kPage, kToday);
  controller.apply(OpenLink{std::string(kPage) + "#m=/store/team/m-short.parley"});
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_TRUE(platform.pending.empty());
}

TEST_F(ShortLinkTest, AConversationContinuesFromAShortLink) {
  controller.start(kPage, kToday);
  controller.apply(StartConversation{});
  controller.apply(Edit{Field::conversation_link, -1, link});
  controller.apply(EditSecret{SecretField::phrase, "legal winner thank year wave sausage worth useful legal winner thank yellow"});
  controller.apply(OpenConversation{});
  EXPECT_EQ(controller.state().screen, Screen::conversation_open);
  EXPECT_TRUE(controller.state().conversation.opening);
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending[0].request.url, object);
  platform.answer(200, to_bytes(token));
  EXPECT_EQ(controller.state().screen, Screen::conversation) << controller.state().conversation.error;
  EXPECT_EQ(controller.state().conversation.campaign->id, t.campaign.id);
}

TEST_F(ShortLinkTest, ResultsOpenFromAShortLinkOnceItsCampaignIsHere) {
  controller.start(kPage, kAfterClose);
  give_keys({KeyRole::manager, "", t.manager, t.signer});
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, link});
  controller.tick(0, kAfterClose);  // the unlock screen asks whether the link needs S3 credentials
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending[0].request.url, object);
  controller.apply(OpenResults{});
  EXPECT_EQ(controller.state().screen, Screen::unlock);
  EXPECT_TRUE(controller.state().session.opening);
  EXPECT_EQ(controller.state().session.error, "");
  platform.answer(200, to_bytes(token));  // the campaign arrives: the unlock goes on
  EXPECT_EQ(controller.state().screen, Screen::results) << controller.state().session.error;
  EXPECT_EQ(controller.state().session.campaign->id, t.campaign.id);
}

TEST_F(ShortLinkTest, TheBuilderOffersTheShortLinkOnceTheCampaignReadsBack) {
  controller.start(kPage, kToday);
  give_keys({KeyRole::manager, "", t.manager, t.signer});
  sign_from_template();
  ASSERT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
  const BuilderForm& b = controller.state().builder;
  EXPECT_TRUE(b.publishing);
  EXPECT_EQ(b.link, b.long_link) << "the long link until the short one is stored";
  const Campaign signed_one = verify_manifest(token_from_link(b.long_link).value()).value();
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending[0].request.method, "PUT");
  EXPECT_EQ(platform.pending[0].request.url, manifest_object_url(signed_one).value());
  const Bytes stored = platform.pending[0].request.body;
  platform.answer(201);
  platform.answer(200, stored);
  EXPECT_FALSE(b.publishing);
  EXPECT_EQ(b.link, short_link(kPage, manifest_object_url(signed_one).value()));
  EXPECT_LT(b.link.size(), 130u);
  EXPECT_EQ(b.why_long, "");
  EXPECT_EQ(controller.state().session.link, b.link) << "results open from the short link too";
  EXPECT_EQ(controller.snapshot()["builder"]["link"], b.link);

  // A storage that does not hand the campaign back: the long link stays, and why is said.
  controller.apply(GoBack{});
  controller.apply(SignCampaign{});
  platform.answer(201);
  platform.answer(403);
  EXPECT_FALSE(b.publishing);
  EXPECT_EQ(b.link, b.long_link);
  EXPECT_NE(b.why_long.find("signed requests"), std::string::npos) << b.why_long;
}

}  // namespace
}  // namespace parley::ui
