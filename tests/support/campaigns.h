// The campaign the tests share: one question of every type, the keys of the people it names,
// the campaign itself and its signed link, and builders for answers to its questions. Core tests
// (manifest, submission, aggregate), the client and UI tests and the fuzz corpus all start from
// it, so a question type added to Parley is added here once. Core only: no platform or UI.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/keys.h"
#include "core/manifest.h"
#include "core/storage.h"
#include "core/submission.h"
#include "support/rng.h"

namespace parley::testing {

// One question of each type, in the order of QuestionType; required where a reader would
// expect it (the likert and eNPS questions).
inline std::vector<Question> every_question_type() {
  return {
      {"mood", QuestionType::likert, "I can do my best work here.", true, {}},
      {"recommend", QuestionType::enps, "How likely are you to recommend this team?", true, {}},
      {"focus", QuestionType::single_choice, "Where should we focus?", false, {"Tooling", "Process", "People"}},
      {"topics", QuestionType::multi_choice, "Which topics matter to you?", false, {"Pay", "Growth", "Workload", "Remote"}},
      {"comment", QuestionType::free_text, "Anything else?", false, {}},
      {"blockers", QuestionType::blockers, "What is standing in your way?", false, {}},
  };
}

// Answers as a submission carries them: a number (likert, eNPS, single choice), the chosen
// options (multiple choice) or text (free text, blockers).
inline Answer num(int n) {
  Answer a;
  a.number = n;
  return a;
}

inline Answer choices(std::vector<int> c) {
  Answer a;
  a.choices = std::move(c);
  return a;
}

inline Answer text(std::string t) {
  Answer a;
  a.text = std::move(t);
  a.is_text = true;
  return a;
}

// Who a campaign names: its signer, the manager who reads feedback, the mediator who reads
// mediation requests.
struct CampaignKeys {
  SigningKeyPair signer;
  RecipientKeyPair manager;
  RecipientKeyPair mediator;
};

// Keys drawn from seeded(tag): the same tag, the same people.
inline CampaignKeys campaign_keys(std::uint8_t tag = 7) {
  SeededRng rng = seeded(tag);
  CampaignKeys k;
  k.signer = generate_signing_key(rng).value();
  k.manager = generate_recipient_key(rng).value();
  k.mediator = generate_recipient_key(rng).value();
  return k;
}

// A valid campaign naming `keys`, with every question type and k = 5, stored by PUT under
// serve.py's address, open from `opens` to `closes` (the default window holds the UI tests'
// 2026-11-30). Its id is the same on every call.
inline Campaign sample_campaign(const CampaignKeys& keys, const std::string& opens = "2026-11-01",
                                const std::string& closes = "2026-12-31") {
  SeededRng rng = seeded(2);
  Campaign c;
  c.id = new_campaign_id(rng);
  c.title = "Team trust pulse";
  c.intro = "Two minutes.\nAnswers are anonymous.";
  c.questions = every_question_type();
  c.feedback_to = {keys.manager.public_key};
  c.mediation_to = {keys.mediator.public_key};
  c.signer = keys.signer.public_key;
  c.storage.kind = std::string(kStorageHttpPut);
  c.storage.url = "http://127.0.0.1:8000/store/team";
  c.k = 5;
  c.opens = opens;
  c.closes = closes;
  return c;
}

// The sample campaign as people receive it: signed by its signer, behind a link to serve.py's
// page.
struct SignedCampaign : CampaignKeys {
  Campaign campaign;
  std::string link;
};

inline SignedCampaign signed_campaign(const std::string& opens = "2026-11-01", const std::string& closes = "2026-12-31") {
  SignedCampaign t{campaign_keys(), {}, {}};
  t.campaign = sample_campaign(t, opens, closes);
  t.link = campaign_link("http://127.0.0.1:8000/", sign_manifest(t.campaign, t.signer).value());
  return t;
}

}  // namespace parley::testing
