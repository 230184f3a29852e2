// Where envelopes come from for `parley open|aggregate|export`: files, folders, or a storage
// listing URL (serve.py's JSON listing or nginx's `autoindex_format json`).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/submission.h"

namespace parley::cli {

struct Envelope {
  std::string name;  // object or file name
  Bytes data;
};

// Loads every envelope from the sources; problems reaching a source are reported on stderr
// and counted in `unreadable`, and loading goes on with the rest.
std::vector<Envelope> load_envelopes(const std::vector<std::string>& sources, std::size_t& unreadable);

struct Opened {
  std::vector<std::pair<std::string, Submission>> submissions;  // (object name, contents)
  std::map<std::string, std::size_t> failures;                  // error class -> count
};

Opened open_all(const std::vector<Envelope>& envelopes, const RecipientKeyPair& key, const std::string& campaign_id);

// "opened 6 of 8 envelopes; not opened: not-for-this-key 1, payload-failure 1"
std::string summary(const Opened& opened, std::size_t total);

}  // namespace parley::cli
