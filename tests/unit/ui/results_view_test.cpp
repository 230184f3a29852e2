// The results screen through the real views and the mirror: the overview is a table with the
// figures the core computes, a long comment is whole in the mirror, a comparison shows a change
// only where both campaigns are at or above k, and envelopes not for the reader's key are
// described for who is reading (a manager, or a mediator).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/object_name.h"
#include "core/report.h"
#include "core/submission.h"
#include "support/campaigns.h"
#include <nlohmann/json.hpp>

#include "support/headless_views.h"
#include "support/served_store.h"

namespace parley::ui {
namespace {

const std::string kLong = [] {
  std::string s;
  for (int i = 0; i < 20; ++i) s += "Meetings cut the afternoon into pieces, so deep work moves to the evening. ";
  return s + "End.";
}();

class ResultsViewTest : public testing::HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    controller.start("", kAfterClose);
  }

  // Five people (mood 4, 4, 5, 2, 3; recommend 9 x5; one long comment) and one mediation request.
  std::map<std::string, Bytes> store() {
    testing::ServedStore out(t.campaign.storage.url);
    auto add = [&](const Submission& s) { out.put(seal_submission(t.campaign, s, rng).value()); };
    const int moods[] = {4, 4, 5, 2, 3};
    for (int i = 0; i < 5; ++i) {
      Submission s;
      s.campaign = t.campaign.id;
      s.answers["mood"] = testing::num(moods[i]);
      s.answers["recommend"] = testing::num(9);
      s.answers["comment"] = testing::text(i == 0 ? kLong : "Short note " + std::to_string(i));
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

  void open_as(const RecipientKeyPair& key, KeyRole role) {
    give_keys(KeySet{role, "", key, std::nullopt});
    controller.apply(StartUnlock{});
    controller.apply(Edit{Field::results_link, -1, t.link});
    controller.apply(OpenResults{});
    load_results(store());
    frame();
  }

  // The rows of the mirror table `id`, cell names.
  std::vector<std::vector<std::string>> table(const std::string& id) {
    const auto& nodes = items.nodes();
    const auto at = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.id == id; });
    if (at == nodes.end()) return {};
    const int table_index = static_cast<int>(at - nodes.begin());
    std::vector<std::vector<std::string>> rows;
    std::map<int, std::size_t> row_of;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].role == Role::row && nodes[i].parent == table_index) {
        row_of[static_cast<int>(i)] = rows.size();
        rows.emplace_back();
      } else if (nodes[i].role == Role::cell && row_of.count(nodes[i].parent)) {
        rows[row_of[nodes[i].parent]].push_back(nodes[i].name);
      }
    }
    return rows;
  }
  // A chart's table, found by its name (the question): it has no id of its own.
  std::vector<std::vector<std::string>> chart_table(const std::string& question) {
    const auto& nodes = items.nodes();
    const auto at = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.role == Role::table && n.name == question; });
    return at == nodes.end() ? std::vector<std::vector<std::string>>{} : table(at->id);
  }
  bool shows(const std::string& name) {
    const auto& nodes = items.nodes();
    return std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name == name; });
  }
  bool shows_containing(const std::string& part) {
    const auto& nodes = items.nodes();
    return std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name.find(part) != std::string::npos; });
  }

  testing::SignedCampaign t = testing::signed_campaign();
};

TEST_F(ResultsViewTest, TheOverviewIsATableOfEveryQuestionAndNothingBelowK) {
  open_as(t.manager, KeyRole::manager);
  ASSERT_EQ(controller.state().screen, Screen::results);
  const auto rows = table("overview");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Question", "Answered", "Score"}));
  // mood 4, 4, 5, 2, 3: 3 favourable, 1 neutral, 1 unfavourable.
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1. I can do my best work here.", "5", "60% favourable"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2. How likely are you to recommend this team?", "5", "eNPS +100"}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"3. Where should we focus?", "fewer than 5", "hidden"}));
  EXPECT_EQ(rows[5], (std::vector<std::string>{"5. Anything else?", "5", "5 comments"}));
  // The chart's accessible twin: every answer with its people and share.
  const auto chart = chart_table("I can do my best work here.");
  ASSERT_EQ(chart.size(), 6u);
  EXPECT_EQ(chart[0], (std::vector<std::string>{"Answer", "People", "Share"}));
  EXPECT_EQ(chart[4][1], "2");  // two answered 4
  EXPECT_EQ(chart[4][2], "40%");
  EXPECT_TRUE(shows("Favourable 60%   Neutral 20%   Unfavourable 20%"));
  EXPECT_TRUE(shows("eNPS +100   (promoters 5, passives 0, detractors 0)"));
  EXPECT_TRUE(shows("5 responses."));
  EXPECT_FALSE(shows_containing("Results appear once"));
  EXPECT_FALSE(shows("0 answered"));  // the hidden question's count is not shown either
  // The manager's "not counted" line: the mediation request.
  EXPECT_TRUE(shows("1 sealed for someone else (for example mediation requests, which only the mediator opens)"));
}

TEST_F(ResultsViewTest, ALongCommentIsWholeInTheMirrorAndUnfoldsOnTheCanvas) {
  open_as(t.manager, KeyRole::manager);
  EXPECT_TRUE(shows(kLong));
  const auto& nodes = items.nodes();
  const auto button = std::find_if(nodes.begin(), nodes.end(), [](const Node& n) {
    return n.role == Role::button && n.name.rfind("Read the whole comment (", 0) == 0;
  });
  ASSERT_NE(button, nodes.end());
  EXPECT_EQ(button->name, "Read the whole comment (" + std::to_string(kLong.size()) + " characters)");
  const std::string id = button->id;
  frame();
  items.press(id);  // as the page's button is pressed (the headless window is shorter than the screen)
  frame();
  frame();
  EXPECT_TRUE(shows("Show less of this comment"));
  EXPECT_TRUE(shows(kLong));
}

