#include "core/listing.h"

#include <nlohmann/json.hpp>

namespace parley {

bool is_envelope_name(std::string_view name) {
  constexpr std::string_view kSuffix = ".parley";
  if (name.size() != 32 + kSuffix.size() || name.compare(32, kSuffix.size(), kSuffix) != 0) return false;
  for (std::size_t i = 0; i < 32; ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string storage_prefix(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url) + "/";
}

Result<std::vector<std::string>> listing_names(std::string_view listing, NameFilter keep) {
  const auto j = nlohmann::json::parse(listing, nullptr, false);
  const nlohmann::json* items = &j;
  if (j.is_object() && j.contains("objects")) items = &j["objects"];
  if (!items->is_array()) return make_error(Errc::bad_input, "The storage did not answer with a listing of envelopes.");
  std::vector<std::string> names;
  for (const auto& item : *items) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) continue;
    if (item.contains("type") && item["type"] != "file") continue;
    const auto name = item["name"].get<std::string>();
    if (keep(name)) names.push_back(name);
  }
  return names;
}

}  // namespace parley
