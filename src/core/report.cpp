#include "core/report.h"

#include <cmath>
#include <sstream>

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
    nlohmann::json jq = {{"id", q.id}, {"type", to_string(q.type)}, {"text", q.text}, {"answered", q.answered},
                         {"visible", q.visible}};
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
      if (!q.comments.empty()) jq["comments"] = q.comments;
    }
    qs.push_back(std::move(jq));
  }
  out["questions"] = std::move(qs);
  return out;
}

std::string aggregate_to_csv(const AggregateResult& r) {
  std::ostringstream out;
  out << "question_id,question,type,value,count\r\n";
  out << csv_field("") << ',' << csv_field("responses") << ',' << csv_field("") << ',' << csv_field("")
      << ',' << r.responses << "\r\n";
  for (const auto& q : r.questions) {
    const std::string head = csv_field(q.id) + ',' + csv_field(q.text) + ',' + csv_field(to_string(q.type)) + ',';
    out << head << csv_field("answered") << ',' << q.answered << "\r\n";
    if (!q.visible) continue;
    for (std::size_t i = 0; i < q.counts.size(); ++i) out << head << csv_field(bin_label(q, i)) << ',' << q.counts[i] << "\r\n";
    if (q.type == QuestionType::likert || q.type == QuestionType::enps) {
      out << head << csv_field("mean") << ',' << round2(q.mean) << "\r\n";
      out << head << csv_field("median") << ',' << q.median << "\r\n";
    }
    if (q.type == QuestionType::enps) out << head << csv_field("enps") << ',' << round2(q.enps) << "\r\n";
    for (const auto& c : q.comments) out << head << csv_field(c) << ",\r\n";
  }
  return out.str();
}

}  // namespace parley
