#include "core/privacy_hints.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"

namespace parley {
namespace {

// ASCII-only word rules: capitalisation is a signal in the Latin scripts most teams write in;
// other scripts simply get fewer hints (a hint is a courtesy, not a guarantee).
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || (c & 0x80); }

constexpr std::array<const char*, 19> kMonths = {"january", "february", "march", "april", "may", "june", "july",
                                                 "august", "september", "october", "november", "december", "jan",
                                                 "feb", "mar", "apr", "jun", "jul", "aug"};
constexpr std::array<const char*, 11> kDays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                               "sunday", "yesterday", "sep", "oct", "dec"};
// Capitalised words that are rarely names: pronouns, sentence glue, product-neutral terms.
constexpr std::array<const char*, 47> kCommon = {
    "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",  // habits, not dates
    "i", "i'm", "i've", "i'd", "i'll", "the", "a", "an", "we", "our", "my", "you", "your", "he", "she", "they",
    "it", "this", "that", "there", "and", "but", "or", "so", "if", "when", "also", "maybe", "please", "thanks",
    "ok", "okay", "yes", "no", "team", "manager", "everyone", "sometimes", "often", "not"};
constexpr std::array<const char*, 3> kPlaceWords = {"in", "at", "near"};

template <std::size_t N>
bool contains(const std::array<const char*, N>& list, const std::string& w) {
  return std::any_of(list.begin(), list.end(), [&](const char* x) { return w == x; });
}

struct Word {
  std::string_view text;
  bool sentence_start;
};

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  bool start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':') start = true;
    if (!is_word_char(c) && c != '@' && c != '+') { ++i; continue; }
    std::size_t j = i;
    while (j < text.size() && (is_word_char(text[j]) || text[j] == '@' || text[j] == '.' || text[j] == '/' ||
                               text[j] == '-' || text[j] == '+')) {
      ++j;
    }
    std::string_view w = text.substr(i, j - i);
    while (!w.empty() && (w.back() == '.' || w.back() == '-' || w.back() == '/')) w.remove_suffix(1);
    if (!w.empty()) words.push_back({w, start});
    start = w.size() < j - i && text[i + w.size()] == '.';  // "long. Deadlines": a new sentence
    i = j;
  }
  return words;
}

bool looks_like_date(std::string_view w) {
  // 12/03, 3.11.2026, 2026-11-03: digits joined by / . or -, with at least two groups.
  int groups = 0, digits = 0;
  for (char c : w) {
    if (std::isdigit(static_cast<unsigned char>(c))) { if (digits++ == 0) ++groups; }
    else if (c == '/' || c == '.' || c == '-') { if (digits == 0) return false; digits = 0; }
    else return false;
  }
  return groups >= 2 && digits > 0;
}

bool looks_like_contact(std::string_view w) {
  if (w.find('@') != std::string_view::npos && w.size() > 1) return true;  // e-mail or @handle
  const auto digits = std::count_if(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return digits >= 7 && std::all_of(w.begin(), w.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.' || c == '/';
         });
}

}  // namespace

const char* to_string(HintKind kind) {
  switch (kind) {
    case HintKind::name: return "name";
    case HintKind::date: return "date";
    case HintKind::place: return "place";
    case HintKind::contact: return "contact";
  }
  return "unknown";
}

std::vector<PrivacyHint> find_privacy_hints(std::string_view text, std::size_t max_hints) {
  std::vector<PrivacyHint> hints;
  auto add = [&](HintKind kind, std::string_view excerpt) {
    if (hints.size() >= max_hints) return;
    for (const auto& h : hints) {
      if (h.excerpt == excerpt) return;
    }
    hints.push_back({kind, std::string(excerpt)});
  };
  const auto words = split_words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const std::string lw = ascii_lower(w.text);
    if (looks_like_date(w.text)) {
      add(HintKind::date, w.text);
    } else if (looks_like_contact(w.text)) {
      add(HintKind::contact, w.text);
    } else if ((contains(kMonths, lw) && (lw != "may" || is_upper(w.text.front()))) ||
               contains(kDays, lw)) {
      // "March 3" reads better as one excerpt than "March".
      if (i + 1 < words.size() && std::isdigit(static_cast<unsigned char>(words[i + 1].text.front())) && !contains(kDays, lw)) {
        add(HintKind::date, std::string_view(w.text.data(), words[i + 1].text.data() + words[i + 1].text.size() - w.text.data()));
      } else {
        add(HintKind::date, w.text);
      }
    } else if (is_upper(w.text.front()) && !w.sentence_start && !contains(kCommon, lw)) {
      const bool after_place_word = i > 0 && contains(kPlaceWords, ascii_lower(words[i - 1].text));
      add(after_place_word ? HintKind::place : HintKind::name, w.text);
    }
  }
  return hints;
}

}  // namespace parley
