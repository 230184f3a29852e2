// Where envelopes come from for `parley open|aggregate|export`: envelope files and folders of
// them (read here), a storage listing URL (serve.py's JSON listing or nginx's `autoindex_format
// json`), or, when no source is given, the campaign's own storage as its manifest describes it.
// Storage is always read through parley_client's StorageReader on the native platform.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/storage_reader.h"
#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/release.h"
#include "core/submission.h"
#include "platform/platform.h"

namespace parley::cli {

struct Envelope {
  std::string name;  // object or file name
  Bytes data;
};

// Loads every envelope from the sources; problems reaching a source are reported on stderr
// and counted in `unreadable`, and loading goes on with the rest. With `stored_names_only`, a
// folder is read as a copy of a storage: only files named as envelopes are (others, such as
// invitations.parley or release.parley, are left out, as a listing leaves them out).
std::vector<Envelope> load_envelopes(platform::Platform& platform, const std::vector<std::string>& sources,
                                     std::size_t& unreadable, bool stored_names_only = false);

// Every envelope `reader` holds, appended to `out`, `where` naming the storage in messages. A
// download that fails is reported on stderr and counted in `unreadable`; the result is the
// listing's failure, when there was nothing to download.
Status load_storage(platform::Platform& platform, std::shared_ptr<client::StorageReader> reader,
                    const std::string& where, std::vector<Envelope>& out, std::size_t& unreadable);

struct Opened {
  std::vector<std::pair<std::string, Submission>> submissions;  // (object name, contents)
  std::map<std::string, std::size_t> failures;                  // error class -> count
};

Opened open_all(const std::vector<Envelope>& envelopes, const RecipientKeyPair& key, const Campaign& campaign);

// Trustee campaigns: the trustee's release, from a release file or a storage URL (its
// release.parley) as SOURCE, or else from the campaign's own storage through `reader`. Nothing
// (not an error) when the storage holds no release yet.
Result<std::optional<Bytes>> load_release(platform::Platform& platform, const std::vector<std::string>& sources,
                                          std::shared_ptr<client::StorageReader> reader);

// Opens the parts of a checked release that `key` reads: the feedback part unless the key is
// only a mediator's, the mediation part when it is a mediator's. Records are named by their
// content's hash (they have no storage name).
Opened open_release(const Release& release, const RecipientKeyPair& key, const Campaign& campaign);

// "opened 6 of 8 envelopes; not opened: not-for-this-key 1, payload-failure 1"
std::string summary(const Opened& opened, std::size_t total);

}  // namespace parley::cli
