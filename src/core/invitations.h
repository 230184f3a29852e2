// Invitations of a trustee campaign (docs/FORMAT.md, "Invitations"): one code per invitee, so
// that the trustee releases at most one answer per invitee and nothing from anyone else.
//
//   K      = BLAKE2b-256(key = trustee's X25519 secret key, "parley invitation codes v2")
//   code_i = base32(BLAKE2b-128(key = K, H || u32be(i))),  0 <= i < N <= 100,000
//
// Stateless: the trustee regenerates the N codes at release and keeps no list. Codes travel
// only inside the outer layer (and in personal links, manifest.h), so the manager never sees
// them. How many were made is public: the trustee signs an invitations statement,
//
//   body  = {"campaign":ID,"count":N,"kind":"invitations","manifest":hex(H),"type":"code","v":2}
//   token = base64url(body) "." base64url(Ed25519("parley invitations v2\n" || body))
//
// stored as the object "invitations.parley", so that everyone sees the denominator.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyfile.h"
#include "core/manifest.h"

namespace parley {

inline constexpr std::uint32_t kMaxInvitations = 100'000;
inline constexpr const char* kInvitationsObject = "invitations.parley";
// A statement is a few hundred characters; anything much longer is not one.
inline constexpr std::size_t kMaxInvitationsTokenChars = 1024;

// code_index for the trustee's X25519 secret key and manifest hash H.
Result<std::string> invitation_code(const Key32& trustee_secret, const ManifestHash& manifest, std::uint32_t index);

// Codes 0..count-1 for the campaign, in order. Errors: bad_input (no trustee, count outside
// 1..kMaxInvitations), bad_key (not the trustee's keys), schema_failure (invalid campaign).
Result<std::vector<std::string>> invitation_codes(const Campaign& campaign, const KeySet& trustee, std::uint32_t count);

struct InvitationStatement {
  std::string campaign;
  ManifestHash manifest{};
  std::string type;  // "code"
  std::uint32_t count = 0;
};

// The statement token for `count` codes, signed with the trustee's signing key.
Result<std::string> sign_invitations(const Campaign& campaign, const KeySet& trustee, std::uint32_t count);
// Errors, in order: bad_input (no trustee; not a token), too_large, bad_signature (not signed
// by the campaign's trustee), version_unsupported (another "v", or a "type" other than
// "code"), schema_failure, wrong_campaign, wrong_manifest.
Result<InvitationStatement> verify_invitations(const Campaign& campaign, std::string_view token);

}  // namespace parley
