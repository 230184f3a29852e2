#include "core/manifest.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "core/base32.h"
#include "core/text.h"
#include "support/campaigns.h"
#include "support/s3_storage.h"

namespace parley {
namespace {

using testing::seeded;

// The sample campaign's people, and a signer it does not name.
struct Keys : testing::CampaignKeys {
  SigningKeyPair other_signer;
};

Keys make_keys() {
  SeededRng rng = seeded(1);
  return {testing::campaign_keys(), generate_signing_key(rng).value()};
}

// The sample campaign, open in March 2026, under a title whose first letter the canonical-JSON
// tests escape.
Campaign make_campaign(const Keys& k) {
  Campaign c = testing::sample_campaign(k, "2026-03-01", "2026-03-31");
  c.title = "Quarterly pulse check";
  return c;
}

void expect_same(const Campaign& a, const Campaign& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.intro, b.intro);
  ASSERT_EQ(a.questions.size(), b.questions.size());
  for (std::size_t i = 0; i < a.questions.size(); ++i) {
    EXPECT_EQ(a.questions[i].id, b.questions[i].id) << i;
    EXPECT_EQ(a.questions[i].type, b.questions[i].type) << i;
    EXPECT_EQ(a.questions[i].text, b.questions[i].text) << i;
    EXPECT_EQ(a.questions[i].required, b.questions[i].required) << i;
    EXPECT_EQ(a.questions[i].options, b.questions[i].options) << i;
  }
  EXPECT_EQ(a.feedback_to, b.feedback_to);
  EXPECT_EQ(a.mediation_to, b.mediation_to);
  EXPECT_EQ(a.allow_mediation_to_feedback_readers, b.allow_mediation_to_feedback_readers);
  EXPECT_EQ(a.signer, b.signer);
  EXPECT_EQ(a.storage.kind, b.storage.kind);
  EXPECT_EQ(a.storage.url, b.storage.url);
  EXPECT_EQ(a.storage.key_prefix, b.storage.key_prefix);
  EXPECT_EQ(a.storage.post_fields, b.storage.post_fields);
  EXPECT_EQ(a.k, b.k);
  EXPECT_EQ(a.opens, b.opens);
  EXPECT_EQ(a.closes, b.closes);
}

// A token for arbitrary body bytes, signed the way the spec says.
std::string sign_raw(const std::string& body, const SigningKeyPair& key) {
  Bytes message = to_bytes("parley manifest v1\n");
  message.insert(message.end(), body.begin(), body.end());
  Bytes sig(crypto_sign_BYTES);
  EXPECT_EQ(crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data()), 0);
  return base64url_encode(to_bytes(body)) + "." + base64url_encode(sig);
}

std::string body_text(const Campaign& c) {
  auto body = canonical_body(c);
  EXPECT_TRUE(body.ok()) << (body.ok() ? "" : body.error().detail);
  return body.ok() ? to_string(body.value()) : std::string();
}

void expect_code(const Status& s, Errc code, const std::string& what) {
  ASSERT_FALSE(s.ok()) << what << ": accepted";
  EXPECT_EQ(s.error().code, code) << what << ": " << to_string(s.error().code) << " (" << s.error().detail << ")";
}

template <typename T>
void expect_code(const Result<T>& r, Errc code, const std::string& what) {
  ASSERT_FALSE(r.ok()) << what << ": accepted";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

char other_base64_char(char c) { return c == 'A' ? 'B' : 'A'; }

TEST(CampaignId, Is26CharactersOfBase32For16Bytes) {
  SeededRng rng = seeded(3);
  const std::string id = new_campaign_id(rng);
  ASSERT_EQ(id.size(), 26u);
  auto raw = base32_decode(id);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 16u);
  EXPECT_EQ(base32_encode(raw.value()), id);
  EXPECT_NE(new_campaign_id(rng), id);
  SeededRng again = seeded(3);
  EXPECT_EQ(new_campaign_id(again), id);
}

TEST(Manifest, ValidCampaignValidates) {
  const Keys k = make_keys();
  const Status s = validate_campaign(make_campaign(k));
  EXPECT_TRUE(s.ok()) << s.error().detail;
}

TEST(Manifest, SignVerifyRoundTrip) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  auto token = sign_manifest(c, k.signer);
  ASSERT_TRUE(token.ok()) << token.error().detail;
  auto back = verify_manifest(token.value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  expect_same(back.value(), c);
}

TEST(Manifest, TokenIsBodyDotSignatureAsSpecified) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  auto token = sign_manifest(c, k.signer);
  ASSERT_TRUE(token.ok());
  const auto dot = token->find('.');
  ASSERT_NE(dot, std::string::npos);
  EXPECT_EQ(token->find('.', dot + 1), std::string::npos) << "exactly one dot";
  auto body = base64url_decode(token->substr(0, dot));
  auto sig = base64url_decode(token->substr(dot + 1));
  ASSERT_TRUE(body.ok() && sig.ok());
  EXPECT_EQ(to_string(body.value()), body_text(c));
  ASSERT_EQ(sig->size(), 64u);
  Bytes message = to_bytes("parley manifest v1\n");
  message.insert(message.end(), body->begin(), body->end());
  EXPECT_EQ(crypto_sign_verify_detached(sig->data(), message.data(), message.size(), k.signer.public_key.data()), 0);
  // Without the domain prefix the signature does not verify.
  EXPECT_NE(crypto_sign_verify_detached(sig->data(), body->data(), body->size(), k.signer.public_key.data()), 0);
  // Ed25519 is deterministic: signing twice gives the same token.
  EXPECT_EQ(sign_manifest(c, k.signer).value(), token.value());
  EXPECT_EQ(sign_raw(body_text(c), k.signer), token.value());
}

TEST(Manifest, CanonicalBodyHasSortedKeysAndNoSpaces) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.intro = "";
  c.questions = {{"q1", QuestionType::likert, "How are you?", true, {}}};
  c.mediation_to = {};
  c.storage.url = "https://x.example/";
  c.title = "T";
  const std::string expected =
      "{\"closes\":\"2026-03-31\",\"feedback_to\":[\"" + encode_public_key(KeyKind::recipient, k.manager.public_key) +
      "\"],\"id\":\"" + c.id +
      "\",\"intro\":\"\",\"k\":5,\"mediation_to\":[],\"mediation_to_feedback_readers\":false,"
      "\"opens\":\"2026-03-01\",\"questions\":[{\"id\":\"q1\",\"required\":true,\"text\":\"How are you?\","
      "\"type\":\"likert\"}],\"signer\":\"" +
      encode_public_key(KeyKind::signing, k.signer.public_key) +
      "\",\"storage\":{\"kind\":\"http-put\",\"url\":\"https://x.example/\"},\"title\":\"T\",\"v\":2}";
  EXPECT_EQ(body_text(c), expected);
}

