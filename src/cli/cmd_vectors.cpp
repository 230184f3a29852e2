// parley vectors DIR: writes the test vectors of docs/FORMAT.md, deterministically (fixed
// seeds), one file per case: header lines, an empty line, then the raw input. The vectors of
// trustee campaigns (outer envelopes, invitations, releases) are in vectors_trustee.cpp.
#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/vectors.h"
#include "core/envelope.h"
#include "core/json_read.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/s3/post_policy.h"
#include "core/utc_time.h"
#include "core/submission.h"

namespace parley::cli {
namespace vectors {

SeededRng seeded(std::uint8_t n) {
  std::uint8_t seed[32] = {};
  seed[0] = n;
  return SeededRng(seed);
}

Status Writer::write(const std::string& name, const Headers& headers, const Bytes& body) {
  std::string text;
  for (const auto& [k, v] : headers) text += k + ": " + v + "\n";
  text += "\n";
  Bytes file = to_bytes(text);
  file.insert(file.end(), body.begin(), body.end());
  ++count_;
  return write_file((dir_ / name).string(), file);
}

std::string hex(const Key32& k) { return hex_encode(Bytes(k.begin(), k.end())); }

std::string raw_token(std::string_view context, const std::string& body, const SigningKeyPair& key) {
  Bytes message = to_bytes(std::string(context) + body);
  Bytes sig(crypto_sign_BYTES);
  (void)crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data());
  return base64url_encode(to_bytes(body)) + "." + base64url_encode(sig);
}

Result<Fixture> make_fixture() {
  Fixture f;
  auto rng = seeded(1);
  auto m = generate_recipient_key(rng), d = generate_recipient_key(rng), o = generate_recipient_key(rng);
  auto s = generate_signing_key(rng), os = generate_signing_key(rng);
  auto t = generate_recipient_key(rng);
  auto ts = generate_signing_key(rng);
  if (!m || !d || !o || !s || !os || !t || !ts) return make_error(Errc::crypto_failure, "key generation failed");
  f.manager = *m;
  f.mediator = *d;
  f.other = *o;
  f.signer = *s;
  f.other_signer = *os;
  f.trustee = *t;
  f.trustee_signer = *ts;
  Campaign& c = f.campaign;
  c.id = new_campaign_id(rng);
  c.title = "Team trust pulse — Q4";
  c.intro = "Anonymous. Your manager sees combined results only.\nThank you!";
  c.questions = {
      {"safe", QuestionType::likert, "I can disagree without fear.", true, {}},
      {"recommend", QuestionType::enps, "Would you recommend this team?", true, {}},
      {"workload", QuestionType::single_choice, "My workload is…", false, {"Too light", "About right", "Too heavy"}},
      {"blocker_kind", QuestionType::multi_choice, "Blockers come from…", false, {"Priorities", "Other teams", "Tools"}},
      {"change", QuestionType::free_text, "One change?", false, {}},
      {"blockers", QuestionType::blockers, "What is standing in your way?", false, {}},
  };
  c.feedback_to = {f.manager.public_key};
  c.mediation_to = {f.mediator.public_key};
  c.signer = f.signer.public_key;
  c.storage.url = "http://127.0.0.1:8000/store/" + c.id + "/";
  c.k = 5;
  c.opens = "2026-11-01";
  c.closes = "2026-12-15";
  auto token = sign_manifest(c, f.signer);
  if (!token) return token.error();
  f.token = *token;
  auto verified = verify_manifest(f.token);
  if (!verified) return verified.error();
  f.campaign = *verified;

  Campaign& tc = f.trustee_campaign;
  tc = c;
  tc.manifest_hash = {};
  tc.id = new_campaign_id(rng);
  tc.title = "Team trust pulse — through the works council";
  tc.storage.url = "http://127.0.0.1:8000/store/" + tc.id + "/";
  tc.k = 3;
  tc.trustee = Trustee{"Works council", f.trustee.public_key, f.trustee_signer.public_key};
  auto trustee_token = sign_manifest(tc, f.signer);
  if (!trustee_token) return trustee_token.error();
  f.trustee_token = *trustee_token;
  auto trustee_verified = verify_manifest(f.trustee_token);
  if (!trustee_verified) return trustee_verified.error();
  tc = *trustee_verified;
  return f;
}

Submission sample_feedback(const Campaign& c) {
  Submission s;
  s.campaign = c.id;
  s.answers["safe"].number = 4;
  s.answers["recommend"].number = 9;
  s.answers["workload"].number = 1;
  s.answers["blocker_kind"].choices = {0, 2};
  s.answers["change"].is_text = true;
  s.answers["change"].text = "Fewer meetings — Tháng 1, Привет, Ωμέγα.";
  return s;
}

Submission sample_mediation(const Campaign& c) {
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = c.id;
  s.day = "2026-11-20";
  s.request = {"Repeated credit-taking in team meetings.", "A peer", "A facilitated conversation", "normal", "Signal: on request"};
  return s;
}

}  // namespace vectors

