// The text catalog (assets/texts/en.json) held to the code that reads it. The keys in use are
// found by reading the sources of src/ui and src/client (PARLEY_SOURCE_DIR) for text("...") and plural("...")
// calls: every key asked for has an entry, every entry is asked for, and each entry's
// {placeholders} are exactly the ones its calls fill. A text added to the code without its
// entry, or an entry left behind when the code moved on, fails here instead of showing a key.
#include "client/texts.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace parley::client {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A text() or plural() call as written in a source file.
struct Use {
  std::string where;  // file:line
  std::string key;    // empty when the key is not a string literal
  bool plural = false;
  std::set<std::string> args;  // the {placeholders} the call fills, from its {{"name", value}, ...}
};

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'; }

// Reads C++ just well enough for these calls: comments, string and character literals are
// skipped; a call's own argument list is the brace list at its top level.
class Scanner {
 public:
  Scanner(std::string source, std::string file) : s_(std::move(source)), file_(std::move(file)) {}

  std::vector<Use> uses() {
    std::vector<Use> out;
    std::size_t i = 0;
    while (i < s_.size()) {
      if (skip_comment_or_literal(i)) continue;
      if (!is_ident(s_[i]) || (i > 0 && is_ident(s_[i - 1]))) {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < s_.size() && is_ident(s_[i])) ++i;
      const std::string word = s_.substr(start, i - start);
      if (word != "text" && word != "plural") continue;
      std::size_t before = start;
      while (before > 0 && std::isspace(static_cast<unsigned char>(s_[before - 1]))) --before;
      if (before > 0 && (s_[before - 1] == '.' || s_[before - 1] == '>')) continue;  // a member
      std::size_t open = i;
      while (open < s_.size() && std::isspace(static_cast<unsigned char>(s_[open]))) ++open;
      if (open >= s_.size() || s_[open] != '(') continue;
      Use use = call(open + 1);
      use.plural = word == "plural";
      use.where = file_ + ":" + std::to_string(1 + std::count(s_.begin(), s_.begin() + static_cast<std::ptrdiff_t>(start), '\n'));
      out.push_back(std::move(use));
    }
    return out;
  }

 private:
  // The call whose argument list starts at `i` (just after its "(").
  Use call(std::size_t i) {
    Use use;
    skip_space(i);
    if (i < s_.size() && s_[i] == '"') use.key = literal(i);
    int parens = 1, braces = 0;
    while (i < s_.size() && parens > 0) {
      if (skip_comment_or_literal(i)) continue;
      const char c = s_[i++];
      if (c == '(') ++parens;
      else if (c == ')') --parens;
      else if (c == '}') --braces;
      else if (c == '{' && ++braces == 2 && parens == 1) {  // {{"name", value}, ...}: one pair
        skip_space(i);
        if (i < s_.size() && s_[i] == '"') use.args.insert(literal(i));
      }
    }
    return use;
  }

  void skip_space(std::size_t& i) const {
    while (i < s_.size() && std::isspace(static_cast<unsigned char>(s_[i]))) ++i;
  }

  // The string literal at `i`, unescaped only as far as keys and names need; `i` moves past it.
  std::string literal(std::size_t& i) const {
    std::string out;
    for (++i; i < s_.size() && s_[i] != '"'; ++i) {
      if (s_[i] == '\\' && i + 1 < s_.size()) ++i;
      out += s_[i];
    }
    ++i;
    return out;
  }

  bool skip_comment_or_literal(std::size_t& i) const {
    if (s_.compare(i, 2, "//") == 0) {
      i = std::min(s_.size(), s_.find('\n', i));
      return true;
    }
    if (s_.compare(i, 2, "/*") == 0) {
      const std::size_t end = s_.find("*/", i + 2);
      i = end == std::string::npos ? s_.size() : end + 2;
      return true;
    }
    const bool digit_separator = s_[i] == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(s_[i - 1]));  // 60'000
    if (s_[i] == '"' || (s_[i] == '\'' && !digit_separator)) {
      const char quote = s_[i];
      for (++i; i < s_.size() && s_[i] != quote; ++i) {
        if (s_[i] == '\\') ++i;
      }
      ++i;
      return true;
    }
    return false;
  }

  std::string s_;
  std::string file_;
};

