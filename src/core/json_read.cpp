#include "core/json_read.h"

#include <set>
#include <string>
#include <vector>

#include <algorithm>
#include <cstring>

namespace parley {

Result<json> parse_json(std::string_view text, const char* what) {
  // nlohmann keeps the last of two equal keys; another reader might keep the first. Text that
  // two readers can understand differently is refused: one stack of seen keys per open object.
  std::vector<std::set<std::string>> seen;
  bool duplicate = false;
  const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) seen.emplace_back();
    else if (event == json::parse_event_t::object_end && !seen.empty()) seen.pop_back();
    else if (event == json::parse_event_t::key && !seen.empty() && parsed.is_string() &&
             !seen.back().insert(parsed.get_ref<const std::string&>()).second) {
      duplicate = true;
    }
    return true;
  };
  json j = json::parse(text.begin(), text.end(), check, false);
  if (j.is_discarded()) return make_error(Errc::schema_failure, std::string(what) + " is not valid JSON.");
  if (duplicate) return make_error(Errc::schema_failure, std::string(what) + " names the same field twice.");
  return j;
}

std::string dump_canonical(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

const json* JsonReader::find(const char* key, bool required) {
  if (!obj_.is_object()) return nullptr;
  const auto it = obj_.find(key);
  if (it == obj_.end()) {
    if (required) fail(std::string("has no \"") + key + "\"");
    return nullptr;
  }
  return &*it;
}

std::string JsonReader::string(const char* key, bool required) {
  const json* v = find(key, required);
  if (!v) return {};
  if (!v->is_string()) {
    fail(std::string("\"") + key + "\" must be a string");
    return {};
  }
  return v->get<std::string>();
}

std::int64_t JsonReader::integer(const char* key, std::int64_t min, std::int64_t max, bool required, std::int64_t fallback) {
  const json* v = find(key, required);
  if (!v) return fallback;
  if (!v->is_number_integer()) {
    fail(std::string("\"") + key + "\" must be a whole number");
    return fallback;
  }
  const std::int64_t n = v->is_number_unsigned() ? static_cast<std::int64_t>(std::min<std::uint64_t>(v->get<std::uint64_t>(), INT64_MAX))
                                                 : v->get<std::int64_t>();
  if (n < min || n > max) {
    fail(std::string("\"") + key + "\" must be between " + std::to_string(min) + " and " + std::to_string(max));
    return fallback;
  }
  return n;
}

bool JsonReader::boolean(const char* key, bool required, bool fallback) {
  const json* v = find(key, required);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    fail(std::string("\"") + key + "\" must be true or false");
    return fallback;
  }
  return v->get<bool>();
}

const json* JsonReader::array(const char* key, bool required) {
  const json* v = find(key, required);
  if (v && !v->is_array()) {
    fail(std::string("\"") + key + "\" must be a list");
    return nullptr;
  }
  return v;
}

const json* JsonReader::object(const char* key, bool required) {
  const json* v = find(key, required);
  if (v && !v->is_object()) {
    fail(std::string("\"") + key + "\" must be an object");
    return nullptr;
  }
  return v;
}

void JsonReader::only(std::initializer_list<const char*> allowed) {
  if (!obj_.is_object()) return;
  for (const auto& item : obj_.items()) {
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return item.key() == k; });
    if (!known) fail("has an unknown field \"" + item.key() + "\"");
  }
}

}  // namespace parley