TEST(Manifest, CanonicalBodyOfTheFullCampaign) {
  const Keys k = make_keys();
  const std::string body = body_text(make_campaign(k));
  EXPECT_EQ(body.rfind("{\"closes\":\"2026-03-31\",\"feedback_to\":[\"parley-r1-", 0), 0u) << body;
  EXPECT_NE(body.find("{\"id\":\"focus\",\"options\":[\"Tooling\",\"Process\",\"People\"],\"required\":false,"
                      "\"text\":\"Where should we focus?\",\"type\":\"single\"}"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("\"type\":\"multi\""), std::string::npos);
  EXPECT_NE(body.find("\"type\":\"enps\""), std::string::npos);
  EXPECT_NE(body.find("\"type\":\"text\""), std::string::npos);
  EXPECT_NE(body.find("\"type\":\"blockers\""), std::string::npos);
  EXPECT_NE(body.find("\"intro\":\"Two minutes.\\nAnswers are anonymous.\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"mediation_to\":[\"parley-r1-"), std::string::npos);
  EXPECT_NE(body.find("\"signer\":\"parley-s1-"), std::string::npos);
  EXPECT_EQ(body.find("\": "), std::string::npos);
  EXPECT_EQ(body.find(", \""), std::string::npos);
  EXPECT_EQ(body.find('\n'), std::string::npos);
  EXPECT_EQ(body.substr(body.size() - 7), ",\"v\":2}");
  // Questions keep their order (they are a list, not sorted).
  EXPECT_LT(body.find("\"id\":\"mood\""), body.find("\"id\":\"recommend\""));
  EXPECT_LT(body.find("\"id\":\"recommend\""), body.find("\"id\":\"blockers\""));
}

TEST(Manifest, CanonicalBodyWritesUtf8AndEscapesControls) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.title = "Caf\xc3\xa9 \xf0\x9f\x98\x80 \"quoted\" back\\slash";
  c.intro = "tab\there";
  const std::string body = body_text(c);
  EXPECT_NE(body.find("\"title\":\"Caf\xc3\xa9 \xf0\x9f\x98\x80 \\\"quoted\\\" back\\\\slash\""), std::string::npos)
      << body;
  EXPECT_NE(body.find("\"intro\":\"tab\\there\""), std::string::npos) << body;
  auto back = parse_body(to_bytes(body));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->title, c.title);
  EXPECT_EQ(back->intro, c.intro);
}

TEST(Manifest, ParseBodyRoundTrips) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.storage = testing::sample_s3_storage();
  c.k = 3;
  auto parsed = parse_body(to_bytes(body_text(c)));
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  expect_same(parsed.value(), c);
}

TEST(Manifest, TamperingWithOneCharacterOfTheBodyBreaksTheSignature) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const std::string token = sign_manifest(c, k.signer).value();
  const std::string body = body_text(c);
  // Change a letter of the title by -4 at a byte that starts a base64 group: exactly one
  // character of the token changes and the body is still valid, canonical JSON.
  const std::size_t title = body.find("\"title\":\"") + 9;
  std::size_t p = title;
  while (p % 3 != 0 || body[p] < 'e' || body[p] > 'z') ++p;
  ASSERT_LT(p, title + c.title.size());
  std::string tampered_body = body;
  tampered_body[p] = static_cast<char>(tampered_body[p] - 4);
  const std::string tampered = base64url_encode(to_bytes(tampered_body)) + token.substr(token.find('.'));
  ASSERT_EQ(tampered.size(), token.size());
  int differences = 0;
  for (std::size_t i = 0; i < token.size(); ++i) differences += tampered[i] != token[i];
  ASSERT_EQ(differences, 1);
  ASSERT_TRUE(parse_body(to_bytes(tampered_body)).ok()) << "the tampered body itself is a valid manifest";
  expect_code(verify_manifest(tampered), Errc::bad_signature, "tampered title");
}

TEST(Manifest, EverySingleCharacterChangeOfTheTokenIsRefused) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.questions.resize(2);
  c.intro = "";
  const std::string token = sign_manifest(c, k.signer).value();
  const std::size_t dot = token.find('.');
  int bad_signatures = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (i == dot) continue;
    std::string t = token;
    t[i] = other_base64_char(t[i]);
    auto r = verify_manifest(t);
    ASSERT_FALSE(r.ok()) << "accepted a change at " << i;
    const Errc code = r.error().code;
    // A change may break the JSON or the signer's key before the signature is checked.
    EXPECT_TRUE(code == Errc::bad_signature || code == Errc::schema_failure || code == Errc::bad_input)
        << i << ": " << to_string(code);
    if (i > dot && i + 1 < token.size()) EXPECT_EQ(code, Errc::bad_signature) << "signature character " << i;
    bad_signatures += code == Errc::bad_signature;
  }
  // Many body changes make invalid UTF-8 or JSON (schema_failure); the rest, and every
  // signature change, fail the signature.
  EXPECT_GT(bad_signatures, static_cast<int>(token.size()) / 4);
}

TEST(Manifest, SignatureByAnotherKeyIsRefused) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  expect_code(verify_manifest(sign_raw(body_text(c), k.other_signer)), Errc::bad_signature, "other key");
  // The signature of another body (same signer) does not transfer either.
  Campaign c2 = c;
  c2.title = "Another title";
  const std::string t1 = sign_manifest(c, k.signer).value();
  const std::string t2 = sign_manifest(c2, k.signer).value();
  const std::string spliced = t1.substr(0, t1.find('.')) + t2.substr(t2.find('.'));
  expect_code(verify_manifest(spliced), Errc::bad_signature, "spliced");
}

TEST(Manifest, ReSigningWithAnotherKeyNamesThatKey) {
  // Trust comes from the channel: a consistent re-signed manifest verifies, and says so.
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.signer = k.other_signer.public_key;
  auto token = sign_manifest(c, k.other_signer);
  ASSERT_TRUE(token.ok());
  auto back = verify_manifest(token.value());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->signer, k.other_signer.public_key);
  EXPECT_NE(back->signer, k.signer.public_key);
}

