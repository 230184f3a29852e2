#include "core/privacy_hints.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <string_view>

#include "core/text.h"

namespace parley {
namespace {

// Capitalisation is the main signal for a name, but not in every Latin-script language: German
// capitalises every noun, and Vietnamese writes many ordinary proper words ("Việt") with a
// capital. In text of those languages a capitalised word counts as a name only right after a
// word that introduces a person ("mit Anna", "anh Minh"); elsewhere any capitalised word
// inside a sentence does. Other scripts simply get fewer hints (a hint is a courtesy).

// The first code point of `w`, or 0 when it is not valid UTF-8 there.
char32_t first_code_point(std::string_view w) {
  if (w.empty()) return 0;
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(w[k]); };
  if (b(0) < 0x80) return b(0);
  std::size_t n = (b(0) & 0xE0) == 0xC0 ? 2 : (b(0) & 0xF0) == 0xE0 ? 3 : (b(0) & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || w.size() < n) return 0;
  char32_t c = b(0) & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b(k) & 0x3F);
  }
  return c;
}

// Capital Latin letters, with the diacritics of Western, Central European and Vietnamese text
// (Élodie, Łukasz, Đức): Latin-1, Extended-A, the Vietnamese Ơ Ư, and Extended Additional.
bool is_upper_letter(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
  if (c >= 0x178 && c <= 0x17E) return c == 0x178 || c % 2 == 1;
  if (c == 0x1A0 || c == 0x1AF) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  return false;
}
bool is_upper(std::string_view w) { return is_upper_letter(first_code_point(w)); }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || (c & 0x80); }

constexpr const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                                 "august", "september", "october", "november", "december", "jan",
                                                 "feb", "mar", "apr", "jun", "jul", "aug"};
constexpr const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                               "sunday", "yesterday", "sep", "oct", "dec"};
// Capitalised words that are rarely names: pronouns, sentence glue, product-neutral terms, and
// the titles and polite forms of address that precede names (the name after them is flagged).
constexpr const char* kCommon[] = {
    "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",  // habits, not dates
    "i", "i'm", "i've", "i'd", "i'll", "the", "a", "an", "we", "our", "my", "you", "your", "he", "she", "they",
    "it", "this", "that", "there", "and", "but", "or", "so", "if", "when", "also", "maybe", "please", "thanks",
    "ok", "okay", "yes", "no", "team", "manager", "everyone", "sometimes", "often", "not",
    "mr", "mrs", "ms", "dr", "prof", "monsieur", "madame", "mademoiselle", "mme", "mlle",  // titles
    "herr", "herrn", "frau", "sie", "ihnen", "ihr", "ihre", "ihrer",                         // German "you"
    "pan", "pani", "panu", "panią", "panem", "państwo"};                                    // Polish "you"
// Words after which a capitalised word is a place: "in Lisbon", "à Lyon", "w Krakowie", "ở Huế".
constexpr const char* kPlaceWords[] = {"in", "at", "near", "à", "w", "we", "ở", "tại", "nach"};

// Words that mark German text (capitalised nouns), frequent there and rare in English.
constexpr const char* kGermanWords[] = {
    "der", "das", "und", "ist", "nicht", "ich", "wir", "ein", "eine", "einen", "dem", "des", "auf", "für", "sind",
    "wird", "haben", "auch", "sich", "aber", "sehr", "mit", "zu", "im", "zum", "zur", "über", "weil", "dass", "immer"};
// Words that introduce a person in the languages where a capital alone does not: prepositions
// without an article ("mit Anna"), titles, and Vietnamese forms of address ("anh Minh").
constexpr const char* kPersonWords[] = {
    "mit", "von", "bei", "herr", "herrn", "frau", "kollege", "kollegin", "chef", "chefin", "dr",
    "anh", "chị", "em", "cô", "chú", "bác", "ông", "bà", "bạn", "với", "cùng", "của", "sếp"};

template <std::size_t N>
bool contains(const char* const (&list)[N], const std::string& w) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return w == x; });
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

// Vietnamese: ơ, ư, or a letter with a Vietnamese tone mark (U+1EA0 to U+1EF9).
bool looks_vietnamese(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a character
    const char32_t c = first_code_point(text.substr(i));
    if (c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0 || (c >= 0x1EA0 && c <= 0x1EF9)) return true;
  }
  return false;
}

// At least two different German marker words.
bool looks_german(const std::vector<Word>& words) {
  std::vector<std::string> seen;
  for (const auto& w : words) {
    const std::string lw = ascii_lower(w.text);
    if (contains(kGermanWords, lw) && std::find(seen.begin(), seen.end(), lw) == seen.end()) seen.push_back(lw);
  }
  return seen.size() >= 2;
}

// German nouns by their endings (Planung, Freiheit, Wissenschaft, ...): never a given name.
bool looks_like_german_noun(const std::string& lw) {
  static constexpr std::array<std::string_view, 11> kEndings = {"ung", "heit", "keit", "schaft", "tion", "tät", "nis",
                                                               "ismus", "chen", "ment", "ik"};
  return std::any_of(kEndings.begin(), kEndings.end(), [&](std::string_view e) {
    return lw.size() > e.size() + 2 && std::string_view(lw).substr(lw.size() - e.size()) == e;
  });
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
  // Whether a capital alone marks a name (see the top of this file).
  const bool german = looks_german(words);
  const bool capitals_mark_names = !german && !looks_vietnamese(text);
  bool after_name = false;  // "anh Nguyễn Minh": the words of one name follow each other
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const std::string lw = ascii_lower(w.text);
    const bool was_after_name = after_name;
    after_name = false;
    if (looks_like_date(w.text)) {
      add(HintKind::date, w.text);
    } else if (looks_like_contact(w.text)) {
      add(HintKind::contact, w.text);
    } else if ((contains(kMonths, lw) && (lw != "may" || is_upper(w.text))) ||
               contains(kDays, lw)) {
      // "March 3" reads better as one excerpt than "March".
      if (i + 1 < words.size() && std::isdigit(static_cast<unsigned char>(words[i + 1].text.front())) && !contains(kDays, lw)) {
        add(HintKind::date, std::string_view(w.text.data(), words[i + 1].text.data() + words[i + 1].text.size() - w.text.data()));
      } else {
        add(HintKind::date, w.text);
      }
    } else if (is_upper(w.text) && !contains(kCommon, lw)) {
      const std::string previous = i > 0 ? ascii_lower(words[i - 1].text) : std::string();
      if (contains(kPlaceWords, previous) && (capitals_mark_names ? !w.sentence_start : true)) {
        add(HintKind::place, w.text);
      } else if (capitals_mark_names ? !w.sentence_start
                                     : (contains(kPersonWords, previous) || was_after_name) && !(german && looks_like_german_noun(lw))) {
        add(HintKind::name, w.text);
        after_name = true;
      }
    }
  }
  return hints;
}

}  // namespace parley
