// Secret: text that wipes itself. Passphrases and S3 secret keys live in one from the moment
// they are typed or read until the last use, so that no copy outlives the screen or command
// that needed it: every old value is zeroed before it is replaced, moved from or destroyed.
//
// It converts to std::string_view only when asked (view()), never implicitly to std::string,
// so that a lasting copy has to be written out in the code, where a review can see it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley {

class Secret {
 public:
  Secret() = default;
  Secret(std::string_view text) { assign(text); }  // NOLINT: implicit, like the strings it replaces
  Secret(const char* text) : Secret(std::string_view(text)) {}
  Secret(const std::string& text) : Secret(std::string_view(text)) {}
  Secret(const Secret& other) { assign(other.view()); }
  Secret(Secret&& other) noexcept : Secret(other) { other.clear(); }
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret() { clear(); }

  // Replaces the value; the old bytes are zeroed first.
  void assign(std::string_view text);
  // Zeroes and empties.
  void clear();

  std::string_view view() const { return text_; }
  bool empty() const { return text_.empty(); }
  std::size_t size() const { return text_.size(); }
  // For tests and form checks; not constant-time (compare keys with sodium_memcmp).
  bool operator==(std::string_view text) const { return view() == text; }

 private:
  std::string text_;
};

}  // namespace parley