TEST_F(ResultsViewTest, AChangeShowsOnlyWhereBothCampaignsAreAtOrAboveK) {
  open_as(t.manager, KeyRole::manager);
  // An earlier campaign's results file: "mood" answered by 3 then (hidden), "recommend" by 6.
  AggregateResult before;
  before.k = 5;
  before.responses = 6;
  before.visible = true;
  QuestionResult mood;
  mood.id = "mood";
  mood.type = QuestionType::likert;
  mood.text = "I can do my best work here.";
  mood.answered = 3;
  QuestionResult rec;
  rec.id = "recommend";
  rec.type = QuestionType::enps;
  rec.text = "How likely are you to recommend this team?";
  rec.answered = 6;
  rec.visible = true;
  rec.counts = {1, 0, 0, 0, 0, 0, 0, 1, 1, 2, 1};  // 3 promoters, 1 detractor of 6: +33
  before.questions = {mood, rec};
  Campaign spring = t.campaign;
  spring.id = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
  spring.title = "Spring";
  controller.apply(CompareWithFile{});
  platform.pick({{"spring.json", to_bytes(results_file_json(spring, before).dump())}});
  frame();
  const auto rows = table("overview");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].back(), "Change since “Spring”");
  EXPECT_EQ(rows[1].back(), "not shown: fewer than 5 answered in one of the two");
  EXPECT_EQ(rows[2].back(), "+67 points (then eNPS +33)");
  EXPECT_EQ(rows[3].back(), "not asked then");
  EXPECT_TRUE(shows("Compared with “Spring”: 2 of 6 questions matched (same id and wording)."));
  EXPECT_TRUE(shows("Since “Spring”: +67 points (then eNPS +33)"));
  EXPECT_FALSE(shows_containing("then 0% favourable"));
}

// The page's focus (shell/mirror.js) follows the screen the mirror names: an opened request is
// a screen of its own that starts on the request, and the list starts again on its row. The
// node named must be drawn, or the page falls back to the title.
TEST_F(ResultsViewTest, AnOpenedRequestIsAScreenForTheFocusAndTheListComesBackToItsRow) {
  open_as(t.mediator, KeyRole::mediator);
  ASSERT_EQ(controller.state().screen, Screen::inbox);
  const auto enter = [&](const std::string& screen) {
    const auto tree = nlohmann::json::parse(items.tree_json());
    EXPECT_EQ(tree["screen"], screen);
    const std::string id = tree.value("enter", "");
    const bool drawn = std::any_of(tree["nodes"].begin(), tree["nodes"].end(), [&](const nlohmann::json& n) { return n["i"] == id; });
    EXPECT_TRUE(id.empty() || drawn) << id << " is not drawn";
    return id;
  };
  EXPECT_EQ(enter("inbox"), "") << "first visit: the page's title";
  controller.apply(SelectRequest{0});
  frame();
  EXPECT_EQ(enter("inbox_request"), "request");
  EXPECT_TRUE(shows("Back to the inbox"));
  controller.apply(GoBack{});
  frame();
  EXPECT_EQ(enter("inbox"), "request_0");
  EXPECT_EQ(controller.state().screen, Screen::inbox);
}

TEST_F(ResultsViewTest, BackInALongInboxTheRowLeftIsDrawnForTheFocus) {
  // 120 requests: far more rows than the window shows, which the list's clipper leaves out.
  testing::ServedStore many(t.campaign.storage.url);
  for (int i = 0; i < 120; ++i) {
    Submission m;
    m.kind = SubmissionKind::mediation;
    m.campaign = t.campaign.id;
    m.day = "2026-11-30";
    m.request.what = "Request " + std::to_string(i);
    many.put(seal_submission(t.campaign, m, rng).value());
  }
  give_keys(KeySet{KeyRole::mediator, "", t.mediator, std::nullopt});
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, t.link});
  controller.apply(OpenResults{});
  load_results(many.objects);
  frame();
  ASSERT_EQ(controller.state().session.load.inbox.size(), 120u);
  const auto drawn = [&](const std::string& id) {
    return std::any_of(items.nodes().begin(), items.nodes().end(), [&](const Node& n) { return n.id == id; });
  };
  EXPECT_FALSE(drawn("request_110")) << "far below the window";
  controller.apply(SelectRequest{110});
  frame();
  controller.apply(GoBack{});
  frame();
  EXPECT_TRUE(drawn("request_110")) << "the row the focus goes back to";
  EXPECT_EQ(nlohmann::json::parse(items.tree_json())["enter"], "request_110");
}

TEST_F(ResultsViewTest, AMediatorReadsWhatTheEnvelopesNotForTheirKeyAre) {
  open_as(t.mediator, KeyRole::mediator);
  ASSERT_EQ(controller.state().screen, Screen::inbox);
  EXPECT_TRUE(shows("5 answers sealed to the campaign's feedback readers, which a mediator's key does not open"));
  EXPECT_FALSE(shows_containing("mediation requests, which only the mediator opens"));
}

}  // namespace
}  // namespace parley::ui
