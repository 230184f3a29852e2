// The change since an earlier campaign, next to each figure, without differencing.
//
// The earlier side is an AggregateResult: either loaded from that campaign's envelopes, or read
// back from the results file saved on its results screen (report.h results_file_json: figures
// only, so comparing needs no key of the earlier campaign and puts nothing new on any screen).
//
// Questions match when their id, type and wording are all the same. A change is shown only when
// BOTH campaigns showed the question: each has at least k responses in all and at least k
// answers to that question, with k the larger of the two campaigns' thresholds. Otherwise a
// small group could be singled out by subtracting one campaign's figure from the other's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/aggregate.h"
#include "core/favourable.h"
#include "core/result.h"

namespace parley {

// An earlier campaign's results as read from a results file. Comments in the file are not read.
struct EarlierResults {
  std::string campaign_id;
  std::string title;
  AggregateResult result;
};

// Reads a results file (docs/RESULTS.md). schema_failure, in plain words, for anything else or
// for counts that do not add up. Questions below the file's k come back hidden whatever the
// file says, and so does everything when it has fewer than k responses.
Result<EarlierResults> read_results_file(std::string_view text);

enum class MatchKind {
  matched,          // same id, type and wording
  not_in_earlier,   // no question with this id earlier
  changed,          // the id was there, with another wording or type: not comparable
};

struct QuestionChange {
  MatchKind match = MatchKind::not_in_earlier;
  // Both set only when the question matched and both campaigns show it (>= k each) and it has
  // a score (favourable.h): the earlier figure, and now minus then in points.
  std::optional<QuestionScore> before;
  std::optional<int> delta;
};

struct Comparison {
  std::vector<QuestionChange> questions;  // one per question of `now`, in its order
  std::size_t matched = 0;                // questions with MatchKind::matched
};

Comparison compare_results(const AggregateResult& now, const AggregateResult& before);

}  // namespace parley
