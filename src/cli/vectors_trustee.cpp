// The vectors of trustee campaigns (docs/FORMAT.md): outer envelopes as the trustee opens them,
// invitation codes, invitations statements and releases, each refusal class of each reader.
#include <sodium.h>

#include <string>
#include <vector>

#include "cli/vectors.h"
#include "core/envelope.h"
#include "core/invitations.h"
#include "core/json_read.h"
#include "core/release.h"
#include "core/trustee.h"
#include "core/utc_time.h"

namespace parley::cli::vectors {
namespace {

// 2026-11-20T09:15:00Z and a day later: inside the fixture's trustee campaign.
constexpr std::int64_t kSent = 1795166100;
constexpr std::int64_t kDay = 86400;
constexpr const char* kReleaseDay = "2026-12-16";

Headers with(Headers h, std::string expect, std::string comment) {
  h.insert(h.begin(), {"expect", std::move(expect)});
  h.emplace_back("comment", std::move(comment));
  return h;
}

// An outer plaintext sealed to the trustee, for contents the core refuses to build.
Bytes seal_outer_text(const Fixture& f, const std::string& text, std::uint8_t seed) {
  auto rng = seeded(seed);
  return seal_envelope({f.trustee.public_key}, to_bytes(text), rng).value();
}

json outer_json(const OuterContents& o) { return parse_json(to_string(encode_outer(o).value()), "outer").value(); }

Status write_outer(Writer& w, const Fixture& f, const std::vector<std::string>& codes) {
  const Campaign& c = f.trustee_campaign;
  const Headers trustee = {{"kind", "outer"}, {"identity", hex(f.trustee.secret_key)}, {"token", f.trustee_token}};
  Status st = Ok{};
  auto put = [&](const std::string& name, const Headers& h, const Bytes& body) {
    if (st) st = w.write(name, h, body);
  };
  auto success = [&](const std::string& name, const std::string& comment, const Bytes& envelope) {
    Headers h = with(trustee, "success", comment);
    h.emplace_back("contents", base64url_encode(open_envelope(f.trustee, envelope).value()));
    put(name, h, envelope);
  };
  auto r20 = seeded(20);
  const Bytes feedback = seal_via_trustee(c, sample_feedback(c), codes[0], kSent, r20).value();
  success("outer-success-feedback", "feedback with its invitation code, sealed to the trustee only", feedback);
  auto r21 = seeded(21);
  success("outer-success-mediation", "a mediation request: the same one stanza, the same look",
          seal_via_trustee(c, sample_mediation(c), codes[5], kSent + kDay, r21).value());

  OuterContents good = open_outer(f.trustee, feedback, c).value();
  auto craft = [&](const std::string& name, const std::string& expect, const std::string& comment, const json& j, std::uint8_t seed) {
    const Bytes env = seal_outer_text(f, dump_canonical(j), seed);
    if (expect == "success") success(name, comment, env);
    else put(name, with(trustee, expect, comment), env);
  };
  json j = outer_json(good);
  j.erase("invite");
  craft("outer-success-no-invitation", "success", "no invitation: readable, but never released (counted as no-invitation)", j, 22);
  j = outer_json(good);
  j["invite"] = {{"type", "voprf"}, {"token", "AAAA"}};
  craft("outer-success-other-invitation-type", "success",
        "an invitation type this reader does not know: readable, counted as wrong-invitation-type at release", j, 23);
  put("outer-not-for-this-key", with({{"kind", "outer"}, {"identity", hex(f.manager.secret_key)}, {"token", f.trustee_token}},
                                     "not-for-this-key", "the manager's key cannot open an outer envelope"),
      feedback);
  j = outer_json(good);
  j["v"] = 1;
  craft("outer-version-1", "version-unsupported", "outer contents of version 1", j, 24);
  j = outer_json(good);
  j["inner"] = base64url_encode(to_bytes("hello"));
  craft("outer-inner-not-an-envelope", "schema-failure", "the inner part is not an envelope", j, 25);
  {
    auto r26 = seeded(26);
    j = outer_json(good);
    j["inner"] = base64url_encode(seal_envelope({f.manager.public_key}, to_bytes("x"), r26, 2).value());
    craft("outer-inner-stanza-count", "schema-failure", "an inner envelope with 2 stanzas where the campaign's readers make 1", j, 27);
  }
  j = outer_json(good);
  j["sent"] = "2026-11-20 09:15:00";
  craft("outer-bad-sent", "schema-failure", "a time not written YYYY-MM-DDTHH:MM:SSZ", j, 28);
  j = outer_json(good);
  j["name"] = "Alice";
  craft("outer-extra-field", "schema-failure", "an unknown field", j, 29);
  j = outer_json(good);
  j["invite"]["code"] = codes[0].substr(0, 25);
  craft("outer-bad-code", "schema-failure", "an invitation code of 25 characters", j, 30);
  j = outer_json(good);
  j["kind"] = "reply";
  craft("outer-unknown-kind", "schema-failure", "a kind other than feedback and mediation", j, 31);
  j = outer_json(good);
  j["campaign"] = f.campaign.id;
  craft("outer-wrong-campaign", "wrong-campaign", "outer contents naming another campaign", j, 32);
  j = outer_json(good);
  j["manifest"] = hex(f.campaign.manifest_hash);
  craft("outer-wrong-manifest", "wrong-manifest", "outer contents bound to another manifest body", j, 33);
  return st;
}

Status write_codes(Writer& w, const Fixture& f, const std::vector<std::string>& codes) {
  Status st = Ok{};
  for (std::uint32_t index : {0u, 1u, 7u}) {
    if (st) {
      st = w.write("invitation-code-" + std::to_string(index),
                   {{"expect", "success"}, {"kind", "invitation-code"}, {"identity", hex(f.trustee.secret_key)},
                    {"manifest", hex(f.trustee_campaign.manifest_hash)}, {"index", std::to_string(index)},
                    {"comment", "code " + std::to_string(index) + " of the trustee campaign"}},
                   to_bytes(codes[index]));
    }
  }
  if (st) {
    const std::string last = invitation_code(f.trustee.secret_key, f.trustee_campaign.manifest_hash, kMaxInvitations - 1).value();
    st = w.write("invitation-code-99999",
                 {{"expect", "success"}, {"kind", "invitation-code"}, {"identity", hex(f.trustee.secret_key)},
                  {"manifest", hex(f.trustee_campaign.manifest_hash)}, {"index", "99999"},
                  {"comment", "the last code a campaign may have (index in four big-endian bytes)"}},
                 to_bytes(last));
  }
  return st;
}

Status write_invitations(Writer& w, const Fixture& f) {
  const Campaign& c = f.trustee_campaign;
  const std::string token = sign_invitations(c, f.trustee_keys(), 8).value();
  const std::string body = to_string(base64url_decode(token.substr(0, token.find('.'))).value());
  Status st = Ok{};
  auto put = [&](const std::string& name, const std::string& expect, const std::string& comment, const std::string& input) {
    Headers h = {{"expect", expect}, {"kind", "invitations"}, {"token", f.trustee_token}};
    if (expect == "success") h.emplace_back("count", "8");
    h.emplace_back("comment", comment);
    if (st) st = w.write(name, h, to_bytes(input));
  };
  constexpr std::string_view kContext = "parley invitations v2\n";
  auto resigned = [&](const std::string& from, const std::string& to) {
    std::string b = body;
    b.replace(b.find(from), from.size(), to);
    return raw_token(kContext, b, f.trustee_signer);
  };
  put("invitations-success", "success", "8 invitations, signed by the trustee", token);
  put("invitations-other-signer", "bad-signature", "signed by the campaign's signer, not the trustee", raw_token(kContext, body, f.signer));
  std::string forged = body;
  forged.replace(forged.find("\"count\":8"), 9, "\"count\":9");
  put("invitations-tampered", "bad-signature", "the count changed after signing",
      base64url_encode(to_bytes(forged)) + token.substr(token.find('.')));
  put("invitations-version-1", "version-unsupported", "statement version 1", resigned("\"v\":2", "\"v\":1"));
  put("invitations-type-voprf", "version-unsupported", "an invitation type this reader does not implement",
      resigned("\"type\":\"code\"", "\"type\":\"voprf\""));
  put("invitations-not-canonical", "schema-failure", "a space after the opening brace", resigned("{", "{ "));
  put("invitations-count-0", "schema-failure", "no invitations", resigned("\"count\":8", "\"count\":0"));
  put("invitations-count-100001", "schema-failure", "one more than the limit", resigned("\"count\":8", "\"count\":100001"));
  put("invitations-extra-field", "schema-failure", "an unknown field", resigned("\"count\":8", "\"count\":8,\"names\":[]"));
  put("invitations-wrong-campaign", "wrong-campaign", "a statement for another campaign",
      resigned("\"campaign\":\"" + c.id, "\"campaign\":\"" + f.campaign.id));
  put("invitations-wrong-manifest", "wrong-manifest", "a statement for another manifest body with the same id",
      resigned(hex(c.manifest_hash), hex(f.campaign.manifest_hash)));
  put("invitations-no-signature", "bad-input", "a token without the signature part", base64url_encode(to_bytes(body)));
  put("invitations-too-large", "too-large", "far longer than a statement", std::string(2000, 'A') + ".AAAA");
  return st;
}

// The stored objects of the fixture's trustee campaign after its close: answers with valid
// codes (one answered twice), a forged code, one without a code, a mediation request, an
// envelope stored under a second name and one stored twice.
std::vector<StoredObject> stored_objects(const Fixture& f, const std::vector<std::string>& codes) {
  const Campaign& c = f.trustee_campaign;
  std::vector<StoredObject> out;
  auto rng = seeded(40);
  auto add = [&](const Bytes& e) { out.push_back({object_name(e), e}); };
  for (int i = 0; i < 4; ++i) {
    Submission s = sample_feedback(c);
    s.answers["safe"].number = 1 + i;
    add(seal_via_trustee(c, s, codes[i], kSent + i * 3600, rng).value());
  }
  Submission changed = sample_feedback(c);
  changed.answers["safe"].number = 5;
  add(seal_via_trustee(c, changed, codes[1], kSent + 10 * kDay, rng).value());  // replaces code 1's first answer
  add(seal_via_trustee(c, sample_feedback(c), "aaaaaaaaaaaaaaaaaaaaaaaaaa", kSent, rng).value());  // forged code
  OuterContents no_code = open_outer(f.trustee, out[0].bytes, c).value();
  no_code.invite.reset();
  add(seal_envelope({f.trustee.public_key}, encode_outer(no_code).value(), rng).value());
  add(seal_via_trustee(c, sample_mediation(c), codes[5], kSent, rng).value());
  out.push_back({object_name(to_bytes("elsewhere")), out[2].bytes});  // misnamed
  out.push_back(out[3]);                                              // duplicate
  return out;
}

struct ReleaseParts {
  std::string body;
  Bytes records;
};

ReleaseParts split_release(const Bytes& r) {
  const std::size_t len = static_cast<std::size_t>(r[15]) << 24 | static_cast<std::size_t>(r[16]) << 16 |
                          static_cast<std::size_t>(r[17]) << 8 | r[18];
  return {std::string(r.begin() + 19, r.begin() + 19 + static_cast<std::ptrdiff_t>(len)),
          Bytes(r.begin() + 19 + static_cast<std::ptrdiff_t>(len) + 64, r.end())};
}

Bytes records_of(const std::vector<Bytes>& feedback, const std::vector<Bytes>& mediation) {
  Bytes out;
  for (const auto* part : {&feedback, &mediation}) {
    for (const Bytes& e : *part) {
      for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(e.size() >> shift));
      out.insert(out.end(), e.begin(), e.end());
    }
  }
  return out;
}

// A release around any body and records, signed by `key`.
Bytes craft_release(const std::string& body, const Bytes& records, const SigningKeyPair& key) {
  Bytes out = to_bytes("PARLEY-RELEASE");
  out.push_back(2);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(body.size() >> shift));
  out.insert(out.end(), body.begin(), body.end());
  const Bytes message = to_bytes("parley release v2\n" + body);
  Bytes sig(crypto_sign_BYTES);
  (void)crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data());
  out.insert(out.end(), sig.begin(), sig.end());
  out.insert(out.end(), records.begin(), records.end());
  return out;
}

