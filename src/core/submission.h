// What a respondent sends, inside an envelope (docs/FORMAT.md, "Contents"): feedback answers
// to a campaign's questions, or a mediation request for the campaign's mediators. No names,
// no identifiers, no time finer than a day.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/rng.h"

namespace parley {

enum class SubmissionKind { feedback, mediation };

struct Answer {
  std::optional<int> number;  // likert 1-5, enps 0-10, single choice: option index
  std::vector<int> choices;   // multiple choice: option indices, ascending, distinct
  std::string text;           // free text and blockers
  bool is_text = false;
};

struct MediationRequest {
  std::string what;     // what happened (required)
  std::string who;      // who is involved (optional)
  std::string outcome;  // what outcome would help (optional)
  std::string urgency = "normal";  // "low", "normal" or "urgent"
  std::string contact;  // how to reach the person, in their own words (optional)
};

struct Submission {
  SubmissionKind kind = SubmissionKind::feedback;
  std::string campaign;                  // campaign id
  std::map<std::string, Answer> answers;  // feedback only: question id -> answer
  MediationRequest request;              // mediation only
  std::string day;                       // mediation only: YYYY-MM-DD it was written
};

inline constexpr std::size_t kMaxFreeTextChars = 4000;

Result<Bytes> encode_submission(const Submission& s);
// schema_failure for anything malformed; wrong_campaign when it belongs to another campaign.
Result<Submission> decode_submission(const Bytes& plaintext, const std::string& expected_campaign);

// Strict check before sealing: every answer fits its question, required ones are present.
Status validate_submission(const Campaign& campaign, const Submission& s);

// Validates, encodes and seals to the right readers: feedback to `feedback_to`, mediation
// requests to `mediation_to` only.
Result<Bytes> seal_submission(const Campaign& campaign, const Submission& s, Rng& rng);
Result<Submission> open_submission(const RecipientKeyPair& key, const Bytes& envelope, const std::string& campaign_id);

// The storage object name of an envelope: 32 hex digits of its BLAKE2b hash + ".parley".
// Derived from the sealed bytes alone, so it says nothing about the sender, and a retried
// upload of the same envelope lands on the same name.
std::string object_name(const Bytes& envelope);

}  // namespace parley
