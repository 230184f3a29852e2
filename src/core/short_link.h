// Short links: the signed manifest stored next to the envelopes, the link naming where and which.
//
//   object name = "m-" base32(H) ".parley"        (H = BLAKE2b-256 of the manifest body)
//   object      = the manifest token, byte for byte
//   short link  = app_url "#m=" where              (where: the object's URL, or its path when it
//                                                    lives on the app's own origin)
//
// A reader fetches `where`, verifies the token exactly as a long link's (verify_manifest) and
// then requires its H to be the one the name states: the storage is trusted with nothing.
// See docs/FORMAT.md, "Short links".
#pragma once

#include <string>
#include <string_view>

#include "core/manifest.h"

namespace parley {

inline constexpr std::string_view kShortLinkMarker = "#m=";
inline constexpr std::size_t kMaxShortLinkWhere = 600;
// The largest stored manifest: a token of a 64 KiB body (87,382 characters), ".", 86 characters.
inline constexpr std::size_t kMaxStoredManifestBytes = 87469;

// "m-<52 characters of base32>.parley".
std::string manifest_object_name(const ManifestHash& h);
// The H a manifest object name states, or bad_input.
Result<ManifestHash> hash_of_manifest_object_name(std::string_view name);

// Where the manifest object of `campaign` lives: its storage URL (U), "/" unless U ends with
// one, then the object name.
Result<std::string> manifest_object_url(const Campaign& campaign);

// The short link for a manifest stored at `object_url`. The object's path stands alone when
// it shares the app's origin (scheme, host and port), which is what keeps serve.py's links short.
std::string short_link(std::string_view app_url, std::string_view object_url);

// Reads the part after "#m=" (up to "&i=", which split_link handles) of a link whose address
// before the "#" is `page`: the absolute object URL and the H its name states. bad_input for a
// path without the page's address, a URL that parse_url refuses, or a name that is not a
// manifest object name.
struct ShortLinkTarget {
  std::string url;
  ManifestHash manifest{};
};
Result<ShortLinkTarget> read_short_link_target(std::string_view page, std::string_view where);

// The manifest fetched from a short link's address: verify_manifest's checks, then
// wrong_manifest when its H is not `expected` (a validly signed but different manifest).
Result<Campaign> verify_stored_manifest(std::string_view object, const ManifestHash& expected);

}  // namespace parley
