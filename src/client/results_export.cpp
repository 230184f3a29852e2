#include "client/results_export.h"

#include "core/report.h"

namespace parley::client {

std::optional<ExportFile> export_results(const Campaign& campaign, const AggregateResult& result, ExportFormat format) {
  if (!result.visible) return std::nullopt;  // nothing leaves before k
  const std::string base = "parley-results-" + campaign.id.substr(0, 8);
  switch (format) {
    case ExportFormat::csv: return ExportFile{base + ".csv", to_bytes(aggregate_to_csv(result)), "text/csv"};
    case ExportFormat::json: return ExportFile{base + ".json", to_bytes(results_file_json(campaign, result).dump(2)), "application/json"};
  }
  return std::nullopt;
}

}  // namespace parley::client
