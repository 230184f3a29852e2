#include "core/manifest.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "core/base32.h"
#include "core/json_read.h"
#include "core/short_link.h"
#include "core/text.h"
#include "core/utc_time.h"

namespace parley {
namespace {

// Fixed since version 1: it names the signature's purpose; the body carries its own version.
constexpr std::string_view kSignaturePrefix = "parley manifest v1\n";
constexpr std::size_t kMaxQuestions = 50;
constexpr std::size_t kMaxOptions = 12;

struct TypeName {
  QuestionType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {QuestionType::likert, "likert"},           {QuestionType::enps, "enps"},
    {QuestionType::single_choice, "single"},    {QuestionType::multi_choice, "multi"},
    {QuestionType::free_text, "text"},          {QuestionType::blockers, "blockers"},
};


bool is_question_id(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_campaign_id(const std::string& id) { return is_base32_16(id); }

Error schema_error(std::string message) { return make_error(Errc::schema_failure, std::move(message)); }

json keys_to_json(const std::vector<Key32>& keys) {
  json out = json::array();
  for (const auto& k : keys) out.push_back(encode_public_key(KeyKind::recipient, k));
  return out;
}

bool keys_from_json(const json* arr, std::vector<Key32>& out, JsonReader& r, const char* field) {
  if (!arr) return false;
  for (const auto& item : *arr) {
    if (!item.is_string()) {
      r.fail(std::string("\"") + field + "\" must list recipient keys as text");
      return false;
    }
    auto key = decode_public_key(KeyKind::recipient, item.get<std::string>());
    if (!key) {
      r.fail(std::string("\"") + field + "\" has a bad key: " + key.error().detail);
      return false;
    }
    out.push_back(*key);
  }
  return true;
}

}  // namespace

const char* to_string(QuestionType type) {
  for (const auto& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "unknown";
}

std::optional<QuestionType> question_type_named(std::string_view name) {
  for (const auto& t : kTypeNames) {
    if (name == t.name) return t.type;
  }
  return std::nullopt;
}

std::size_t count_bins(QuestionType type, std::size_t options) {
  switch (type) {
    case QuestionType::likert: return 5;
    case QuestionType::enps: return 11;
    case QuestionType::single_choice:
    case QuestionType::multi_choice: return options;
    case QuestionType::free_text:
    case QuestionType::blockers: return 0;
  }
  return 0;
}

std::string new_campaign_id(Rng& rng) {
  Bytes raw(16);
  rng.fill(raw.data(), raw.size());
  return base32_encode(raw);
}

bool is_valid_day(std::string_view d) { return parse_day(d).ok(); }

Status validate_campaign(const Campaign& c) {
  if (!is_campaign_id(c.id)) return schema_error("The campaign id must be 26 characters of base32 (16 bytes).");
  if (c.title.empty() || !is_clean_text(c.title, 120, false)) return schema_error("The title must be 1 to 120 characters on one line.");
  if (!is_clean_text(c.intro, 2000, true)) return schema_error("The introduction must be at most 2000 characters.");
  if (c.questions.empty() || c.questions.size() > kMaxQuestions) return schema_error("A campaign has 1 to 50 questions.");
  std::set<std::string> ids;
  for (const auto& q : c.questions) {
    if (!is_question_id(q.id)) return schema_error("Question id \"" + q.id + "\" must be 1 to 32 of a-z, 0-9 and _.");
    if (!ids.insert(q.id).second) return schema_error("Question id \"" + q.id + "\" is used twice.");
    if (q.text.empty() || !is_clean_text(q.text, 500, true)) return schema_error("Question \"" + q.id + "\" needs a text of 1 to 500 characters.");
    if (has_options(q.type)) {
      if (q.options.size() < 2 || q.options.size() > kMaxOptions) return schema_error("Question \"" + q.id + "\" needs 2 to 12 options.");
      std::set<std::string> seen;
      for (const auto& o : q.options) {
        if (o.empty() || !is_clean_text(o, 200, false)) return schema_error("An option of \"" + q.id + "\" must be 1 to 200 characters.");
        if (!seen.insert(o).second) return schema_error("Question \"" + q.id + "\" lists the option \"" + o + "\" twice.");
      }
    } else if (!q.options.empty()) {
      return schema_error("Question \"" + q.id + "\" is not a choice question and cannot have options.");
    }
  }
  if (c.feedback_to.empty() || c.feedback_to.size() > 16) return schema_error("Feedback needs 1 to 16 readers.");
  if (c.mediation_to.size() > 16) return schema_error("Mediation requests go to at most 16 mediators.");
  if (!c.mediator_labels.empty()) {
    if (c.mediator_labels.size() != c.mediation_to.size()) return schema_error("Every mediator label must belong to a mediator.");
    for (const auto& l : c.mediator_labels) {
      if (!l.empty() && !is_clean_text(l, kMaxMediatorLabelChars, false)) {
        return schema_error("A mediator's name must be 1 to 60 characters on one line.");
      }
    }
  }
  if (!c.allow_mediation_to_feedback_readers) {
    for (const auto& m : c.mediation_to) {
      if (std::find(c.feedback_to.begin(), c.feedback_to.end(), m) != c.feedback_to.end()) {
        return schema_error("A feedback reader is also listed as a mediator, which this campaign does not allow.");
      }
    }
  }
  if (c.trustee) {
    const Trustee& t = *c.trustee;
    if (t.label.empty() || !is_clean_text(t.label, kMaxTrusteeLabelChars, false)) {
      return schema_error("The trustee's name must be 1 to 60 characters on one line.");
    }
    if (std::find(c.feedback_to.begin(), c.feedback_to.end(), t.recipient) != c.feedback_to.end()) {
      return schema_error("The trustee cannot also read feedback: it would see single answers.");
    }
    if (t.signer == c.signer) {
      return schema_error("The trustee's signing key must not be the campaign's: its signature vouches for someone else.");
    }
  }
  if (auto ok = validate_storage(c.storage); !ok) return ok.error();
  if (c.k < kMinK || c.k > kMaxK) {
    return schema_error("The minimum group size k must be between " + std::to_string(kMinK) + " and " + std::to_string(kMaxK) + ".");
  }
  if (!is_valid_day(c.opens) || !is_valid_day(c.closes)) return schema_error("Open and close dates must be real days, YYYY-MM-DD.");
  if (c.closes < c.opens) return schema_error("The campaign closes before it opens.");
  return Ok{};
}

Result<Bytes> canonical_body(const Campaign& c) {
  if (auto ok = validate_campaign(c); !ok) return ok.error();
  json questions = json::array();
  for (const auto& q : c.questions) {
    json jq = {{"id", q.id}, {"type", to_string(q.type)}, {"text", q.text}, {"required", q.required}};
    if (has_options(q.type)) jq["options"] = q.options;
    questions.push_back(std::move(jq));
  }
  json body = {
      {"v", kManifestVersion},
      {"id", c.id},
      {"title", c.title},
      {"intro", c.intro},
      {"questions", std::move(questions)},
      {"feedback_to", keys_to_json(c.feedback_to)},
      {"mediation_to", keys_to_json(c.mediation_to)},
      {"mediation_to_feedback_readers", c.allow_mediation_to_feedback_readers},
      {"signer", encode_public_key(KeyKind::signing, c.signer)},
      {"storage", storage_to_json(c.storage)},
      {"k", c.k},
      {"opens", c.opens},
      {"closes", c.closes},
  };
  json labels = json::object();
  for (std::size_t i = 0; i < c.mediator_labels.size(); ++i) {
    if (!c.mediator_labels[i].empty()) labels[encode_public_key(KeyKind::recipient, c.mediation_to[i])] = c.mediator_labels[i];
  }
  // Absent rather than empty: one campaign, one body.
  if (!labels.empty()) body["mediator_labels"] = std::move(labels);
  if (c.trustee) {
    body["trustee"] = {{"label", c.trustee->label},
                       {"recipient", encode_public_key(KeyKind::recipient, c.trustee->recipient)},
                       {"signer", encode_public_key(KeyKind::signing, c.trustee->signer)}};
  }
  Bytes out = to_bytes(dump_canonical(body));
  if (out.size() > kMaxManifestBytes) return make_error(Errc::too_large, "The campaign manifest is larger than 64 KiB: shorten the questions or the intro.");
  return out;
}

Result<std::vector<Question>> questions_from_json(const json& list) {
  if (!list.is_array()) return schema_error("The questions must be a list.");
  std::vector<Question> out;
  for (const auto& jq : list) {
    JsonReader qr(jq, "A question");
    qr.only({"id", "type", "text", "required", "options"});
    Question q;
    q.id = qr.string("id");
    const std::string type = qr.string("type");
    const auto named = question_type_named(type);
    if (qr.ok() && !named) qr.fail("has an unknown type \"" + type + "\"");
    if (named) q.type = *named;
    q.text = qr.string("text");
    q.required = qr.boolean("required");
    if (const json* opts = qr.array("options", false)) {
      for (const auto& o : *opts) {
        if (!o.is_string()) qr.fail("has an option that is not text");
        else q.options.push_back(o.get<std::string>());
      }
    }
    if (!qr.ok()) return qr.error();
    out.push_back(std::move(q));
  }
  return out;
}

Result<Campaign> parse_body(const Bytes& body) {
  if (body.size() > kMaxManifestBytes) return make_error(Errc::too_large, "The campaign manifest is larger than 64 KiB.");
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()), "The manifest");
  if (!parsed) return parsed.error();
  const json& j = *parsed;
  JsonReader r(j, "The manifest");
  r.only({"v", "id", "title", "intro", "questions", "feedback_to", "mediation_to", "mediation_to_feedback_readers",
          "mediator_labels", "signer", "storage", "k", "opens", "closes", "trustee"});
  const auto version = r.integer("v", 0, 1'000'000);
  if (!r.ok()) return make_error(Errc::schema_failure, r.error().detail);
  if (version != kManifestVersion) {
    return make_error(Errc::version_unsupported, "This campaign uses manifest version " + std::to_string(version) +
                                                     ", which this Parley does not read.");
  }
  Campaign c;
  c.id = r.string("id");
  c.title = r.string("title");
  c.intro = r.string("intro");
  if (const json* qs = r.array("questions")) {
    auto questions = questions_from_json(*qs);
    if (!questions) return questions.error();
    c.questions = std::move(*questions);
  }
  keys_from_json(r.array("feedback_to"), c.feedback_to, r, "feedback_to");
  keys_from_json(r.array("mediation_to"), c.mediation_to, r, "mediation_to");
  c.allow_mediation_to_feedback_readers = r.boolean("mediation_to_feedback_readers");
  if (const json* labels = r.object("mediator_labels", false); labels && r.ok()) {
    if (labels->empty()) return schema_error("The manifest's mediator_labels is empty: leave it out when no mediator has a name.");
    c.mediator_labels.assign(c.mediation_to.size(), "");
    for (const auto& [key_text, label] : labels->items()) {
      auto key = decode_public_key(KeyKind::recipient, key_text);
      if (!key) return schema_error("A mediator label is for a malformed key.");
      const auto at = std::find(c.mediation_to.begin(), c.mediation_to.end(), *key);
      if (at == c.mediation_to.end()) return schema_error("A mediator label is for a key that is not in mediation_to.");
      if (!label.is_string() || label.get<std::string>().empty()) {
        return schema_error("A mediator's name must be 1 to 60 characters on one line.");
      }
      c.mediator_labels[static_cast<std::size_t>(at - c.mediation_to.begin())] = label.get<std::string>();
    }
  }
  const std::string signer = r.string("signer");
  if (r.ok()) {
    auto key = decode_public_key(KeyKind::signing, signer);
    if (!key) r.fail("has a bad signer key: " + key.error().detail);
    else c.signer = *key;
  }
  if (const json* s = r.object("storage")) {
    auto storage = storage_from_json(*s);
    if (!storage) return storage.error();
    c.storage = std::move(*storage);
  }
  c.k = static_cast<int>(r.integer("k", kMinK, kMaxK));
  c.opens = r.string("opens");
  c.closes = r.string("closes");
  if (const json* t = r.object("trustee", false)) {
    JsonReader tr(*t, "The trustee");
    tr.only({"label", "recipient", "signer"});
    Trustee trustee;
    trustee.label = tr.string("label");
    const std::string recipient = tr.string("recipient");
    const std::string signer_text = tr.string("signer");
    if (!tr.ok()) return tr.error();
    auto rk = decode_public_key(KeyKind::recipient, recipient);
    auto sk = decode_public_key(KeyKind::signing, signer_text);
    if (!rk || !sk) return schema_error("The trustee's keys are malformed.");
    trustee.recipient = *rk;
    trustee.signer = *sk;
    c.trustee = std::move(trustee);
  }
  if (!r.ok()) return r.error();
  if (auto ok = validate_campaign(c); !ok) return ok.error();
  // One campaign, one byte string: anything but the canonical form is refused.
  auto canonical = canonical_body(c);
  if (!canonical || *canonical != body) {
    return make_error(Errc::schema_failure, "The manifest is not in canonical form (sorted keys, no spaces).");
  }
  c.manifest_hash = hash_manifest_body(body);
  return c;
}

std::string mediator_label(const Campaign& c, std::size_t index) {
  return index < c.mediator_labels.size() ? c.mediator_labels[index] : std::string();
}

ManifestHash hash_manifest_body(const Bytes& body) {
  ManifestHash h{};
  // Unkeyed, 32-byte output: crypto_generichash cannot fail.
  (void)crypto_generichash(h.data(), h.size(), body.data(), body.size(), nullptr, 0);
  return h;
}

Result<ManifestHash> manifest_hash(const Campaign& c) {
  if (c.manifest_hash != ManifestHash{}) return c.manifest_hash;
  auto body = canonical_body(c);
  if (!body) return body.error();
  return hash_manifest_body(*body);
}

Result<std::string> sign_manifest(const Campaign& campaign, const SigningKeyPair& key) {
  if (campaign.signer != key.public_key) {
    return make_error(Errc::bad_key, "This signing key is not the campaign's signer.");
  }
  auto body = canonical_body(campaign);
  if (!body) return body.error();
  Bytes message = to_bytes(kSignaturePrefix);
  message.insert(message.end(), body->begin(), body->end());
  Bytes sig(crypto_sign_BYTES);
  if (crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data()) != 0) {
    return make_error(Errc::crypto_failure, "Signing failed.");
  }
  return base64url_encode(*body) + "." + base64url_encode(sig);
}

