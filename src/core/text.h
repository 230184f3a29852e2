// Text checks shared by every parser: UTF-8 validity and lengths in characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley {

bool is_valid_utf8(std::string_view s);
// Number of Unicode code points; only meaningful for valid UTF-8.
std::size_t utf8_length(std::string_view s);
// Valid UTF-8, at most `max_chars` code points, and no control characters other than
// newline and tab when `multiline`.
bool is_clean_text(std::string_view s, std::size_t max_chars, bool multiline);
// `s` with A-Z turned into a-z and every other byte left as it is (hosts, header names, keywords).
std::string ascii_lower(std::string_view s);
// `s` without leading and trailing spaces, tabs and line breaks.
std::string trim_blank(std::string_view s);
// The same, as a view into `s` (for secrets, which must not be copied into a plain string).
std::string_view blank_trimmed(std::string_view s);

}  // namespace parley
