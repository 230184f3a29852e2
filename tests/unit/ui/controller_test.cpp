#include "ui/controller.h"

#include <gtest/gtest.h>

#include "core/submission.h"
#include "support/campaigns.h"
#include "support/controller_harness.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;
using testing::signed_campaign;

class ControllerTest : public testing::ControllerHarness {
 protected:
  void SetUp() override { controller.start("", kToday); }

  void open_and_answer_all() {
    controller.apply(OpenLink{t.link});
    controller.apply(StartFeedback{});
    controller.apply(AnswerNumber{0, 4});  // likert
    controller.apply(AnswerNumber{1, 9});  // eNPS
    controller.apply(AnswerNumber{2, 1});  // single choice
    controller.apply(AnswerPicked{3, 0, true});  // multiple choice
    controller.apply(AnswerPicked{3, 2, true});
    controller.apply(Edit{Field::answer_text, 4, "  Thanks for the quiet hours.  "});
    controller.apply(Edit{Field::answer_text, 5, "Slow CI."});
  }

  Submission open_with(const RecipientKeyPair& key, const Bytes& envelope, Errc* error = nullptr) {
    auto s = open_submission(key, envelope, t.campaign);
    if (!s) {
      if (error) *error = s.error().code;
      return {};
    }
    return *s;
  }

  testing::SignedCampaign t = signed_campaign();
};

TEST_F(ControllerTest, StartsOnWelcomeWithoutNotice) {
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::none);
  EXPECT_EQ(controller.snapshot()["screen"], "welcome");
}

// The respondents' build hands an organiser's screen to the full app at #go=... (ui/edition.h).
TEST_F(ControllerTest, TheFullAppOpensTheScreenTheRespondentsBuildHandedOver) {
  controller.start("http://127.0.0.1:8000/#go=create-campaign", kToday);
  EXPECT_EQ(controller.state().screen, Screen::keys);
  EXPECT_EQ(controller.state().keys_form.role, KeyRole::manager);
  controller.apply(GoBack{});
  controller.start("http://127.0.0.1:8000/#go=create-mediator-key", kToday);
  EXPECT_EQ(controller.state().keys_form.role, KeyRole::mediator);
  controller.apply(GoBack{});
  controller.start("http://127.0.0.1:8000/#go=create-trustee-key", kToday);
  EXPECT_EQ(controller.state().keys_form.role, KeyRole::trustee);
  controller.apply(GoBack{});
  controller.start("http://127.0.0.1:8000/#go=open-results", kToday);
  EXPECT_EQ(controller.state().screen, Screen::unlock);
  controller.apply(GoBack{});
  controller.start("http://127.0.0.1:8000/#go=elsewhere", kToday);
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_TRUE(platform.loaded_app.empty());  // the full app hands nothing over
}

TEST_F(ControllerTest, EmptyLinkAsksForOne) {
  controller.apply(OpenLink{"   "});
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  EXPECT_NE(controller.state().notice.text.find("Paste"), std::string::npos);
}

TEST_F(ControllerTest, ForeignLinkIsExplainedNotCrashed) {
  controller.apply(OpenLink{"https://example.org/some/page"});
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_NE(controller.state().notice.text.find("not a Parley campaign link"), std::string::npos);
}

TEST_F(ControllerTest, DismissClearsNotice) {
  controller.apply(OpenLink{""});
  controller.apply(DismissNotice{});
  EXPECT_EQ(controller.snapshot()["notice"]["kind"], "none");
}

TEST_F(ControllerTest, TamperedLinkGetsACalmProblemScreen) {
  std::string link = t.link;
  char& c = link[link.find("#c=") + 10];  // one changed character in the signed body
  c = c == 'A' ? 'B' : 'A';
  controller.apply(OpenLink{link});
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_FALSE(controller.state().problem.detail.empty());
  controller.apply(GoBack{});
  EXPECT_EQ(controller.state().screen, Screen::welcome);
}

TEST_F(ControllerTest, CutLinkIsExplained) {
  controller.apply(OpenLink{t.link.substr(0, t.link.size() / 2)});
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_NE(controller.state().problem.detail.find("missing"), std::string::npos);
}

TEST_F(ControllerTest, CampaignNotYetOpenOrClosed) {
  controller.apply(OpenLink{signed_campaign("2026-12-01", "2026-12-31").link});
  EXPECT_EQ(controller.state().screen, Screen::campaign_problem);
  EXPECT_NE(controller.state().problem.detail.find("2026-12-01"), std::string::npos);
  controller.apply(OpenLink{signed_campaign("2026-10-01", "2026-10-31").link});
  EXPECT_NE(controller.state().problem.title.find("closed"), std::string::npos);
}

TEST_F(ControllerTest, PageLinkOpensTheCampaignOnStart) {
  FakePlatform p;
  Controller c{p, rng, &opener};
  c.start(t.link, kToday);
  EXPECT_EQ(c.state().screen, Screen::intro);
  EXPECT_EQ(c.state().campaign->title, "Team trust pulse");
}

