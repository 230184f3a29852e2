// What a respondent sends, inside an envelope (docs/FORMAT.md, "Contents"): feedback answers
// to a campaign's questions, or a mediation request for the campaign's mediators. No names,
// no identifiers, no time finer than a day. Contents name the campaign and the hash of its
// signed manifest body, and readers refuse either of another campaign or manifest.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/envelope.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/object_name.h"
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

// A person's later message in a mediation conversation (docs/FORMAT.md, "Conversations").
struct FollowUp {
  std::string text;    // 1-4000 characters
  bool close = false;  // the person closes the thread
};

const char* to_string(SubmissionKind kind);  // "feedback", "mediation"

struct Submission {
  SubmissionKind kind = SubmissionKind::feedback;
  std::string campaign;                  // campaign id
  ManifestHash manifest{};               // H of the campaign's manifest body: set by sealing and decoding
  std::map<std::string, Answer> answers;  // feedback only: question id -> answer
  MediationRequest request;              // mediation only (unless `message` is set)
  std::string day;                       // mediation only: YYYY-MM-DD it was written
  // Mediation only: the conversation (the thread's reply key, parley-r1-…; "" for a request
  // that starts none), and a follow-up in it instead of a request.
  std::string thread;
  std::optional<FollowUp> message;
};

inline constexpr std::size_t kMaxFreeTextChars = 4000;
inline constexpr int kContentsVersion = 2;

// Canonical JSON of `s`, bound to s.manifest (schema_failure when it is unset).
Result<Bytes> encode_submission(const Submission& s);
// Errors, in order: schema_failure (malformed, over kMaxContentsBytes), version_unsupported,
// schema_failure, wrong_campaign (another campaign id), wrong_manifest (another manifest body).
// Only `campaign.id` and its manifest hash are used.
Result<Submission> decode_submission(const Bytes& plaintext, const Campaign& campaign);

// Strict check before sealing: every answer fits its question, required ones are present.
Status validate_submission(const Campaign& campaign, const Submission& s);

// Direct campaigns: validates, binds to the manifest, and seals to the right readers (feedback
// to `feedback_to`, mediation requests to `mediation_to` only). bad_input for a campaign with a
// trustee: its submissions go through seal_via_trustee (trustee.h), never straight to readers.
Result<Bytes> seal_submission(const Campaign& campaign, const Submission& s, Rng& rng);
// The readers' envelope of either mode (in a trustee campaign, the inner envelope). Every such
// envelope has submission_stanzas(campaign) stanzas, so its length does not tell its kind.
Result<Bytes> seal_to_readers(const Campaign& campaign, const Submission& s, Rng& rng);
std::size_t submission_stanzas(const Campaign& campaign);

Result<Submission> open_submission(const RecipientKeyPair& key, const Bytes& envelope, const Campaign& campaign);
// The same, its stanzas opened through `opener` (envelope.h).
Result<Submission> open_submission(const StanzaOpener& opener, const Bytes& envelope, const Campaign& campaign);

}  // namespace parley
