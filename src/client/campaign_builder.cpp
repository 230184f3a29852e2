#include "client/campaign_builder.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>

#include "core/passphrase.h"
#include "core/text.h"
#include "core/utc_time.h"
#include "templates/templates.h"
#include "client/builder_storage.h"
#include "client/texts.h"

namespace parley::client {
const std::string& question_type_label(QuestionType type) {
  switch (type) {
    case QuestionType::likert: return text("builder.type.likert");
    case QuestionType::enps: return text("builder.type.enps");
    case QuestionType::single_choice: return text("builder.type.single_choice");
    case QuestionType::multi_choice: return text("builder.type.multi_choice");
    case QuestionType::free_text: return text("builder.type.free_text");
    case QuestionType::blockers: return text("builder.type.blockers");
  }
  static const std::string none;
  return none;
}

int typed_k(std::string_view text) {
  int typed = 0;
  for (const char c : text) typed = c >= '0' && c <= '9' && typed < 1000 ? typed * 10 + (c - '0') : typed;
  return std::clamp(typed, kMinK, kMaxK);
}

std::string add_days(const std::string& day, int days) {
  const auto t = parse_day(day);
  if (!t) return day;
  const UtcTime later = utc_from_unix(unix_from_utc(*t) + std::int64_t{days} * 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", later.year, later.month, later.day);
  return buf;
}

BuilderForm new_builder(const std::string& today, const std::string& storage_url) {
  BuilderForm f;
  f.storage_url = storage_url;
  f.opens = today;
  f.closes = is_valid_day(today) ? add_days(today, 14) : today;
  return f;
}

bool apply_template(BuilderForm& form, const std::string& name) {
  const Template* t = find_template(name);
  if (!t) return false;
  form.title = t->title;
  form.intro = t->intro;
  form.questions.clear();
  for (const auto& q : t->questions) {
    std::string options;
    for (const auto& o : q.options) options += (options.empty() ? "" : "\n") + o;
    form.questions.push_back({q.type, q.text, q.required, options});
  }
  return true;
}

Result<Campaign> campaign_from_builder(const BuilderForm& form, const KeySet& keys, Rng& rng, std::int64_t now_unix) {
  auto fail = [](std::string why) { return make_error(Errc::bad_input, std::move(why)); };
  if (!keys.signer) return fail(text("builder.error.no_signing_key"));
  Campaign c;
  c.id = new_campaign_id(rng);
  c.title = trim_blank(form.title);
  c.intro = trim_blank(form.intro);
  if (c.title.empty()) return fail(text("builder.error.no_title"));
  if (form.questions.empty()) return fail(text("builder.error.no_questions"));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < form.questions.size(); ++i) {
    const QuestionDraft& d = form.questions[i];
    Question q;
    q.id = "q" + std::to_string(i + 1);
    q.type = d.type;
    q.text = trim_blank(d.text);
    q.required = d.required;
    if (q.text.empty()) return fail(text("builder.error.question_without_text", {{"number", std::to_string(i + 1)}}));
    if (has_options(q.type)) {
      std::istringstream lines(d.options);
      for (std::string line; std::getline(lines, line);) {
        if (!trim_blank(line).empty()) q.options.push_back(trim_blank(line));
      }
      if (q.options.size() < 2 || q.options.size() > 12) {
        return fail(text("builder.error.option_count", {{"number", std::to_string(i + 1)}}));
      }
    }
    c.questions.push_back(std::move(q));
  }
  c.feedback_to = {keys.recipient.public_key};
  if (!trim_blank(form.mediator_key).empty()) {
    auto mediator = decode_public_key(KeyKind::recipient, trim_blank(form.mediator_key));
    if (!mediator) return fail(text("builder.error.mediator_key", {{"detail", mediator.error().detail}}));
    if (*mediator == keys.recipient.public_key) return fail(text("builder.error.mediator_is_you"));
    c.mediation_to = {*mediator};
    const std::string label = trim_blank(form.mediator_label);
    if (!label.empty()) {
      if (!is_clean_text(label, kMaxMediatorLabelChars, false)) return fail(text("builder.error.mediator_label"));
      c.mediator_labels = {label};
    }
  } else if (!trim_blank(form.mediator_label).empty()) {
    return fail(text("builder.error.mediator_label_without_key"));
  }
  c.signer = keys.signer->public_key;
  if (!form.direct) {
    if (trim_blank(form.trustee_keys).empty()) return fail(text("builder.error.no_trustee"));
    auto trustee = trustee_from_keys(form.trustee_keys);
    if (!trustee) return fail(text("builder.error.trustee_keys", {{"detail", trustee.error().detail}}));
    trustee->label = trim_blank(form.trustee_label);
    if (trustee->label.empty()) return fail(text("builder.error.trustee_label"));
    // The manager's own key as trustee would be direct mode in disguise.
    if (trustee->recipient == keys.recipient.public_key || trustee->signer == keys.signer->public_key) {
      return fail(text("builder.error.trustee_is_you"));
    }
    c.trustee = std::move(*trustee);
  }
  c.k = form.k;
  c.opens = trim_blank(form.opens);
  c.closes = trim_blank(form.closes);
  // Last: for S3 this signs the upload policy, which should only happen for a campaign that is
  // otherwise complete.
  auto storage = storage_from_builder(form, c.id, now_unix);
  if (!storage) return storage.error();
  c.storage = std::move(*storage);
  if (auto ok = validate_campaign(c); !ok) return ok.error();
  return c;
}

Result<Trustee> trustee_from_keys(std::string_view text) {
  Trustee t;
  bool have_recipient = false, have_signer = false;
  std::string part;
  const auto take = [&]() -> Status {
    if (part.empty()) return Ok{};
    const std::string word = std::move(part);
    part.clear();
    if (auto r = decode_public_key(KeyKind::recipient, word); r && !have_recipient) {
      t.recipient = *r;
      have_recipient = true;
    } else if (auto sg = decode_public_key(KeyKind::signing, word); sg && !have_signer) {
      t.signer = *sg;
      have_signer = true;
    } else {
      return make_error(Errc::bad_key, "\"" + word.substr(0, 70) + "\" is not a public key, or a second key of one kind: "
                                       "give one parley-r1-… and one parley-s1-….");
    }
    return Ok{};
  };
  for (const char ch : text) {
    if (ch == ',' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (auto ok = take(); !ok) return ok.error();
    } else {
      part += ch;
    }
  }
  if (auto ok = take(); !ok) return ok.error();
  if (!have_recipient || !have_signer) {
    return make_error(Errc::bad_key, "Both of the trustee's public keys are needed: its recipient key (parley-r1-…) and its "
                                     "signing key (parley-s1-…).");
  }
  return t;
}

PassphraseHint passphrase_hint(std::string_view p) {
  const int score = passphrase_strength(p);
  switch (score) {
    case 0: return {score, {}};
    case 1: return {score, text("keys.strength.too_easy")};
    case 2: return {score, text("keys.strength.weak")};
    case 3: return {score, text("keys.strength.good")};
    default: return {score, text("keys.strength.strong")};
  }
}

}  // namespace parley::client
