// A trustee campaign's storage as the client tests serve it through FakePlatform: envelopes
// sealed through the trustee with invitation codes, under their names, with serve.py's listing,
// and the trustee's two objects (invitations.parley, release.parley) beside them. For the client
// tests of the release flow, the results loader and the CLI's storage code.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/invitations.h"
#include "core/listing.h"
#include "core/release.h"
#include "core/trustee.h"
#include "support/served_store.h"
#include "support/trustee_campaigns.h"

namespace parley::testing {

struct TrusteeStore : ServedStore {
  TrusteeStore() : TrusteeStore(trustee_campaign()) {}
  explicit TrusteeStore(TrusteeCampaign campaign) : ServedStore(campaign.campaign.storage.url), t(std::move(campaign)) {}

  TrusteeCampaign t;

  std::vector<std::string> codes(std::uint32_t n) const {
    return invitation_codes(t.campaign, t.trustee_keys(), n).value();
  }
  Bytes answer(const std::string& code, int mood, Rng& rng, std::int64_t sent = kSentInWindow) const {
    return seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, mood), code, sent, rng).value();
  }
  Bytes request(const std::string& code, Rng& rng, const std::string& what = "Please help.") const {
    return seal_via_trustee(t.campaign, short_request(t.campaign, what), code, kSentInWindow, rng).value();
  }
  void publish_statement(std::uint32_t n) {
    objects[prefix + kInvitationsObject] = to_bytes(sign_invitations(t.campaign, t.trustee_keys(), n).value());
  }
  // The stored envelopes as the trustee reads them.
  std::vector<StoredObject> stored_objects() const {
    std::vector<StoredObject> out;
    for (const auto& name : listed) out.push_back({name, objects.at(prefix + name)});
    return out;
  }
  // A release of what is stored, made on `day`, stored as release.parley.
  Bytes release(std::uint32_t invitations, Rng& rng, const std::string& day = "2027-01-02") {
    Bytes r = build_release(t.campaign, t.trustee_keys(), invitations, stored_objects(), day, rng).value();
    objects[prefix + kReleaseObject] = r;
    return r;
  }
};

}  // namespace parley::testing
