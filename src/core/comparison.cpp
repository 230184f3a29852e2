#include "core/comparison.h"

#include <algorithm>
#include <cstdint>

#include "core/json_read.h"
#include "core/manifest.h"

namespace parley {
namespace {

constexpr std::int64_t kMaxCount = std::int64_t{1} << 53;

Error bad_file(const std::string& why) { return make_error(Errc::schema_failure, "This is not a Parley results file: " + why + "."); }

}  // namespace

Result<EarlierResults> read_results_file(std::string_view text) {
  auto parsed = parse_json(text, "The results file");
  if (!parsed) return bad_file("it is not JSON");
  JsonReader r(*parsed, "The results file");
  const auto version = r.integer("parley_results", 0, 1'000'000);
  const json* campaign = r.object("campaign");
  const auto k = r.integer("k", kMinK, kMaxK);  // as a manifest allows: a file cannot lower it
  const auto responses = r.integer("responses", 0, kMaxCount);
  const json* questions = r.array("questions");
  if (!r.ok()) return r.error();
  if (version != 1) return bad_file("its version is " + std::to_string(version) + ", which this Parley cannot read");
  JsonReader cr(*campaign, "The results file's campaign");
  EarlierResults out;
  out.campaign_id = cr.string("id");
  out.title = cr.string("title");
  if (!cr.ok()) return cr.error();

  AggregateResult& a = out.result;
  a.k = static_cast<int>(k);
  a.responses = static_cast<std::size_t>(responses);
  a.visible = a.responses >= static_cast<std::size_t>(a.k);  // recomputed: the file's word is not taken
  if (!a.visible) return out;
  for (const json& jq : *questions) {
    JsonReader qr(jq, "A question in the results file");
    QuestionResult q;
    q.id = qr.string("id");
    const std::string type = qr.string("type");
    q.text = qr.string("text");
    // Absent for a hidden question (results_file_json leaves it out).
    q.answered = static_cast<std::size_t>(qr.integer("answered", 0, kMaxCount, false, 0));
    if (!qr.ok()) return qr.error();
    const auto named = question_type_named(type);
    if (!named) return bad_file("question \"" + q.id + "\" has an unknown type");
    q.type = *named;
    if (q.answered > a.responses) return bad_file("question \"" + q.id + "\" has more answers than responses");
    q.visible = q.answered >= static_cast<std::size_t>(a.k);
    const bool counted = count_bins(q.type, 2) > 0;
    if (q.visible && counted) {
      const json* counts = qr.array("counts");
      if (!qr.ok()) return qr.error();
      std::size_t sum = 0;
      for (const json& c : *counts) {
        JsonReader cc(c, "A count in the results file");
        const std::string label = cc.string("value");
        const auto n = cc.integer("count", 0, kMaxCount);
        if (!cc.ok()) return cc.error();
        q.counts.push_back(static_cast<std::size_t>(n));
        if (has_options(q.type)) q.options.push_back(label);
        sum += static_cast<std::size_t>(n);
      }
      const bool scale = q.type == QuestionType::likert || q.type == QuestionType::enps;
      if (scale && (q.counts.size() != count_bins(q.type, 0) || sum != q.answered)) {
        return bad_file("the counts of question \"" + q.id + "\" do not add up");
      }
    }
    a.questions.push_back(std::move(q));
  }
  return out;
}

Comparison compare_results(const AggregateResult& now, const AggregateResult& before) {
  Comparison c;
  const auto k = static_cast<std::size_t>(std::max(now.k, before.k));
  const bool both_shown = now.visible && before.visible && now.responses >= k && before.responses >= k;
  for (const QuestionResult& q : now.questions) {
    QuestionChange change;
    const auto e = std::find_if(before.questions.begin(), before.questions.end(), [&](const QuestionResult& b) { return b.id == q.id; });
    if (e != before.questions.end()) change.match = e->type == q.type && e->text == q.text ? MatchKind::matched : MatchKind::changed;
    if (change.match == MatchKind::matched) {
      ++c.matched;
      const bool shown = both_shown && q.visible && e->visible && q.answered >= k && e->answered >= k;
      const auto score_now = shown ? question_score(q) : std::nullopt;
      const auto score_then = shown ? question_score(*e) : std::nullopt;
      if (score_now && score_then && score_now->kind == score_then->kind) {
        change.before = score_then;
        change.delta = score_now->value - score_then->value;
      }
    }
    c.questions.push_back(change);
  }
  return c;
}

}  // namespace parley