namespace {

using namespace vectors;

constexpr KdfParams kVectorKdf = kMinKdf;  // the least readers accept: vectors open fast everywhere

// Signs arbitrary body bytes with `key` into a manifest token (for bodies the core refuses to build).
std::string raw_token(const std::string& body, const SigningKeyPair& key) {
  return vectors::raw_token("parley manifest v1\n", body, key);
}

// Seals raw plaintext bytes to `to` (for contents the core refuses to build).
Bytes seal_raw(const Key32& to, const std::string& plaintext, std::uint8_t seed) {
  auto rng = seeded(seed);
  return seal_envelope({to}, to_bytes(plaintext), rng).value();
}

// Contents as a campaign's reader expects them, with `extra` spliced in before "v" (canonical
// order needs no more for the fields used here).
std::string contents_text(const Campaign& c, const std::string& answers, const std::string& extra = "", int v = 2) {
  return R"({"answers":)" + answers + R"(,"campaign":")" + c.id + R"(","kind":"feedback","manifest":")" + hex(c.manifest_hash) +
         R"(",)" + extra + R"("v":)" + std::to_string(v) + "}";
}

Bytes encoded(Submission s, const Campaign& c) {
  s.manifest = c.manifest_hash;
  return encode_submission(s).value();
}

Status write_envelopes(Writer& w, const Fixture& f) {
  const Campaign& c = f.campaign;
  auto reader = [&](const RecipientKeyPair& key, const Campaign& of) {
    return Headers{{"kind", "envelope"}, {"identity", hex(key.secret_key)}, {"campaign", of.id}, {"manifest", hex(of.manifest_hash)}};
  };
  const Headers manager = reader(f.manager, c);
  auto with = [](Headers h, std::string expect, std::string comment) {
    h.insert(h.begin(), {"expect", std::move(expect)});
    h.emplace_back("comment", std::move(comment));
    return h;
  };
  auto rng = seeded(2);
  const Submission fb = sample_feedback(c);
  const Bytes good = seal_submission(c, fb, rng).value();
  const Bytes contents = encoded(fb, c);
  Status st = Ok{};
  auto put = [&](const std::string& name, const Headers& h, const Bytes& body) {
    if (st) st = w.write(name, h, body);
  };
  auto success = [&](Headers h, const std::string& comment, const Bytes& plain) {
    h = with(std::move(h), "success", comment);
    h.emplace_back("contents", base64url_encode(plain));
    return h;
  };
  put("envelope-success-feedback", success(manager, "feedback with every question type, one recipient", contents), good);
  {
    Campaign three = c;
    three.manifest_hash = {};
    three.feedback_to = {f.other.public_key, f.manager.public_key, f.mediator.public_key};
    three.allow_mediation_to_feedback_readers = true;
    three.manifest_hash = manifest_hash(three).value();
    auto r3 = seeded(3);
    put("envelope-success-three-recipients",
        success(reader(f.manager, three), "three recipients; the reader's stanza is the second (tried in turn)", encoded(fb, three)),
        seal_submission(three, fb, r3).value());
  }
  {
    // Two mediators, one feedback reader: feedback carries a decoy stanza, so both kinds are
    // equally long.
    Campaign two = c;
    two.manifest_hash = {};
    two.mediation_to = {f.mediator.public_key, f.other.public_key};
    two.manifest_hash = manifest_hash(two).value();
    auto r12 = seeded(12);
    put("envelope-success-decoy-stanza",
        success(reader(f.manager, two), "feedback padded with a decoy stanza to the two mediators' count", encoded(fb, two)),
        seal_submission(two, fb, r12).value());
  }
  {
    const Submission med = sample_mediation(c);
    auto r4 = seeded(4);
    const Bytes sealed = seal_submission(c, med, r4).value();
    put("envelope-success-mediation", success(reader(f.mediator, c), "mediation request, sealed to the mediator only", encoded(med, c)),
        sealed);
    put("envelope-mediation-not-for-manager", with(manager, "not-for-this-key", "the manager's key cannot open a mediation request"), sealed);
  }
  put("envelope-too-large", with(manager, "too-large", "one byte over the 132400-byte limit"), Bytes(kMaxEnvelopeBytes + 1, 0));
  Bytes bad = good;
  bad[0] = 'p';
  put("envelope-bad-magic", with(manager, "header-failure", "magic is not PARLEY"), bad);
  bad = good;
  bad[6] = 1;
  put("envelope-version-1", with(manager, "version-unsupported", "version byte 1: the format with key IDs is not read"), bad);
  bad = good;
  bad[7] = 0;
  put("envelope-no-stanzas", with(manager, "header-failure", "stanza count 0"), bad);
  bad = good;
  bad[7] = 17;
  put("envelope-too-many-stanzas", with(manager, "header-failure", "stanza count 17"), bad);
  put("envelope-truncated-header", with(manager, "header-failure", "cut inside the stanza"), Bytes(good.begin(), good.begin() + 50));
  put("envelope-not-for-this-key", with(reader(f.other, c), "not-for-this-key", "sealed to someone else"), good);
  bad = good;
  bad[8 + 40] ^= 1;
  put("envelope-stanza-tampered",
      with(manager, "not-for-this-key", "one bit flipped in the sealed file key: indistinguishable from another's stanza"), bad);
  bad = good;
  bad[8 + 80 + 3] ^= 1;
  put("envelope-nonce-tampered", with(manager, "payload-failure", "one bit flipped in the nonce (part of the associated data)"), bad);
  bad = good;
  bad[bad.size() - 100] ^= 1;
  put("envelope-payload-tampered", with(manager, "payload-failure", "one bit flipped in the ciphertext"), bad);
  bad = good;
  bad.resize(bad.size() - 1);
  put("envelope-payload-length", with(manager, "payload-failure", "payload one byte short of a bucket size"), bad);
  {
    // A well-encrypted payload whose plaintext has no 0x80 padding marker.
    auto r5 = seeded(5);
    Bytes file_key(32), nonce(24);
    r5.fill(file_key.data(), 32);
    Bytes env = to_bytes("PARLEY");
    env.push_back(2);
    env.push_back(1);
    const Bytes sealed_key = seal_box(f.manager.public_key, file_key, r5).value();
    env.insert(env.end(), sealed_key.begin(), sealed_key.end());
    r5.fill(nonce.data(), 24);
    env.insert(env.end(), nonce.begin(), nonce.end());
    const std::size_t header_len = env.size();
    Bytes plain(1024, 'x');
    env.resize(header_len + 1024 + 16);
    unsigned long long len = 0;
    (void)crypto_aead_xchacha20poly1305_ietf_encrypt(env.data() + header_len, &len, plain.data(), plain.size(), env.data(),
                                                     header_len, nullptr, nonce.data(), file_key.data());
    put("envelope-bad-padding", with(manager, "payload-failure", "authentic payload without the 0x80 padding marker"), env);
  }
  const Key32& to = f.manager.public_key;
  put("envelope-contents-not-json", with(manager, "schema-failure", "contents are not JSON"), seal_raw(to, "not json at all", 6));
  put("envelope-contents-reply-kind", with(manager, "schema-failure", "kind \"reply\" is reserved, not readable in v2"),
      seal_raw(to, R"({"campaign":")" + c.id + R"(","kind":"reply","manifest":")" + hex(c.manifest_hash) + R"(","text":"hi","v":2})", 7));
  put("envelope-contents-extra-field", with(manager, "schema-failure", "contents with an unknown field"),
      seal_raw(to, contents_text(c, "{}", R"("name":"Alice",)"), 8));
  put("envelope-contents-bad-answer", with(manager, "schema-failure", "an answer that is a float"),
      seal_raw(to, contents_text(c, R"({"safe":4.5})"), 9));
  {
    Campaign other = c;
    other.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
    put("envelope-wrong-campaign", with(manager, "wrong-campaign", "contents name another campaign"),
        seal_raw(to, contents_text(other, "{}"), 10));
    Campaign resigned = c;
    resigned.manifest_hash[0] ^= 1;
    put("envelope-wrong-manifest",
        with(manager, "wrong-manifest", "contents bound to another manifest body with the same campaign id (a re-signed campaign)"),
        seal_raw(to, contents_text(resigned, R"({"safe":4})"), 13));
  }
  put("envelope-contents-version-1", with(manager, "version-unsupported", "version 1 contents (not bound to a manifest)"),
      seal_raw(to, R"({"answers":{},"campaign":")" + c.id + R"(","kind":"feedback","v":1})", 14));
  put("envelope-contents-no-manifest", with(manager, "schema-failure", "version 2 contents without the manifest hash"),
      seal_raw(to, R"({"answers":{},"campaign":")" + c.id + R"(","kind":"feedback","v":2})", 15));
  return st;
}

