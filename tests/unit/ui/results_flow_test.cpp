// The read session on its own, without a Controller or a screen: it opens a campaign with the
// keys in memory, says which screen shows it, loads and exports, keeps a mediator's notes, and
// forgets its secrets when it ends.
#include "ui/results_flow.h"

#include <gtest/gtest.h>

#include "support/campaigns.h"
#include "support/fake_platform.h"
#include "support/rng.h"
#include "support/served_store.h"

namespace parley::ui {
namespace {

class ResultsFlowTest : public ::testing::Test {
 protected:
  // `n` feedback envelopes and one mediation request in the campaign's storage, with its listing.
  std::map<std::string, Bytes> store(int n) {
    testing::ServedStore out(t.campaign.storage.url);
    auto add = [&](const Submission& s) { out.put(seal_submission(t.campaign, s, rng).value()); };
    for (int i = 0; i < n; ++i) {
      Submission s;
      s.campaign = t.campaign.id;
      s.answers["mood"] = testing::num(4);
      s.answers["recommend"] = testing::num(9);
      add(s);
    }
    Submission m;
    m.kind = SubmissionKind::mediation;
    m.campaign = t.campaign.id;
    m.day = "2026-11-30";
    m.request.what = "Meetings run over.";
    add(m);
    return out.objects;
  }

  // Serves `s` and runs `f` (as the Controller's tick does) until its session has loaded.
  void load(ResultsFlow& f, ResultsSession& into, const std::map<std::string, Bytes>& s) {
    for (int i = 0; i < 50 && (into.load.loading || !platform.pending.empty()); ++i) {
      platform.serve(s);
      opener.poll();
      f.tick(false);
    }
  }

  testing::SignedCampaign t = testing::signed_campaign();
  testing::FakePlatform platform;
  SeededRng rng = testing::seeded(11);
  client::InlineOpener opener;
  ResultsSession session, earlier;
  std::optional<KeySet> keys;
  // After the sample campaign's last day (2026-12-31): a direct campaign's results open then.
  std::string today = "2027-01-02";
  client::LinkTokens links{platform};
  ResultsFlow flow{platform, rng, opener, session, earlier, keys, today, links};
};

TEST_F(ResultsFlowTest, AManagerIsSentToResultsAndCanExportFromK) {
  EXPECT_FALSE(flow.open().has_value());
  EXPECT_FALSE(session.error.empty());
  session.link = t.link;
  EXPECT_FALSE(flow.open().has_value());  // no key yet
  keys = KeySet{KeyRole::manager, "", t.manager, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::results) << session.error;
  load(flow, session, store(5));
  ASSERT_TRUE(session.load.result.has_value());
  EXPECT_TRUE(session.load.result->visible);
  const auto csv = flow.export_file(client::ExportFormat::csv);
  ASSERT_TRUE(csv.has_value());
  EXPECT_EQ(csv->mime, "text/csv");
  EXPECT_EQ(flow.snapshot()["session"]["responses"], 5);
}

TEST_F(ResultsFlowTest, BeforeTheCloseAManagerSeesWhyNothingIsShownAndNothingIsFetched) {
  today = "2026-12-31";  // the last day: answers may still arrive
  session.link = t.link;
  keys = KeySet{KeyRole::manager, "", t.manager, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::results) << session.error;
  EXPECT_TRUE(platform.pending.empty());
  EXPECT_FALSE(session.load.loading);
  EXPECT_FALSE(session.load.result.has_value());
  EXPECT_EQ(flow.snapshot()["session"]["waiting"],
            "Results open after the campaign closes on 2026-12-31: reading them while answers arrive could single out the newest.");
}

TEST_F(ResultsFlowTest, AMediatorIsSentToTheInboxAndKeepsNotes) {
  session.link = t.link;
  keys = KeySet{KeyRole::mediator, "", t.mediator, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::inbox) << session.error;
  const auto s = store(2);
  load(flow, session, s);
  ASSERT_EQ(session.load.inbox.size(), 1u);
  EXPECT_FALSE(flow.export_file(client::ExportFormat::json).has_value());  // no feedback for them
  session.load.inbox[0].note = "Call on Monday.";
  ASSERT_TRUE(flow.set_status(0, RequestStatus::closed).ok());
  EXPECT_EQ(flow.snapshot()["session"]["inbox"][0]["status"], "closed");

  // Another session on the same device reads them back once its load finishes.
  ResultsSession session2, earlier2;
  ResultsFlow again{platform, rng, opener, session2, earlier2, keys, today, links};
  session2.link = t.link;
  ASSERT_EQ(again.open(), Screen::inbox);
  load(again, session2, s);
  ASSERT_EQ(session2.load.inbox.size(), 1u);
  EXPECT_EQ(session2.load.inbox[0].status, RequestStatus::closed);
  EXPECT_EQ(session2.load.inbox[0].note, "Call on Monday.");
}

TEST_F(ResultsFlowTest, TheInboxShowsTheLatestDayFirstAndUrgentRequestsFirstWithinADay) {
  // Listing order is arrival order, which the inbox must not reveal.
  const std::vector<std::pair<std::string, std::string>> sent = {
      {"2026-11-28", "urgent"}, {"2026-11-30", "low"}, {"2026-11-30", "urgent"},
      {"2026-11-29", "normal"}, {"2026-11-30", "normal"}, {"2026-11-30", "urgent"}};
  testing::ServedStore store(t.campaign.storage.url);
  for (const auto& [day, urgency] : sent) {
    Submission m;
    m.kind = SubmissionKind::mediation;
    m.campaign = t.campaign.id;
    m.day = day;
    m.request.what = "Request " + std::to_string(store.listed.size()) + " of " + day;
    m.request.urgency = urgency;
    store.put(seal_submission(t.campaign, m, rng).value());
  }
  session.link = t.link;
  keys = KeySet{KeyRole::mediator, "", t.mediator, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::inbox) << session.error;
  load(flow, session, store.objects);
  const auto& inbox = session.load.inbox;
  ASSERT_EQ(inbox.size(), sent.size());
  std::vector<std::pair<std::string, std::string>> shown;
  for (const auto& item : inbox) shown.emplace_back(item.submission.day, item.submission.request.urgency);
  EXPECT_EQ(shown, (std::vector<std::pair<std::string, std::string>>{
                       {"2026-11-30", "urgent"}, {"2026-11-30", "urgent"}, {"2026-11-30", "normal"},
                       {"2026-11-30", "low"}, {"2026-11-29", "normal"}, {"2026-11-28", "urgent"}}));
  EXPECT_LT(inbox[0].id, inbox[1].id);  // equal day and urgency: by id, a hash
}

TEST_F(ResultsFlowTest, EndingForgetsTheSecrets) {
  session.passphrase = "a passphrase";
  session.s3_access_key = "AKIDREADER";
  session.s3_secret_key = "read-secret";
  flow.end();
  EXPECT_TRUE(session.passphrase.empty());
  EXPECT_TRUE(session.s3_access_key.empty());
  EXPECT_TRUE(session.s3_secret_key.empty());
}

TEST_F(ResultsFlowTest, TheUnlockScreenLearnsWhetherTheLinkNeedsS3Credentials) {
  session.link = t.link;
  flow.tick(true);
  EXPECT_FALSE(session.link_uses_s3);
  EXPECT_EQ(session.checked_link, t.link);
}

}  // namespace
}  // namespace parley::ui

