// The change since an earlier campaign: questions matched by id, type and wording; a change only
// where both campaigns showed the question (the larger k on both sides), so no figure below k
// can be worked out by subtraction; and the results file read back without trusting its word.
#include "core/comparison.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/report.h"

namespace parley {
namespace {

QuestionResult question(const std::string& id, const std::string& text, QuestionType type, std::vector<std::size_t> counts, int k) {
  QuestionResult q;
  q.id = id;
  q.text = text;
  q.type = type;
  q.answered = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  q.visible = q.answered >= static_cast<std::size_t>(k);
  if (q.visible) q.counts = std::move(counts);
  return q;
}

AggregateResult results(int k, std::size_t responses, std::vector<QuestionResult> qs) {
  AggregateResult r;
  r.k = k;
  r.responses = responses;
  r.visible = responses >= static_cast<std::size_t>(k);
  if (r.visible) r.questions = std::move(qs);
  return r;
}

const std::string kSafe = "I can raise a problem without fear.";

TEST(Comparison, ShowsTheChangeWhenBothCampaignsShowTheQuestion) {
  const auto now = results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 2}, 5),  // 67% favourable
                                  question("rec", "Recommend?", QuestionType::enps, {0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 2}, 5)});
  const auto before = results(5, 5, {question("safe", kSafe, QuestionType::likert, {1, 1, 1, 1, 1}, 5),  // 40%
                                     question("rec", "Recommend?", QuestionType::enps, {1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0}, 5)});
  const Comparison c = compare_results(now, before);
  ASSERT_EQ(c.questions.size(), 2u);
  EXPECT_EQ(c.matched, 2u);
  EXPECT_EQ(c.questions[0].match, MatchKind::matched);
  ASSERT_TRUE(c.questions[0].delta.has_value());
  EXPECT_EQ(c.questions[0].before->value, 40);
  EXPECT_EQ(*c.questions[0].delta, 67 - 40);
  // eNPS: now (4 - 1) / 6 = 50, then (1 - 2) / 5 = -20: the change is in points of the score.
  ASSERT_TRUE(c.questions[1].delta.has_value());
  EXPECT_EQ(c.questions[1].before->kind, ScoreKind::enps);
  EXPECT_EQ(*c.questions[1].delta, 50 - -20);
}

TEST(Comparison, NoChangeWhenEitherSideIsBelowK) {
  // Now: 4 answered "safe" (hidden). Then: 6 did.
  auto c = compare_results(results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 0, 1, 2, 1}, 5)}),
                           results(5, 6, {question("safe", kSafe, QuestionType::likert, {1, 1, 1, 1, 2}, 5)}));
  EXPECT_EQ(c.questions[0].match, MatchKind::matched);
  EXPECT_FALSE(c.questions[0].delta.has_value());
  EXPECT_FALSE(c.questions[0].before.has_value());
  // Now shown (5), then hidden (3): the earlier figure is never worked out, nor the change.
  c = compare_results(results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 1}, 5)}),
                      results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 0, 1, 1, 1}, 5)}));
  EXPECT_FALSE(c.questions[0].delta.has_value());
  EXPECT_FALSE(c.questions[0].before.has_value());
  // The earlier campaign as a whole below k.
  c = compare_results(results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 1}, 5)}), results(5, 4, {}));
  EXPECT_FALSE(c.questions[0].delta.has_value());
}

TEST(Comparison, TheLargerKHoldsOnBothSides) {
  // The earlier campaign asked for k = 7; 6 answered now, which this campaign's k = 5 shows, and
  // 8 then. Against a k = 7 campaign, 6 is too few: no change.
  const auto now = results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 2}, 5)});
  const auto before = results(7, 8, {question("safe", kSafe, QuestionType::likert, {1, 1, 2, 2, 2}, 7)});
  EXPECT_FALSE(compare_results(now, before).questions[0].delta.has_value());
  EXPECT_FALSE(compare_results(before, now).questions[0].delta.has_value());
}

