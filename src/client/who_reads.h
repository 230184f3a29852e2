// The "Who can read what" sentences of the intro screen, for the campaign's mode (docs/FORMAT.md,
// "Security"). Each one is a promise shown to the person about to answer, so it is made here,
// from the signed manifest alone, where a unit test holds it to the mode (who_reads_test.cpp):
// a direct campaign says plainly that the feedback key opens single answers; a trustee
// campaign names the trustee, says when results appear and what the trustee learns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/manifest.h"

namespace parley::client {

// "AB12-CD34, EF56-..." : the key IDs of recipient keys, as the screens show them.
std::string recipient_key_ids(const std::vector<Key32>& keys);
// One mediator as the screens show them: "Ana Costa (HR) · key 3F2A-…" when the manifest signs a
// name for them, "key 3F2A-…" otherwise (the ID stays beside the name: names are not unique).
std::string mediator_name(const Campaign& campaign, std::size_t index);
// Every mediator of the campaign, comma separated.
std::string mediator_names(const Campaign& campaign);
// The host of a verified manifest's storage URL ("" never: the URL itself when it cannot parse).
std::string storage_host(const std::string& url);

// The sentences, in the order shown. `signer_label` is the site file's name for the campaign's
// signer ("" without a site file).
std::vector<std::string> who_reads(const Campaign& campaign, std::string_view signer_label);

}  // namespace parley::client
