// What fuzz_envelope and its seed corpus (make_corpus) must agree on: the recipient key the
// harness opens with and the corpus seals to, and the campaign (id and manifest hash) the
// harness decodes for. Both include this, so the seeds always reach the payload.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "core/keys.h"
#include "core/manifest.h"
#include "core/rng.h"

namespace parley::fuzz {

constexpr const char* kCampaignId = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr std::uint8_t kManifestByte = 0x5A;

// Contents are read against an id and a manifest hash only; the corpus binds its contents to
// the same hash by setting it on the campaigns it seals for.
inline Campaign contents_binding() {
  Campaign c;
  c.id = kCampaignId;
  c.manifest_hash.fill(kManifestByte);
  return c;
}

// The first key drawn from SeededRng(32 bytes of 0x5A). Needs libsodium initialised.
inline Result<RecipientKeyPair> envelope_key() {
  std::uint8_t seed[32];
  std::fill(std::begin(seed), std::end(seed), std::uint8_t{0x5A});
  SeededRng rng(seed);
  return generate_recipient_key(rng);
}

}  // namespace parley::fuzz