TEST_F(ControllerTest, RequiredAnswersAreAskedForKindly) {
  controller.apply(OpenLink{t.link});
  controller.apply(StartFeedback{});
  controller.apply(Review{});
  EXPECT_EQ(controller.state().screen, Screen::feedback);
  EXPECT_EQ(controller.state().answers[0].error, "This question needs an answer.");
  EXPECT_EQ(controller.state().answers[1].error, "This question needs an answer.");
  EXPECT_TRUE(controller.state().answers[2].error.empty());
  EXPECT_NE(controller.state().notice.text.find("2 answers need attention"), std::string::npos);
}

TEST_F(ControllerTest, ReviewShowsExactlyWhatWillBeSent) {
  open_and_answer_all();
  controller.apply(Review{});
  ASSERT_EQ(controller.state().screen, Screen::feedback_review);
  const auto& r = controller.state().review;
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].answer, "4 — Agree");
  EXPECT_EQ(r[1].answer, "9 out of 10");
  EXPECT_EQ(r[2].answer, "Process");
  EXPECT_EQ(r[3].answer, "Pay; Workload");
  EXPECT_EQ(r[4].answer, "Thanks for the quiet hours.");
  controller.apply(GoBack{});
  EXPECT_EQ(controller.state().screen, Screen::feedback);
  EXPECT_EQ(controller.state().answers[0].number, 4);  // nothing lost going back
}

TEST_F(ControllerTest, SendSealsToTheManagerAndPutsToStorage) {
  open_and_answer_all();
  controller.apply(Review{});
  controller.apply(Send{});
  EXPECT_EQ(controller.state().screen, Screen::sent);
  EXPECT_EQ(controller.state().answers[4].text, "");  // plaintext gone from memory
  controller.tick(0, kToday);
  ASSERT_EQ(platform.sent.size(), 1u);
  const auto& put = platform.sent[0];
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.url, "http://127.0.0.1:8000/store/team/" + object_name(put.body));
  const Submission s = open_with(t.manager, put.body);
  EXPECT_EQ(s.answers.at("mood").number, 4);
  EXPECT_EQ(s.answers.at("recommend").number, 9);
  EXPECT_EQ(s.answers.at("focus").number, 1);
  EXPECT_EQ(s.answers.at("topics").choices, (std::vector<int>{0, 2}));
  EXPECT_EQ(s.answers.at("comment").text, "Thanks for the quiet hours.");
  EXPECT_EQ(s.answers.at("blockers").text, "Slow CI.");
  Errc e{};
  open_with(t.mediator, put.body, &e);
  EXPECT_EQ(e, Errc::not_for_this_key);
  // Headers carry nothing but the content type.
  ASSERT_EQ(put.headers.size(), 1u);
  EXPECT_EQ(put.headers[0].first, "Content-Type");
}

TEST_F(ControllerTest, MediationGoesOnlyToTheMediator) {
  controller.apply(OpenLink{t.link});
  controller.apply(StartMediation{});
  ASSERT_EQ(controller.state().screen, Screen::mediation);
  controller.apply(Review{});
  EXPECT_EQ(controller.state().screen, Screen::mediation);  // "what happened" is required
  controller.apply(Edit{Field::mediation_what, -1, "Repeated comments in standups."});
  controller.apply(SetUrgency{Urgency::urgent});
  controller.apply(Edit{Field::mediation_contact, -1, "I'll check back here"});
  controller.apply(Review{});
  ASSERT_EQ(controller.state().screen, Screen::mediation_review);
  controller.apply(Send{});
  controller.tick(0, kToday);
  ASSERT_EQ(platform.sent.size(), 1u);
  const Submission s = open_with(t.mediator, platform.sent[0].body);
  EXPECT_EQ(s.request.what, "Repeated comments in standups.");
  EXPECT_EQ(s.request.urgency, "urgent");
  EXPECT_EQ(s.day, kToday);
  Errc e{};
  open_with(t.manager, platform.sent[0].body, &e);
  EXPECT_EQ(e, Errc::not_for_this_key);
}