TEST(Manifest, SigningNeedsTheCampaignsSigner) {
  const Keys k = make_keys();
  expect_code(sign_manifest(make_campaign(k), k.other_signer), Errc::bad_key, "not the signer");
}

TEST(Manifest, SigningValidatesFirst) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.title.clear();
  expect_code(sign_manifest(c, k.signer), Errc::schema_failure, "empty title");
  expect_code(canonical_body(c), Errc::schema_failure, "empty title (body)");
}

TEST(Manifest, MalformedTokensAreBadInput) {
  const Keys k = make_keys();
  const std::string token = sign_manifest(make_campaign(k), k.signer).value();
  const std::string body_part = token.substr(0, token.find('.'));
  const std::string sig_part = token.substr(token.find('.') + 1);
  expect_code(verify_manifest(body_part), Errc::bad_input, "no dot");
  expect_code(verify_manifest(body_part + sig_part), Errc::bad_input, "dot removed");
  expect_code(verify_manifest(""), Errc::bad_input, "empty");
  expect_code(verify_manifest("."), Errc::bad_input, "just a dot");
  expect_code(verify_manifest("!!!!.????"), Errc::bad_input, "garbage");
  expect_code(verify_manifest(body_part + ".%%%"), Errc::bad_input, "garbage signature");
  expect_code(verify_manifest("a+b/." + sig_part), Errc::bad_input, "standard alphabet");
  expect_code(verify_manifest(body_part + "=." + sig_part), Errc::bad_input, "padding");
  expect_code(verify_manifest(body_part + "." + sig_part.substr(0, 80)), Errc::bad_input, "short signature");
  expect_code(verify_manifest(body_part + "." + sig_part + "AAAA"), Errc::bad_input, "long signature");
  expect_code(verify_manifest(body_part + "." + sig_part + "." + sig_part), Errc::bad_input, "two dots");
}

TEST(Manifest, OversizedInputIsTooLarge) {
  expect_code(verify_manifest(std::string(kMaxManifestBytes * 4 / 3 + 201, 'A') + ".AAAA"), Errc::too_large,
              "token");
  expect_code(parse_body(Bytes(kMaxManifestBytes + 1, ' ')), Errc::too_large, "body");
}

TEST(Manifest, SignedBodiesLargerThanTheLimitAreNotProduced) {
  // BUG CHECK: validate_campaign allows 50 questions of 500 characters with 12 options of 200
  // characters, far more than 64 KiB of body. A token that verify_manifest refuses as
  // too_large must not come out of sign_manifest.
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.questions.clear();
  for (int i = 0; i < 50; ++i) {
    Question q{"q" + std::to_string(i), QuestionType::single_choice, std::string(500, 'x'), false, {}};
    for (int o = 0; o < 12; ++o) q.options.push_back(std::to_string(o) + std::string(190, 'y'));
    c.questions.push_back(q);
  }
  ASSERT_TRUE(validate_campaign(c).ok());
  auto token = sign_manifest(c, k.signer);
  if (token.ok()) {
    auto back = verify_manifest(token.value());
    EXPECT_TRUE(back.ok()) << "sign_manifest produced a " << token->size() << "-character token that verify_manifest "
                           << "refuses: " << to_string(back.error().code);
  } else {
    EXPECT_EQ(token.error().code, Errc::too_large) << token.error().detail;
  }
}

TEST(Manifest, OtherVersionsAreUnsupported) {
  const Keys k = make_keys();
  const std::string body = body_text(make_campaign(k));
  ASSERT_EQ(body.substr(body.size() - 7), ",\"v\":2}");
  for (const char* v : {"1", "3"}) {
    std::string other = body;
    other.replace(other.size() - 2, 1, v);
    expect_code(parse_body(to_bytes(other)), Errc::version_unsupported, std::string("parse v") + v);
    expect_code(verify_manifest(sign_raw(other, k.signer)), Errc::version_unsupported, std::string("verify v") + v);
  }
}

TEST(Manifest, ParseBodyRefusesNonCanonicalJson) {
  const Keys k = make_keys();
  const std::string body = body_text(make_campaign(k));
  ASSERT_TRUE(parse_body(to_bytes(body)).ok());

  expect_code(parse_body(to_bytes("{ " + body.substr(1))), Errc::schema_failure, "leading space");
  expect_code(parse_body(to_bytes(body + "\n")), Errc::schema_failure, "trailing newline");
  std::string spaced = body;
  spaced.replace(spaced.find("\"k\":5"), 5, "\"k\": 5");
  expect_code(parse_body(to_bytes(spaced)), Errc::schema_failure, "space after colon");
  // "v" moved from last to first place.
  const std::string reordered = "{\"v\":2," + body.substr(1, body.size() - 8) + "}";
  ASSERT_EQ(reordered.size(), body.size());
  expect_code(parse_body(to_bytes(reordered)), Errc::schema_failure, "keys reordered");
  // An escape where none is needed.
  std::string escaped = body;
  escaped.replace(escaped.find("Quarterly"), 1, "\\u0051");
  expect_code(parse_body(to_bytes(escaped)), Errc::schema_failure, "needless escape");
  // Options on a non-choice question, even an empty list, are not canonical.
  std::string options = body;
  options.replace(options.find("{\"id\":\"mood\","), 13, "{\"id\":\"mood\",\"options\":[],");
  expect_code(parse_body(to_bytes(options)), Errc::schema_failure, "empty options on likert");
  // Upper-case key text decodes but is not canonical.
  std::string upper_key = body;
  upper_key.replace(upper_key.find("parley-r1-"), 10, "PARLEY-R1-");
  expect_code(parse_body(to_bytes(upper_key)), Errc::schema_failure, "upper-case key");
  // And through the signed path, with a valid signature over the non-canonical bytes.
  expect_code(verify_manifest(sign_raw(spaced, k.signer)), Errc::schema_failure, "signed non-canonical");
}

TEST(Manifest, ParseBodyRefusesUnknownFields) {
  const Keys k = make_keys();
  const std::string body = body_text(make_campaign(k));
  expect_code(parse_body(to_bytes("{\"aaa\":1," + body.substr(1))), Errc::schema_failure, "top level");
  std::string in_question = body;
  in_question.replace(in_question.find("{\"id\":\"mood\","), 13, "{\"color\":\"red\",\"id\":\"mood\",");
  expect_code(parse_body(to_bytes(in_question)), Errc::schema_failure, "in a question");
  std::string in_storage = body;
  in_storage.replace(in_storage.find("\"storage\":{"), 11, "\"storage\":{\"bucket\":\"b\",");
  expect_code(parse_body(to_bytes(in_storage)), Errc::schema_failure, "in storage");
  expect_code(verify_manifest(sign_raw("{\"aaa\":1," + body.substr(1), k.signer)), Errc::schema_failure,
              "signed, top level");
}

