#include "core/submission.h"

#include <sodium.h>

#include <algorithm>

#include "core/envelope.h"
#include "core/json_read.h"
#include "core/text.h"

namespace parley {
namespace {

Error schema_error(std::string message) { return make_error(Errc::schema_failure, std::move(message)); }

json answer_to_json(const Answer& a) {
  if (a.is_text) return a.text;
  if (a.number) return *a.number;
  return a.choices;
}

bool answer_from_json(const json& j, Answer& out) {
  if (j.is_string()) {
    out.is_text = true;
    out.text = j.get<std::string>();
    return is_clean_text(out.text, kMaxFreeTextChars, true);
  }
  if (j.is_number_integer()) {
    const auto v = j.get<std::int64_t>();
    if (v < 0 || v > 100) return false;
    out.number = static_cast<int>(v);
    return true;
  }
  if (j.is_array() && j.size() <= 12) {
    for (const auto& c : j) {
      if (!c.is_number_integer() || c.get<std::int64_t>() < 0 || c.get<std::int64_t>() > 11) return false;
      out.choices.push_back(static_cast<int>(c.get<std::int64_t>()));
    }
    return std::is_sorted(out.choices.begin(), out.choices.end()) &&
           std::adjacent_find(out.choices.begin(), out.choices.end()) == out.choices.end();
  }
  return false;
}

bool is_urgency(const std::string& u) { return u == "low" || u == "normal" || u == "urgent"; }

Status validate_request(const MediationRequest& r) {
  if (r.what.empty() || !is_clean_text(r.what, kMaxFreeTextChars, true)) return schema_error("Say what happened (up to 4000 characters).");
  if (!is_clean_text(r.who, 500, true)) return schema_error("\"Who is involved\" is limited to 500 characters.");
  if (!is_clean_text(r.outcome, 2000, true)) return schema_error("\"What would help\" is limited to 2000 characters.");
  if (!is_urgency(r.urgency)) return schema_error("Urgency must be low, normal or urgent.");
  if (!is_clean_text(r.contact, 300, true)) return schema_error("The contact note is limited to 300 characters.");
  return Ok{};
}

Status validate_follow_up(const FollowUp& m) {
  if (m.text.empty() || !is_clean_text(m.text, kMaxFreeTextChars, true)) return schema_error("Write a message (up to 4000 characters).");
  return Ok{};
}

// A mediation submission's request or follow-up, and its thread: a follow-up needs one.
Status validate_mediation(const Submission& s) {
  if (!s.thread.empty()) {
    auto key = decode_public_key(KeyKind::recipient, s.thread);
    if (!key || encode_public_key(KeyKind::recipient, *key) != s.thread) return schema_error("The thread is not a key.");
  }
  if (s.message) {
    if (s.thread.empty()) return schema_error("A follow-up belongs to a thread.");
    return validate_follow_up(*s.message);
  }
  return validate_request(s.request);
}

Bytes hash_bytes(const ManifestHash& h) { return Bytes(h.begin(), h.end()); }

}  // namespace

const char* to_string(SubmissionKind kind) { return kind == SubmissionKind::mediation ? "mediation" : "feedback"; }

Result<Bytes> encode_submission(const Submission& s) {
  if (s.manifest == ManifestHash{}) return schema_error("The contents are not bound to a campaign manifest.");
  json j = {{"v", kContentsVersion}, {"campaign", s.campaign}, {"manifest", hex_encode(hash_bytes(s.manifest))}};
  if (s.kind == SubmissionKind::feedback) {
    j["kind"] = "feedback";
    json answers = json::object();
    for (const auto& [id, a] : s.answers) answers[id] = answer_to_json(a);
    j["answers"] = std::move(answers);
  } else {
    if (auto ok = validate_mediation(s); !ok) return ok.error();
    if (!is_valid_day(s.day)) return schema_error("A mediation request carries the day it was written.");
    j["kind"] = "mediation";
    j["day"] = s.day;
    if (s.message) {
      j["message"] = {{"text", s.message->text}, {"close", s.message->close}};
    } else {
      j["request"] = {{"what", s.request.what}, {"who", s.request.who}, {"outcome", s.request.outcome},
                      {"urgency", s.request.urgency}, {"contact", s.request.contact}};
    }
    if (!s.thread.empty()) j["thread"] = s.thread;
  }
  Bytes out = to_bytes(dump_canonical(j));
  if (out.size() > kMaxContentsBytes) return make_error(Errc::too_large, "The answers are longer than 64 KiB altogether.");
  return out;
}

Result<Submission> decode_submission(const Bytes& plaintext, const Campaign& campaign) {
  if (plaintext.size() > kMaxContentsBytes) return schema_error("The contents are longer than any submission can be.");
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(plaintext.data()), plaintext.size()), "The contents");
  if (!parsed) return parsed.error();
  JsonReader r(*parsed, "The contents");
  const auto version = r.integer("v", 0, 1'000'000);
  if (!r.ok()) return r.error();
  if (version != kContentsVersion) {
    return make_error(Errc::version_unsupported,
                      "The contents use version " + std::to_string(version) + ", which this Parley cannot read.");
  }
  Submission s;
  s.campaign = r.string("campaign");
  const std::string kind = r.string("kind");
  const std::string manifest = r.string("manifest");
  if (!r.ok()) return r.error();
  auto manifest_bytes = hex_decode(manifest);
  if (manifest.size() != 64 || !manifest_bytes || hex_encode(*manifest_bytes) != manifest) {
    return schema_error("The contents name their manifest in a malformed way.");
  }
  std::copy(manifest_bytes->begin(), manifest_bytes->end(), s.manifest.begin());
  if (kind == "feedback") {
    r.only({"v", "campaign", "kind", "manifest", "answers"});
    s.kind = SubmissionKind::feedback;
    if (const json* answers = r.object("answers")) {
      for (const auto& item : answers->items()) {
        Answer a;
        if (!answer_from_json(item.value(), a)) return schema_error("The answer to \"" + item.key() + "\" is malformed.");
        s.answers.emplace(item.key(), std::move(a));
      }
    }
  } else if (kind == "mediation") {
    r.only({"v", "campaign", "kind", "manifest", "day", "request", "message", "thread"});
    s.kind = SubmissionKind::mediation;
    s.day = r.string("day");
    s.thread = r.string("thread", false);
    if (r.has("request") == r.has("message")) return schema_error("A mediation submission holds either a request or a message.");
    if (r.has("message")) {
      if (const json* msg = r.object("message")) {
        JsonReader mr(*msg, "The message");
        mr.only({"text", "close"});
        s.message = FollowUp{mr.string("text"), mr.boolean("close")};
        if (!mr.ok()) return mr.error();
      }
    } else if (const json* req = r.object("request")) {
      JsonReader rr(*req, "The request");
      rr.only({"what", "who", "outcome", "urgency", "contact"});
      s.request = {rr.string("what"), rr.string("who"), rr.string("outcome"), rr.string("urgency"), rr.string("contact")};
      if (!rr.ok()) return rr.error();
    }
    if (r.ok()) {
      if (r.has("thread") && s.thread.empty()) return schema_error("The thread is empty.");
      if (auto ok = validate_mediation(s); !ok) return ok.error();
      if (!is_valid_day(s.day)) return schema_error("The request's day is not a valid date.");
    }
  } else {
    return schema_error("The contents are of a kind (\"" + kind + "\") this Parley does not know.");
  }
  if (!r.ok()) return r.error();
  if (s.campaign != campaign.id) {
    return make_error(Errc::wrong_campaign, "This envelope belongs to another campaign.");
  }
  auto expected = manifest_hash(campaign);
  if (!expected) return expected.error();
  if (sodium_memcmp(s.manifest.data(), expected->data(), s.manifest.size()) != 0) {
    return make_error(Errc::wrong_manifest,
                      "This envelope was sealed for another version of the campaign (its manifest was signed again).");
  }
  return s;
}

