// A small command-line parser: `--name value`, `--name=value`, flags and positionals.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace parley::cli {

class Args {
 public:
  // `flags` take no value; `options` take one (repeatable). Anything else starting with "--"
  // is an error, reported by error().
  Args(int argc, char** argv, int first, std::set<std::string> flags, std::set<std::string> options);

  bool help() const { return help_; }
  const std::string& error() const { return error_; }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  bool help_ = false;
  std::string error_;
  std::set<std::string> flags_;
  std::multimap<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

}  // namespace parley::cli
