#include "core/object_name.h"

#include <sodium.h>

namespace parley {

std::string object_name(const Bytes& bytes) {
  std::uint8_t hash[16];
  // Fixed sizes and no key: crypto_generichash cannot fail here.
  (void)crypto_generichash(hash, sizeof hash, bytes.data(), bytes.size(), nullptr, 0);
  return hex_encode(Bytes(hash, hash + sizeof hash)) + ".parley";
}

bool is_object_name_of(std::string_view name, const Bytes& bytes) { return name == object_name(bytes); }

const char* to_string(ObjectVerdict verdict) {
  switch (verdict) {
    case ObjectVerdict::fresh: return "fresh";
    case ObjectVerdict::misnamed: return "misnamed";
    case ObjectVerdict::duplicate: return "duplicate";
  }
  return "?";
}

ObjectVerdict ObjectSet::add(std::string_view name, const Bytes& bytes) {
  const std::string own = object_name(bytes);
  if (name != own) return ObjectVerdict::misnamed;
  return names_.insert(own).second ? ObjectVerdict::fresh : ObjectVerdict::duplicate;
}

ObjectVerdict ObjectSet::add(const Bytes& bytes) {
  return names_.insert(object_name(bytes)).second ? ObjectVerdict::fresh : ObjectVerdict::duplicate;
}

}  // namespace parley
