// Reading untrusted JSON without exceptions (wasm aborts on throw): every access checks the
// type first, and the first problem is kept as a plain-English error.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace parley {

using json = nlohmann::json;

// Parses without throwing; Errc::schema_failure (with `what` in the message) when not JSON or
// when an object names the same key twice. Every JSON Parley reads goes through here.
Result<json> parse_json(std::string_view text, const char* what);

// Serialises the way every signed or hashed JSON in Parley is: sorted keys, no spaces.
std::string dump_canonical(const json& j);

class JsonReader {
 public:
  JsonReader(const json& object, std::string context) : obj_(object), context_(std::move(context)) {
    if (!obj_.is_object()) fail("is not a JSON object");
  }

  bool ok() const { return error_.empty(); }
  Error error() const { return make_error(Errc::schema_failure, error_); }

  bool has(const char* key) const { return obj_.is_object() && obj_.contains(key); }
  std::string string(const char* key, bool required = true);
  std::int64_t integer(const char* key, std::int64_t min, std::int64_t max, bool required = true, std::int64_t fallback = 0);
  bool boolean(const char* key, bool required = true, bool fallback = false);
  const json* array(const char* key, bool required = true);
  const json* object(const char* key, bool required = true);
  // Fails when the object has a key outside `allowed` (a signed body must have no extras).
  void only(std::initializer_list<const char*> allowed);

  void fail(const std::string& problem) {
    if (error_.empty()) error_ = context_ + " " + problem + ".";
  }

 private:
  const json* find(const char* key, bool required);

  const json& obj_;
  std::string context_;
  std::string error_;
};

}  // namespace parley