Result<Campaign> verify_manifest(std::string_view token) {
  if (token.size() > kMaxManifestBytes * 4 / 3 + 200) return make_error(Errc::too_large, "The campaign manifest is larger than 64 KiB.");
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return make_error(Errc::bad_input, "This is not a signed Parley campaign.");
  // The body's size is known from its base64url length: refuse it before decoding anything.
  if (dot > (kMaxManifestBytes * 4 + 2) / 3) return make_error(Errc::too_large, "The campaign manifest is larger than 64 KiB.");
  auto body = base64url_decode(token.substr(0, dot));
  auto sig = base64url_decode(token.substr(dot + 1));
  if (!body || !sig || sig->size() != crypto_sign_BYTES) {
    return make_error(Errc::bad_input, "The campaign link is damaged: part of it may be missing.");
  }
  // The signer's key is inside the body: read it first, then check the signature before
  // trusting anything else the body says.
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(body->data()), body->size()), "The manifest");
  if (!parsed) return parsed.error();
  const auto it = parsed->is_object() ? parsed->find("signer") : parsed->end();
  if (it == parsed->end() || !it->is_string()) return make_error(Errc::schema_failure, "The manifest names no signer.");
  auto signer = decode_public_key(KeyKind::signing, it->get<std::string>());
  if (!signer) return make_error(Errc::schema_failure, "The manifest's signer key is malformed.");
  Bytes message = to_bytes(kSignaturePrefix);
  message.insert(message.end(), body->begin(), body->end());
  if (crypto_sign_verify_detached(sig->data(), message.data(), message.size(), signer->data()) != 0) {
    return make_error(Errc::bad_signature, "The campaign's signature does not match: it was changed after signing.");
  }
  return parse_body(*body);
}

