#include "core/secret.h"

#include <sodium.h>

#include <algorithm>

namespace parley {

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) assign(other.view());
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    assign(other.view());
    other.clear();
  }
  return *this;
}

void Secret::assign(std::string_view text) {
  // Built on the heap before the swap (a reserve beyond the small-string buffer), so the swap
  // exchanges pointers and leaves no copy of either value behind in a stack buffer.
  std::string next;
  next.reserve(std::max<std::size_t>(text.size(), 64));
  next.assign(text.data(), text.size());
  clear();
  text_.swap(next);
}

void Secret::clear() {
  sodium_memzero(text_.data(), text_.size());
  text_.clear();
}

}  // namespace parley
