#include "core/aggregate.h"

#include <algorithm>
#include <cmath>

namespace parley {
namespace {

std::size_t bins_for(const Question& q) {
  switch (q.type) {
    case QuestionType::likert: return 5;
    case QuestionType::enps: return 11;
    case QuestionType::single_choice:
    case QuestionType::multi_choice: return q.options.size();
    case QuestionType::free_text:
    case QuestionType::blockers: return 0;
  }
  return 0;
}

// Value of bin i for numeric questions: likert bins hold 1..5, enps bins 0..10.
int value_of_bin(QuestionType t, std::size_t i) { return static_cast<int>(i) + (t == QuestionType::likert ? 1 : 0); }

// The median of a histogram: the middle value, or the mean of the two middle values.
double histogram_median(const std::vector<std::size_t>& counts, QuestionType t, std::size_t n) {
  auto nth = [&](std::size_t k) {  // value of the k-th smallest answer, 0-based
    std::size_t seen = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      seen += counts[i];
      if (k < seen) return value_of_bin(t, i);
    }
    return 0;
  };
  if (n == 0) return 0;
  return n % 2 ? nth(n / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2.0;
}

void shuffle(std::vector<std::string>& v, Rng& rng) {
  // Fisher-Yates with unbiased draws (rejection sampling).
  for (std::size_t i = v.size(); i > 1; --i) {
    const std::uint32_t bound = static_cast<std::uint32_t>(i);
    const std::uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
    std::uint32_t r = 0;
    do {
      rng.fill(reinterpret_cast<std::uint8_t*>(&r), sizeof r);
    } while (r >= limit);
    std::swap(v[i - 1], v[r % bound]);
  }
}

}  // namespace

Aggregator::Aggregator(const Campaign& campaign) : campaign_(campaign) {
  for (const auto& q : campaign_.questions) tallies_.push_back(Tally{std::vector<std::size_t>(bins_for(q), 0), {}, 0});
}

void Aggregator::add(const Submission& s) {
  if (s.kind != SubmissionKind::feedback || s.campaign != campaign_.id) return;
  ++responses_;
  for (const auto& [answer_id, a] : s.answers) {
    const std::string& id = answer_id;  // lambdas cannot capture structured bindings in C++17
    const auto it = std::find_if(campaign_.questions.begin(), campaign_.questions.end(),
                                 [&](const Question& q) { return q.id == id; });
    if (it == campaign_.questions.end()) {
      ++unknown_;
      continue;
    }
    const Question& q = *it;
    Tally& t = tallies_[static_cast<std::size_t>(it - campaign_.questions.begin())];
    const int bins = static_cast<int>(t.counts.size());
    switch (q.type) {
      case QuestionType::likert:
      case QuestionType::enps:
      case QuestionType::single_choice: {
        const int bin = a.number ? *a.number - (q.type == QuestionType::likert ? 1 : 0) : -1;
        if (a.is_text || bin < 0 || bin >= bins) {
          ++invalid_;
          break;
        }
        ++t.counts[static_cast<std::size_t>(bin)];
        ++t.answered;
        break;
      }
      case QuestionType::multi_choice: {
        const bool fits = !a.is_text && !a.number && !a.choices.empty() &&
                          std::all_of(a.choices.begin(), a.choices.end(), [&](int c) { return c >= 0 && c < bins; });
        if (!fits) {
          ++invalid_;
          break;
        }
        for (int c : a.choices) ++t.counts[static_cast<std::size_t>(c)];
        ++t.answered;
        break;
      }
      case QuestionType::free_text:
      case QuestionType::blockers:
        if (!a.is_text || a.text.empty()) {
          ++invalid_;
          break;
        }
        t.comments.push_back(a.text);
        ++t.answered;
        break;
    }
  }
}

void Aggregator::merge(const Aggregator& other) {
  if (other.campaign_.id != campaign_.id) return;
  responses_ += other.responses_;
  unknown_ += other.unknown_;
  invalid_ += other.invalid_;
  for (std::size_t i = 0; i < tallies_.size() && i < other.tallies_.size(); ++i) {
    Tally& t = tallies_[i];
    const Tally& o = other.tallies_[i];
    for (std::size_t b = 0; b < t.counts.size() && b < o.counts.size(); ++b) t.counts[b] += o.counts[b];
    t.comments.insert(t.comments.end(), o.comments.begin(), o.comments.end());
    t.answered += o.answered;
  }
}

AggregateResult Aggregator::result(Rng& rng) const {
  AggregateResult r;
  r.responses = responses_;
  r.min_group = campaign_.min_group;
  r.unknown_answers = unknown_;
  r.invalid_answers = invalid_;
  const auto k = static_cast<std::size_t>(campaign_.min_group);
  r.visible = responses_ >= k;
  if (!r.visible) return r;  // nothing at all below the threshold, not even per-question counts
  for (std::size_t i = 0; i < campaign_.questions.size(); ++i) {
    const Question& q = campaign_.questions[i];
    const Tally& t = tallies_[i];
    QuestionResult qr;
    qr.id = q.id;
    qr.type = q.type;
    qr.text = q.text;
    qr.options = q.options;
    qr.answered = t.answered;
    qr.visible = t.answered >= k;  // the same rule for every breakdown
    if (qr.visible) {
      qr.counts = t.counts;
      if (q.type == QuestionType::likert || q.type == QuestionType::enps) {
        double sum = 0;
        for (std::size_t b = 0; b < t.counts.size(); ++b) sum += static_cast<double>(t.counts[b]) * value_of_bin(q.type, b);
        qr.mean = sum / static_cast<double>(t.answered);
        qr.median = histogram_median(t.counts, q.type, t.answered);
      }
      if (q.type == QuestionType::enps) {
        for (std::size_t b = 0; b <= 10; ++b) {
          (b >= 9 ? qr.promoters : b >= 7 ? qr.passives : qr.detractors) += t.counts[b];
        }
        qr.enps = 100.0 * (static_cast<double>(qr.promoters) - static_cast<double>(qr.detractors)) /
                  static_cast<double>(t.answered);
      }
      if (q.type == QuestionType::free_text || q.type == QuestionType::blockers) {
        qr.comments = t.comments;
        shuffle(qr.comments, rng);
      }
    }
    r.questions.push_back(std::move(qr));
  }
  return r;
}

}  // namespace parley
