// A deployment's site file, parley-site.json: whom this copy of Parley trusts.
//
// A campaign link is trusted because of the channel it came through; a site file pins that trust
// for one deployment. Served next to the app (`serve.py --site FILE`, or any static host), it
// lists the keys that may sign campaigns, the trustees that may release results and the storage
// origins answers may go to. With one, the app refuses a link outside the list before anyone
// types a word, and the host can send a CSP whose connect-src is exactly those origins, so a
// forged link cannot send answers elsewhere. Without one, nothing changes.
//
//   {"v":1,
//    "signers":[{"label":"People team","key":"parley-s1-…"}],
//    "trustees":[{"label":"Works council","key":"parley-s1-…"}],
//    "storage":["https://store.example.org"]}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/keys.h"
#include "core/manifest.h"
#include "core/result.h"

namespace parley {

struct SiteKey {
  std::string label;  // clean one-line text, 1-60 characters: shown to respondents
  Key32 key{};        // an Ed25519 signing key
};

struct Site {
  std::vector<SiteKey> signers;      // who may sign campaigns: 1-64
  std::vector<SiteKey> trustees;     // who may release results (their signing keys): 0-64
  std::vector<std::string> storage;  // origins answers may be sent to: 1-32, "https://host[:port]"
};

inline constexpr std::size_t kMaxSiteBytes = 64 * 1024;

// Errc::too_large, schema_failure (with the field at fault), version_unsupported.
Result<Site> parse_site(std::string_view json_text);

enum class SiteVerdict {
  trusted,
  unknown_signer,   // the campaign is signed by a key the site does not list
  unknown_trustee,  // it names a trustee (by signing key) the site does not list
  unknown_storage,  // its answers would go to an origin the site does not list
};

struct SiteCheck {
  SiteVerdict verdict = SiteVerdict::trusted;
  std::string signer_label;   // the site's name for the campaign's signer, when listed
  std::string trustee_label;  // the site's name for the campaign's trustee, when it has one
};

// Whether `site` accepts `campaign`: its signer, its trustee (if any) and its storage's origin
// must be listed.
SiteCheck check_campaign(const Site& site, const Campaign& campaign);

}  // namespace parley
