#include "core/passphrase.h"

#include <cctype>
#include <cstddef>
#include <set>

#include "core/text.h"

namespace parley {

int passphrase_strength(std::string_view p) {
  if (p.empty()) return 0;
  const std::size_t chars = utf8_length(p);
  std::size_t words = 1;
  for (char ch : p) words += ch == ' ' ? 1 : 0;
  std::set<int> classes;
  for (unsigned char ch : p) classes.insert(ch >= 0x80 ? 4 : std::isdigit(ch) ? 1 : std::isupper(ch) ? 2 : std::islower(ch) ? 3 : 5);
  int score = chars >= 20 || (words >= 4 && chars >= 16) ? 4 : chars >= 14 ? 3 : chars >= 10 ? 2 : 1;
  if (classes.size() == 1 && score > 1 && words < 3) --score;
  return score;
}

}  // namespace parley
