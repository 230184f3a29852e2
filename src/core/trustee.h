// Trustee campaigns: two layers, one look (docs/FORMAT.md, "Trustee campaigns").
//
// Every submission, feedback and mediation alike, is an outer envelope sealed to the trustee
// only. Inside, canonical JSON names the campaign and its manifest hash, the invitation, when it
// was sent, and carries the inner envelope, sealed to the readers as in direct mode:
//
//   {"campaign":ID,"inner":base64url(inner),"invite":{"code":C,"type":"code"},
//    "kind":"feedback"|"mediation","manifest":hex(H),"sent":"YYYY-MM-DDTHH:MM:SSZ","v":2}
//
// Storage sees one stanza and the same buckets for both kinds; the trustee sees who (by code)
// and when, never what; readers see what, never who or when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/submission.h"

namespace parley {

inline constexpr const char* kInviteTypeCode = "code";

// The invitation a submission presents. Only type "code" is defined; a reader keeps another
// type as read (it cannot judge it) and the trustee counts it as a wrong type.
struct InviteRef {
  std::string type;
  std::string code;  // type "code": 26 characters of base32, lower case
};

struct OuterContents {
  std::string campaign;
  ManifestHash manifest{};
  SubmissionKind kind = SubmissionKind::feedback;
  std::optional<InviteRef> invite;  // absent: sent without an invitation (never released)
  std::string sent;                 // YYYY-MM-DDTHH:MM:SSZ, the sender's clock
  Bytes inner;                      // the readers' envelope (its framing is checked, not opened)
};

// bad_key unless `trustee` holds the campaign's trustee keys (recipient and signer); bad_input
// when the campaign has no trustee.
Status check_trustee_keys(const Campaign& campaign, const KeySet& trustee);

// Validates and seals `s` to the readers (the inner envelope), then wraps it with the code and
// `sent_unix` (seconds since 1970, UTC, from the caller's clock) into an outer envelope sealed
// to the trustee. Errors: bad_input (no trustee, malformed code), schema_failure, too_large.
Result<Bytes> seal_via_trustee(const Campaign& campaign, const Submission& s, std::string_view invite_code,
                               std::int64_t sent_unix, Rng& rng);

Result<Bytes> encode_outer(const OuterContents& outer);
// Errors, in order: schema_failure (not JSON), version_unsupported, schema_failure (fields,
// inner framing, a stanza count other than submission_stanzas(campaign)), wrong_campaign,
// wrong_manifest.
Result<OuterContents> decode_outer(const Bytes& plaintext, const Campaign& campaign);
// open_envelope with the trustee's key, then decode_outer.
Result<OuterContents> open_outer(const RecipientKeyPair& trustee, const Bytes& envelope, const Campaign& campaign);

}  // namespace parley
