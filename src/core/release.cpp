#include "core/release.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <set>
#include <unordered_set>

#include "core/envelope.h"
#include "core/invitations.h"
#include "core/json_read.h"
#include "core/object_name.h"
#include "core/trustee.h"

namespace parley {
namespace {

constexpr std::uint8_t kMagic[14] = {'P', 'A', 'R', 'L', 'E', 'Y', '-', 'R', 'E', 'L', 'E', 'A', 'S', 'E'};
constexpr std::uint8_t kReleaseVersion = 2;
constexpr std::size_t kFixedHeader = sizeof kMagic + 1 + 4;
constexpr std::string_view kSignatureContext = "parley release v2\n";
constexpr std::size_t kMaxReasons = 32;
constexpr std::size_t kMaxReasonChars = 32;

Error schema_error(std::string message) { return make_error(Errc::schema_failure, std::move(message)); }

void put_u32(Bytes& out, std::size_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t get_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

Bytes hash256(const std::uint8_t* data, std::size_t len) {
  Bytes h(32);
  // Unkeyed, 32-byte output: crypto_generichash cannot fail.
  (void)crypto_generichash(h.data(), h.size(), data, len, nullptr, 0);
  return h;
}

Bytes signed_message(const std::uint8_t* body, std::size_t len) {
  Bytes message = to_bytes(kSignatureContext);
  message.insert(message.end(), body, body + len);
  return message;
}

bool is_reason(const std::string& r) {
  return !r.empty() && r.size() <= kMaxReasonChars &&
         std::all_of(r.begin(), r.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '-'; });
}

Status check_release_day(const Campaign& c, std::string_view today) {
  if (!is_valid_day(today)) return make_error(Errc::bad_input, "Today's date is not a valid day.");
  if (today <= c.closes) {
    return make_error(Errc::too_early, "The campaign closes on " + c.closes + ": results are released only after that day.");
  }
  return Ok{};
}

// The later of two answers with one code; equal times go to the greater object name, so the
// choice never depends on listing order.
bool is_later(const std::string& sent, const std::string& name, const std::string& than_sent, const std::string& than_name) {
  return sent != than_sent ? sent > than_sent : name > than_name;
}

// The selection of collect_release, each object's outer envelope from `open`.
Result<ReleaseRecords> collect_opened(const Campaign& c, const KeySet& trustee, std::uint32_t invitations,
                                      const std::vector<StoredObject>& objects, std::string_view today,
                                      const std::function<Result<OuterContents>(std::size_t)>& open) {
  if (auto ok = check_trustee_keys(c, trustee); !ok) return ok.error();
  if (invitations < 1 || invitations > kMaxInvitations) {
    return make_error(Errc::bad_input, "A campaign has between 1 and 100,000 invitations.");
  }
  if (auto ok = check_release_day(c, today); !ok) return ok.error();
  auto codes = invitation_codes(c, trustee, invitations);
  if (!codes) return codes.error();
  const std::unordered_set<std::string> valid(codes->begin(), codes->end());

  ReleaseRecords out;
  out.invitations = invitations;
  struct Pick {
    std::string sent, name;
    Bytes inner;
  };
  std::map<std::string, Pick> by_code;  // ordered: the result does not depend on listing order
  std::vector<Pick> mediation;
  ObjectSet seen;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const StoredObject& object = objects[i];
    const ObjectVerdict verdict = seen.add(object.name, object.bytes);
    if (verdict != ObjectVerdict::fresh) {
      ++out.refused[to_string(verdict)];
      continue;
    }
    auto o = open(i);
    const char* reason = nullptr;
    if (!o) reason = to_string(o.error().code);
    else if (!o->invite) reason = refusal::kNoInvitation;
    else if (o->invite->type != kInviteTypeCode) reason = refusal::kWrongInvitationType;
    else if (!valid.count(o->invite->code)) reason = refusal::kUnknownInvitation;
    else if (std::string_view(o->sent).substr(0, 10) < c.opens || std::string_view(o->sent).substr(0, 10) > c.closes) {
      reason = refusal::kOutsideDates;
    }
    if (reason) {
      ++out.refused[reason];
      continue;
    }
    Pick pick{o->sent, object.name, std::move(o->inner)};
    if (o->kind == SubmissionKind::mediation) {
      mediation.push_back(std::move(pick));
      continue;
    }
    auto [it, inserted] = by_code.try_emplace(o->invite->code, std::move(pick));
    if (!inserted) {
      ++out.refused[refusal::kReplaced];
      if (is_later(pick.sent, pick.name, it->second.sent, it->second.name)) it->second = std::move(pick);
    }
  }
  // An inner envelope wrapped twice (under two codes, or twice as a request) is released once.
  std::sort(mediation.begin(), mediation.end(), [](const Pick& a, const Pick& b) { return a.name < b.name; });
  std::set<std::string> inner_seen;
  for (auto& [code, pick] : by_code) {
    if (inner_seen.insert(object_name(pick.inner)).second) out.feedback.push_back(std::move(pick.inner));
    else ++out.refused[refusal::kDuplicate];
  }
  for (auto& pick : mediation) {
    if (inner_seen.insert(object_name(pick.inner)).second) out.mediation.push_back(std::move(pick.inner));
    else ++out.refused[refusal::kDuplicate];
  }
  return out;
}

}  // namespace

