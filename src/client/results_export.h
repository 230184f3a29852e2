// A campaign's aggregated results as a file the manager downloads (CSV for spreadsheets, JSON
// for other tools): the same figures the results screen shows, and nothing before k people
// answered.
#pragma once

#include <optional>
#include <string>

#include "core/aggregate.h"
#include "core/bytes.h"
#include "core/manifest.h"

namespace parley::client {

enum class ExportFormat { csv, json };

struct ExportFile {
  std::string name;  // "parley-results-<first 8 characters of the campaign id>.csv"
  Bytes data;
  std::string mime;
};

// The file for `result` of `campaign`, or nothing while the result is hidden (fewer than k).
std::optional<ExportFile> export_results(const Campaign& campaign, const AggregateResult& result, ExportFormat format);

}  // namespace parley::client
