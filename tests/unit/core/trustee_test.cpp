// Trustee campaigns' two layers (core/trustee.h): the outer envelope the trustee opens, and the
// inner one only the readers open.
#include "core/trustee.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/envelope.h"
#include "core/json_read.h"
#include "core/utc_time.h"
#include "support/trustee_campaigns.h"

namespace parley {
namespace {

using testing::feedback_with_mood;
using testing::kSentInWindow;
using testing::seeded;
using testing::short_request;
using testing::text;
using testing::trustee_campaign;
using testing::TrusteeCampaign;

constexpr const char* kCode = "abcdefghijklmnopqrstuvwxya";

std::string ascii_upper(std::string s) {
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return s;
}

template <typename T>
void expect_code(const Result<T>& r, Errc code, const std::string& what) {
  ASSERT_FALSE(r.ok()) << what << ": accepted";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

TEST(Trustee, BothLayersOpenForTheirOwnReadersOnly) {
  const TrusteeCampaign t = trustee_campaign();
  SeededRng rng = seeded(1);
  const Bytes outer = seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, 4), kCode, kSentInWindow, rng).value();
  EXPECT_EQ(outer[7], 1) << "one stanza: the trustee's";
  auto o = open_outer(t.trustee, outer, t.campaign);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  EXPECT_EQ(o->campaign, t.campaign.id);
  EXPECT_EQ(o->manifest, t.campaign.manifest_hash);
  EXPECT_EQ(o->kind, SubmissionKind::feedback);
  ASSERT_TRUE(o->invite.has_value());
  EXPECT_EQ(o->invite->type, "code");
  EXPECT_EQ(o->invite->code, kCode);
  EXPECT_EQ(o->sent, "2026-11-20T09:15:00Z");
  // The inner envelope is the readers' own: the manager opens it, the trustee cannot.
  auto inner = open_submission(t.manager, o->inner, t.campaign);
  ASSERT_TRUE(inner.ok()) << inner.error().detail;
  EXPECT_EQ(inner->answers.at("mood").number, 4);
  expect_code(open_submission(t.trustee, o->inner, t.campaign), Errc::not_for_this_key, "trustee on the inner envelope");
  // And the outer one is the trustee's alone.
  expect_code(open_submission(t.manager, outer, t.campaign), Errc::not_for_this_key, "manager on the outer envelope");
  expect_code(open_outer(t.manager, outer, t.campaign), Errc::not_for_this_key, "manager as trustee");
}

TEST(Trustee, MediationGoesToTheMediatorsInside) {
  const TrusteeCampaign t = trustee_campaign();
  SeededRng rng = seeded(2);
  const Bytes outer = seal_via_trustee(t.campaign, short_request(t.campaign), kCode, kSentInWindow, rng).value();
  const OuterContents o = open_outer(t.trustee, outer, t.campaign).value();
  EXPECT_EQ(o.kind, SubmissionKind::mediation);
  auto request = open_submission(t.mediator, o.inner, t.campaign);
  ASSERT_TRUE(request.ok()) << request.error().detail;
  EXPECT_EQ(request->request.what, "Please help.");
  expect_code(open_submission(t.manager, o.inner, t.campaign), Errc::not_for_this_key, "manager on a request");
}

TEST(Trustee, FeedbackAndMediationLookTheSame) {
  // Storage sees one stanza and a bucket set by the inner envelope's bucket alone, whatever the
  // kind and however many readers each list has.
  TrusteeCampaign t = trustee_campaign();
  Campaign c = t.campaign;
  c.manifest_hash = {};
  SeededRng keys = seeded(3);
  c.mediation_to.push_back(generate_recipient_key(keys).value().public_key);
  c.mediation_to.push_back(generate_recipient_key(keys).value().public_key);
  SeededRng rng = seeded(4);
  const Bytes feedback = seal_via_trustee(c, feedback_with_mood(c, 1), kCode, kSentInWindow, rng).value();
  const Bytes request = seal_via_trustee(c, short_request(c, "x"), kCode, kSentInWindow, rng).value();
  EXPECT_EQ(feedback.size(), request.size());
  EXPECT_EQ(feedback.size(), 8u + 80 + 24 + 4096 + 16);
  EXPECT_EQ(feedback[7], request[7]);
  // Long answers and long requests: the same again, one bucket up.
  Submission long_feedback = feedback_with_mood(c, 1);
  long_feedback.answers["comment"] = text(std::string(3500, 'a'));
  Submission long_request = short_request(c, std::string(3500, 'b'));
  const Bytes lf = seal_via_trustee(c, long_feedback, kCode, kSentInWindow, rng).value();
  const Bytes lr = seal_via_trustee(c, long_request, kCode, kSentInWindow, rng).value();
  EXPECT_EQ(lf.size(), lr.size());
  EXPECT_EQ(lf.size(), 8u + 80 + 24 + 16384 + 16);
}

TEST(Trustee, TheLargestSubmissionFitsAnOuterEnvelope) {
  TrusteeCampaign t = trustee_campaign();
  Campaign c = t.campaign;
  c.manifest_hash = {};
  c.questions.clear();
  Submission s;
  s.campaign = c.id;
  // Contents just under 64 KiB: the inner envelope takes the 65536 bucket, the outer the largest.
  for (int i = 0; i < 16; ++i) {
    c.questions.push_back({"q" + std::to_string(i), QuestionType::free_text, "Why?", false, {}});
    s.answers["q" + std::to_string(i)] = text(std::string(4000, 'x'));
  }
  SeededRng rng = seeded(5);
  auto outer = seal_via_trustee(c, s, kCode, kSentInWindow, rng);
  ASSERT_TRUE(outer.ok()) << outer.error().detail;
  EXPECT_EQ(outer->size(), 8u + 80 + 24 + 131072 + 16);
  auto o = open_outer(t.trustee, *outer, c);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  EXPECT_EQ(envelope_shape(o->inner).value().bucket, 65536u);
}

TEST(Trustee, SealingRefusesWhatCannotBeReleased) {
  const TrusteeCampaign t = trustee_campaign();
  SeededRng rng = seeded(6);
  const Submission s = feedback_with_mood(t.campaign, 3);
  // Straight to the readers would bypass the trustee: refused.
  expect_code(seal_submission(t.campaign, s, rng), Errc::bad_input, "seal_submission on a trustee campaign");
  expect_code(seal_via_trustee(t.campaign, s, "", kSentInWindow, rng), Errc::bad_input, "no code");
  expect_code(seal_via_trustee(t.campaign, s, "abc", kSentInWindow, rng), Errc::bad_input, "short code");
  expect_code(seal_via_trustee(t.campaign, s, "ABCDEFGHIJKLMNOPQRSTUVWXYA", kSentInWindow, rng), Errc::bad_input,
              "upper case (links are lower-cased when read)");
  expect_code(seal_via_trustee(t.campaign, s, kCode, -1'000'000'000'000, rng), Errc::bad_input, "a clock far off");
  expect_code(seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, 9), kCode, kSentInWindow, rng), Errc::schema_failure,
              "an answer that does not fit");
  const testing::SignedCampaign direct = testing::signed_campaign();
  expect_code(seal_via_trustee(direct.campaign, feedback_with_mood(direct.campaign, 3), kCode, kSentInWindow, rng), Errc::bad_input,
              "a direct campaign");
}