Result<ReleaseRecords> collect_release(const Campaign& c, const KeySet& trustee, std::uint32_t invitations,
                                       const std::vector<StoredObject>& objects, std::string_view today) {
  return collect_opened(c, trustee, invitations, objects, today,
                        [&](std::size_t i) { return open_outer(trustee.recipient, objects[i].bytes, c); });
}

Result<ReleaseRecords> collect_release(const Campaign& c, const KeySet& trustee, std::uint32_t invitations,
                                       const std::vector<StoredObject>& objects, std::vector<Result<OuterContents>> opened,
                                       std::string_view today) {
  if (opened.size() != objects.size()) return make_error(Errc::bad_input, "Every stored object needs its opened envelope.");
  return collect_opened(c, trustee, invitations, objects, today, [&](std::size_t i) { return std::move(opened[i]); });
}

Result<Bytes> sign_release(const Campaign& c, const KeySet& trustee, ReleaseRecords records, std::string_view today, Rng& rng) {
  if (auto ok = check_trustee_keys(c, trustee); !ok) return ok.error();
  if (records.invitations < 1 || records.invitations > kMaxInvitations) {
    return make_error(Errc::bad_input, "A campaign has between 1 and 100,000 invitations.");
  }
  if (auto ok = check_release_day(c, today); !ok) return ok.error();
  const std::size_t k = static_cast<std::size_t>(c.k);
  if (records.feedback.size() < k) {
    return make_error(Errc::below_threshold, std::to_string(records.feedback.size()) + " valid answers, fewer than the " +
                                                 std::to_string(k) + " this campaign needs: nothing is released.");
  }
  if (records.feedback.size() > records.invitations) {
    return make_error(Errc::bad_input, "More answers than invitations: at most one answer per invitation is released.");
  }
  if (records.feedback.size() + records.mediation.size() > kMaxReleaseRecords) {
    return make_error(Errc::too_large, "A release holds at most 100,000 envelopes.");
  }
  // Random order: nothing in the release may follow arrival order, code order or names.
  shuffle(records.feedback, rng);
  shuffle(records.mediation, rng);
  Bytes recs;
  std::size_t total = kFixedHeader + kMaxReleaseBodyBytes + crypto_sign_BYTES;
  for (const auto* part : {&records.feedback, &records.mediation}) {
    for (const Bytes& e : *part) {
      if (e.size() > kMaxInnerEnvelopeBytes) return make_error(Errc::bad_input, "A record is larger than any inner envelope.");
      total += 4 + e.size();
    }
  }
  if (total > kMaxReleaseBytes) return make_error(Errc::too_large, "The release would be larger than 256 MiB.");
  recs.reserve(total);
  for (const auto* part : {&records.feedback, &records.mediation}) {
    for (const Bytes& e : *part) {
      put_u32(recs, e.size());
      recs.insert(recs.end(), e.begin(), e.end());
    }
  }
  auto h = manifest_hash(c);
  if (!h) return h.error();
  json refused = json::object();
  for (const auto& [reason, n] : records.refused) {
    if (!is_reason(reason)) return make_error(Errc::bad_input, "\"" + reason + "\" is not a refusal reason.");
    if (n > 0) refused[reason] = n;
  }
  if (refused.size() > kMaxReasons) return make_error(Errc::bad_input, "Too many refusal reasons.");
  const json body_json = {{"v", kContentsVersion},
                          {"campaign", c.id},
                          {"count", records.feedback.size()},
                          {"invitations", records.invitations},
                          {"kind", "release"},
                          {"manifest", hex_encode(Bytes(h->begin(), h->end()))},
                          {"mediation", records.mediation.size()},
                          {"records", hex_encode(hash256(recs.data(), recs.size()))},
                          {"refused", std::move(refused)},
                          {"released", std::string(today)}};
  const Bytes body = to_bytes(dump_canonical(body_json));
  if (body.size() > kMaxReleaseBodyBytes) return make_error(Errc::too_large, "The release's description is too long.");
  const Bytes message = signed_message(body.data(), body.size());
  std::uint8_t sig[crypto_sign_BYTES];
  if (crypto_sign_detached(sig, nullptr, message.data(), message.size(), trustee.signer->secret_key.data()) != 0) {
    return make_error(Errc::crypto_failure, "Signing failed.");
  }
  Bytes out(kMagic, kMagic + sizeof kMagic);
  out.push_back(kReleaseVersion);
  put_u32(out, body.size());
  out.insert(out.end(), body.begin(), body.end());
  out.insert(out.end(), sig, sig + sizeof sig);
  out.insert(out.end(), recs.begin(), recs.end());
  return out;
}