Status validate_submission(const Campaign& c, const Submission& s) {
  if (s.campaign != c.id) return make_error(Errc::wrong_campaign, "The submission names another campaign.");
  if (s.kind == SubmissionKind::mediation) {
    if (c.mediation_to.empty()) return schema_error("This campaign has no mediator to send requests to.");
    if (!is_valid_day(s.day)) return schema_error("A mediation request carries the day it was written.");
    return validate_mediation(s);
  }
  for (const auto& [answer_id, a] : s.answers) {
    const std::string& id = answer_id;  // lambdas cannot capture structured bindings in C++17
    const auto q = std::find_if(c.questions.begin(), c.questions.end(), [&](const Question& x) { return x.id == id; });
    if (q == c.questions.end()) return schema_error("There is no question \"" + id + "\" in this campaign.");
    const int options = static_cast<int>(q->options.size());
    const bool is_number = a.number && !a.is_text && a.choices.empty();
    bool fits = false;
    switch (q->type) {
      case QuestionType::likert: fits = is_number && *a.number >= 1 && *a.number <= 5; break;
      case QuestionType::enps: fits = is_number && *a.number >= 0 && *a.number <= 10; break;
      case QuestionType::single_choice: fits = is_number && *a.number >= 0 && *a.number < options; break;
      case QuestionType::multi_choice:
        fits = !a.is_text && !a.number && !a.choices.empty() && a.choices.front() >= 0 && a.choices.back() < options &&
               std::is_sorted(a.choices.begin(), a.choices.end()) &&
               std::adjacent_find(a.choices.begin(), a.choices.end()) == a.choices.end();
        break;
      case QuestionType::free_text:
      case QuestionType::blockers:
        fits = a.is_text && !a.number && a.choices.empty() && !a.text.empty() && is_clean_text(a.text, kMaxFreeTextChars, true);
        break;
    }
    if (!fits) return schema_error("The answer to \"" + q->text + "\" does not fit the question.");
  }
  for (const auto& q : c.questions) {
    if (q.required && !s.answers.count(q.id)) return schema_error("\"" + q.text + "\" needs an answer.");
  }
  return Ok{};
}