TEST(Trustee, TheTrusteeMayAlsoBeTheMediator) {
  TrusteeCampaign t = trustee_campaign();
  Campaign c = t.campaign;
  c.manifest_hash = {};
  c.mediation_to = {t.trustee.public_key};
  ASSERT_TRUE(validate_campaign(c).ok());
  SeededRng rng = seeded(7);
  const Bytes outer = seal_via_trustee(c, short_request(c), kCode, kSentInWindow, rng).value();
  const OuterContents o = open_outer(t.trustee, outer, c).value();
  EXPECT_TRUE(open_submission(t.trustee, o.inner, c).ok());
}

TEST(Trustee, CheckTrusteeKeys) {
  const TrusteeCampaign t = trustee_campaign();
  EXPECT_TRUE(check_trustee_keys(t.campaign, t.trustee_keys()).ok());
  KeySet no_signer = t.trustee_keys();
  no_signer.signer.reset();
  expect_code(check_trustee_keys(t.campaign, no_signer), Errc::bad_key, "no signing key");
  KeySet manager{KeyRole::manager, "", t.manager, t.signer};
  expect_code(check_trustee_keys(t.campaign, manager), Errc::bad_key, "the manager's keys");
  KeySet half = t.trustee_keys();
  half.signer = t.signer;
  expect_code(check_trustee_keys(t.campaign, half), Errc::bad_key, "the trustee's recipient with another signer");
  expect_code(check_trustee_keys(testing::signed_campaign().campaign, t.trustee_keys()), Errc::bad_input, "a direct campaign");
}

// --- decode_outer -------------------------------------------------------------------------------