Result<Bytes> build_release(const Campaign& c, const KeySet& trustee, std::uint32_t invitations,
                            const std::vector<StoredObject>& objects, std::string_view today, Rng& rng) {
  auto records = collect_release(c, trustee, invitations, objects, today);
  if (!records) return records.error();
  return sign_release(c, trustee, std::move(*records), today, rng);
}

Result<Release> read_release(const Campaign& c, const Bytes& bytes) {
  if (bytes.size() > kMaxReleaseBytes) return make_error(Errc::too_large, "This is larger than any Parley release can be.");
  if (bytes.size() < kFixedHeader || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return make_error(Errc::header_failure, "This is not a Parley release.");
  }
  if (bytes[sizeof kMagic] != kReleaseVersion) {
    return make_error(Errc::version_unsupported, "This release uses format version " + std::to_string(bytes[sizeof kMagic]) +
                                                     ", which this Parley cannot read.");
  }
  const std::size_t body_len = get_u32(bytes.data() + sizeof kMagic + 1);
  if (body_len > kMaxReleaseBodyBytes) return make_error(Errc::too_large, "The release's description is too long.");
  if (bytes.size() < kFixedHeader + body_len + crypto_sign_BYTES) return make_error(Errc::header_failure, "The release is cut short.");
  if (!c.trustee) return make_error(Errc::bad_input, "This campaign has no trustee, so it has no release.");
  const std::uint8_t* body = bytes.data() + kFixedHeader;
  const std::uint8_t* sig = body + body_len;
  const Bytes message = signed_message(body, body_len);
  if (crypto_sign_verify_detached(sig, message.data(), message.size(), c.trustee->signer.data()) != 0) {
    return make_error(Errc::bad_signature, "The release is not signed by this campaign's trustee (" + c.trustee->label + ").");
  }

  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(body), body_len), "The release");
  if (!parsed) return parsed.error();
  JsonReader r(*parsed, "The release");
  const auto version = r.integer("v", 0, 1'000'000);
  if (!r.ok()) return r.error();
  if (version != kContentsVersion) {
    return make_error(Errc::version_unsupported, "The release uses version " + std::to_string(version) + ".");
  }
  r.only({"v", "campaign", "count", "invitations", "kind", "manifest", "mediation", "records", "refused", "released"});
  Release out;
  out.campaign = r.string("campaign");
  const auto count = static_cast<std::size_t>(r.integer("count", 0, kMaxReleaseRecords));
  out.invitations = static_cast<std::uint32_t>(r.integer("invitations", 1, kMaxInvitations));
  const std::string kind = r.string("kind");
  const std::string manifest = r.string("manifest");
  const auto mediation = static_cast<std::size_t>(r.integer("mediation", 0, kMaxReleaseRecords));
  const std::string records_hash = r.string("records");
  out.released = r.string("released");
  if (const json* refused = r.object("refused")) {
    if (refused->size() > kMaxReasons) r.fail("lists too many refusal reasons");
    for (const auto& item : refused->items()) {
      if (!is_reason(item.key())) r.fail("has a malformed refusal reason");
      else if (!item.value().is_number_unsigned() || item.value().get<std::uint64_t>() < 1 ||
               item.value().get<std::uint64_t>() > 0xFFFFFFFFu) {
        r.fail("has a malformed refusal count");
      } else {
        out.refused[item.key()] = static_cast<std::size_t>(item.value().get<std::uint64_t>());
      }
    }
  }
  if (!r.ok()) return r.error();
  auto manifest_bytes = hex_decode(manifest);
  auto records_bytes = hex_decode(records_hash);
  if (kind != "release" || manifest.size() != 64 || !manifest_bytes || hex_encode(*manifest_bytes) != manifest ||
      records_hash.size() != 64 || !records_bytes || hex_encode(*records_bytes) != records_hash ||
      !is_valid_day(out.released) || count > out.invitations || count + mediation > kMaxReleaseRecords ||
      dump_canonical(*parsed) != std::string_view(reinterpret_cast<const char*>(body), body_len)) {
    return schema_error("The release's description is malformed or not canonical.");
  }
  std::copy(manifest_bytes->begin(), manifest_bytes->end(), out.manifest.begin());
  if (out.campaign != c.id) return make_error(Errc::wrong_campaign, "This release belongs to another campaign.");
  auto h = manifest_hash(c);
  if (!h) return h.error();
  if (*h != out.manifest) {
    return make_error(Errc::wrong_manifest, "This release was made for another version of the campaign (its manifest was signed again).");
  }
  const std::uint8_t* recs = sig + crypto_sign_BYTES;
  const std::size_t recs_len = bytes.size() - kFixedHeader - body_len - crypto_sign_BYTES;
  if (sodium_memcmp(hash256(recs, recs_len).data(), records_bytes->data(), 32) != 0) {
    return make_error(Errc::bad_signature, "The release's envelopes are not the ones its trustee signed.");
  }
  std::size_t at = 0;
  for (std::size_t i = 0; i < count + mediation; ++i) {
    if (recs_len - at < 4) return make_error(Errc::payload_failure, "The release holds fewer envelopes than it says.");
    const std::size_t len = get_u32(recs + at);
    at += 4;
    if (len > kMaxInnerEnvelopeBytes || recs_len - at < len) {
      return make_error(Errc::payload_failure, "An envelope in the release has an impossible length.");
    }
    (i < count ? out.feedback : out.mediation).emplace_back(recs + at, recs + at + len);
    at += len;
  }
  if (at != recs_len) return make_error(Errc::payload_failure, "The release holds more than it says.");
  if (out.released <= c.closes) {
    return make_error(Errc::too_early, "This release was made on " + out.released + ", before the campaign closed.");
  }
  if (count < static_cast<std::size_t>(c.k)) {
    return make_error(Errc::below_threshold, "This release holds fewer answers than the campaign's minimum of " +
                                                 std::to_string(c.k) + ".");
  }
  return out;
}

Result<Submission> open_release_record(const RecipientKeyPair& key, const Bytes& record, const Campaign& campaign,
                                       SubmissionKind part) {
  auto s = open_submission(key, record, campaign);
  if (!s) return s.error();
  if (s->kind != part) {
    return make_error(Errc::schema_failure, std::string("A ") + to_string(s->kind) + " was released as a " + to_string(part) + ".");
  }
  return s;
}

Result<Submission> open_release_record(const StanzaOpener& opener, const Bytes& record, const Campaign& campaign,
                                       SubmissionKind part) {
  auto s = open_submission(opener, record, campaign);
  if (!s) return s.error();
  if (s->kind != part) {
    return make_error(Errc::schema_failure, std::string("A ") + to_string(s->kind) + " was released as a " + to_string(part) + ".");
  }
  return s;
}

}  // namespace parley