// The campaign with S3 storage: a POST policy signed with the AWS documentation's example
// credentials for a path-style bucket on 127.0.0.1:7480 (what tests/storage starts).
Result<Campaign> s3_campaign(const Fixture& f) {
  s3::PostPolicyInput in;
  in.bucket = "parley-inbox";
  in.key_prefix = "parley/" + f.campaign.id + "/";
  in.max_bytes = kMaxEnvelopeBytes;
  auto expires = s3::expiry_after_day(f.campaign.closes);
  if (!expires) return expires.error();
  in.expires = *expires;
  in.credentials = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  in.region = "us-east-1";
  in.amz_date = "20261101T090000Z";
  auto policy = s3::make_post_policy(in);
  if (!policy) return policy.error();
  Campaign c = f.campaign;
  c.manifest_hash = {};  // another body
  c.storage.kind = std::string(kStorageS3);
  c.storage.key_prefix = in.key_prefix;
  c.storage.url = "http://127.0.0.1:7480/" + in.bucket + "/" + in.key_prefix;
  c.storage.post_fields = policy->fields;
  return c;
}

Status write_s3_manifests(Writer& w, const Fixture& f) {
  auto c = s3_campaign(f);
  if (!c) return c.error();
  auto token = sign_manifest(*c, f.signer);
  if (!token) return token.error();
  auto hash = manifest_hash(*c);
  if (!hash) return hash.error();
  Status st = w.write("manifest-success-s3", {{"expect", "success"}, {"kind", "manifest"}, {"campaign", c->id}, {"manifest", hex(*hash)},
                      {"comment", "S3 storage: key prefix and POST policy fields"}}, to_bytes(*token));
  const std::string body = to_string(canonical_body(*c).value());
  auto put = [&](const std::string& name, const std::string& comment, const std::string& changed) {
    if (st) st = w.write(name, {{"expect", "schema-failure"}, {"kind", "manifest"}, {"campaign", c->id}, {"comment", comment}},
                         to_bytes(raw_token(changed, f.signer)));
  };
  std::string no_post = body;
  const auto post_at = no_post.find("\"post\":{");
  no_post.erase(post_at, no_post.find('}', post_at) + 2 - post_at);
  put("manifest-s3-no-post-fields", "S3 storage without its POST policy fields", no_post);
  std::string elsewhere = body;
  const std::string url = "\"url\":\"" + c->storage.url + "\"";
  elsewhere.replace(elsewhere.find(url), url.size(), "\"url\":\"http://127.0.0.1:7480/parley-inbox/other/\"");
  put("manifest-s3-url-outside-prefix", "an S3 storage URL that does not end with its key prefix", elsewhere);
  return st;
}