TEST_F(ControllerTest, FailedPutsAreRetriedWithBackoffUntilStoredOnce) {
  open_and_answer_all();
  controller.apply(Review{});
  controller.apply(Send{});
  controller.tick(0, kToday);
  platform.answer(503);
  const auto& item = controller.state().outbox.items().at(0);
  EXPECT_EQ(item.status, OutboxStatus::waiting);
  EXPECT_NE(item.reason.find("HTTP 503"), std::string::npos);
  EXPECT_TRUE(platform.settings.count("parley.outbox"));  // survives a reload
  controller.tick(500, kToday);
  EXPECT_EQ(platform.sent.size(), 1u);  // not yet: backing off
  controller.tick(1000, kToday);
  ASSERT_EQ(platform.sent.size(), 2u);
  platform.answer(0);  // offline
  EXPECT_NE(controller.state().outbox.items()[0].reason.find("cannot be reached"), std::string::npos);
  controller.tick(2999, kToday);
  EXPECT_EQ(platform.sent.size(), 2u);
  controller.tick(3000, kToday);
  ASSERT_EQ(platform.sent.size(), 3u);
  EXPECT_EQ(platform.sent[2].body, platform.sent[0].body);  // the same sealed bytes, the same name
  platform.answer(201);
  EXPECT_EQ(controller.state().outbox.items()[0].status, OutboxStatus::stored);
  EXPECT_FALSE(platform.settings.count("parley.outbox"));
  controller.tick(100000, kToday);
  EXPECT_EQ(platform.sent.size(), 3u);
}

TEST_F(ControllerTest, OutboxSurvivesAReload) {
  open_and_answer_all();
  controller.apply(Review{});
  controller.apply(Send{});
  controller.tick(0, kToday);
  platform.answer(502);
  const Bytes envelope = platform.sent[0].body;

  FakePlatform reloaded;
  reloaded.settings = platform.settings;
  Controller again{reloaded, rng, &opener};
  again.start(t.link, kToday);
  EXPECT_EQ(again.state().outbox.undelivered(), 1u);
  again.tick(0, kToday);
  ASSERT_EQ(reloaded.sent.size(), 1u);
  EXPECT_EQ(reloaded.sent[0].body, envelope);
  reloaded.answer(200);
  EXPECT_EQ(again.state().outbox.undelivered(), 0u);
}

TEST_F(ControllerTest, RefusedEnvelopeCanBeSavedAsAFile) {
  open_and_answer_all();
  controller.apply(Review{});
  controller.apply(Send{});
  controller.tick(0, kToday);
  platform.answer(413);
  const auto& item = controller.state().outbox.items()[0];
  EXPECT_EQ(item.status, OutboxStatus::failed);
  controller.tick(1e9, kToday);
  EXPECT_EQ(platform.sent.size(), 1u);  // a final refusal is not retried by itself
  controller.apply(SaveEnvelope{item.name});
  ASSERT_EQ(platform.downloads.size(), 1u);
  EXPECT_EQ(platform.downloads[0].second, platform.sent[0].body);
  controller.apply(RetryNow{item.name});
  controller.tick(1e9, kToday);
  EXPECT_EQ(platform.sent.size(), 2u);
}

TEST_F(ControllerTest, PlaintextIsKeptOnlyWhenAskedAndClearedOnceStored) {
  open_and_answer_all();
  controller.apply(Edit{Field::answer_text, 4, "  Thanks for the quiet hours.  "});
  EXPECT_TRUE(platform.settings.empty());  // nothing persisted by default
  controller.apply(SetKeepDraft{true});
  const std::string key = "parley.draft." + t.campaign.id;
  ASSERT_TRUE(platform.settings.count(key));

  FakePlatform reloaded;
  reloaded.settings = platform.settings;
  Controller again{reloaded, rng, &opener};
  again.start(t.link, kToday);
  EXPECT_EQ(again.state().answers[0].number, 4);
  EXPECT_EQ(again.state().answers[3].picked, (std::vector<bool>{true, false, true, false}));
  EXPECT_TRUE(again.state().keep_draft);

  controller.apply(Review{});
  controller.apply(Send{});
  controller.tick(0, kToday);
  EXPECT_TRUE(platform.settings.count(key));  // until the envelope is stored
  platform.answer(201);
  controller.tick(1, kToday);
  EXPECT_FALSE(platform.settings.count(key));
}

TEST_F(ControllerTest, FreeTextGetsLocalPrivacyHints) {
  open_and_answer_all();
  controller.apply(Edit{Field::answer_text, 4, "The review with Anna on 12/03 was hard."});
  ASSERT_EQ(controller.state().answers[4].hints.size(), 2u);
  EXPECT_EQ(controller.state().answers[4].hints[0].excerpt, "Anna");
  EXPECT_TRUE(platform.sent.empty());
}

TEST_F(ControllerTest, ReceiptChecksTheStoredObject) {
  open_and_answer_all();
  controller.apply(Review{});
  controller.apply(Send{});
  controller.tick(0, kToday);
  platform.answer(201);
  const std::string name = controller.state().last_sent;
  controller.apply(CopyReceipt{name});
  EXPECT_EQ(platform.clipboard, platform.sent[0].url);
  controller.apply(CheckStored{name});
  ASSERT_EQ(platform.sent.size(), 2u);
  EXPECT_EQ(platform.sent[1].method, "HEAD");
  platform.answer(200);
  EXPECT_NE(controller.state().check_note.find("Stored"), std::string::npos);
}

}  // namespace
}  // namespace parley::ui
