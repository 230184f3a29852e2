// The release of a trustee campaign (docs/FORMAT.md, "Release"): after the close, the trustee
// opens every outer envelope, keeps one feedback answer per invitation code, and writes one
// signed object, "release.parley", holding the inner envelopes in random order, without names
// or times. Managers read feedback only from it; mediators their requests.
//
//   release = "PARLEY-RELEASE" 0x02 u32be(body_len) body signature(64) records
//   records = (u32be(len) inner_envelope){count}  (u32be(len) inner_envelope){mediation}
//   body    = {"campaign":ID,"count":n,"invitations":N,"kind":"release","manifest":hex(H),
//              "mediation":m,"records":hex(BLAKE2b-256(records)),"refused":{reason:count,...},
//              "released":DAY,"v":2}
//   signature = Ed25519(trustee signer, "parley release v2\n" || body)
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/submission.h"
#include "core/trustee.h"

namespace parley {

inline constexpr const char* kReleaseObject = "release.parley";
inline constexpr std::size_t kMaxReleaseRecords = 100'000;
inline constexpr std::size_t kMaxReleaseBytes = 256u * 1024 * 1024;
inline constexpr std::size_t kMaxReleaseBodyBytes = 4096;

// Why a stored object was not released (the keys of "refused"), besides the error class of an
// outer envelope that does not open or read (to_string(Errc)).
namespace refusal {
inline constexpr const char* kMisnamed = "misnamed";                // name is not its content's hash
inline constexpr const char* kDuplicate = "duplicate";              // the same envelope (or inner envelope) again
inline constexpr const char* kReplaced = "replaced";                // a later answer with the same code won
inline constexpr const char* kNoInvitation = "no-invitation";       // sent without a code
inline constexpr const char* kWrongInvitationType = "wrong-invitation-type";
inline constexpr const char* kUnknownInvitation = "unknown-invitation";  // not one of the N codes
inline constexpr const char* kOutsideDates = "outside-dates";       // sent before `opens` or after `closes`
}  // namespace refusal

// An object as listed and fetched from the campaign's storage.
struct StoredObject {
  std::string name;
  Bytes bytes;
};

// What the trustee would release, before signing: the UI shows these counts either way.
struct ReleaseRecords {
  std::uint32_t invitations = 0;
  std::vector<Bytes> feedback;   // inner envelopes, at most one per invitation code
  std::vector<Bytes> mediation;  // inner envelopes of mediation requests with valid codes
  std::map<std::string, std::size_t> refused;  // reason -> count (no zero counts)
};

// Opens, checks and selects. Errors: bad_input (no trustee, today not a day, invitations
// outside 1..kMaxInvitations), bad_key (not the trustee's keys), too_early (today <= closes).
Result<ReleaseRecords> collect_release(const Campaign& campaign, const KeySet& trustee, std::uint32_t invitations,
                                       const std::vector<StoredObject>& objects, std::string_view today);
// The same with every object's outer envelope opened already: `opened[i]` is
// open_outer(trustee.recipient, objects[i].bytes, campaign), made as the objects arrived or on
// several threads. The same checks and the same records; bad_input when the sizes differ.
Result<ReleaseRecords> collect_release(const Campaign& campaign, const KeySet& trustee, std::uint32_t invitations,
                                       const std::vector<StoredObject>& objects, std::vector<Result<OuterContents>> opened,
                                       std::string_view today);
// Shuffles the records with `rng` and signs. Errors: as collect_release, below_threshold (fewer
// than k feedback answers: nothing is released), too_large (beyond the limits above).
Result<Bytes> sign_release(const Campaign& campaign, const KeySet& trustee, ReleaseRecords records, std::string_view today,
                           Rng& rng);
// collect_release then sign_release.
Result<Bytes> build_release(const Campaign& campaign, const KeySet& trustee, std::uint32_t invitations,
                            const std::vector<StoredObject>& objects, std::string_view today, Rng& rng);

struct Release {
  std::string campaign;
  ManifestHash manifest{};
  std::string released;  // the day it was made, after `closes`
  std::uint32_t invitations = 0;
  std::map<std::string, std::size_t> refused;
  std::vector<Bytes> feedback;   // inner envelopes for the feedback readers, count >= k
  std::vector<Bytes> mediation;  // inner envelopes for the mediators
};

// Errors, in order: too_large, header_failure (not a release, cut short), version_unsupported,
// too_large (body length), bad_input (the campaign has no trustee), bad_signature (another key),
// version_unsupported / schema_failure (body), wrong_campaign, wrong_manifest, bad_signature
// (records that are not the signed ones), payload_failure (records framing), too_early
// (released <= closes), below_threshold (count < k).
Result<Release> read_release(const Campaign& campaign, const Bytes& release);

// Opens one record of a release's `part`: contents of the other kind are a schema_failure, so
// a mediation part cannot smuggle answers past the one-per-code rule.
Result<Submission> open_release_record(const RecipientKeyPair& key, const Bytes& record, const Campaign& campaign,
                                       SubmissionKind part);
Result<Submission> open_release_record(const StanzaOpener& opener, const Bytes& record, const Campaign& campaign,
                                       SubmissionKind part);

}  // namespace parley
