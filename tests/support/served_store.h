// A campaign's storage as serve.py answers it, for FakePlatform::serve: every object under the
// storage's prefix by its name, and the listing of the names at the prefix itself.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/listing.h"
#include "core/object_name.h"

namespace parley::testing {

struct ServedStore {
  explicit ServedStore(const std::string& storage_url) : prefix(storage_prefix(storage_url)) {}

  std::string prefix;                    // the storage URL, ending in "/"
  std::map<std::string, Bytes> objects;  // URL -> bytes, the listing included
  std::vector<std::string> listed;       // names in the listing, in the order put

  // Stores `bytes` under `name` (its own name unless another is given) and lists it.
  void put(const Bytes& bytes, std::string name = {}) {
    if (name.empty()) name = object_name(bytes);
    objects[prefix + name] = bytes;
    listed.push_back(std::move(name));
    std::string listing = R"({"objects":[)";
    for (std::size_t i = 0; i < listed.size(); ++i) listing += (i ? "," : "") + std::string(R"({"name":")") + listed[i] + "\"}";
    objects[prefix] = to_bytes(listing + "]}");
  }
};

}  // namespace parley::testing
