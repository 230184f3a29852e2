// Aggregated results as JSON and CSV, for export (CLI and app) and for the app's own views.
// The layouts are documented for readers in docs/RESULTS.md.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/aggregate.h"
#include "core/manifest.h"

namespace parley {

nlohmann::json aggregate_to_json(const AggregateResult& r);
// The results file the app saves ("Export JSON"): aggregate_to_json with "parley_results": 1
// and the campaign's id, title and closing day. An earlier campaign's file is what
// comparison.h reads back to show the change since then.
nlohmann::json results_file_json(const Campaign& campaign, const AggregateResult& r);
// One value per row: question_id,question,type,measure,option,value. Starts with a UTF-8 byte
// order mark (spreadsheets otherwise guess a legacy code page and garble non-Latin text); RFC
// 4180 quoting, CRLF line ends, cells that could run as formulas defused.
std::string aggregate_to_csv(const AggregateResult& r);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace parley