TEST(Manifest, ParseBodyRefusesOtherShapes) {
  expect_code(parse_body(to_bytes("not json")), Errc::schema_failure, "not JSON");
  expect_code(parse_body(to_bytes("[]")), Errc::schema_failure, "array");
  expect_code(parse_body(Bytes{}), Errc::schema_failure, "empty");
  const Keys k = make_keys();
  std::string body = body_text(make_campaign(k));
  std::string unknown_type = body;
  unknown_type.replace(unknown_type.find("\"type\":\"likert\""), 15, "\"type\":\"stars\"");
  expect_code(parse_body(to_bytes(unknown_type)), Errc::schema_failure, "unknown question type");
  std::string string_k = body;
  string_k.replace(string_k.find("\"k\":5"), 5, "\"k\":\"5\"");
  expect_code(parse_body(to_bytes(string_k)), Errc::schema_failure, "k as a string");
  std::string k2 = body;
  k2.replace(k2.find("\"k\":5"), 5, "\"k\":2");
  expect_code(parse_body(to_bytes(k2)), Errc::schema_failure, "k=2");
}

TEST(Manifest, AMissingOrMalformedVersionIsASchemaFailure) {
  // BUG CHECK: parse_body tests `r.ok() && r.integer("v", ...) != 1`, evaluating r.ok() before
  // reading "v"; when "v" is missing or not an integer, integer() returns its fallback 0 and
  // the body is reported as version_unsupported ("uses a newer manifest version") instead of
  // schema_failure. decode_submission reads "v" first and gets this right.
  const Keys k = make_keys();
  const std::string body = body_text(make_campaign(k));
  const std::string no_v = body.substr(0, body.size() - 7) + "}";
  const std::string string_v = body.substr(0, body.size() - 2) + "\"1\"}";
  ASSERT_EQ(string_v.substr(string_v.size() - 9), ",\"v\":\"1\"}");
  expect_code(parse_body(to_bytes("{}")), Errc::schema_failure, "empty object");
  expect_code(parse_body(to_bytes(no_v)), Errc::schema_failure, "no v");
  expect_code(parse_body(to_bytes(string_v)), Errc::schema_failure, "v as a string");
  expect_code(verify_manifest(sign_raw(no_v, k.signer)), Errc::schema_failure, "signed, no v");
}

TEST(Manifest, VerifyRefusesABodyWithoutAUsableSigner) {
  const Keys k = make_keys();
  std::string body = body_text(make_campaign(k));
  std::string no_signer = body;
  const std::size_t at = no_signer.find(",\"signer\":\"");
  no_signer.erase(at, 11 + 68 + 1);  // ,"signer":"<68 characters>"
  ASSERT_EQ(no_signer.find("signer"), std::string::npos) << no_signer;
  expect_code(verify_manifest(sign_raw(no_signer, k.signer)), Errc::schema_failure, "no signer");
  expect_code(verify_manifest(sign_raw("[1,2]", k.signer)), Errc::schema_failure, "not an object");
  expect_code(verify_manifest(base64url_encode(to_bytes("not json")) + "." + base64url_encode(Bytes(64))),
              Errc::schema_failure, "not JSON");
}

// Each mutation of the valid campaign must fail validation with schema_failure.
struct Mutation {
  const char* what;
  std::function<void(Campaign&, const Keys&)> apply;
};

