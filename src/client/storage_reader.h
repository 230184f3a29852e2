// Reading a campaign's storage back: which envelopes it holds, and each one's bytes. One
// implementation per storage kind (http-put: plain GETs of serve.py's or nginx's listing;
// s3: SigV4-signed ListObjectsV2 and GetObject with the manager's read credentials), so the
// ResultsLoader has a single code path whatever the kind.
//
// Readers are shared: every request in flight holds the reader, so dropping it (a cancel, a new
// load) never leaves a callback with a dangling pointer. Completions of a dropped reader still
// fire; the loader ignores them by generation.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/sigv4.h"
#include "core/storage.h"
#include "platform/platform.h"

namespace parley::client {

class StorageReader {
 public:
  virtual ~StorageReader() = default;
  // Every envelope name (hex + ".parley") the campaign's storage holds, or a plain sentence
  // saying why they cannot be listed. An empty store is an empty list, not an error.
  virtual void list(std::function<void(Result<std::vector<std::string>>)> done) = 0;
  // One envelope's bytes, or why not.
  virtual void get(const std::string& name, std::function<void(Result<Bytes>)> done) = 0;
};

// The reader for `storage`. `credentials` are only used (and copied) for s3, where they are
// checked here; the copy is wiped when the reader goes away.
Result<std::shared_ptr<StorageReader>> make_storage_reader(platform::Platform& platform, const Storage& storage,
                                                           const sigv4::Credentials& credentials);

// What was asked of the storage when it said no.
enum class StorageRead { list, get };

// What an S3 error answer means for the manager, in plain words; `what` says what was refused.
// Status 0 is "no answer at all".
std::string s3_problem(int status, std::string_view body, StorageRead what);

}  // namespace parley::client