// Every call in src/ui, but for texts.cpp and texts.h themselves.
const std::vector<Use>& ui_uses() {
  static const std::vector<Use> uses = [] {
    std::vector<Use> out;
    for (const char* folder : {"ui", "client"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR) / folder)) {
      const fs::path& p = entry.path();
      const std::string name = p.filename().string();
      if (name == "texts.cpp" || name == "texts.h" || (p.extension() != ".cpp" && p.extension() != ".h")) continue;
      for (auto& use : Scanner(read_file(p), name).uses()) out.push_back(std::move(use));
    }
    }
    return out;
  }();
  return uses;
}

const nlohmann::json& catalog_file() {
  static const nlohmann::json j = nlohmann::json::parse(read_file(PARLEY_TEXTS_FILE), nullptr, false);
  return j;
}

// The {names} in a catalog text; `ok` turns false on a brace that does not open or close a
// simple name ({lower_case_words}).
std::set<std::string> placeholders(const std::string& text, bool* ok = nullptr) {
  std::set<std::string> names;
  bool good = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') good = false;
    if (text[i] != '{') continue;
    const std::size_t close = text.find('}', i + 1);
    const std::string name = close == std::string::npos ? std::string() : text.substr(i + 1, close - i - 1);
    const bool simple =
        !name.empty() && std::islower(static_cast<unsigned char>(name[0])) && std::all_of(name.begin(), name.end(), is_name_char);
    if (!simple) {
      good = false;
      continue;
    }
    names.insert(name);
    i = close;
  }
  if (ok) *ok = good;
  return names;
}

bool has(const std::string& key) { return catalog_file().contains(key); }

std::string entry(const std::string& key) { return has(key) ? catalog_file()[key].get<std::string>() : std::string(); }

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return "{" + out + "}";
}

TEST(Texts, TheScannerReadsCallsAsTheyAreWritten) {
  const auto uses = Scanner(R"src(
    // text("in.a.comment")
    muted_text(text("a.b"));  column_text(x);  spec.text("not.a.call");
    const char* s = "text(\"in.a.string\")";
    plural("c.d", n, {{"k", std::to_string(k)}, {"who", text("e.f", {{"inner", v}})}});
    text(cond ? "g" : "h");
    constexpr double kMs = 60'000;  const char q = '"';
    text("i.j");
  )src", "sample.cpp").uses();
  ASSERT_EQ(uses.size(), 5u);
  EXPECT_EQ(uses[0].key, "a.b");
  EXPECT_TRUE(uses[0].args.empty());
  EXPECT_EQ(uses[1].key, "c.d");
  EXPECT_TRUE(uses[1].plural);
  EXPECT_EQ(uses[1].args, (std::set<std::string>{"k", "who"}));
  EXPECT_EQ(uses[1].where, "sample.cpp:5");
  EXPECT_EQ(uses[2].key, "e.f");
  EXPECT_EQ(uses[2].args, (std::set<std::string>{"inner"}));
  EXPECT_EQ(uses[3].key, "");  // not a literal: reported by KeysAreWrittenOut
  EXPECT_EQ(uses[4].key, "i.j");
  // And the real sources are read at all.
  EXPECT_GT(ui_uses().size(), 200u);
}

TEST(Texts, TheCatalogIsAFlatObjectOfTexts) {
  const auto& j = catalog_file();
  ASSERT_FALSE(j.is_discarded()) << PARLEY_TEXTS_FILE << " is not JSON";
  ASSERT_TRUE(j.is_object());
  for (const auto& item : j.items()) {
    const std::string& key = item.key();
    EXPECT_TRUE(item.value().is_string()) << key;
    if (!item.value().is_string()) continue;
    const bool dotted = key.find('.') != std::string::npos && key.front() != '.' && key.back() != '.' &&
                        key.find("..") == std::string::npos &&
                        std::all_of(key.begin(), key.end(), [](char c) { return is_name_char(c) || c == '.'; });
    EXPECT_TRUE(dotted) << "keys are dotted lower_case words: " << key;
    bool ok = true;
    placeholders(item.value().get<std::string>(), &ok);
    EXPECT_TRUE(ok) << key << ": every { } must hold a simple {name}: " << item.value();
    // Plural forms come in pairs.
    for (const auto& [form, sibling] : {std::pair<std::string, std::string>{".one", ".other"}, {".other", ".one"}}) {
      if (key.size() > form.size() && key.compare(key.size() - form.size(), form.size(), form) == 0) {
        EXPECT_TRUE(has(key.substr(0, key.size() - form.size()) + sibling)) << key << " has no " << sibling << " form";
      }
    }
  }
}

