// Local hints that a free-text answer may identify its author: names, dates, places, contact
// details. Computed on the person's device only; nothing is sent or stored. Heuristics, so they
// only ever suggest ("this may be a name"), never block.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

enum class HintKind { name, date, place, contact };

struct PrivacyHint {
  HintKind kind;
  std::string excerpt;  // the words that triggered the hint, as written
};

const char* to_string(HintKind kind);

// At most one hint per distinct excerpt, in order of appearance, at most `max_hints`.
std::vector<PrivacyHint> find_privacy_hints(std::string_view text, std::size_t max_hints = 6);

}  // namespace parley
