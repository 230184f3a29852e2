// Aggregated results as JSON and CSV, for export (CLI and app) and for the app's own views.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/aggregate.h"

namespace parley {

nlohmann::json aggregate_to_json(const AggregateResult& r);
// One row per counted value; comments in their own rows. RFC 4180 quoting, UTF-8.
std::string aggregate_to_csv(const AggregateResult& r);

}  // namespace parley