namespace parley::ui {
namespace {

TEST_F(ResultsFlowTest, AnEarlierCampaignsResultsFileIsComparedAndAnythingElseRefused) {
  session.link = t.link;
  keys = KeySet{KeyRole::manager, "", t.manager, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::results) << session.error;
  load(flow, session, store(5));
  ASSERT_TRUE(session.load.result.has_value());

  // This campaign's own file: not an earlier one.
  const auto own = flow.export_file(client::ExportFormat::json);
  ASSERT_TRUE(own.has_value());
  flow.use_earlier_file({"own.json", own->data});
  EXPECT_FALSE(session.earlier_file.has_value());
  EXPECT_EQ(session.earlier_file_error, "“own.json” holds this campaign's own results: choose an earlier campaign's file.");

  flow.use_earlier_file({"notes.txt", to_bytes(std::string("hello"))});
  EXPECT_FALSE(session.earlier_file.has_value());
  EXPECT_EQ(session.earlier_file_error.rfind("“notes.txt” cannot be compared: ", 0), 0u) << session.earlier_file_error;

  // Another campaign's file (its id differs): read, and the error goes.
  auto other = nlohmann::json::parse(parley::to_string(own->data));
  other["campaign"]["id"] = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
  other["campaign"]["title"] = "Spring";
  flow.use_earlier_file({"spring.json", to_bytes(other.dump())});
  ASSERT_TRUE(session.earlier_file.has_value());
  EXPECT_EQ(session.earlier_file->title, "Spring");
  EXPECT_TRUE(session.earlier_file_error.empty());
  EXPECT_EQ(flow.snapshot()["session"]["earlier_file"]["title"], "Spring");

  // Opening a campaign again starts without it.
  ASSERT_EQ(flow.open(), Screen::results);
  EXPECT_FALSE(session.earlier_file.has_value());
}

TEST_F(ResultsFlowTest, TheComparisonShownIsWithTheChosenFileElseTheCampaignOpenedByLink) {
  session.link = t.link;
  keys = KeySet{KeyRole::manager, "", t.manager, std::nullopt};
  ASSERT_EQ(flow.open(), Screen::results) << session.error;
  EXPECT_FALSE(shown_comparison(session, earlier).has_value()) << "nothing loaded yet";
  load(flow, session, store(5));
  EXPECT_FALSE(shown_comparison(session, earlier).has_value()) << "nothing to compare with";

  // An earlier campaign loaded by link (here, as the flow leaves it once loaded).
  earlier.campaign = t.campaign;
  earlier.campaign->title = "Winter";
  earlier.load.result = session.load.result;
  auto shown = shown_comparison(session, earlier);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->earlier_title, "Winter");
  EXPECT_EQ(shown->comparison.questions.size(), session.load.result->questions.size());
  earlier.load.loading = true;
  EXPECT_FALSE(shown_comparison(session, earlier).has_value()) << "not while it loads again";
  earlier.load.loading = false;

  // A chosen results file comes first.
  auto file = nlohmann::json::parse(parley::to_string(flow.export_file(client::ExportFormat::json)->data));
  file["campaign"]["id"] = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
  file["campaign"]["title"] = "Spring";
  flow.use_earlier_file({"spring.json", to_bytes(file.dump())});
  shown = shown_comparison(session, earlier);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->earlier_title, "Spring");

  // Results below k compare with nothing: no change is shown for figures that are not.
  session.load.result->visible = false;
  EXPECT_FALSE(shown_comparison(session, earlier).has_value());
}

}  // namespace
}  // namespace parley::ui