TEST(ManifestValidation, RefusesEveryBrokenRule) {
  const Keys k = make_keys();
  const std::vector<Mutation> mutations = {
      {"empty title", [](Campaign& c, const Keys&) { c.title.clear(); }},
      {"title with a newline", [](Campaign& c, const Keys&) { c.title = "Two\nlines"; }},
      {"title of 121 characters", [](Campaign& c, const Keys&) { c.title = std::string(121, 't'); }},
      {"title with invalid UTF-8", [](Campaign& c, const Keys&) { c.title = "bad \xc0\x80"; }},
      {"intro of 2001 characters", [](Campaign& c, const Keys&) { c.intro = std::string(2001, 'i'); }},
      {"intro with a control character", [](Campaign& c, const Keys&) { c.intro = "bell\a"; }},
      {"campaign id too short", [](Campaign& c, const Keys&) { c.id.pop_back(); }},
      {"campaign id in upper case", [](Campaign& c, const Keys&) { for (auto& ch : c.id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); }},
      {"campaign id with trailing bits", [](Campaign& c, const Keys&) { c.id.back() = 'b'; }},
      {"no questions", [](Campaign& c, const Keys&) { c.questions.clear(); }},
      {"51 questions",
       [](Campaign& c, const Keys&) {
         c.questions.clear();
         for (int i = 0; i < 51; ++i) c.questions.push_back({"q" + std::to_string(i), QuestionType::likert, "Q?", false, {}});
       }},
      {"duplicate question id", [](Campaign& c, const Keys&) { c.questions[1].id = c.questions[0].id; }},
      {"question id Q-1", [](Campaign& c, const Keys&) { c.questions[0].id = "Q-1"; }},
      {"question id with upper case", [](Campaign& c, const Keys&) { c.questions[0].id = "Mood"; }},
      {"empty question id", [](Campaign& c, const Keys&) { c.questions[0].id.clear(); }},
      {"question id of 33 characters", [](Campaign& c, const Keys&) { c.questions[0].id = std::string(33, 'q'); }},
      {"empty question text", [](Campaign& c, const Keys&) { c.questions[0].text.clear(); }},
      {"question text of 501 characters", [](Campaign& c, const Keys&) { c.questions[0].text = std::string(501, 'x'); }},
      {"single choice with one option", [](Campaign& c, const Keys&) { c.questions[2].options = {"Only"}; }},
      {"single choice with no options", [](Campaign& c, const Keys&) { c.questions[2].options.clear(); }},
      {"multi choice with 13 options",
       [](Campaign& c, const Keys&) {
         c.questions[3].options.clear();
         for (int i = 0; i < 13; ++i) c.questions[3].options.push_back("o" + std::to_string(i));
       }},
      {"duplicate option", [](Campaign& c, const Keys&) { c.questions[3].options[1] = c.questions[3].options[0]; }},
      {"empty option", [](Campaign& c, const Keys&) { c.questions[2].options[0].clear(); }},
      {"option with a newline", [](Campaign& c, const Keys&) { c.questions[2].options[0] = "a\nb"; }},
      {"option of 201 characters", [](Campaign& c, const Keys&) { c.questions[2].options[0] = std::string(201, 'o'); }},
      {"options on a likert question", [](Campaign& c, const Keys&) { c.questions[0].options = {"a", "b"}; }},
      {"options on a text question", [](Campaign& c, const Keys&) { c.questions[4].options = {"a", "b"}; }},
      {"no feedback readers", [](Campaign& c, const Keys&) { c.feedback_to.clear(); }},
      {"17 feedback readers", [](Campaign& c, const Keys&) { c.feedback_to.assign(17, c.feedback_to[0]); }},
      {"17 mediators", [](Campaign& c, const Keys&) { c.mediation_to.assign(17, c.mediation_to[0]); }},
      {"mediator is a feedback reader", [](Campaign& c, const Keys&) { c.mediation_to = {c.feedback_to[0]}; }},
      {"mediator is the second feedback reader",
       [](Campaign& c, const Keys& keys) {
         c.feedback_to = {keys.mediator.public_key, keys.manager.public_key};
         c.mediation_to = {keys.manager.public_key};
       }},
      {"k=2", [](Campaign& c, const Keys&) { c.k = 2; }},
      {"k=51", [](Campaign& c, const Keys&) { c.k = 51; }},
      {"k=-5", [](Campaign& c, const Keys&) { c.k = -5; }},
      {"closes before opens", [](Campaign& c, const Keys&) { c.closes = "2026-02-28"; }},
      {"opens on 2026-02-30", [](Campaign& c, const Keys&) { c.opens = "2026-02-30"; }},
      {"closes on 2026-13-01", [](Campaign& c, const Keys&) { c.closes = "2026-13-01"; }},
      {"empty opens", [](Campaign& c, const Keys&) { c.opens.clear(); }},
      {"storage URL with a fragment", [](Campaign& c, const Keys&) { c.storage.url = "https://feedback.example.org/p#x"; }},
      {"storage URL with a query", [](Campaign& c, const Keys&) { c.storage.url = "https://feedback.example.org/p?x=1"; }},
      {"storage URL with a space", [](Campaign& c, const Keys&) { c.storage.url = "https://feedback.example.org/a b/"; }},
      {"storage URL with a tab", [](Campaign& c, const Keys&) { c.storage.url = "https://feedback.example.org/a\tb/"; }},
      {"storage URL over ftp", [](Campaign& c, const Keys&) { c.storage.url = "ftp://feedback.example.org/"; }},
      {"storage URL without scheme", [](Campaign& c, const Keys&) { c.storage.url = "feedback.example.org/"; }},
      {"empty storage URL", [](Campaign& c, const Keys&) { c.storage.url.clear(); }},
      {"storage URL of 501 characters", [](Campaign& c, const Keys&) { c.storage.url = "https://x.example/" + std::string(483, 'p'); }},
      {"storage kind ftp", [](Campaign& c, const Keys&) { c.storage.kind = "ftp"; }},
      {"storage kind in upper case", [](Campaign& c, const Keys&) { c.storage.kind = "S3"; }},
  };
  for (const auto& m : mutations) {
    Campaign c = make_campaign(k);
    m.apply(c, k);
    expect_code(validate_campaign(c), Errc::schema_failure, m.what);
    expect_code(canonical_body(c), Errc::schema_failure, std::string(m.what) + " (canonical_body)");
  }
}

TEST(ManifestValidation, AcceptsTheBoundaries) {
  const Keys k = make_keys();
  const std::vector<Mutation> mutations = {
      {"title of 120 characters", [](Campaign& c, const Keys&) { c.title = std::string(120, 't'); }},
      {"title of 120 emoji", [](Campaign& c, const Keys&) { c.title.clear(); for (int i = 0; i < 120; ++i) c.title += "\xf0\x9f\x98\x80"; }},
      {"empty intro", [](Campaign& c, const Keys&) { c.intro.clear(); }},
      {"intro of 2000 characters", [](Campaign& c, const Keys&) { c.intro = std::string(2000, 'i'); }},
      {"question id of 32 characters", [](Campaign& c, const Keys&) { c.questions[0].id = std::string(31, 'q') + "_"; }},
      {"question id 0_9", [](Campaign& c, const Keys&) { c.questions[0].id = "0_9"; }},
      {"question text of 500 characters", [](Campaign& c, const Keys&) { c.questions[0].text = std::string(500, 'x'); }},
      {"12 options",
       [](Campaign& c, const Keys&) {
         c.questions[3].options.clear();
         for (int i = 0; i < 12; ++i) c.questions[3].options.push_back("o" + std::to_string(i));
       }},
      {"2 options", [](Campaign& c, const Keys&) { c.questions[2].options = {"yes", "no"}; }},
      {"50 questions",
       [](Campaign& c, const Keys&) {
         c.questions.clear();
         for (int i = 0; i < 50; ++i) c.questions.push_back({"q" + std::to_string(i), QuestionType::likert, "Q?", false, {}});
       }},
      {"16 feedback readers", [](Campaign& c, const Keys&) { c.feedback_to.assign(16, c.feedback_to[0]); }},
      {"no mediators", [](Campaign& c, const Keys&) { c.mediation_to.clear(); }},
      {"16 mediators", [](Campaign& c, const Keys&) { c.mediation_to.assign(16, c.mediation_to[0]); }},
      {"mediator is a feedback reader, allowed",
       [](Campaign& c, const Keys&) {
         c.mediation_to = {c.feedback_to[0]};
         c.allow_mediation_to_feedback_readers = true;
       }},
      {"k=3", [](Campaign& c, const Keys&) { c.k = 3; }},
      {"k=50", [](Campaign& c, const Keys&) { c.k = 50; }},
      {"opens on the closing day", [](Campaign& c, const Keys&) { c.opens = c.closes; }},
      {"opens on a leap day", [](Campaign& c, const Keys&) { c.opens = "2028-02-29"; c.closes = "2028-03-01"; }},
      {"http storage", [](Campaign& c, const Keys&) { c.storage.url = "http://localhost:8080/"; }},
      {"s3 storage", [](Campaign& c, const Keys&) { c.storage = testing::sample_s3_storage(); }},
      {"storage URL of 500 characters", [](Campaign& c, const Keys&) { c.storage.url = "https://x.example/" + std::string(482, 'p'); }},
  };
  for (const auto& m : mutations) {
    Campaign c = make_campaign(k);
    m.apply(c, k);
    const Status s = validate_campaign(c);
    EXPECT_TRUE(s.ok()) << m.what << ": " << s.error().detail;
    // What validates also survives the signed round trip.
    auto token = sign_manifest(c, k.signer);
    ASSERT_TRUE(token.ok()) << m.what;
    auto back = verify_manifest(token.value());
    ASSERT_TRUE(back.ok()) << m.what << ": " << back.error().detail;
    expect_same(back.value(), c);
  }
}

