#include "core/report.h"

#include <cmath>
#include <sstream>

#include "core/favourable.h"

namespace parley {
namespace {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

std::string csv_field(const std::string& s) {
  // Quote always; a leading = + - @ (or a tab or carriage return, which some spreadsheets skip
  // before reading the formula) is defused so that the cell is not run as a formula.
  std::string out = "\"";
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) out += '\'';
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string bin_label(const QuestionResult& q, std::size_t i) {
  switch (q.type) {
    case QuestionType::likert: return std::to_string(i + 1);
    case QuestionType::enps: return std::to_string(i);
    default: return i < q.options.size() ? q.options[i] : std::to_string(i);
  }
}

}  // namespace

nlohmann::json aggregate_to_json(const AggregateResult& r) {
  nlohmann::json out = {{"responses", r.responses}, {"k", r.k}, {"visible", r.visible},
                        {"unknown_answers", r.unknown_answers}, {"invalid_answers", r.invalid_answers}};
  nlohmann::json qs = nlohmann::json::array();
  for (const auto& q : r.questions) {
    // A hidden question (fewer than k answered) says no more than that: not even how many.
    nlohmann::json jq = {{"id", q.id}, {"type", to_string(q.type)}, {"text", q.text}};
    if (q.visible) jq["answered"] = q.answered;
    jq["visible"] = q.visible;
    if (q.visible) {
      if (!q.counts.empty()) {
        nlohmann::json counts = nlohmann::json::array();
        for (std::size_t i = 0; i < q.counts.size(); ++i) counts.push_back({{"value", bin_label(q, i)}, {"count", q.counts[i]}});
        jq["counts"] = std::move(counts);
      }
      if (q.type == QuestionType::likert || q.type == QuestionType::enps) {
        jq["mean"] = round2(q.mean);
        jq["median"] = q.median;
      }
      if (q.type == QuestionType::enps) {
        jq["enps"] = round2(q.enps);
        jq["promoters"] = q.promoters;
        jq["passives"] = q.passives;
        jq["detractors"] = q.detractors;
      }
      if (const auto split = favourable_split(q)) {
        jq["favourable"] = split->favourable_pct;
        jq["neutral"] = split->neutral_pct;
        jq["unfavourable"] = split->unfavourable_pct;
      }
      if (const auto score = enps_score(q)) jq["enps_score"] = *score;
      if (!q.comments.empty()) jq["comments"] = q.comments;
    }
    qs.push_back(std::move(jq));
  }
  out["questions"] = std::move(qs);
  return out;
}

nlohmann::json results_file_json(const Campaign& campaign, const AggregateResult& r) {
  nlohmann::json out = aggregate_to_json(r);
  out["parley_results"] = 1;
  out["campaign"] = {{"id", campaign.id}, {"title", campaign.title}, {"closes", campaign.closes}};
  return out;
}

std::string aggregate_to_csv(const AggregateResult& r) {
  std::ostringstream out;
  out << kUtf8Bom << "question_id,question,type,measure,option,value\r\n";
  const auto row = [&](const std::string& head, const std::string& measure, const std::string& option, const std::string& value) {
    out << head << csv_field(measure) << ',' << csv_field(option) << ',' << value << "\r\n";
  };
  const auto number = [](double v) {
    std::ostringstream n;
    n << v;
    return n.str();
  };
  row(csv_field("") + ',' + csv_field("") + ',' + csv_field("") + ',', "responses", "", std::to_string(r.responses));
  for (const auto& q : r.questions) {
    const std::string head = csv_field(q.id) + ',' + csv_field(q.text) + ',' + csv_field(to_string(q.type)) + ',';
    if (!q.visible) {  // fewer than k answered: not even how many
      row(head, "hidden", "", "");
      continue;
    }
    row(head, "answered", "", std::to_string(q.answered));
    for (std::size_t i = 0; i < q.counts.size(); ++i) row(head, "count", bin_label(q, i), std::to_string(q.counts[i]));
    if (const auto split = favourable_split(q)) {
      row(head, "favourable_pct", "", std::to_string(split->favourable_pct));
      row(head, "neutral_pct", "", std::to_string(split->neutral_pct));
      row(head, "unfavourable_pct", "", std::to_string(split->unfavourable_pct));
    }
    if (q.type == QuestionType::likert || q.type == QuestionType::enps) {
      row(head, "mean", "", number(round2(q.mean)));
      row(head, "median", "", number(q.median));
    }
    if (const auto score = enps_score(q)) row(head, "enps", "", std::to_string(*score));
    for (const auto& c : q.comments) row(head, "comment", "", csv_field(c));
  }
  return out.str();
}

}  // namespace parley
