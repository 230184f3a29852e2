// Favourable / neutral / unfavourable shares, the eNPS score and the overview's figure: the
// documented splits, shares that always add up to 100, and nothing for a hidden question.
#include "core/favourable.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace parley {
namespace {

QuestionResult scale(QuestionType type, std::vector<std::size_t> counts, bool visible = true) {
  QuestionResult q;
  q.id = "q";
  q.type = type;
  q.answered = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  q.visible = visible;
  if (visible) q.counts = std::move(counts);
  return q;
}

TEST(Favourable, AgreementSplitsFourFiveThreeOneTwo) {
  const auto s = favourable_split(scale(QuestionType::likert, {1, 2, 3, 4, 5}));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->unfavourable, 3u);  // 1 and 2
  EXPECT_EQ(s->neutral, 3u);       // 3
  EXPECT_EQ(s->favourable, 9u);    // 4 and 5
  EXPECT_EQ(s->favourable_pct, 60);
  EXPECT_EQ(s->neutral_pct, 20);
  EXPECT_EQ(s->unfavourable_pct, 20);
}

TEST(Favourable, LikelihoodSplitsAsEnpsDoes) {
  //                                                0  1  2  3  4  5  6  7  8  9  10
  const auto q = scale(QuestionType::enps, {1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 1});
  const auto s = favourable_split(q);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->unfavourable, 2u);  // 0-6: detractors
  EXPECT_EQ(s->neutral, 2u);       // 7-8: passives
  EXPECT_EQ(s->favourable, 3u);    // 9-10: promoters
  EXPECT_EQ(s->favourable_pct + s->neutral_pct + s->unfavourable_pct, 100);
  // 100 * (3 - 2) / 7 = 14.29
  EXPECT_EQ(enps_score(q), 14);
}

TEST(Favourable, SharesAlwaysAddUpTo100ByLargestRemainder) {
  // A third each: the leftover point goes to favourable, the first in the documented order.
  const auto thirds = favourable_split(scale(QuestionType::likert, {1, 0, 1, 0, 1}));
  ASSERT_TRUE(thirds.has_value());
  EXPECT_EQ(thirds->favourable_pct, 34);
  EXPECT_EQ(thirds->neutral_pct, 33);
  EXPECT_EQ(thirds->unfavourable_pct, 33);
  // 1/7, 2/7, 4/7 = 14.29, 28.57, 57.14: floors 14+28+57 = 99, and 28.57 has the largest remainder.
  EXPECT_EQ(whole_percentages({1, 2, 4}), (std::vector<int>{14, 29, 57}));
  // Every split of up to 30 people adds up to exactly 100 and no share is more than a point
  // away from its exact value.
  for (std::size_t f = 0; f <= 30; ++f) {
    for (std::size_t n = 0; f + n <= 30; ++n) {
      for (std::size_t u = 0; f + n + u <= 30; ++u) {
        if (f + n + u == 0) continue;
        const auto p = whole_percentages({f, n, u});
        EXPECT_EQ(p[0] + p[1] + p[2], 100) << f << ' ' << n << ' ' << u;
        const double total = static_cast<double>(f + n + u);
        EXPECT_LT(std::abs(p[0] - 100.0 * static_cast<double>(f) / total), 1.0);
        EXPECT_LT(std::abs(p[2] - 100.0 * static_cast<double>(u) / total), 1.0);
      }
    }
  }
  EXPECT_EQ(whole_percentages({0, 0, 0}), (std::vector<int>{0, 0, 0}));
}

TEST(Favourable, EnpsRoundsHalvesAwayFromZero) {
  // 8 people, 1 promoter, 7 passives: 12.5 -> 13; 1 detractor instead: -12.5 -> -13.
  EXPECT_EQ(enps_score(scale(QuestionType::enps, {0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 1})), 13);
  EXPECT_EQ(enps_score(scale(QuestionType::enps, {1, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0})), -13);
  EXPECT_EQ(enps_score(scale(QuestionType::enps, {0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0})), 100);
  EXPECT_EQ(enps_score(scale(QuestionType::enps, {5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})), -100);
}

TEST(Favourable, NothingForHiddenOrUnscaledQuestions) {
  EXPECT_FALSE(favourable_split(scale(QuestionType::likert, {1, 1, 1, 1, 0}, false)).has_value());
  EXPECT_FALSE(enps_score(scale(QuestionType::enps, {0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0}, false)).has_value());
  EXPECT_FALSE(question_score(scale(QuestionType::likert, {0, 0, 0, 4, 0}, false)).has_value());
  QuestionResult choice = scale(QuestionType::single_choice, {3, 2});
  EXPECT_FALSE(favourable_split(choice).has_value());
  EXPECT_FALSE(question_score(choice).has_value());
}

TEST(Favourable, TheOverviewScoreIsTheFavourableShareOrTheEnps) {
  const auto likert = question_score(scale(QuestionType::likert, {0, 1, 1, 2, 1}));
  ASSERT_TRUE(likert.has_value());
  EXPECT_EQ(likert->kind, ScoreKind::favourable_pct);
  EXPECT_EQ(likert->value, 60);
  const auto enps = question_score(scale(QuestionType::enps, {0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 1}));
  ASSERT_TRUE(enps.has_value());
  EXPECT_EQ(enps->kind, ScoreKind::enps);
  EXPECT_EQ(enps->value, 40);  // 3 promoters, 1 detractor of 5
}

}  // namespace
}  // namespace parley
