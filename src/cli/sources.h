// Where envelopes come from for `parley open|aggregate|export`: envelope files and folders of
// them (read here), a storage listing URL (serve.py's JSON listing or nginx's `autoindex_format
// json`), or, when no source is given, the campaign's own storage as its manifest describes it.
// Storage is always read through parley_client's StorageReader on the native platform.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/storage_reader.h"
#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/submission.h"
#include "platform/platform.h"

namespace parley::cli {

struct Envelope {
  std::string name;  // object or file name
  Bytes data;
};

// Loads every envelope from the sources; problems reaching a source are reported on stderr
// and counted in `unreadable`, and loading goes on with the rest.
std::vector<Envelope> load_envelopes(platform::Platform& platform, const std::vector<std::string>& sources,
                                     std::size_t& unreadable);

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

// "opened 6 of 8 envelopes; not opened: not-for-this-key 1, payload-failure 1"
std::string summary(const Opened& opened, std::size_t total);

}  // namespace parley::cli
