// Favourable / neutral / unfavourable shares of a scale question, and the one figure per
// question the overview shows: the conventions readers bring from employee-survey tools.
//
//   agreement, 1-5 (likert):     4-5 favourable, 3 neutral, 1-2 unfavourable
//   likelihood, 0-10 (enps):     9-10 favourable (promoters), 7-8 neutral (passives),
//                                0-6 unfavourable (detractors); eNPS = %promoters - %detractors
//
// Shares are whole percentages of the people who answered the question, rounded by largest
// remainder so the three always add up to exactly 100 (ties go to the larger count, then in the
// order favourable, neutral, unfavourable). The eNPS score is computed from the counts, not from
// the rounded shares: round(100 * (promoters - detractors) / answered), halves away from zero.
// Nothing here is computed for a hidden question (fewer than k answered): the k rule of
// aggregate.h holds for every figure derived from it. docs/RESULTS.md explains all of this to readers.
#pragma once

#include <cstddef>
#include <optional>

#include "core/aggregate.h"

namespace parley {

struct FavourableSplit {
  std::size_t favourable = 0, neutral = 0, unfavourable = 0;  // people
  int favourable_pct = 0, neutral_pct = 0, unfavourable_pct = 0;  // add up to 100
};

// Whole percentages of `parts` (of their sum) adding up to 100 by largest remainder; all zero
// when the sum is zero. Exposed for the charts' own shares and for tests.
std::vector<int> whole_percentages(const std::vector<std::size_t>& parts);

// The split of a visible likert or enps question; nothing for other types or hidden questions.
std::optional<FavourableSplit> favourable_split(const QuestionResult& q);

// The eNPS score, -100..100, of a visible enps question.
std::optional<int> enps_score(const QuestionResult& q);

// The overview's figure for a question: the favourable share (likert) or the eNPS score (enps).
// Choice and text questions have none: their counts and comments are the figure.
enum class ScoreKind { favourable_pct, enps };
struct QuestionScore {
  ScoreKind kind = ScoreKind::favourable_pct;
  int value = 0;
};
std::optional<QuestionScore> question_score(const QuestionResult& q);

}  // namespace parley
