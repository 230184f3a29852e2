// A trustee campaign for tests: the sample campaign (campaigns.h) with a trustee ("Works
// council") between its respondents and readers, signed and verified, so its manifest hash is
// set as a reader's would be. Helpers seal submissions through the trustee as stored objects.
// Core only: the core tests include it, natively and under wasm.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/keyfile.h"
#include "core/release.h"
#include "core/trustee.h"
#include "support/campaigns.h"

namespace parley::testing {

// 2026-11-20T09:15:00Z: inside trustee_campaign()'s default window.
inline constexpr std::int64_t kSentInWindow = 1795166100;

struct TrusteeCampaign : CampaignKeys {
  RecipientKeyPair trustee;
  SigningKeyPair trustee_signer;
  Campaign campaign;  // verified from `link`: manifest_hash is set
  std::string link;
  KeySet trustee_keys() const { return KeySet{KeyRole::trustee, "Works council", trustee, trustee_signer}; }
};

// The sample campaign (its keys from campaign_keys()) with a trustee whose keys come from
// seeded(tag); k = 3. `trustee_mediates`: the trustee is one of its mediators too.
inline TrusteeCampaign trustee_campaign(const std::string& opens = "2026-11-01", const std::string& closes = "2026-12-31",
                                        std::uint8_t tag = 51, bool trustee_mediates = false) {
  TrusteeCampaign t;
  static_cast<CampaignKeys&>(t) = campaign_keys();
  SeededRng rng = seeded(tag);
  t.trustee = generate_recipient_key(rng).value();
  t.trustee_signer = generate_signing_key(rng).value();
  Campaign c = sample_campaign(t, opens, closes);
  c.k = 3;
  c.trustee = Trustee{"Works council", t.trustee.public_key, t.trustee_signer.public_key};
  if (trustee_mediates) c.mediation_to.push_back(t.trustee.public_key);
  t.link = campaign_link("http://127.0.0.1:8000/", sign_manifest(c, t.signer).value());
  t.campaign = verify_manifest(token_from_link(t.link).value()).value();
  return t;
}

// Feedback answering the required questions, with `mood` as given.
inline Submission feedback_with_mood(const Campaign& c, int mood) {
  Submission s;
  s.campaign = c.id;
  s.answers = {{"mood", num(mood)}, {"recommend", num(7)}};
  return s;
}

inline Submission short_request(const Campaign& c, const std::string& what = "Please help.") {
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = c.id;
  s.day = "2026-11-20";
  s.request.what = what;
  return s;
}

// An envelope as it lies in storage: under its own name.
inline StoredObject stored(const Bytes& envelope) { return StoredObject{object_name(envelope), envelope}; }

}  // namespace parley::testing