TEST(Texts, KeysAreWrittenOut) {
  for (const auto& use : ui_uses()) {
    EXPECT_FALSE(use.key.empty()) << use.where << ": the key must be a string literal, so that this test can see it";
  }
}

TEST(Texts, EveryKeyTheAppAsksForIsInTheCatalog) {
  for (const auto& use : ui_uses()) {
    if (use.key.empty()) continue;
    if (use.plural) {
      EXPECT_TRUE(has(use.key + ".one") && has(use.key + ".other"))
          << use.where << ": plural(\"" << use.key << "\") needs \"" << use.key << ".one\" and \"" << use.key
          << ".other\" in en.json";
    } else {
      EXPECT_TRUE(has(use.key)) << use.where << ": \"" << use.key << "\" is not in en.json";
    }
  }
}

TEST(Texts, EveryCatalogEntryIsUsed) {
  std::set<std::string> used;
  for (const auto& use : ui_uses()) {
    if (!use.plural) used.insert(use.key);
    else used.insert({use.key + ".one", use.key + ".other"});
  }
  for (const auto& item : catalog_file().items()) {
    EXPECT_TRUE(used.count(item.key())) << "\"" << item.key() << "\" in en.json is used nowhere in src/ui";
  }
}

TEST(Texts, PlaceholdersAreExactlyTheOnesTheCallsFill) {
  for (const auto& use : ui_uses()) {
    if (use.key.empty()) continue;
    if (use.plural) {
      if (!has(use.key + ".one") || !has(use.key + ".other")) continue;
      std::set<std::string> written = placeholders(entry(use.key + ".one"));
      for (const auto& n : placeholders(entry(use.key + ".other"))) written.insert(n);
      std::set<std::string> filled = use.args;
      filled.insert("n");
      EXPECT_EQ(written, filled) << use.where << ": plural(\"" << use.key << "\") fills " << joined(filled)
                                 << ", its forms name " << joined(written);
    } else {
      if (!has(use.key)) continue;
      EXPECT_EQ(placeholders(entry(use.key)), use.args)
          << use.where << ": text(\"" << use.key << "\") fills " << joined(use.args) << ", the entry names "
          << joined(placeholders(entry(use.key)));
    }
  }
}

TEST(Texts, TheAppCarriesTheCatalogAsItIsOnDisk) {
  for (const auto& item : catalog_file().items()) {
    if (item.value().is_string()) EXPECT_EQ(text(item.key()), item.value().get<std::string>()) << item.key();
  }
}

TEST(Texts, AMissingKeyShowsItselfAndNothingBreaks) {
  EXPECT_EQ(text("no.such.key"), "no.such.key");
  EXPECT_EQ(&text("no.such.key"), &text("no.such.key"));  // one string for the program's life
  EXPECT_EQ(text("no.such.key", {{"n", "1"}}), "no.such.key");
  EXPECT_EQ(plural("no.such.key", 2), "no.such.key.other");
}

TEST(Texts, PlaceholdersAreFilledOnceAndOnlyByName) {
  EXPECT_EQ(text("feedback.progress", {{"answered", "2"}, {"total", "6"}}), "2 of 6 answered");
  // A value is inserted as it is, even when it looks like a placeholder.
  EXPECT_EQ(text("feedback.progress", {{"answered", "{total}"}, {"total", "6"}}), "{total} of 6 answered");
  // A placeholder without a value stays visible.
  EXPECT_EQ(text("feedback.progress", {{"answered", "2"}}), "2 of {total} answered");
  EXPECT_EQ(text("review.enps_answer", {{"value", "9"}}), "9 out of 10");
}

TEST(Texts, PluralPicksTheFormByCount) {
  EXPECT_EQ(plural("inbox.count", 0), "0 requests:");
  EXPECT_EQ(plural("inbox.count", 1), "1 request:");
  EXPECT_EQ(plural("inbox.count", 2), "2 requests:");
  EXPECT_EQ(plural("notice.answers_need_attention", 1), "One answer needs attention before you can review.");
  EXPECT_EQ(plural("notice.answers_need_attention", 2), "2 answers need attention before you can review.");
  EXPECT_EQ(plural("results.responses", 7, {{"k", "5"}}), "7 responses. Results appear once at least 5 people have answered.");
}

}  // namespace
}  // namespace parley::client
