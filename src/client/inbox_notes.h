// A mediator's status, private note and sent replies for each request in a campaign's inbox. They are kept in
// the browser's settings, sealed to the mediator's own secret key (core/local_box.h): only the
// key file that opened the requests reads them back, and nothing about them leaves the device.
#pragma once

#include <string>
#include <vector>

#include "core/keys.h"
#include "core/result.h"
#include "core/rng.h"
#include "platform/platform.h"
#include "client/results_loader.h"

namespace parley::client {

// A status as the saved notes and the snapshot spell it: "new", "in progress", "closed".
const char* to_string(RequestStatus status);

// The setting the notes of campaign `campaign_id` are kept under.
std::string inbox_notes_key(const std::string& campaign_id);

// Gives each request in `inbox` the status and note saved for it. Notes that are missing,
// damaged or sealed to another key leave the inbox as it is.
void load_inbox_notes(platform::Platform& platform, const Key32& secret_key, const std::string& campaign_id,
                      std::vector<InboxItem>& inbox);

// Seals the status and note of every request in `inbox` and saves them, replacing what was saved.
Status save_inbox_notes(platform::Platform& platform, const Key32& secret_key, const std::string& campaign_id,
                        const std::vector<InboxItem>& inbox, Rng& rng);

}  // namespace parley::client