Status write_manifests(Writer& w, const Fixture& f) {
  const std::string body = to_string(canonical_body(f.campaign).value());
  Status st = Ok{};
  auto put = [&](const std::string& name, const std::string& expect, const std::string& comment, const std::string& token,
                 const Campaign& c) {
    Headers h = {{"expect", expect}, {"kind", "manifest"}, {"campaign", c.id}};
    if (expect == "success") h.emplace_back("manifest", hex(c.manifest_hash));
    h.emplace_back("comment", comment);
    if (st) st = w.write(name, h, to_bytes(token));
  };
  const Campaign& c = f.campaign;
  put("manifest-success", "success", "a signed campaign with every question type (direct mode)", f.token, c);
  put("manifest-success-trustee", "success", "a campaign whose submissions go through a trustee", f.trustee_token, f.trustee_campaign);
  std::string tampered = body;
  tampered.replace(tampered.find("\"k\":5"), 5, "\"k\":3");
  std::string forged = f.token;
  forged.replace(0, forged.find('.'), base64url_encode(to_bytes(tampered)));
  put("manifest-tampered-body", "bad-signature", "k changed from 5 to 3 after signing", forged, c);
  put("manifest-other-signer", "bad-signature", "signed by a key other than the body's signer", raw_token(body, f.other_signer), c);
  std::string spaced = body;
  spaced.insert(1, " ");
  put("manifest-not-canonical", "schema-failure", "a space after the opening brace", raw_token(spaced, f.signer), c);
  std::string extra = body;
  extra.insert(1, "\"a_extra\":1,");
  put("manifest-unknown-field", "schema-failure", "an unknown field, correctly signed", raw_token(extra, f.signer), c);
  std::string v1 = body;
  v1.replace(v1.find("\"v\":2"), 5, "\"v\":1");
  put("manifest-version-1", "version-unsupported", "manifest version 1, correctly signed", raw_token(v1, f.signer), c);
  put("manifest-no-signature", "bad-input", "a token without the signature part", base64url_encode(to_bytes(body)), c);
  put("manifest-too-large", "too-large", "a token far over 64 KiB", std::string(100'000, 'A') + ".AAAA", c);

  // Trustee rules, each broken in an otherwise valid body signed by the campaign's signer.
  const Campaign& tc = f.trustee_campaign;
  const std::string tbody = to_string(canonical_body(tc).value());
  auto swapped = [&](const std::string& from, const std::string& to) {
    std::string b = tbody;
    b.replace(b.find(from), from.size(), to);
    return raw_token(b, f.signer);
  };
  const std::string trustee_r = encode_public_key(KeyKind::recipient, f.trustee.public_key);
  const std::string trustee_s = encode_public_key(KeyKind::signing, f.trustee_signer.public_key);
  const std::string manager_r = encode_public_key(KeyKind::recipient, f.manager.public_key);
  const std::string signer_s = encode_public_key(KeyKind::signing, f.signer.public_key);
  put("manifest-trustee-reads-feedback", "schema-failure", "the trustee's recipient key is also a feedback reader",
      swapped("\"recipient\":\"" + trustee_r, "\"recipient\":\"" + manager_r), tc);
  put("manifest-trustee-is-signer", "schema-failure", "the trustee's signing key is the campaign's own",
      swapped("\"signer\":\"" + trustee_s, "\"signer\":\"" + signer_s), tc);
  put("manifest-trustee-label-too-long", "schema-failure", "a trustee label of 61 characters",
      swapped("\"label\":\"Works council\"", "\"label\":\"" + std::string(61, 'w') + "\""), tc);
  put("manifest-trustee-empty-label", "schema-failure", "an empty trustee label", swapped("\"label\":\"Works council\"", "\"label\":\"\""), tc);
  put("manifest-trustee-extra-field", "schema-failure", "an unknown field in the trustee",
      swapped("\"label\":\"Works council\"", "\"label\":\"Works council\",\"phone\":\"555\""), tc);

  // Mediator labels: three mediators, two of them named (keys written sorted), the third left out.
  Campaign lc = c;
  lc.manifest_hash = {};
  lc.mediation_to = {f.mediator.public_key, f.other.public_key, f.trustee.public_key};
  lc.mediator_labels = {"Ana Costa (HR)", "Ombuds — Bùi Thị Lan", ""};
  auto labelled_token = sign_manifest(lc, f.signer);
  if (!labelled_token) return labelled_token.error();
  auto labelled = verify_manifest(*labelled_token);
  if (!labelled) return labelled.error();
  put("manifest-success-mediator-labels", "success", "two of three mediators named in mediator_labels", *labelled_token, *labelled);
  const std::string mediator_r = encode_public_key(KeyKind::recipient, f.mediator.public_key);
  auto with_labels = [&](const std::string& labels) {
    std::string b = body;
    b.insert(b.find(",\"opens\":") + 1, "\"mediator_labels\":" + labels + ",");
    return raw_token(b, f.signer);
  };
  put("manifest-mediator-labels-empty", "schema-failure", "an empty mediator_labels object (absent is the only form of none)",
      with_labels("{}"), c);
  put("manifest-mediator-label-not-a-mediator", "schema-failure", "a label for a key that is not in mediation_to",
      with_labels("{\"" + manager_r + "\":\"Ana Costa (HR)\"}"), c);
  put("manifest-mediator-label-too-long", "schema-failure", "a mediator label of 61 characters",
      with_labels("{\"" + mediator_r + "\":\"" + std::string(61, 'm') + "\"}"), c);
  put("manifest-mediator-label-empty", "schema-failure", "an empty mediator label", with_labels("{\"" + mediator_r + "\":\"\"}"), c);
  if (st) st = write_s3_manifests(w, f);
  return st;
}

Status write_keyfiles(Writer& w, const Fixture& f) {
  Status st = Ok{};
  auto rng = seeded(11);
  KeySet manager{KeyRole::manager, "Team lead key", f.manager, f.signer};
  KeySet mediator{KeyRole::mediator, "", f.mediator, std::nullopt};
  const std::string m = wrap_keyset(manager, "correct horse battery staple", kVectorKdf, rng).value();
  const std::string d = wrap_keyset(mediator, "Mật khẩu — пароль", kVectorKdf, rng).value();
  auto put = [&](const std::string& name, const std::string& expect, const std::string& pass, const std::string& comment,
                 const std::string& body, const Key32& recipient) {
    if (st) {
      st = w.write(name, {{"expect", expect}, {"kind", "keyfile"}, {"passphrase", pass}, {"recipient", hex(recipient)}, {"comment", comment}},
                   to_bytes(body));
    }
  };
  put("keyfile-success-manager", "success", "correct horse battery staple", "recipient and signing keys", m, f.manager.public_key);
  const std::string t = wrap_keyset(f.trustee_keys(), "Betriebsrat 2026", kVectorKdf, rng).value();
  put("keyfile-success-trustee", "success", "Betriebsrat 2026", "a trustee: recipient and signing keys", t, f.trustee.public_key);
  {
    // role "trustee" without a signing key: the mediator's file with its role changed, its
    // box rewrapped and its check recomputed, so that only the role rule fails.
    auto j = parse_json(d, "key file").value();
    j["role"] = "trustee";
    j.erase("box");
    j.erase("check");
    const std::string ad = dump_canonical(j);
    std::uint8_t key[32];
    const std::string pass = "Mật khẩu — пароль";
    const Bytes salt = base64url_decode(j["kdf"]["salt"].get<std::string>()).value();
    const Bytes nonce = base64url_decode(j["nonce"].get<std::string>()).value();
    Bytes box(32 + 16), check(16);
    unsigned long long box_len = 0;
    if (crypto_pwhash(key, sizeof key, pass.data(), pass.size(), salt.data(), kVectorKdf.ops, kVectorKdf.mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0 ||
        crypto_aead_xchacha20poly1305_ietf_encrypt(box.data(), &box_len, f.mediator.secret_key.data(), 32,
                                                   reinterpret_cast<const std::uint8_t*>(ad.data()), ad.size(), nullptr,
                                                   nonce.data(), key) != 0) {
      return make_error(Errc::crypto_failure, "wrapping failed");
    }
    j["box"] = base64url_encode(box);
    const std::string canonical = dump_canonical(j);
    if (crypto_generichash(check.data(), check.size(), reinterpret_cast<const std::uint8_t*>(canonical.data()), canonical.size(),
                           nullptr, 0) != 0) {
      return make_error(Errc::crypto_failure, "hashing failed");
    }
    j["check"] = base64url_encode(check);
    put("keyfile-trustee-without-signer", "corrupt-file", "Mật khẩu — пароль", "role trustee without a signing key (checksum intact)",
        j.dump(2, ' ', false, json::error_handler_t::replace) + "\n", f.mediator.public_key);
  }
  put("keyfile-success-mediator", "success", "Mật khẩu — пароль", "recipient key only; non-ASCII passphrase", d, f.mediator.public_key);
  put("keyfile-wrong-passphrase", "wrong-passphrase", "correct horse battery stapler", "intact file, wrong passphrase", m, f.manager.public_key);
  std::string corrupt = m;
  const auto box = corrupt.find("\"box\": \"") + 9;
  corrupt[box] = corrupt[box] == 'A' ? 'B' : 'A';
  put("keyfile-corrupt-box", "corrupt-file", "correct horse battery staple", "one character of the box changed", corrupt, f.manager.public_key);
  put("keyfile-truncated", "corrupt-file", "correct horse battery staple", "cut in half", m.substr(0, m.size() / 2), f.manager.public_key);
  std::string v2 = m;
  v2.replace(v2.find("keyfile/1"), 9, "keyfile/2");
  put("keyfile-version-2", "version-unsupported", "correct horse battery staple", "a newer key file version", v2, f.manager.public_key);
  // KDF settings outside what readers accept, with an intact checksum: refused before deriving.
  const auto with_kdf = [&](std::uint64_t ops, std::uint64_t mem) -> Result<std::string> {
    json j = json::parse(m, nullptr, false);
    j.erase("check");
    j["kdf"]["ops"] = ops;
    j["kdf"]["mem"] = mem;
    const std::string canonical = dump_canonical(j);
    Bytes check(16);
    if (crypto_generichash(check.data(), check.size(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                           canonical.size(), nullptr, 0) != 0) {
      return make_error(Errc::crypto_failure, "hashing failed");
    }
    j["check"] = base64url_encode(check);
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  };
  auto weak = with_kdf(1, 8192);
  auto costly = with_kdf(kMaxKdf.ops, std::uint64_t{1} << 30);
  if (!weak || !costly) return make_error(Errc::crypto_failure, "hashing failed");
  put("keyfile-kdf-too-weak", "corrupt-file", "correct horse battery staple", "1 pass over 8 KiB: no memory hardness", *weak,
      f.manager.public_key);
  put("keyfile-kdf-too-costly", "corrupt-file", "correct horse battery staple", "1 GiB: more than a browser can afford", *costly,
      f.manager.public_key);
  return st;
}

Status write_public_keys(Writer& w, const Fixture& f) {
  Status st = Ok{};
  auto put = [&](const std::string& name, const std::string& expect, const char* kind, const std::string& comment,
                 const std::string& text, const Key32& key) {
    if (st) {
      st = w.write(name, {{"expect", expect}, {"kind", "public-key"}, {"key-kind", kind}, {"public-key", hex(key)}, {"comment", comment}},
                   to_bytes(text));
    }
  };
  const std::string r = encode_public_key(KeyKind::recipient, f.manager.public_key);
  const std::string s = encode_public_key(KeyKind::signing, f.signer.public_key);
  put("public-key-success-recipient", "success", "recipient", "a recipient key", r, f.manager.public_key);
  put("public-key-success-signing", "success", "signing", "a signing key", s, f.signer.public_key);
  std::string typo = r;
  typo[20] = typo[20] == 'a' ? 'b' : 'a';
  put("public-key-typo", "bad-key", "recipient", "one character changed", typo, f.manager.public_key);
  put("public-key-wrong-kind", "bad-key", "recipient", "a signing key where a recipient key is needed", s, f.manager.public_key);
  put("public-key-truncated", "bad-key", "recipient", "last character missing", r.substr(0, r.size() - 1), f.manager.public_key);
  // Points of small order, each with a valid checksum: a reader that only checks the text would
  // accept a key that makes sealing to it (or verifying with it) meaningless.
  const Key32 zero{};
  Key32 order8{};  // an X25519 point of order 8 (libsodium's blocklist)
  const std::uint8_t order8_bytes[32] = {0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3,
                                         0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32,
                                         0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00};
  std::copy(std::begin(order8_bytes), std::end(order8_bytes), order8.begin());
  Key32 identity{};  // the Ed25519 identity point: every signature "verifies" against it
  identity[0] = 1;
  put("public-key-recipient-all-zero", "bad-key", "recipient", "the all-zero X25519 key, checksum intact",
      encode_public_key(KeyKind::recipient, zero), zero);
  put("public-key-recipient-low-order", "bad-key", "recipient", "an X25519 point of order 8, checksum intact",
      encode_public_key(KeyKind::recipient, order8), order8);
  put("public-key-signing-identity", "bad-key", "signing", "the Ed25519 identity point, checksum intact",
      encode_public_key(KeyKind::signing, identity), identity);
  return st;
}

}  // namespace

int cmd_vectors(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {});
  if (args.help() || !args.error().empty() || args.positionals().size() != 1) {
    return usage("Usage: parley vectors DIR\n\nWrites the format test vectors (docs/FORMAT.md) into DIR, deterministically.\n",
                 args.help() ? "" : "give one output folder");
  }
  const std::filesystem::path dir = args.positionals()[0];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto f = make_fixture();
  if (!f) return fail(f.error().detail);
  Writer w(dir);
  for (auto step : {write_envelopes, write_manifests, write_keyfiles, write_public_keys, write_trustee_vectors,
                    write_conversation_vectors, write_short_link_vectors}) {
    if (auto ok = step(w, *f); !ok) return fail(ok.error().detail);
  }
  std::printf("wrote %d vectors to %s\n", w.count(), dir.string().c_str());
  return kExitOk;
}

}  // namespace parley::cli
