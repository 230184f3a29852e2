// The campaign manifest: what a campaign asks, who may read what, where answers are stored.
// Signed with the campaign's Ed25519 key and shared as a token (docs/FORMAT.md, "Manifest"):
//
//   token = base64url(body) "." base64url(signature)
//   signature = Ed25519("parley manifest v1\n" || body)
//   body = canonical JSON: keys sorted, no spaces, UTF-8 unescaped, integers only
#pragma once

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
// Single and multiple choice questions carry options.
bool has_options(QuestionType type);

struct Question {
  std::string id;  // [a-z0-9_]{1,32}, unique in the campaign
  QuestionType type = QuestionType::likert;
  std::string text;
  bool required = false;
  std::vector<std::string> options;  // single_choice and multi_choice only: 2 to 12
};

struct Campaign {
  std::string id;  // 26 characters of base32: 16 random bytes
  std::string title;
  std::string intro;
  std::vector<Question> questions;
  std::vector<Key32> feedback_to;   // who can open feedback (the manager)
  std::vector<Key32> mediation_to;  // who can open mediation requests (the mediator)
  bool allow_mediation_to_feedback_readers = false;
  Key32 signer{};                   // Ed25519 public key that signs this manifest
  Storage storage;
  int k = 5;                        // nothing is shown until at least k responses exist
  std::string opens;                // first day answers are accepted, YYYY-MM-DD
  std::string closes;               // last day answers are accepted, YYYY-MM-DD
};

inline constexpr int kDefaultK = 5;
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;

// A new campaign id from 16 random bytes.
std::string new_campaign_id(Rng& rng);

// Checks every rule of docs/FORMAT.md ("Manifest fields"); Errc::schema_failure otherwise.
Status validate_campaign(const Campaign& campaign);

Result<Bytes> canonical_body(const Campaign& campaign);
// Questions as they appear in a body (also the format of question templates).
Result<std::vector<Question>> questions_from_json(const nlohmann::json& list);
Result<Campaign> parse_body(const Bytes& body);

// Signs `campaign` (whose signer must match the key) into a token.
Result<std::string> sign_manifest(const Campaign& campaign, const SigningKeyPair& key);
// Verifies and parses a token: too_large, bad_input, bad_signature, schema_failure.
Result<Campaign> verify_manifest(std::string_view token);

// Where the manifest travels: "<app url>#c=<token>". The fragment never reaches a server.
std::string campaign_link(std::string_view app_url, std::string_view token);
// Accepts a full link or a bare token; returns the token.
Result<std::string> token_from_link(std::string_view link);

enum class CampaignPhase { not_yet_open, open, closed };
// `today` is YYYY-MM-DD, passed in: the core has no clock.
CampaignPhase campaign_phase(const Campaign& campaign, std::string_view today);

bool is_valid_day(std::string_view day);

}  // namespace parley
