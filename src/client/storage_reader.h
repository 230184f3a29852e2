// Reading a campaign's storage back: which envelopes it holds, and each one's bytes. One
// implementation per storage kind (http-put: plain GETs of serve.py's or nginx's listing;
// s3: SigV4-signed ListObjectsV2 and GetObject with the manager's read credentials), so the
// ResultsLoader and the CLI have a single code path whatever the kind.
//
// Readers are shared: every request in flight holds the reader, so dropping it (a cancel, a new
// load) never leaves a callback with a dangling pointer. Completions of a dropped reader still
// fire; the loader ignores them by generation. Like every platform completion, a reader's fire
// exactly once and never inside the call that started them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/s3_access.h"
#include "core/result.h"
#include "core/s3/xml.h"
#include "core/s3/sigv4.h"
#include "core/url.h"
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
  // One of a trustee campaign's fixed objects (invitations.parley, release.parley), read by its
  // name beside the envelopes: nothing (not an error) when the storage does not hold it.
  virtual void get_if_stored(const std::string& name, std::function<void(Result<std::optional<Bytes>>)> done) = 0;
};

// How a reader words a refusal. The app shows the plain sentences alone; a terminal also gets
// what the storage itself said, made safe to show, in brackets after the sentence when it adds
// something (with_storage_said(): "[HTTP 403 AccessDenied (Policy expired.)]", "[no answer
// (<transport error>)]").
struct ReaderOptions {
  bool storage_answer = false;
  // list() names the mediators' reply bundles instead of envelopes (docs/FORMAT.md, "Conversations").
  bool reply_bundles = false;
};

// The reader for `storage`. `credentials` are only used (and copied) for s3, where they are
// checked here; the copy is wiped when the reader goes away.
Result<std::shared_ptr<StorageReader>> make_storage_reader(platform::Platform& platform, const Storage& storage,
                                                           const sigv4::Credentials& credentials,
                                                           ReaderOptions options = {});

// An S3 reader also reaches what is not an envelope: for storage administration (`parley store
// s3-list`, `s3-get`), where a person names the bucket and keys themselves.
class S3Reader : public StorageReader {
 public:
  // Every object under the key prefix, envelope or not, with its size (every ListObjectsV2 page).
  virtual void list_objects(std::function<void(Result<std::vector<s3::Object>>)> done) = 0;
  // Any object of the bucket by its whole key (not encoded).
  virtual void get_object(const std::string& key, std::function<void(Result<Bytes>)> done) = 0;
};

// An S3 reader for a place given by its parts rather than by a manifest; the credentials are
// checked, copied and wiped as for make_storage_reader().
Result<std::shared_ptr<S3Reader>> make_s3_reader(platform::Platform& platform, const S3Place& place,
                                                 const sigv4::Credentials& credentials, ReaderOptions options = {});

// Reads all of a storage: the listing, then every listed envelope, at most `parallel` (>= 1)
// downloads in flight. `listed` (optional) gets the number of envelopes listed, before any
// download; `each` gets every envelope's name with its bytes or why they could not be read, as
// they arrive; `done` fires exactly once, after the last `each`, with the listing's failure when
// there was no listing (then `each` never fires). Nothing fires inside this call: everything
// comes through the platform's completions (natively: keep calling poll() until `done` has
// fired). The reader is held until then.
void read_all(std::shared_ptr<StorageReader> reader, std::size_t parallel,
              std::function<void(const std::string& name, Result<Bytes> envelope)> each,
              std::function<void(Status listing)> done, std::function<void(std::size_t)> listed = nullptr);

// What was asked of the storage when it said no.
enum class StorageRead { list, get };

// What an S3 error answer means for the manager, in plain words; `what` says what was refused.
// Status 0 is "no answer at all".
std::string s3_problem(int status, std::string_view body, StorageRead what);

}  // namespace parley::client