class DecodeOuter : public ::testing::Test {
 protected:
  void SetUp() override {
    SeededRng rng = seeded(8);
    const Bytes outer = seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, 2), kCode, kSentInWindow, rng).value();
    good = parse_json(to_string(open_envelope(t.trustee, outer).value()), "outer").value();
  }
  Result<OuterContents> decode(const json& j) { return decode_outer(to_bytes(dump_canonical(j)), t.campaign); }

  TrusteeCampaign t = trustee_campaign();
  json good;
};

TEST_F(DecodeOuter, TheCanonicalFormIsAccepted) {
  auto o = decode(good);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  EXPECT_EQ(dump_canonical(parse_json(to_string(encode_outer(*o).value()), "again").value()), dump_canonical(good));
}

TEST_F(DecodeOuter, AnInvitationIsOptionalAndOfAnyType) {
  json none = good;
  none.erase("invite");
  auto o = decode(none);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  EXPECT_FALSE(o->invite.has_value());
  json voprf = good;
  voprf["invite"] = {{"type", "voprf"}, {"token", "AAAA"}, {"evaluation", "BBBB"}};
  auto v = decode(voprf);
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_EQ(v->invite->type, "voprf");
}

TEST_F(DecodeOuter, RefusesEachBrokenRule) {
  struct Case {
    const char* what;
    Errc code;
    std::function<void(json&)> change;
  };
  SeededRng rng = seeded(9);
  const Bytes two_stanzas = seal_envelope({t.manager.public_key}, to_bytes("x"), rng, 2).value();
  const Bytes v1_inner = [&] {
    Bytes e = seal_envelope({t.manager.public_key}, to_bytes("x"), rng).value();
    e[6] = 1;
    return e;
  }();
  const std::vector<Case> cases = {
      {"version 1", Errc::version_unsupported, [](json& j) { j["v"] = 1; }},
      {"no version", Errc::schema_failure, [](json& j) { j.erase("v"); }},
      {"extra field", Errc::schema_failure, [](json& j) { j["name"] = "Alice"; }},
      {"no inner", Errc::schema_failure, [](json& j) { j.erase("inner"); }},
      {"inner not base64url", Errc::schema_failure, [](json& j) { j["inner"] = "a+b/"; }},
      {"inner not an envelope", Errc::schema_failure, [](json& j) { j["inner"] = base64url_encode(to_bytes("hello")); }},
      {"inner of version 1", Errc::schema_failure, [&](json& j) { j["inner"] = base64url_encode(v1_inner); }},
      {"inner with too many stanzas", Errc::schema_failure, [&](json& j) { j["inner"] = base64url_encode(two_stanzas); }},
      {"inner too large", Errc::schema_failure, [](json& j) { j["inner"] = std::string(90'000, 'A'); }},
      {"kind reply", Errc::schema_failure, [](json& j) { j["kind"] = "reply"; }},
      {"sent without Z", Errc::schema_failure, [](json& j) { j["sent"] = "2026-11-20T09:15:00"; }},
      {"sent on a day that does not exist", Errc::schema_failure, [](json& j) { j["sent"] = "2026-02-30T09:15:00Z"; }},
      {"manifest upper case", Errc::schema_failure,
       [](json& j) { j["manifest"] = ascii_upper(j["manifest"].get<std::string>()); }},
      {"code of 25 characters", Errc::schema_failure, [](json& j) { j["invite"]["code"] = std::string(25, 'a'); }},
      {"code with an extra field", Errc::schema_failure, [](json& j) { j["invite"]["name"] = "Alice"; }},
      {"invite without type", Errc::schema_failure, [](json& j) { j["invite"].erase("type"); }},
      {"invite not an object", Errc::schema_failure, [](json& j) { j["invite"] = kCode; }},
      {"another campaign", Errc::wrong_campaign, [](json& j) { j["campaign"] = "aaaaaaaaaaaaaaaaaaaaaaaaaa"; }},
      {"another manifest", Errc::wrong_manifest, [](json& j) { j["manifest"] = std::string(64, '0'); }},
  };
  for (const auto& c : cases) {
    json j = good;
    c.change(j);
    expect_code(decode(j), c.code, c.what);
  }
  expect_code(decode_outer(to_bytes("not json"), t.campaign), Errc::schema_failure, "not JSON");
}

TEST_F(DecodeOuter, MediationNeedsMediators) {
  Campaign c = t.campaign;
  c.manifest_hash = {};
  c.mediation_to.clear();
  json j = good;
  j["kind"] = "mediation";
  j["manifest"] = hex_encode(Bytes(manifest_hash(c)->begin(), manifest_hash(c)->end()));
  expect_code(decode_outer(to_bytes(dump_canonical(j)), c), Errc::schema_failure, "no mediators");
}

}  // namespace
}  // namespace parley