std::string records_hash(const Bytes& records) {
  Bytes h(32);
  (void)crypto_generichash(h.data(), h.size(), records.data(), records.size(), nullptr, 0);
  return hex_encode(h);
}

Status write_releases(Writer& w, const Fixture& f, const std::vector<std::string>& codes) {
  const Campaign& c = f.trustee_campaign;
  auto rng = seeded(41);
  const Bytes good = build_release(c, f.trustee_keys(), 8, stored_objects(f, codes), kReleaseDay, rng).value();
  const Release read = read_release(c, good).value();
  const ReleaseParts parts = split_release(good);
  Status st = Ok{};
  auto put = [&](const std::string& name, const std::string& expect, const std::string& comment, const Bytes& input,
                 const std::string& token) {
    Headers h = {{"expect", expect}, {"kind", "release"}, {"token", token}, {"identity", hex(f.manager.secret_key)}};
    if (expect == "success") {
      h.emplace_back("feedback", std::to_string(read.feedback.size()));
      h.emplace_back("mediation", std::to_string(read.mediation.size()));
    }
    h.emplace_back("comment", comment);
    if (st) st = w.write(name, h, input);
  };
  auto body_with = [&](const std::string& from, const std::string& to) {
    std::string b = parts.body;
    b.replace(b.find(from), from.size(), to);
    return b;
  };
  auto resigned = [&](const std::string& from, const std::string& to) {
    return craft_release(body_with(from, to), parts.records, f.trustee_signer);
  };
  put("release-success", "success",
      "4 answers (one code answered twice, the later kept), 1 mediation request; forged, missing, misnamed and duplicate refused",
      good, f.trustee_token);
  Bytes bad = good;
  bad[0] = 'p';
  put("release-bad-magic", "header-failure", "magic is not PARLEY-RELEASE", bad, f.trustee_token);
  bad = good;
  bad[14] = 1;
  put("release-version-1", "version-unsupported", "release format version 1", bad, f.trustee_token);
  bad = good;
  bad[15] = 0;
  bad[16] = 0;
  bad[17] = 0x10;
  bad[18] = 0x01;
  put("release-body-too-large", "too-large", "a declared body length of 4097 bytes", bad, f.trustee_token);
  put("release-truncated", "header-failure", "cut inside the body", Bytes(good.begin(), good.begin() + 100), f.trustee_token);
  put("release-without-trustee", "bad-input", "read for a campaign that has no trustee", good, f.token);
  put("release-other-signer", "bad-signature", "the same body and records signed by the campaign's signer",
      craft_release(parts.body, parts.records, f.signer), f.trustee_token);
  bad = good;
  bad[19 + 20] ^= 1;
  put("release-body-tampered", "bad-signature", "one bit of the body flipped after signing", bad, f.trustee_token);
  bad = good;
  bad[bad.size() - 100] ^= 1;
  put("release-records-tampered", "bad-signature", "one bit of an envelope flipped: the records hash no longer matches", bad,
      f.trustee_token);
  {
    // An inner envelope of the release replayed in place of another: same count, new records.
    std::vector<Bytes> feedback = read.feedback;
    feedback[1] = feedback[0];
    const Bytes recs = records_of(feedback, read.mediation);
    Bytes swapped(good.begin(), good.end() - static_cast<std::ptrdiff_t>(parts.records.size()));
    swapped.insert(swapped.end(), recs.begin(), recs.end());
    put("release-records-swapped", "bad-signature", "an envelope replaced by a copy of another (records not the signed ones)",
        swapped, f.trustee_token);
  }
  put("release-body-version-1", "version-unsupported", "body version 1, signed", resigned("\"v\":2", "\"v\":1"), f.trustee_token);
  put("release-extra-field", "schema-failure", "an unknown body field, signed",
      resigned("\"kind\":\"release\"", "\"kind\":\"release\",\"names\":[]"), f.trustee_token);
  put("release-not-canonical", "schema-failure", "a space after the body's opening brace", resigned("{", "{ "), f.trustee_token);
  put("release-more-than-invited", "schema-failure", "more answers than invitations", resigned("\"invitations\":8", "\"invitations\":3"),
      f.trustee_token);
  put("release-wrong-campaign", "wrong-campaign", "a release naming another campaign, signed by the trustee",
      resigned("\"campaign\":\"" + c.id, "\"campaign\":\"" + f.campaign.id), f.trustee_token);
  {
    // The attack: the campaign re-signed under the same id with k lowered; its manifest hash
    // differs, so the trustee's release (for the body people answered) is refused under it.
    Campaign lowered = c;
    lowered.manifest_hash = {};
    lowered.k = 4;
    put("release-wrong-manifest", "wrong-manifest", "the real release read with the campaign re-signed under the same id (k changed)",
        good, sign_manifest(lowered, f.signer).value());
  }
  put("release-too-early", "too-early", "released on the campaign's last day, signed",
      resigned(std::string("\"released\":\"") + kReleaseDay, "\"released\":\"" + c.closes), f.trustee_token);
  {
    std::vector<Bytes> two(read.feedback.begin(), read.feedback.begin() + 2);
    const Bytes recs = records_of(two, read.mediation);
    std::string b = body_with("\"count\":4", "\"count\":2");
    b.replace(b.find(records_hash(parts.records)), 64, records_hash(recs));
    put("release-below-threshold", "below-threshold", "2 answers where k is 3, signed", craft_release(b, recs, f.trustee_signer),
        f.trustee_token);
  }
  put("release-records-miscounted", "payload-failure", "the body counts 3 answers and 1 request; the records hold 5",
      resigned("\"count\":4", "\"count\":3"), f.trustee_token);
  {
    Bytes recs = parts.records;
    recs[0] = 0xff;  // the first record's length far beyond the end
    std::string b = parts.body;
    b.replace(b.find(records_hash(parts.records)), 64, records_hash(recs));
    put("release-record-length", "payload-failure", "a record length beyond the end, hash and signature intact",
        craft_release(b, recs, f.trustee_signer), f.trustee_token);
  }
  return st;
}

}  // namespace

Status write_trustee_vectors(Writer& w, const Fixture& f) {
  const std::vector<std::string> codes = invitation_codes(f.trustee_campaign, f.trustee_keys(), 8).value();
  for (auto step : {write_outer, write_codes}) {
    if (auto ok = step(w, f, codes); !ok) return ok;
  }
  if (auto ok = write_invitations(w, f); !ok) return ok;
  return write_releases(w, f, codes);
}

}  // namespace parley::cli::vectors
