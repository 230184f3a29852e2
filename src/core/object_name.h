// Storage object names (docs/FORMAT.md, "Storage object names"): an envelope is stored under
// the hash of its own bytes, so the name says nothing about the sender and a retried upload
// lands on the same name. Readers check that a listed name is its content's name: otherwise one
// envelope stored under several names would be counted several times.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace parley {

// hex(BLAKE2b-128(bytes)) + ".parley"; its first 32 hex digits are the respondent's receipt.
std::string object_name(const Bytes& bytes);

// True when `name` is exactly object_name(bytes).
bool is_object_name_of(std::string_view name, const Bytes& bytes);

// What a reader does with an object it fetched or was given.
enum class ObjectVerdict {
  fresh,      // its name is its content's and it was not seen before: read it
  misnamed,   // stored under a name that is not its content's: ignore it
  duplicate,  // the same bytes were already read (under their one true name): ignore it
};

// "misnamed" and "duplicate": the reasons readers count ignored objects under.
const char* to_string(ObjectVerdict verdict);

// The objects a reader has taken in, by content. Since a fresh object's name is the hash of its
// bytes, one set of names dedupes by content.
class ObjectSet {
 public:
  // Checks `name` against `bytes` and remembers fresh objects.
  ObjectVerdict add(std::string_view name, const Bytes& bytes);
  // For bytes that came without a name (a dropped file): fresh or duplicate.
  ObjectVerdict add(const Bytes& bytes);
  std::size_t size() const { return names_.size(); }
  void clear() { names_.clear(); }

 private:
  std::set<std::string, std::less<>> names_;
};

}  // namespace parley