TEST(Comparison, MatchesByIdTypeAndWording) {
  const auto now = results(5, 5, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 1}, 5),
                                  question("clear", "Goals are clear.", QuestionType::likert, {0, 1, 1, 2, 1}, 5),
                                  question("new", "A new question", QuestionType::likert, {0, 1, 1, 2, 1}, 5)});
  const auto before = results(5, 5, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 1}, 5),
                                     question("clear", "Our goals are clear.", QuestionType::likert, {1, 1, 1, 1, 1}, 5)});
  const Comparison c = compare_results(now, before);
  EXPECT_EQ(c.matched, 1u);
  EXPECT_EQ(c.questions[0].match, MatchKind::matched);
  EXPECT_EQ(c.questions[0].delta, 0);
  EXPECT_EQ(c.questions[1].match, MatchKind::changed);
  EXPECT_FALSE(c.questions[1].delta.has_value());
  EXPECT_EQ(c.questions[2].match, MatchKind::not_in_earlier);
  EXPECT_FALSE(c.questions[2].delta.has_value());
}

Campaign campaign() {
  Campaign c;
  c.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  c.title = "Spring pulse — 春";
  c.closes = "2026-04-30";
  c.k = 5;
  return c;
}

TEST(Comparison, AResultsFileReadsBackAsTheSameFigures) {
  const auto r = results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 2}, 5),
                                question("rec", "Recommend?", QuestionType::enps, {0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 2}, 5),
                                question("few", "Optional", QuestionType::likert, {0, 0, 1, 1, 1}, 5)});
  const nlohmann::json file = results_file_json(campaign(), r);
  EXPECT_FALSE(file["questions"][2].contains("answered"));  // 3: below k, not even the count
  EXPECT_FALSE(file["questions"][2].contains("counts"));
  EXPECT_EQ(file["questions"][0]["favourable"], 67);
  const auto back = read_results_file(file.dump());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->campaign_id, campaign().id);
  EXPECT_EQ(back->title, campaign().title);
  const Comparison c = compare_results(r, back->result);
  EXPECT_EQ(c.matched, 3u);
  EXPECT_EQ(c.questions[0].delta, 0);
  EXPECT_EQ(c.questions[1].delta, 0);
  EXPECT_FALSE(c.questions[2].delta.has_value());  // 3 answered: hidden in the file too
}

TEST(Comparison, AResultsFileCannotBringBackAFigureBelowK) {
  // A file edited to carry the counts of a question only 3 people answered: read as hidden.
  nlohmann::json file = results_file_json(campaign(), results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 2}, 5)}));
  file["questions"][0]["answered"] = 3;
  file["questions"][0]["visible"] = true;
  file["questions"][0]["counts"] = {{{"value", "1"}, {"count", 0}}, {{"value", "2"}, {"count", 0}}, {{"value", "3"}, {"count", 1}},
                                    {{"value", "4"}, {"count", 1}}, {{"value", "5"}, {"count", 1}}};
  auto back = read_results_file(file.dump());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_FALSE(back->result.questions[0].visible);
  EXPECT_TRUE(back->result.questions[0].counts.empty());
  // A whole campaign below k: nothing at all.
  file["responses"] = 4;
  file["visible"] = true;
  back = read_results_file(file.dump());
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->result.visible);
  EXPECT_TRUE(back->result.questions.empty());
}

TEST(Comparison, AnythingElseIsRefusedInPlainWords) {
  const auto r = results(5, 6, {question("safe", kSafe, QuestionType::likert, {0, 1, 1, 2, 2}, 5)});
  EXPECT_EQ(read_results_file("not json").error().code, Errc::schema_failure);
  EXPECT_FALSE(read_results_file("{}").ok());
  nlohmann::json file = results_file_json(campaign(), r);
  file["parley_results"] = 2;
  EXPECT_FALSE(read_results_file(file.dump()).ok());
  file = results_file_json(campaign(), r);
  file["questions"][0]["counts"][4]["count"] = 9;  // no longer adds up to "answered"
  const auto bad = read_results_file(file.dump());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().detail.find("do not add up"), std::string::npos);
  file = results_file_json(campaign(), r);
  file["questions"][0]["answered"] = 7;  // more than the responses
  EXPECT_FALSE(read_results_file(file.dump()).ok());
  // A k no campaign can have: a file edited to show single answers is refused.
  for (const int k : {0, 1, 2, 51}) {
    file = results_file_json(campaign(), r);
    file["k"] = k;
    EXPECT_FALSE(read_results_file(file.dump()).ok()) << k;
  }
}

}  // namespace
}  // namespace parley
