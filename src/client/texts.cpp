// The catalog behind text() and plural(): assets/texts/en.json, compiled into parley_ui by
// parley_embed_file() (src/CMakeLists.txt) and parsed once, on first use, without exceptions
// (wasm aborts on a throw): a damaged catalog leaves its keys showing, nothing worse.
#include "client/texts.h"

#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

extern const unsigned char parley_texts_en[];
extern const unsigned long parley_texts_en_size;

namespace parley::client {
namespace {

using Catalog = std::map<std::string, std::string, std::less<>>;

const Catalog& catalog() {
  static const Catalog entries = [] {
    Catalog out;
    const char* begin = reinterpret_cast<const char*>(parley_texts_en);
    const auto j = nlohmann::json::parse(begin, begin + parley_texts_en_size, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return out;
    for (const auto& entry : j.items()) {
      if (entry.value().is_string()) out.emplace(entry.key(), entry.value().get<std::string>());
    }
    return out;
  }();
  return entries;
}

// Replaces each {name} that has a value; everything else, values included, is copied as is.
std::string fill(std::string_view pattern, TextArgs args, const std::string* n = nullptr) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(pattern, i, open - i);
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const std::string* value = n && name == "n" ? n : nullptr;
    for (const auto& [arg, v] : args) {
      if (!value && arg == name) value = &v;
    }
    if (value) out += *value;
    else out.append(pattern, open, close - open + 1);
    i = close + 1;
  }
  out.append(pattern, i, std::string_view::npos);
  return out;
}

}  // namespace

const std::string& text(std::string_view key) {
  const Catalog& entries = catalog();
  if (const auto it = entries.find(key); it != entries.end()) return it->second;
  // Keys the catalog lacks, kept so that each has a string to refer to for the program's life.
  static std::set<std::string, std::less<>> missing;
  return *missing.emplace(key).first;
}

std::string text(std::string_view key, TextArgs args) { return fill(text(key), args); }

std::string plural(std::string_view key, long n, TextArgs args) {
  std::string form(key);
  form += n == 1 ? ".one" : ".other";
  const std::string count = std::to_string(n);
  return fill(text(form), args, &count);
}

}  // namespace parley::client
