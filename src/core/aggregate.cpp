#include "core/aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/json_read.h"
#include "core/text.h"

namespace parley {
namespace {

std::size_t bins_for(const Question& q) { return count_bins(q.type, q.options.size()); }

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

constexpr std::int64_t kStateVersion = 1;
// Largest count a state may carry: exact in a JSON double and in this platform's size_t.
constexpr std::uint64_t kMaxCount =
    std::min<std::uint64_t>(std::numeric_limits<std::size_t>::max(), (std::uint64_t{1} << 53) - 1);

bool is_comment(const std::string& text) { return !text.empty() && is_clean_text(text, kMaxFreeTextChars, true); }

bool read_count(const json& j, std::uint64_t& out) {
  if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0)) return false;
  out = j.is_number_unsigned() ? j.get<std::uint64_t>() : static_cast<std::uint64_t>(j.get<std::int64_t>());
  return out <= kMaxCount;
}

Error bad_state(const std::string& what) { return make_error(Errc::schema_failure, "The aggregate state " + what + "."); }

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
        // The same fit as validate_submission: a number and nothing else.
        const bool is_number = a.number && !a.is_text && a.choices.empty();
        const int bin = is_number ? *a.number - (q.type == QuestionType::likert ? 1 : 0) : -1;
        if (bin < 0 || bin >= bins) {
          ++invalid_;
          break;
        }
        ++t.counts[static_cast<std::size_t>(bin)];
        ++t.answered;
        break;
      }
      case QuestionType::multi_choice: {
        // Ascending and distinct, as validate_submission demands: a repeated option must not
        // count twice for one person.
        const bool fits = !a.is_text && !a.number && !a.choices.empty() && a.choices.front() >= 0 &&
                          a.choices.back() < bins && std::is_sorted(a.choices.begin(), a.choices.end()) &&
                          std::adjacent_find(a.choices.begin(), a.choices.end()) == a.choices.end();
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
        if (!a.is_text || a.number || !a.choices.empty() || !is_comment(a.text)) {
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
  if (&other == this) {  // inserting a vector's comments into itself would read freed memory
    const Aggregator copy = other;
    merge(copy);
    return;
  }
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

json Aggregator::state() const {
  json questions = json::array();
  for (std::size_t i = 0; i < campaign_.questions.size(); ++i) {
    const Question& q = campaign_.questions[i];
    const Tally& t = tallies_[i];
    json jq = {{"id", q.id}, {"answered", t.answered}};
    if (q.type == QuestionType::free_text || q.type == QuestionType::blockers) {
      // Sorted: a state crosses to another thread or tab, and arrival order must not go with it.
      std::vector<std::string> comments = t.comments;
      std::sort(comments.begin(), comments.end());
      jq["comments"] = std::move(comments);
    } else {
      jq["counts"] = t.counts;
    }
    questions.push_back(std::move(jq));
  }
  return {{"aggregate", kStateVersion}, {"campaign", campaign_.id},   {"responses", responses_},
          {"unknown_answers", unknown_},  {"invalid_answers", invalid_}, {"questions", std::move(questions)}};
}

Result<Aggregator> Aggregator::from_state(const Campaign& campaign, const json& state) {
  const auto max = static_cast<std::int64_t>(kMaxCount);
  JsonReader r(state, "The aggregate state");
  r.only({"aggregate", "campaign", "responses", "unknown_answers", "invalid_answers", "questions"});
  const auto version = r.integer("aggregate", 0, 1'000'000);
  const std::string id = r.string("campaign");
  Aggregator a(campaign);
  a.responses_ = static_cast<std::size_t>(r.integer("responses", 0, max));
  a.unknown_ = static_cast<std::size_t>(r.integer("unknown_answers", 0, max));
  a.invalid_ = static_cast<std::size_t>(r.integer("invalid_answers", 0, max));
  const json* questions = r.array("questions");
  if (!r.ok()) return r.error();
  if (version != kStateVersion) return bad_state("has version " + std::to_string(version) + ", which this Parley cannot read");
  if (id != campaign.id) return make_error(Errc::wrong_campaign, "The aggregate state belongs to another campaign.");
  if (questions->size() != campaign.questions.size()) return bad_state("does not list this campaign's questions");

  for (std::size_t i = 0; i < campaign.questions.size(); ++i) {
    const Question& q = campaign.questions[i];
    Tally& t = a.tallies_[i];
    const bool is_text = q.type == QuestionType::free_text || q.type == QuestionType::blockers;
    JsonReader qr((*questions)[i], "A question in the aggregate state");
    qr.only({"id", "answered", is_text ? "comments" : "counts"});
    const std::string qid = qr.string("id");
    t.answered = static_cast<std::size_t>(qr.integer("answered", 0, max));
    const json* list = qr.array(is_text ? "comments" : "counts");
    if (!qr.ok()) return qr.error();
    if (qid != q.id) return bad_state("lists question \"" + qid + "\" where \"" + q.id + "\" belongs");
    if (t.answered > a.responses_) return bad_state("has more answers to \"" + q.id + "\" than responses");

    if (is_text) {
      if (list->size() != t.answered) return bad_state("has a comment count that does not match \"" + q.id + "\"");
      t.comments.reserve(list->size());
      for (const auto& c : *list) {
        if (!c.is_string() || !is_comment(c.get_ref<const std::string&>())) return bad_state("has a malformed comment");
        t.comments.push_back(c.get<std::string>());
      }
      continue;
    }
    if (list->size() != t.counts.size()) return bad_state("has the wrong number of counts for \"" + q.id + "\"");
    std::uint64_t sum = 0;
    for (std::size_t b = 0; b < list->size(); ++b) {
      std::uint64_t n = 0;
      if (!read_count((*list)[b], n)) return bad_state("has a malformed count for \"" + q.id + "\"");
      t.counts[b] = static_cast<std::size_t>(n);
      sum += n;
    }
    // The counts must be ones add() could produce: one bin per answer, or for multiple
    // choice one to all options per answer, and never an option chosen twice by one person.
    const bool consistent =
        q.type == QuestionType::multi_choice
            ? sum >= t.answered && std::all_of(t.counts.begin(), t.counts.end(), [&](std::size_t n) { return n <= t.answered; })
            : sum == t.answered;
    if (!consistent) return bad_state("has counts for \"" + q.id + "\" that do not add up");
  }
  return a;
}

AggregateResult Aggregator::result(Rng& rng) const {
  AggregateResult r;
  r.responses = responses_;
  r.k = campaign_.k;
  r.unknown_answers = unknown_;
  r.invalid_answers = invalid_;
  const auto k = static_cast<std::size_t>(campaign_.k);
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
        // Sorted first, so the order shown depends on the shuffle alone, never on arrival.
        std::sort(qr.comments.begin(), qr.comments.end());
        shuffle(qr.comments, rng);
      }
    }
    r.questions.push_back(std::move(qr));
  }
  return r;
}

}  // namespace parley
