// Between the campaign builder form and a signed Campaign: templates, checks, and a gentle
// passphrase strength hint.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/secret.h"

namespace parley::client {

// A question as the manager edits it.
struct QuestionDraft {
  QuestionType type = QuestionType::likert;
  std::string text;
  bool required = false;
  std::string options;  // choice questions: one option per line
};

// Where a campaign's envelopes go, as the builder offers it.
enum class StorageChoice { web, s3 };

struct BuilderForm {
  std::string title, intro;
  std::vector<QuestionDraft> questions;
  std::string mediator_key;  // parley-r1-… of the mediator (optional)
  std::string mediator_label;  // the mediator's name, signed into the manifest (optional)
  // The trustee, offered by default: its two public keys as `parley pubkey` prints them,
  // "parley-r1-… parley-s1-…" (any order, comma or spaces between), and the name respondents
  // see ("Works council"). `direct`: the manager chose no trustee (direct mode, for small
  // informal teams), and the trustee fields are ignored.
  std::string trustee_keys, trustee_label;
  bool direct = false;
  StorageChoice storage = StorageChoice::web;
  std::string storage_url;  // web storage; "{id}" becomes the campaign id
  // S3-compatible bucket. The write credentials sign the campaign's POST policy once and are
  // then wiped: the secret is never kept, and only the access key ID travels (in the policy).
  std::string s3_bucket_url, s3_region = "us-east-1", s3_key_prefix = "parley/{id}/";
  std::string s3_access_key;
  Secret s3_secret_key;
  int k = 5;
  std::string opens, closes;
  std::string error;
  std::string link;       // the share link, once signed: the short link once it is stored, else the long one
  std::string long_link;  // the whole signed campaign in the fragment: works without the storage
  bool publishing = false;  // storing the campaign for its short link
  std::string why_long;   // why there is no short link, in plain words ("" while publishing or when there is one)
};

// The question types in the order the builder offers them.
inline constexpr QuestionType kQuestionTypes[] = {QuestionType::likert,       QuestionType::enps,
                                                  QuestionType::single_choice, QuestionType::multi_choice,
                                                  QuestionType::free_text,    QuestionType::blockers};
const std::string& question_type_label(QuestionType type);

// A fresh builder: empty questionnaire, k = 5, open from today for two weeks, storing at `storage_url`.
BuilderForm new_builder(const std::string& today, const std::string& storage_url);
// Replaces title, intro and questions with a built-in template's.
bool apply_template(BuilderForm& form, const std::string& name);

// Checks the form and builds the campaign signed by `keys` (a manager's). `now_unix` is the
// signing time of an S3 upload policy. Errors in plain words.
Result<Campaign> campaign_from_builder(const BuilderForm& form, const KeySet& keys, Rng& rng, std::int64_t now_unix);

// A trustee's recipient and signing keys from `text`: exactly one key of each kind (parley-r1-…,
// parley-s1-…), in any order, separated by commas or white space. Errors in plain words
// (bad_key). The label is left empty.
Result<Trustee> trustee_from_keys(std::string_view text);

struct PassphraseHint {
  int score = 0;  // 0 (empty) .. 4 (strong)
  std::string text;
};
PassphraseHint passphrase_hint(std::string_view passphrase);

// k as typed into the builder's field: its digits, kept within the bounds the builder offers (3-50).
int typed_k(std::string_view text);

// YYYY-MM-DD plus `days`; `day` unchanged when it is not a valid day.
std::string add_days(const std::string& day, int days);

}  // namespace parley::client