std::size_t submission_stanzas(const Campaign& c) { return std::max(c.feedback_to.size(), c.mediation_to.size()); }

Result<Bytes> seal_to_readers(const Campaign& c, const Submission& s, Rng& rng) {
  if (auto ok = validate_submission(c, s); !ok) return ok.error();
  auto hash = manifest_hash(c);
  if (!hash) return hash.error();
  Submission bound = s;
  bound.manifest = *hash;
  auto plaintext = encode_submission(bound);
  if (!plaintext) return plaintext.error();
  const auto& recipients = s.kind == SubmissionKind::feedback ? c.feedback_to : c.mediation_to;
  auto sealed = seal_envelope(recipients, *plaintext, rng, submission_stanzas(c));
  sodium_memzero(plaintext->data(), plaintext->size());
  return sealed;
}

Result<Bytes> seal_submission(const Campaign& c, const Submission& s, Rng& rng) {
  if (c.trustee) {
    return make_error(Errc::bad_input, "This campaign goes through its trustee (" + c.trustee->label +
                                           "): submissions are sealed with an invitation code, never to the readers directly.");
  }
  return seal_to_readers(c, s, rng);
}

Result<Submission> open_submission(const RecipientKeyPair& key, const Bytes& envelope, const Campaign& campaign) {
  auto plaintext = open_envelope(key, envelope);
  if (!plaintext) return plaintext.error();
  auto s = decode_submission(*plaintext, campaign);
  sodium_memzero(plaintext->data(), plaintext->size());
  return s;
}

Result<Submission> open_submission(const StanzaOpener& opener, const Bytes& envelope, const Campaign& campaign) {
  auto plaintext = open_envelope(opener, envelope);
  if (!plaintext) return plaintext.error();
  auto s = decode_submission(*plaintext, campaign);
  sodium_memzero(plaintext->data(), plaintext->size());
  return s;
}

}  // namespace parley
