#include "core/favourable.h"

#include <algorithm>
#include <numeric>

namespace parley {

std::vector<int> whole_percentages(const std::vector<std::size_t>& parts) {
  std::vector<int> out(parts.size(), 0);
  const std::size_t total = std::accumulate(parts.begin(), parts.end(), std::size_t{0});
  if (total == 0) return out;
  // Integer arithmetic throughout: floor(100 * part / total) and its remainder, so no rounding
  // of doubles can move a share across a boundary.
  std::vector<std::size_t> remainder(parts.size());
  int given = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out[i] = static_cast<int>(parts[i] * 100 / total);
    remainder[i] = parts[i] * 100 % total;
    given += out[i];
  }
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return parts[a] > parts[b];
  });
  for (std::size_t i = 0; given < 100 && i < order.size(); ++i, ++given) ++out[order[i]];
  return out;
}

std::optional<FavourableSplit> favourable_split(const QuestionResult& q) {
  if (!q.visible || q.answered == 0) return std::nullopt;
  FavourableSplit s;
  if (q.type == QuestionType::likert && q.counts.size() == 5) {
    s.unfavourable = q.counts[0] + q.counts[1];
    s.neutral = q.counts[2];
    s.favourable = q.counts[3] + q.counts[4];
  } else if (q.type == QuestionType::enps && q.counts.size() == 11) {
    for (std::size_t b = 0; b <= 10; ++b) (b >= 9 ? s.favourable : b >= 7 ? s.neutral : s.unfavourable) += q.counts[b];
  } else {
    return std::nullopt;
  }
  const std::vector<int> pct = whole_percentages({s.favourable, s.neutral, s.unfavourable});
  s.favourable_pct = pct[0];
  s.neutral_pct = pct[1];
  s.unfavourable_pct = pct[2];
  return s;
}

std::optional<int> enps_score(const QuestionResult& q) {
  if (q.type != QuestionType::enps) return std::nullopt;
  const auto s = favourable_split(q);
  if (!s) return std::nullopt;
  const std::size_t n = s->favourable + s->neutral + s->unfavourable;
  // round(100 * (P - D) / n), halves away from zero, in integers.
  const bool negative = s->unfavourable > s->favourable;
  const std::size_t diff = negative ? s->unfavourable - s->favourable : s->favourable - s->unfavourable;
  const auto magnitude = static_cast<int>((200 * diff + n) / (2 * n));
  return negative ? -magnitude : magnitude;
}

std::optional<QuestionScore> question_score(const QuestionResult& q) {
  if (q.type == QuestionType::enps) {
    if (const auto e = enps_score(q)) return QuestionScore{ScoreKind::enps, *e};
    return std::nullopt;
  }
  if (const auto s = favourable_split(q)) return QuestionScore{ScoreKind::favourable_pct, s->favourable_pct};
  return std::nullopt;
}

}  // namespace parley