TEST(TokenFromLink, AcceptsFullLinksAndBareTokens) {
  const std::string token = "eyJib2R5IjoxfQ.c2lnbmF0dXJl";
  const std::pair<std::string, const char*> cases[] = {
      {"https://parley.example/#c=" + token, "full link"},
      {"https://parley.example/app/index.html#c=" + token, "full link with a path"},
      {token, "bare token"},
      {"  https://parley.example/#c=" + token + "\n", "link with whitespace"},
      {"\t" + token + "\r\n", "token with whitespace"},
      {"#c=" + token, "fragment only"},
  };
  for (const auto& [link, what] : cases) {
    auto r = token_from_link(link);
    ASSERT_TRUE(r.ok()) << what;
    EXPECT_EQ(r.value(), token) << what;
  }
}

TEST(TokenFromLink, RefusesGarbage) {
  for (const char* link : {"", "   ", "hello", "https://parley.example/#c=", "https://parley/#c=nodot",
                           "#c=", "just some words", "\n\t"}) {
    expect_code(token_from_link(link), Errc::bad_input, std::string("'") + link + "'");
  }
}

TEST(TokenFromLink, RefusesALinkWhoseTokenWasCutOff) {
  // BUG CHECK: an app URL whose "#c=..." fragment was lost (chat apps do this) is neither a
  // full link nor a bare token, and should get the "ask for the full link" bad_input here.
  // token_from_link returns the URL itself as the "token" because it contains a '.'.
  for (const char* link : {"https://parley.example/", "https://parley.example/app/index.html",
                           "https://parley.example/#x=abc.def"}) {
    auto r = token_from_link(link);
    EXPECT_FALSE(r.ok()) << "'" << link << "' gave the token '" << (r.ok() ? r.value() : "") << "'";
    if (!r.ok()) EXPECT_EQ(r.error().code, Errc::bad_input);
  }
}

TEST(CampaignLink, AppendsTheTokenAsFragment) {
  EXPECT_EQ(campaign_link("https://parley.example/", "abc.def"), "https://parley.example/#c=abc.def");
  EXPECT_EQ(campaign_link("https://parley.example/app/#c=old.token", "abc.def"),
            "https://parley.example/app/#c=abc.def");
  EXPECT_EQ(campaign_link("https://parley.example/#", "abc.def"), "https://parley.example/#c=abc.def");
  EXPECT_EQ(campaign_link("https://parley.example/#other", "abc.def"), "https://parley.example/#c=abc.def");

  const Keys k = make_keys();
  const std::string token = sign_manifest(make_campaign(k), k.signer).value();
  const std::string link = campaign_link("https://parley.example/#c=stale", token);
  auto back = token_from_link(link);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), token);
  auto campaign = verify_manifest(back.value());
  ASSERT_TRUE(campaign.ok()) << campaign.error().detail;
  EXPECT_EQ(campaign->id, make_campaign(k).id);
}

TEST(CampaignPhase, FollowsOpensAndClosesInclusively) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);  // 2026-03-01 .. 2026-03-31
  EXPECT_EQ(campaign_phase(c, "2025-12-31"), CampaignPhase::not_yet_open);
  EXPECT_EQ(campaign_phase(c, "2026-02-28"), CampaignPhase::not_yet_open);
  EXPECT_EQ(campaign_phase(c, "2026-03-01"), CampaignPhase::open);
  EXPECT_EQ(campaign_phase(c, "2026-03-15"), CampaignPhase::open);
  EXPECT_EQ(campaign_phase(c, "2026-03-31"), CampaignPhase::open);
  EXPECT_EQ(campaign_phase(c, "2026-04-01"), CampaignPhase::closed);
  EXPECT_EQ(campaign_phase(c, "2027-01-01"), CampaignPhase::closed);

  Campaign one_day = c;
  one_day.opens = one_day.closes = "2026-06-15";
  EXPECT_EQ(campaign_phase(one_day, "2026-06-14"), CampaignPhase::not_yet_open);
  EXPECT_EQ(campaign_phase(one_day, "2026-06-15"), CampaignPhase::open);
  EXPECT_EQ(campaign_phase(one_day, "2026-06-16"), CampaignPhase::closed);
}

TEST(ValidDay, AcceptsRealDays) {
  for (const char* d : {"2026-01-01", "2026-12-31", "2026-02-28", "2026-04-30", "2000-01-01", "9999-12-31",
                        "2028-02-29", "2000-02-29", "2400-02-29"}) {
    EXPECT_TRUE(is_valid_day(d)) << d;
  }
}

TEST(ValidDay, RefusesEverythingElse) {
  for (const char* d : {"2027-02-29", "2100-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-06-31",
                        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "1999-12-31", "0000-01-01",
                        "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01",
                        "20260101", "", "abcd-ef-gh", "+026-01-01", "2026-0a-01", "2026-01-0\xc3"}) {
    EXPECT_FALSE(is_valid_day(d)) << d;
  }
}

// --- manifest hash ----------------------------------------------------------------------------

