// Storage listings: which envelopes a campaign's storage holds. Readers accept serve.py's
// {"objects":[{"name":…}]} and nginx's autoindex JSON [{"name":…,"type":"file"}].
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace parley {

// The storage URL as a prefix ending in exactly one "/": the listing is fetched from it and
// each object lives at prefix + name.
std::string storage_prefix(std::string_view storage_url);

// An envelope object's name: 32 lower-case hex digits + ".parley" (docs/FORMAT.md).
bool is_envelope_name(std::string_view name);

// Which names a reader takes from a listing.
using NameFilter = bool (*)(std::string_view name);

// Names the filter keeps (envelope names unless told otherwise), in listing order; anything else
// in the listing is ignored, so a hostile listing cannot point a reader outside the prefix.
// bad_input when the text is not a listing at all.
Result<std::vector<std::string>> listing_names(std::string_view listing, NameFilter keep = is_envelope_name);

}  // namespace parley