std::string campaign_link(std::string_view app_url, std::string_view token) {
  std::string base(app_url);
  if (const auto hash = base.find('#'); hash != std::string::npos) base.resize(hash);
  return base + "#c=" + std::string(token);
}

Result<LinkParts> split_link(std::string_view link) {
  while (!link.empty() && (link.front() == ' ' || link.front() == '\n' || link.front() == '\t')) link.remove_prefix(1);
  while (!link.empty() && (link.back() == ' ' || link.back() == '\n' || link.back() == '\t' || link.back() == '\r')) link.remove_suffix(1);
  const auto short_at = link.find(kShortLinkMarker);
  const auto at = link.find("#c=");
  std::string_view token = short_at != std::string_view::npos ? link.substr(short_at + kShortLinkMarker.size())
                           : at == std::string_view::npos    ? link
                                                             : link.substr(at + 3);
  LinkParts parts;
  if (const auto amp = token.find("&i="); amp != std::string_view::npos) {
    const std::string code = ascii_lower(token.substr(amp + 3));
    if (!is_base32_16(code)) {
      return make_error(Errc::bad_input, "The invitation code in this link is damaged. Ask the person who sent it for the full link.");
    }
    parts.invite = code;
    token = token.substr(0, amp);
  }
  if (short_at != std::string_view::npos) {
    auto target = read_short_link_target(link.substr(0, short_at), token);
    if (!target) return target.error();
    parts.manifest_url = std::move(target->url);
    parts.manifest = target->manifest;
    return parts;
  }
  const bool token_chars = std::all_of(token.begin(), token.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
  });
  if (token.empty() || !token_chars || token.find('.') == std::string_view::npos) {
    return make_error(Errc::bad_input, "This is not a Parley campaign link. Ask the person who sent it for the full link.");
  }
  parts.token = std::string(token);
  return parts;
}

Result<std::string> token_from_link(std::string_view link) {
  auto parts = split_link(link);
  if (!parts) return parts.error();
  if (parts->is_short()) {
    return make_error(Errc::bad_input, "This short link names where the campaign is stored: it must be fetched first.");
  }
  return std::move(parts->token);
}

std::string personal_link(std::string_view link, std::string_view invite_code) {
  std::string base(link);
  if (const auto amp = base.find("&i="); amp != std::string::npos) base.resize(amp);
  return base + "&i=" + std::string(invite_code);
}

CampaignPhase campaign_phase(const Campaign& c, std::string_view today) {
  if (today < c.opens) return CampaignPhase::not_yet_open;
  if (today > c.closes) return CampaignPhase::closed;
  return CampaignPhase::open;
}

bool results_may_open(const Campaign& c, std::string_view today) {
  return is_valid_day(today) && campaign_phase(c, today) == CampaignPhase::closed;
}

bool has_options(QuestionType t) { return t == QuestionType::single_choice || t == QuestionType::multi_choice; }

}  // namespace parley