TEST(ManifestHash, IsBlake2bOfTheSignedBody) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const Bytes body = canonical_body(c).value();
  Bytes expected(32);
  ASSERT_EQ(crypto_generichash(expected.data(), expected.size(), body.data(), body.size(), nullptr, 0), 0);
  const ManifestHash computed = manifest_hash(c).value();
  EXPECT_EQ(Bytes(computed.begin(), computed.end()), expected);
  // Set by verification (not part of the body) and equal to what is computed.
  const Campaign verified = verify_manifest(sign_manifest(c, k.signer).value()).value();
  EXPECT_EQ(verified.manifest_hash, computed);
  EXPECT_EQ(parse_body(body).value().manifest_hash, computed);
  // Any change to the body is another hash, the id staying the same.
  Campaign lowered = c;
  lowered.k = 3;
  EXPECT_EQ(lowered.id, c.id);
  EXPECT_NE(manifest_hash(lowered).value(), computed);
  // A stored hash is trusted as is: it must be cleared when the campaign changes.
  Campaign stale = verified;
  stale.k = 3;
  EXPECT_EQ(manifest_hash(stale).value(), computed);
  stale.manifest_hash = {};
  EXPECT_EQ(manifest_hash(stale).value(), manifest_hash(lowered).value());
  // An invalid campaign has no body to hash.
  Campaign broken = c;
  broken.k = 1;
  expect_code(manifest_hash(broken), Errc::schema_failure, "invalid campaign");
}

// --- trustee ----------------------------------------------------------------------------------

struct TrusteeKeys {
  RecipientKeyPair recipient;
  SigningKeyPair signer;
};

TrusteeKeys trustee_keys() {
  SeededRng rng = seeded(61);
  return {generate_recipient_key(rng).value(), generate_signing_key(rng).value()};
}

TEST(ManifestTrustee, RoundTripsThroughTheSignedBody) {
  const Keys k = make_keys();
  const TrusteeKeys t = trustee_keys();
  Campaign c = make_campaign(k);
  c.trustee = Trustee{"Works council — Betriebsrat", t.recipient.public_key, t.signer.public_key};
  const std::string body = body_text(c);
  EXPECT_NE(body.find("\"trustee\":{\"label\":\"Works council — Betriebsrat\",\"recipient\":\"" +
                      encode_public_key(KeyKind::recipient, t.recipient.public_key) + "\",\"signer\":\"" +
                      encode_public_key(KeyKind::signing, t.signer.public_key) + "\"}"),
            std::string::npos)
      << body;
  auto back = verify_manifest(sign_manifest(c, k.signer).value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  ASSERT_TRUE(back->trustee.has_value());
  EXPECT_EQ(back->trustee->label, c.trustee->label);
  EXPECT_EQ(back->trustee->recipient, t.recipient.public_key);
  EXPECT_EQ(back->trustee->signer, t.signer.public_key);
  // Without a trustee the body has no "trustee" at all: direct mode.
  EXPECT_EQ(body_text(make_campaign(k)).find("trustee"), std::string::npos);
  EXPECT_FALSE(verify_manifest(sign_manifest(make_campaign(k), k.signer).value())->trustee.has_value());
}

TEST(ManifestTrustee, RulesAreEnforced) {
  const Keys k = make_keys();
  const TrusteeKeys t = trustee_keys();
  Campaign base = make_campaign(k);
  base.trustee = Trustee{"Works council", t.recipient.public_key, t.signer.public_key};
  ASSERT_TRUE(validate_campaign(base).ok());
  auto broken = [&](const char* what, const std::function<void(Trustee&)>& change) {
    Campaign c = base;
    change(*c.trustee);
    expect_code(validate_campaign(c), Errc::schema_failure, what);
    expect_code(sign_manifest(c, k.signer), Errc::schema_failure, std::string(what) + " (sign)");
  };
  broken("empty label", [](Trustee& tr) { tr.label.clear(); });
  broken("label of 61 characters", [](Trustee& tr) { tr.label = std::string(61, 'x'); });
  broken("label on two lines", [](Trustee& tr) { tr.label = "Works\ncouncil"; });
  broken("trustee reads feedback", [&](Trustee& tr) { tr.recipient = k.manager.public_key; });
  broken("trustee signs with the campaign's key", [&](Trustee& tr) { tr.signer = k.signer.public_key; });
  Campaign sixty = base;
  sixty.trustee->label = std::string(60, 'x');
  EXPECT_TRUE(validate_campaign(sixty).ok());
  // The trustee may also be the mediator, whatever mediation_to_feedback_readers says.
  Campaign mediating = base;
  mediating.mediation_to = {t.recipient.public_key};
  EXPECT_TRUE(validate_campaign(mediating).ok());
}

TEST(ManifestTrustee, MalformedTrusteeFieldsAreSchemaFailures) {
  const Keys k = make_keys();
  const TrusteeKeys t = trustee_keys();
  Campaign c = make_campaign(k);
  c.trustee = Trustee{"Works council", t.recipient.public_key, t.signer.public_key};
  const std::string body = body_text(c);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string b = body;
    b.replace(b.find(from), from.size(), to);
    return b;
  };
  const std::string recipient = encode_public_key(KeyKind::recipient, t.recipient.public_key);
  const std::string signer = encode_public_key(KeyKind::signing, t.signer.public_key);
  const std::pair<std::string, const char*> cases[] = {
      {with("\"label\":\"Works council\",", "\"label\":\"Works council\",\"phone\":\"1\","), "extra field"},
      {with("\"label\":\"Works council\",", ""), "no label"},
      {with("\"signer\":\"" + signer + "\"", "\"signer\":\"" + recipient + "\""), "recipient key as signer"},
      {with(recipient, ascii_lower(recipient).substr(0, 20) + "AAAA" + recipient.substr(24)), "damaged key"},
      {with("\"trustee\":{", "\"trustee\":[{") , "not an object"},
  };
  for (const auto& [text, what] : cases) {
    expect_code(verify_manifest(sign_raw(text, k.signer)), Errc::schema_failure, what);
  }
}

// --- mediator labels --------------------------------------------------------------------------

