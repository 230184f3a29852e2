#include "cli/args.h"

namespace parley::cli {

Args::Args(int argc, char** argv, int first, std::set<std::string> flags, std::set<std::string> options) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      help_ = true;
      continue;
    }
    if (a == "--") {
      for (++i; i < argc; ++i) positionals_.push_back(argv[i]);
      break;
    }
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positionals_.push_back(a);
      continue;
    }
    std::string value;
    bool has_value = false;
    if (const auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a.resize(eq);
      has_value = true;
    }
    if (flags.count(a)) {
      if (has_value && error_.empty()) error_ = a + " takes no value";
      flags_.insert(a);
    } else if (options.count(a)) {
      if (!has_value) {
        if (i + 1 >= argc) {
          if (error_.empty()) error_ = a + " needs a value";
          break;
        }
        value = argv[++i];
      }
      values_.emplace(a, value);
    } else if (error_.empty()) {
      error_ = "unknown option " + a;
    }
  }
}

std::optional<std::string> Args::get(const std::string& name) const {
  const auto range = values_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> Args::all(const std::string& name) const {
  std::vector<std::string> out;
  const auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

}  // namespace parley::cli
