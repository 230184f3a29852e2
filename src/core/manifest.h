// The campaign manifest: what a campaign asks, who may read what, where answers are stored.
// Signed with the campaign's Ed25519 key and shared as a token (docs/FORMAT.md, "Manifest"):
//
//   token = base64url(body) "." base64url(signature)
//   signature = Ed25519("parley manifest v1\n" || body)     (the context string is fixed)
//   body = canonical JSON, "v":2: keys sorted, no spaces, UTF-8 unescaped, integers only
//
// Everything sealed for a campaign binds the hash of its body, H = BLAKE2b-256(body), so a
// manifest re-signed under the same id cannot re-interpret what was sent for the first one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/storage.h"

namespace parley {

enum class QuestionType { likert, enps, single_choice, multi_choice, free_text, blockers };

const char* to_string(QuestionType type);
// The type a manifest (or a results file) names "likert", "enps", "single", ...; none for
// anything else.
std::optional<QuestionType> question_type_named(std::string_view name);
// Single and multiple choice questions carry options.
bool has_options(QuestionType type);
// How many counts a question's answers are tallied in: 5 for a scale of agreement, 11 for eNPS
// (0 to 10), one per option of a choice question, none for text.
std::size_t count_bins(QuestionType type, std::size_t options);

struct Question {
  std::string id;  // [a-z0-9_]{1,32}, unique in the campaign
  QuestionType type = QuestionType::likert;
  std::string text;
  bool required = false;
  std::vector<std::string> options;  // single_choice and multi_choice only: 2 to 12
};

// BLAKE2b-256 of a manifest body.
using ManifestHash = std::array<std::uint8_t, 32>;

// A neutral third party (works council, ombudsperson) through whom every submission passes:
// it checks invitations and releases feedback only after the close and only from k answers up.
struct Trustee {
  std::string label;  // clean one-line text, 1-60 characters: "Works council"
  Key32 recipient{};  // X25519: opens the outer envelopes; never a feedback reader
  Key32 signer{};     // Ed25519: signs invitations and the release; not the campaign's signer
};

struct Campaign {
  std::string id;  // 26 characters of base32: 16 random bytes
  std::string title;
  std::string intro;
  std::vector<Question> questions;
  std::vector<Key32> feedback_to;   // who can open feedback (the manager)
  std::vector<Key32> mediation_to;  // who can open mediation requests (the mediator)
  // Parallel to mediation_to: each mediator's name as the manifest signs it ("" = none). Empty
  // when no mediator has one; otherwise exactly as long as mediation_to.
  std::vector<std::string> mediator_labels;
  bool allow_mediation_to_feedback_readers = false;
  Key32 signer{};                   // Ed25519 public key that signs this manifest
  Storage storage;
  int k = 5;                        // nothing is shown until at least k responses exist
  std::string opens;                // first day answers are accepted, YYYY-MM-DD
  std::string closes;               // last day answers are accepted, YYYY-MM-DD
  std::optional<Trustee> trustee;   // absent: "direct" mode, envelopes go straight to the readers

  // Not part of the body: BLAKE2b-256 of the signed body, set by parse_body and verify_manifest
  // (all zero for a campaign made in memory; manifest_hash() then computes it). A campaign
  // changed after verification must have it cleared.
  ManifestHash manifest_hash{};
};

inline constexpr int kManifestVersion = 2;
inline constexpr int kDefaultK = 5;
inline constexpr int kMinK = 3;   // below 3, a group's answers come close to single answers
inline constexpr int kMaxK = 50;
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;
inline constexpr std::size_t kMaxTrusteeLabelChars = 60;
inline constexpr std::size_t kMaxMediatorLabelChars = 60;

// The signed name of mediation_to[index], or "" when it has none.
std::string mediator_label(const Campaign& c, std::size_t index);

// A new campaign id from 16 random bytes.
std::string new_campaign_id(Rng& rng);

// Checks every rule of docs/FORMAT.md ("Manifest fields"); Errc::schema_failure otherwise.
Status validate_campaign(const Campaign& campaign);

Result<Bytes> canonical_body(const Campaign& campaign);
// Questions as they appear in a body (also the format of question templates).
Result<std::vector<Question>> questions_from_json(const nlohmann::json& list);
Result<Campaign> parse_body(const Bytes& body);

// H: campaign.manifest_hash when set, else BLAKE2b-256 of canonical_body (schema_failure when
// the campaign is not valid).
Result<ManifestHash> manifest_hash(const Campaign& campaign);
ManifestHash hash_manifest_body(const Bytes& body);

// Signs `campaign` (whose signer must match the key) into a token.
Result<std::string> sign_manifest(const Campaign& campaign, const SigningKeyPair& key);
// Verifies and parses a token: too_large, bad_input, bad_signature, schema_failure.
Result<Campaign> verify_manifest(std::string_view token);

// Where the manifest travels: "<app url>#c=<token>" (a long link). The fragment never reaches
// a server. A short link ("<app url>#m=<where>", core/short_link.h) names where the token is
// stored instead.
std::string campaign_link(std::string_view app_url, std::string_view token);
// Accepts a full long link, a personal link or a bare token; returns the token. bad_input for
// a short link: its token must be fetched first (client/link_resolver.h).
Result<std::string> token_from_link(std::string_view link);

// A trustee campaign's personal link: "<app url>#c=<token>&i=<invitation code>" (or "#m=..."),
// so the code travels in the fragment too.
struct LinkParts {
  std::string token;           // a long link's token; empty for a short link
  std::string manifest_url;    // a short link's: where the token is stored (absolute)
  ManifestHash manifest{};     // a short link's: the H its stored token must have
  std::string invite;          // the invitation code, lower case; empty for a plain campaign link
  bool is_short() const { return !manifest_url.empty(); }
};
// bad_input when there is no token or short-link target, or an "&i=" part that is not an
// invitation code (26 characters of base32; upper case is accepted).
Result<LinkParts> split_link(std::string_view link);
// `link` (any link of the campaign, personal or not) with `invite_code` as its invitation.
std::string personal_link(std::string_view link, std::string_view invite_code);

enum class CampaignPhase { not_yet_open, open, closed };
// `today` is YYYY-MM-DD, passed in: the core has no clock.
CampaignPhase campaign_phase(const Campaign& campaign, std::string_view today);
// Results are read only once the campaign has closed (direct mode; a trustee releases them
// after the close): reloading results while answers arrive would single out the newest.
bool results_may_open(const Campaign& campaign, std::string_view today);

bool is_valid_day(std::string_view day);

}  // namespace parley