TEST(ManifestMediatorLabels, RoundTripSortedAndAbsentWhenNone) {
  const Keys k = make_keys();
  const TrusteeKeys t = trustee_keys();
  Campaign c = make_campaign(k);
  c.mediation_to = {k.mediator.public_key, t.recipient.public_key};
  c.mediator_labels = {"Ana Costa (HR)", ""};
  const std::string body = body_text(c);
  const std::string med = encode_public_key(KeyKind::recipient, k.mediator.public_key);
  EXPECT_NE(body.find(",\"mediator_labels\":{\"" + med + "\":\"Ana Costa (HR)\"},\"opens\""), std::string::npos) << body;
  auto back = verify_manifest(sign_manifest(c, k.signer).value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->mediator_labels, c.mediator_labels);
  EXPECT_EQ(mediator_label(*back, 0), "Ana Costa (HR)");
  EXPECT_EQ(mediator_label(*back, 1), "");
  EXPECT_EQ(mediator_label(*back, 7), "");
  // Two names: keys in sorted order whatever the order of mediation_to.
  c.mediator_labels = {"Zed", "Bo"};
  const std::string other = encode_public_key(KeyKind::recipient, t.recipient.public_key);
  const std::string two = body_text(c);
  const std::string& a = std::min(med, other);
  const std::string& b = std::max(med, other);
  const std::string& la = a == med ? c.mediator_labels[0] : c.mediator_labels[1];
  const std::string& lb = b == med ? c.mediator_labels[0] : c.mediator_labels[1];
  EXPECT_NE(two.find("\"mediator_labels\":{\"" + a + "\":\"" + la + "\",\"" + b + "\":\"" + lb + "\"}"), std::string::npos) << two;
  auto again = verify_manifest(sign_manifest(c, k.signer).value());
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(again->mediator_labels, c.mediator_labels);
  // No names at all, whether the vector is empty or holds only "": no field.
  c.mediator_labels = {"", ""};
  EXPECT_EQ(body_text(c).find("mediator_labels"), std::string::npos);
  c.mediator_labels.clear();
  EXPECT_EQ(body_text(c).find("mediator_labels"), std::string::npos);
}

TEST(ManifestMediatorLabels, RulesAreEnforced) {
  const Keys k = make_keys();
  Campaign base = make_campaign(k);
  base.mediator_labels = {std::string(60, 'x')};
  ASSERT_TRUE(validate_campaign(base).ok());
  auto broken = [&](const char* what, std::vector<std::string> labels) {
    Campaign c = base;
    c.mediator_labels = std::move(labels);
    expect_code(validate_campaign(c), Errc::schema_failure, what);
    expect_code(sign_manifest(c, k.signer), Errc::schema_failure, std::string(what) + " (sign)");
  };
  broken("label of 61 characters", {std::string(61, 'x')});
  broken("label on two lines", {"Ana\nCosta"});
  broken("more labels than mediators", {"Ana", "Bo"});
}

std::string upper_case(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

TEST(ManifestMediatorLabels, MalformedFieldsAreSchemaFailures) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const std::string body = body_text(c);
  auto with = [&](const std::string& labels) {
    std::string b = body;
    b.insert(b.find(",\"opens\":") + 1, "\"mediator_labels\":" + labels + ",");
    return b;
  };
  const std::string med = encode_public_key(KeyKind::recipient, k.mediator.public_key);
  const std::string manager = encode_public_key(KeyKind::recipient, k.manager.public_key);
  // The well-formed one passes, so each failure below is the change alone.
  ASSERT_TRUE(verify_manifest(sign_raw(with("{\"" + med + "\":\"Ana\"}"), k.signer)).ok());
  const std::pair<std::string, const char*> cases[] = {
      {with("{}"), "empty object"},
      {with("{\"" + manager + "\":\"Ana\"}"), "key not in mediation_to"},
      {with("{\"" + med + "\":\"" + std::string(61, 'm') + "\"}"), "61 characters"},
      {with("{\"" + med + "\":\"\"}"), "empty label"},
      {with("{\"" + med + "\":7}"), "label not text"},
      {with("{\"" + med.substr(0, 10) + upper_case(med.substr(10)) + "\":\"Ana\"}"), "key not canonical"},
      {with("{\"nonsense\":\"Ana\"}"), "not a key"},
      {with("[\"Ana\"]"), "not an object"},
  };
  for (const auto& [text, what] : cases) {
    expect_code(verify_manifest(sign_raw(text, k.signer)), Errc::schema_failure, what);
  }
}

// --- links --------------------------------------------------------------------------------------

std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

TEST(Links, PersonalLinksCarryTheCodeInTheFragment) {
  const std::string code = "abcdefghijklmnopqrstuvwxya";  // base32 of 16 bytes: the last 2 bits are zero
  const std::string link = campaign_link("https://parley.example/app/", "BODY.SIG");
  const std::string personal = personal_link(link, code);
  EXPECT_EQ(personal, "https://parley.example/app/#c=BODY.SIG&i=" + code);
  auto parts = split_link(personal);
  ASSERT_TRUE(parts.ok()) << parts.error().detail;
  EXPECT_EQ(parts->token, "BODY.SIG");
  EXPECT_EQ(parts->invite, code);
  // The campaign's token is found in a personal link by every existing reader.
  EXPECT_EQ(token_from_link(personal).value(), "BODY.SIG");
  // A plain link has no code; a personal link of a personal link replaces the code.
  EXPECT_EQ(split_link(link).value().invite, "");
  EXPECT_EQ(personal_link(personal, "bbbbbbbbbbbbbbbbbbbbbbbbbb"), "https://parley.example/app/#c=BODY.SIG&i=bbbbbbbbbbbbbbbbbbbbbbbbbb");
  // Typed in upper case, read in lower; surrounding blanks are ignored.
  EXPECT_EQ(split_link("  " + link + "&i=" + upper(code) + "\n").value().invite, code);
  // A bare token with a code.
  EXPECT_EQ(split_link("BODY.SIG&i=" + code).value().token, "BODY.SIG");
}

TEST(Links, DamagedCodesAreRefused) {
  const std::string link = campaign_link("https://parley.example/app/", "BODY.SIG");
  for (const std::string& code : {std::string(""), std::string(25, 'a'), std::string(27, 'a'), std::string("abcdefghijklmnopqrstuvwxy1"),
                                  std::string("abcdefghijklmnopqrstuvwxy7") /* non-zero trailing bits */}) {
    expect_code(split_link(link + "&i=" + code), Errc::bad_input, "code \"" + code + "\"");
    expect_code(token_from_link(link + "&i=" + code), Errc::bad_input, "token of code \"" + code + "\"");
  }
  expect_code(split_link("&i=abcdefghijklmnopqrstuvwxya"), Errc::bad_input, "no token");
}

TEST(Phase, ResultsOpenOnlyAfterTheClose) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);  // 2026-03-01 to 2026-03-31
  EXPECT_FALSE(results_may_open(c, "2026-02-28"));
  EXPECT_FALSE(results_may_open(c, "2026-03-15"));
  EXPECT_FALSE(results_may_open(c, "2026-03-31"));
  EXPECT_TRUE(results_may_open(c, "2026-04-01"));
  EXPECT_FALSE(results_may_open(c, "not a day"));
}

}  // namespace
}  // namespace parley
