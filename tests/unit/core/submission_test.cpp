#include "core/submission.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <functional>
#include <string>
#include <vector>

#include "core/envelope.h"
#include "support/campaigns.h"

namespace parley {
namespace {

using testing::choices;
using testing::num;
using testing::seeded;
using testing::text;

// The sample campaign's people, and a mediator it does not name.
struct Keys : testing::CampaignKeys {
  RecipientKeyPair second_mediator;
};

Keys make_keys() {
  SeededRng rng = seeded(1);
  return {testing::campaign_keys(), generate_recipient_key(rng).value()};
}

// The sample campaign, open in March 2026 (the requests below are written on 2026-03-10).
Campaign make_campaign(const Keys& k) {
  Campaign c = testing::sample_campaign(k, "2026-03-01", "2026-03-31");
  EXPECT_TRUE(validate_campaign(c).ok());
  return c;
}

Submission full_feedback(const Campaign& c) {
  Submission s;
  s.kind = SubmissionKind::feedback;
  s.campaign = c.id;
  s.answers = {
      {"mood", num(4)},
      {"recommend", num(9)},
      {"focus", num(2)},
      {"topics", choices({0, 2, 3})},
      {"comment", text("Thanks for the new laptops.\nMore focus time, please.")},
      {"blockers", text("Too many meetings \xf0\x9f\x98\x80\tand \"quotes\"")},
  };
  return s;
}

Submission mediation(const Campaign& c) {
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = c.id;
  s.day = "2026-03-10";
  s.request.what = "A recurring conflict in planning meetings.\nIt has gone on for months.";
  s.request.who = "Two people on the platform team";
  s.request.outcome = "A facilitated conversation";
  s.request.urgency = "urgent";
  s.request.contact = "Ask me in the Thursday 1:1";
  return s;
}

void expect_same_answer(const Answer& a, const Answer& b, const std::string& id) {
  EXPECT_EQ(a.is_text, b.is_text) << id;
  EXPECT_EQ(a.number, b.number) << id;
  EXPECT_EQ(a.choices, b.choices) << id;
  EXPECT_EQ(a.text, b.text) << id;
}

void expect_same_answers(const std::map<std::string, Answer>& a, const std::map<std::string, Answer>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [id, answer] : a) {
    const auto it = b.find(id);
    ASSERT_NE(it, b.end()) << id;
    expect_same_answer(answer, it->second, id);
  }
}

void expect_same_request(const MediationRequest& a, const MediationRequest& b) {
  EXPECT_EQ(a.what, b.what);
  EXPECT_EQ(a.who, b.who);
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.urgency, b.urgency);
  EXPECT_EQ(a.contact, b.contact);
}

template <typename T>
void expect_code(const Result<T>& r, Errc code, const std::string& what) {
  ASSERT_FALSE(r.ok()) << what << ": accepted";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

// Contents are read against a campaign's id and manifest hash only.
Campaign bound_to(const std::string& id, std::uint8_t hash_byte = 0x11) {
  Campaign c;
  c.id = id;
  c.manifest_hash.fill(hash_byte);
  return c;
}

// The manifest field of contents bound to bound_to(id).
const std::string kM = "\"manifest\":\"" + std::string(64, '1') + "\",";

Result<Submission> decode(const std::string& json_text, const std::string& campaign, std::uint8_t hash_byte = 0x11) {
  return decode_submission(to_bytes(json_text), bound_to(campaign, hash_byte));
}

TEST(Submission, FeedbackWithEveryQuestionTypeRoundTrips) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const Submission s = full_feedback(c);
  ASSERT_TRUE(validate_submission(c, s).ok());
  SeededRng rng = seeded(3);
  auto sealed = seal_submission(c, s, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto opened = open_submission(k.manager, sealed.value(), c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->kind, SubmissionKind::feedback);
  EXPECT_EQ(opened->campaign, c.id);
  EXPECT_TRUE(opened->day.empty());
  expect_same_answers(opened->answers, s.answers);
}

TEST(Submission, OnlyRequiredAnswersIsEnough) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission s;
  s.campaign = c.id;
  s.answers = {{"mood", num(1)}, {"recommend", num(0)}};
  SeededRng rng = seeded(4);
  auto sealed = seal_submission(c, s, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto opened = open_submission(k.manager, sealed.value(), c);
  ASSERT_TRUE(opened.ok());
  expect_same_answers(opened->answers, s.answers);
}

TEST(Submission, FeedbackIsNotForTheMediator) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng rng = seeded(5);
  auto sealed = seal_submission(c, full_feedback(c), rng);
  ASSERT_TRUE(sealed.ok());
  expect_code(open_submission(k.mediator, sealed.value(), c), Errc::not_for_this_key, "mediator");
  // One feedback reader, one mediator: one stanza.
  EXPECT_EQ(sealed->at(7), 1);
}

TEST(Submission, MediationIsSealedToMediatorsOnly) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.mediation_to = {k.mediator.public_key, k.second_mediator.public_key};
  const Submission s = mediation(c);
  SeededRng rng = seeded(6);
  auto sealed = seal_submission(c, s, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  EXPECT_EQ(sealed->at(7), 2);
  expect_code(open_submission(k.manager, sealed.value(), c), Errc::not_for_this_key, "manager");
  for (const RecipientKeyPair* m : {&k.mediator, &k.second_mediator}) {
    auto opened = open_submission(*m, sealed.value(), c);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    EXPECT_EQ(opened->kind, SubmissionKind::mediation);
    EXPECT_EQ(opened->campaign, c.id);
    EXPECT_EQ(opened->day, s.day);
    EXPECT_TRUE(opened->answers.empty());
    expect_same_request(opened->request, s.request);
  }
}

TEST(Submission, MediationWithOptionalFieldsEmpty) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission s = mediation(c);
  s.request.who.clear();
  s.request.outcome.clear();
  s.request.contact.clear();
  s.request.urgency = "low";
  SeededRng rng = seeded(7);
  auto sealed = seal_submission(c, s, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto opened = open_submission(k.mediator, sealed.value(), c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  expect_same_request(opened->request, s.request);
}

TEST(Submission, OpeningForAnotherCampaignIsWrongCampaign) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng rng = seeded(8);
  auto sealed = seal_submission(c, full_feedback(c), rng);
  ASSERT_TRUE(sealed.ok());
  SeededRng other = seeded(9);
  const std::string other_id = new_campaign_id(other);
  ASSERT_NE(other_id, c.id);
  expect_code(open_submission(k.manager, sealed.value(), bound_to(other_id)), Errc::wrong_campaign, "other campaign");
  expect_code(open_submission(k.manager, sealed.value(), bound_to("")), Errc::wrong_campaign, "empty campaign");
}

TEST(Submission, EnvelopeErrorsPassThrough) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng rng = seeded(10);
  Bytes sealed = seal_submission(c, full_feedback(c), rng).value();
  sealed.back() ^= 1;
  expect_code(open_submission(k.manager, sealed, c), Errc::payload_failure, "flipped tag bit");
  expect_code(open_submission(k.manager, to_bytes("PARLEZ"), c), Errc::header_failure, "garbage");
}

TEST(Submission, SealingIsDeterministicForASeed) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng a = seeded(11), b = seeded(11), d = seeded(12);
  const Bytes x = seal_submission(c, full_feedback(c), a).value();
  EXPECT_EQ(x, seal_submission(c, full_feedback(c), b).value());
  EXPECT_NE(x, seal_submission(c, full_feedback(c), d).value());
}

TEST(Submission, EncodingIsCanonicalJson) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission s;
  s.campaign = c.id;
  s.manifest.fill(0x11);
  s.answers = {{"topics", choices({0, 2})}, {"mood", num(4)}, {"comment", text("a\nb")}};
  auto feedback = encode_submission(s);
  ASSERT_TRUE(feedback.ok());
  EXPECT_EQ(to_string(feedback.value()), "{\"answers\":{\"comment\":\"a\\nb\",\"mood\":4,\"topics\":[0,2]},\"campaign\":\"" +
                                             c.id + "\",\"kind\":\"feedback\"," + kM + "\"v\":2}");

  Submission m;
  m.kind = SubmissionKind::mediation;
  m.campaign = c.id;
  m.manifest.fill(0x11);
  m.day = "2026-03-10";
  m.request.what = "x";
  auto med = encode_submission(m);
  ASSERT_TRUE(med.ok());
  EXPECT_EQ(to_string(med.value()),
            "{\"campaign\":\"" + c.id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\"," + kM +
                "\"request\":{\"contact\":\"\",\"outcome\":\"\",\"urgency\":\"normal\",\"what\":\"x\",\"who\":\"\"},\"v\":2}");
  // Unbound contents are never written: a reader could not tell which manifest they answer.
  m.manifest = ManifestHash{};
  expect_code(encode_submission(m), Errc::schema_failure, "no manifest");
}

TEST(Submission, ContentsBindTheManifestBody) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng rng = seeded(14);
  const Bytes sealed = seal_submission(c, full_feedback(c), rng).value();
  auto opened = open_submission(k.manager, sealed, c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->manifest, manifest_hash(c).value());
  EXPECT_EQ(opened->manifest, hash_manifest_body(canonical_body(c).value()));
  // The attack: the signer re-signs the campaign under the same id with k lowered and options
  // swapped. Envelopes sent for the first body are refused under the second.
  Campaign resigned = c;
  resigned.k = 3;
  std::swap(resigned.questions[2].options[0], resigned.questions[2].options[1]);
  expect_code(open_submission(k.manager, sealed, resigned), Errc::wrong_manifest, "re-signed manifest");
  // Through a real signature and verification too (the hash then comes from the signed bytes).
  const Campaign verified = verify_manifest(sign_manifest(resigned, k.signer).value()).value();
  EXPECT_NE(verified.manifest_hash, ManifestHash{});
  expect_code(open_submission(k.manager, sealed, verified), Errc::wrong_manifest, "verified re-signed manifest");
  const Campaign original = verify_manifest(sign_manifest(c, k.signer).value()).value();
  EXPECT_TRUE(open_submission(k.manager, sealed, original).ok());
}

TEST(Submission, BothKindsCarryAsManyStanzas) {
  // Feedback readers and mediators are lists of different lengths: decoy stanzas make both
  // kinds of envelope equally long, so the storage cannot tell a mediation request exists.
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.mediation_to.push_back(k.second_mediator.public_key);
  ASSERT_EQ(submission_stanzas(c), 2u);
  SeededRng rng = seeded(15);
  Submission f;
  f.campaign = c.id;
  f.answers = {{"mood", num(1)}, {"recommend", num(0)}};
  Submission m = mediation(c);
  m.request.what = "x";
  m.request.who = m.request.outcome = m.request.contact = "";
  const Bytes fe = seal_submission(c, f, rng).value();
  const Bytes me = seal_submission(c, m, rng).value();
  EXPECT_EQ(fe.size(), me.size());
  EXPECT_EQ(fe[7], 2);
  EXPECT_EQ(me[7], 2);
  EXPECT_TRUE(open_submission(k.manager, fe, c).ok());
  EXPECT_TRUE(open_submission(k.second_mediator, me, c).ok());
  expect_code(open_submission(k.mediator, fe, c), Errc::not_for_this_key, "decoy does not open for the mediator");
}

TEST(Submission, ContentsOverTheLimitAreRefused) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  // 50 text questions of 4000 three-byte characters: far over 64 KiB of contents.
  c.questions.clear();
  Submission s;
  s.campaign = c.id;
  for (int i = 0; i < 20; ++i) {
    c.questions.push_back({"q" + std::to_string(i), QuestionType::free_text, "Why?", false, {}});
    std::string t;
    for (int j = 0; j < 4000; ++j) t += "\xe2\x82\xac";
    s.answers["q" + std::to_string(i)] = text(t);
  }
  SeededRng rng = seeded(16);
  expect_code(seal_submission(c, s, rng), Errc::too_large, "contents over 64 KiB");
  expect_code(decode_submission(Bytes(kMaxContentsBytes + 1, ' '), c), Errc::schema_failure, "reader limit");
}

TEST(Submission, MaximalFreeTextFitsAnEnvelope) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  Submission s = full_feedback(c);
  std::string longest;
  for (std::size_t i = 0; i < kMaxFreeTextChars; ++i) longest += "\xc3\xa9";  // 4000 characters, 8000 bytes
  s.answers["comment"] = text(longest);
  SeededRng rng = seeded(13);
  auto sealed = seal_submission(c, s, rng);
  ASSERT_TRUE(sealed.ok()) << sealed.error().detail;
  auto opened = open_submission(k.manager, sealed.value(), c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->answers.at("comment").text, longest);
}

struct Broken {
  const char* what;
  std::function<void(Submission&)> apply;
};

TEST(ValidateSubmission, RefusesAnswersThatDoNotFit) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const std::vector<Broken> cases = {
      {"missing required likert", [](Submission& s) { s.answers.erase("mood"); }},
      {"missing required enps", [](Submission& s) { s.answers.erase("recommend"); }},
      {"no answers at all", [](Submission& s) { s.answers.clear(); }},
      {"likert 0", [](Submission& s) { s.answers["mood"] = num(0); }},
      {"likert 6", [](Submission& s) { s.answers["mood"] = num(6); }},
      {"likert -1", [](Submission& s) { s.answers["mood"] = num(-1); }},
      {"likert as text", [](Submission& s) { s.answers["mood"] = text("4"); }},
      {"likert as a list", [](Submission& s) { s.answers["mood"] = choices({3}); }},
      {"likert without a value", [](Submission& s) { s.answers["mood"] = Answer{}; }},
      {"enps 11", [](Submission& s) { s.answers["recommend"] = num(11); }},
      {"enps -1", [](Submission& s) { s.answers["recommend"] = num(-1); }},
      {"single index == options.size()", [](Submission& s) { s.answers["focus"] = num(3); }},
      {"single index far out", [](Submission& s) { s.answers["focus"] = num(100); }},
      {"single as a list", [](Submission& s) { s.answers["focus"] = choices({1}); }},
      {"single as text", [](Submission& s) { s.answers["focus"] = text("Tooling"); }},
      {"multi unsorted", [](Submission& s) { s.answers["topics"] = choices({2, 0}); }},
      {"multi duplicate", [](Submission& s) { s.answers["topics"] = choices({1, 1}); }},
      {"multi empty", [](Submission& s) { s.answers["topics"] = choices({}); }},
      {"multi index == options.size()", [](Submission& s) { s.answers["topics"] = choices({0, 4}); }},
      {"multi as a number", [](Submission& s) { s.answers["topics"] = num(1); }},
      {"multi as text", [](Submission& s) { s.answers["topics"] = text("Pay"); }},
      {"text answer to a number question", [](Submission& s) { s.answers["recommend"] = text("nine"); }},
      {"number answer to a text question", [](Submission& s) { s.answers["comment"] = num(3); }},
      {"empty text", [](Submission& s) { s.answers["comment"] = text(""); }},
      {"text of 4001 characters", [](Submission& s) { s.answers["comment"] = text(std::string(4001, 'x')); }},
      {"text with a control character", [](Submission& s) { s.answers["comment"] = text("bell\a"); }},
      {"text with invalid UTF-8", [](Submission& s) { s.answers["blockers"] = text("bad \xed\xa0\x80"); }},
      {"blockers as a number", [](Submission& s) { s.answers["blockers"] = num(1); }},
      {"unknown question id", [](Submission& s) { s.answers["salary"] = num(3); }},
      {"unknown question id, text", [](Submission& s) { s.answers["Mood"] = text("hi"); }},
  };
  for (const auto& b : cases) {
    Submission s = full_feedback(c);
    b.apply(s);
    expect_code(validate_submission(c, s), Errc::schema_failure, b.what);
    SeededRng rng = seeded(20);
    expect_code(seal_submission(c, s, rng), Errc::schema_failure, std::string(b.what) + " (seal)");
  }
}

TEST(ValidateSubmission, AcceptsTheBoundaries) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const std::vector<Broken> cases = {
      {"likert 1", [](Submission& s) { s.answers["mood"] = num(1); }},
      {"likert 5", [](Submission& s) { s.answers["mood"] = num(5); }},
      {"enps 0", [](Submission& s) { s.answers["recommend"] = num(0); }},
      {"enps 10", [](Submission& s) { s.answers["recommend"] = num(10); }},
      {"single first", [](Submission& s) { s.answers["focus"] = num(0); }},
      {"multi all", [](Submission& s) { s.answers["topics"] = choices({0, 1, 2, 3}); }},
      {"multi last only", [](Submission& s) { s.answers["topics"] = choices({3}); }},
      {"text of 4000 characters", [](Submission& s) { s.answers["comment"] = text(std::string(4000, 'x')); }},
      {"optional answers left out",
       [](Submission& s) {
         s.answers.erase("focus");
         s.answers.erase("topics");
         s.answers.erase("comment");
         s.answers.erase("blockers");
       }},
  };
  for (const auto& b : cases) {
    Submission s = full_feedback(c);
    b.apply(s);
    const Status ok = validate_submission(c, s);
    EXPECT_TRUE(ok.ok()) << b.what << ": " << ok.error().detail;
  }
}

TEST(ValidateSubmission, RefusesNegativeChoiceIndices) {
  // BUG CHECK: "single" and "multi" answers are indices into options, and decode_submission
  // refuses negative numbers, but validate_submission only checks the upper bound. A negative
  // index passes validation and seals into an envelope that no reader can open.
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission single = full_feedback(c);
  single.answers["focus"] = num(-1);
  expect_code(validate_submission(c, single), Errc::schema_failure, "single -1");
  Submission multi = full_feedback(c);
  multi.answers["topics"] = choices({-1, 0});
  expect_code(validate_submission(c, multi), Errc::schema_failure, "multi {-1, 0}");
}

TEST(ValidateSubmission, RefusesAnswersWithTwoShapes) {
  // BUG CHECK: an Answer with is_text set is encoded as its text (answer_to_json checks is_text
  // first), but the likert/enps/single checks only look at `number`. Such an answer passes
  // validation and is sealed as a string answer to a number question.
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission s = full_feedback(c);
  Answer both = num(4);
  both.is_text = true;
  both.text = "four";
  s.answers["mood"] = both;
  expect_code(validate_submission(c, s), Errc::schema_failure, "likert with number and text");
}

TEST(ValidateSubmission, RefusesAnotherCampaign) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  Submission s = full_feedback(c);
  s.campaign = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  expect_code(validate_submission(c, s), Errc::wrong_campaign, "feedback");
  Submission m = mediation(c);
  m.campaign.clear();
  expect_code(validate_submission(c, m), Errc::wrong_campaign, "mediation");
}

TEST(ValidateSubmission, RefusesBrokenMediationRequests) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  const std::vector<Broken> cases = {
      {"empty what", [](Submission& s) { s.request.what.clear(); }},
      {"what of 4001 characters", [](Submission& s) { s.request.what = std::string(4001, 'w'); }},
      {"who of 501 characters", [](Submission& s) { s.request.who = std::string(501, 'w'); }},
      {"outcome of 2001 characters", [](Submission& s) { s.request.outcome = std::string(2001, 'o'); }},
      {"contact of 301 characters", [](Submission& s) { s.request.contact = std::string(301, 'c'); }},
      {"urgency asap", [](Submission& s) { s.request.urgency = "asap"; }},
      {"urgency Urgent", [](Submission& s) { s.request.urgency = "Urgent"; }},
      {"empty urgency", [](Submission& s) { s.request.urgency.clear(); }},
      {"control character in who", [](Submission& s) { s.request.who = "a\x1b[31m"; }},
      {"no day", [](Submission& s) { s.day.clear(); }},
      {"invalid day", [](Submission& s) { s.day = "2026-02-30"; }},
      {"day with time", [](Submission& s) { s.day = "2026-03-10T12:00"; }},
  };
  for (const auto& b : cases) {
    Submission s = mediation(c);
    b.apply(s);
    expect_code(validate_submission(c, s), Errc::schema_failure, b.what);
    SeededRng rng = seeded(21);
    expect_code(seal_submission(c, s, rng), Errc::schema_failure, std::string(b.what) + " (seal)");
    expect_code(encode_submission(s), Errc::schema_failure, std::string(b.what) + " (encode)");
  }
}

TEST(ValidateSubmission, MediationNeedsAMediator) {
  const Keys k = make_keys();
  Campaign c = make_campaign(k);
  c.mediation_to.clear();
  ASSERT_TRUE(validate_campaign(c).ok());
  expect_code(validate_submission(c, mediation(c)), Errc::schema_failure, "no mediators");
  SeededRng rng = seeded(22);
  expect_code(seal_submission(c, mediation(c), rng), Errc::schema_failure, "no mediators (seal)");
}

TEST(DecodeSubmission, AcceptsWellFormedContents) {
  const std::string id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  auto f = decode("{\"answers\":{\"a\":0,\"b\":100,\"c\":[],\"d\":[0,11],\"e\":\"\",\"f\":\"x\\ny\"},\"campaign\":\"" + id +
                      "\",\"kind\":\"feedback\"," + kM + "\"v\":2}",
                  id);
  ASSERT_TRUE(f.ok()) << f.error().detail;
  EXPECT_EQ(f->kind, SubmissionKind::feedback);
  ASSERT_EQ(f->answers.size(), 6u);
  EXPECT_EQ(f->answers.at("a").number, 0);
  EXPECT_EQ(f->answers.at("b").number, 100);
  EXPECT_TRUE(f->answers.at("c").choices.empty());
  EXPECT_FALSE(f->answers.at("c").number.has_value());
  EXPECT_EQ(f->answers.at("d").choices, (std::vector<int>{0, 11}));
  EXPECT_TRUE(f->answers.at("e").is_text);
  EXPECT_EQ(f->answers.at("f").text, "x\ny");

  auto m = decode("{\"campaign\":\"" + id +
                      "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\",\"request\":{\"contact\":\"\",\"outcome\":\"\","
                      "\"urgency\":\"low\",\"what\":\"x\",\"who\":\"\"}," + kM + "\"v\":2}",
                  id);
  ASSERT_TRUE(m.ok()) << m.error().detail;
  EXPECT_EQ(m->kind, SubmissionKind::mediation);
  EXPECT_EQ(m->day, "2026-03-10");
  EXPECT_EQ(m->request.what, "x");
  EXPECT_EQ(m->request.urgency, "low");
}

TEST(DecodeSubmission, RefusesMalformedContents) {
  const std::string id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  const std::string fb_head = "{\"answers\":{";
  const std::string fb_tail = "},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":2}";
  const std::string req = "\"request\":{\"contact\":\"\",\"outcome\":\"\",\"urgency\":\"low\",\"what\":\"x\",\"who\":\"\"}";
  const std::pair<std::string, const char*> cases[] = {
      {"not json", "not JSON"},
      {"", "empty"},
      {"[]", "array"},
      {"\"feedback\"", "string"},
      {"{}", "empty object"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"reply\"," + kM + "\"v\":2}", "kind reply"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\"," + kM + "\"v\":2}", "no kind"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"}", "no v"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\",\"v\":\"1\"}", "v as a string"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\",\"v\":1.0}", "v as a float"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"extra\":1,\"kind\":\"feedback\"," + kM + "\"v\":2}", "extra field"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"feedback\"," + kM + "\"v\":2}",
       "feedback with a day"},
      {"{\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":2}", "feedback without answers"},
      {"{\"answers\":[],\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":2}", "answers as a list"},
      {"{\"answers\":{},\"campaign\":7,\"kind\":\"feedback\"," + kM + "\"v\":2}", "campaign as a number"},
      {fb_head + "\"a\":101" + fb_tail, "answer 101"},
      {fb_head + "\"a\":-1" + fb_tail, "answer -1"},
      {fb_head + "\"a\":1.5" + fb_tail, "answer 1.5"},
      {fb_head + "\"a\":true" + fb_tail, "answer true"},
      {fb_head + "\"a\":null" + fb_tail, "answer null"},
      {fb_head + "\"a\":{\"x\":1}" + fb_tail, "answer object"},
      {fb_head + "\"a\":[2,1]" + fb_tail, "answer unsorted"},
      {fb_head + "\"a\":[1,1]" + fb_tail, "answer duplicate"},
      {fb_head + "\"a\":[12]" + fb_tail, "answer index 12"},
      {fb_head + "\"a\":[-1]" + fb_tail, "answer index -1"},
      {fb_head + "\"a\":[\"1\"]" + fb_tail, "answer index as string"},
      {fb_head + "\"a\":[0,1,2,3,4,5,6,7,8,9,10,11,11]" + fb_tail, "answer of 13 indices"},
      {fb_head + "\"a\":\"bell\\u0007\"" + fb_tail, "answer with a control character"},
      {fb_head + "\"a\":\"" + std::string(4001, 'x') + "\"" + fb_tail, "answer of 4001 characters"},
      {"{\"answers\":{},\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\"," + req + "," + kM + "\"v\":2}",
       "mediation with answers"},
      {"{\"campaign\":\"" + id + "\",\"kind\":\"mediation\"," + req + "," + kM + "\"v\":2}", "mediation without day"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-02-30\",\"kind\":\"mediation\"," + req + "," + kM + "\"v\":2}",
       "mediation with a bad day"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\"," + kM + "\"v\":2}", "mediation without request"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\",\"request\":{\"contact\":\"\","
       "\"outcome\":\"\",\"urgency\":\"asap\",\"what\":\"x\",\"who\":\"\"}," + kM + "\"v\":2}",
       "urgency asap"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\",\"request\":{\"contact\":\"\","
       "\"outcome\":\"\",\"urgency\":\"low\",\"what\":\"\",\"who\":\"\"}," + kM + "\"v\":2}",
       "empty what"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\",\"request\":{\"contact\":\"\","
       "\"name\":\"Alice\",\"outcome\":\"\",\"urgency\":\"low\",\"what\":\"x\",\"who\":\"\"}," + kM + "\"v\":2}",
       "extra field in request"},
      {"{\"campaign\":\"" + id + "\",\"day\":\"2026-03-10\",\"kind\":\"mediation\",\"request\":{"
       "\"urgency\":\"low\",\"what\":\"x\"}," + kM + "\"v\":2}",
       "request missing optional-content fields"},
  };
  for (const auto& [text, what] : cases) {
    expect_code(decode(text, id), Errc::schema_failure, what);
  }
}

TEST(DecodeSubmission, OtherVersionsAreUnsupported) {
  const std::string id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  // Version 1 contents (no manifest) and any other integer version.
  expect_code(decode("{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\",\"v\":1}", id),
              Errc::version_unsupported, "v=1");
  expect_code(decode("{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":0}", id),
              Errc::version_unsupported, "v=0");
  expect_code(decode("{\"answers\":{},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":3}", id),
              Errc::version_unsupported, "v=3");
}

TEST(DecodeSubmission, SchemaIsCheckedBeforeTheCampaign) {
  const std::string id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  const std::string good = "{\"answers\":{\"a\":1},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":2}";
  ASSERT_TRUE(decode(good, id).ok());
  expect_code(decode(good, "bbbbbbbbbbbbbbbbbbbbbbbbbb"), Errc::wrong_campaign, "other campaign");
  expect_code(decode("{\"answers\":{\"a\":1},\"campaign\":\"" + id + "\",\"kind\":\"feedback\"," + kM + "\"v\":1}",
                     "bbbbbbbbbbbbbbbbbbbbbbbbbb"),
              Errc::version_unsupported, "v=1 for another campaign");
  expect_code(decode(good, id, 0x22), Errc::wrong_manifest, "another manifest");
  expect_code(decode(good, "bbbbbbbbbbbbbbbbbbbbbbbbbb", 0x22), Errc::wrong_campaign, "campaign before manifest");
  expect_code(decode("{\"answers\":{\"a\":1},\"campaign\":\"" + id + "\",\"kind\":\"feedback\",\"v\":2}", id),
              Errc::schema_failure, "no manifest");
  expect_code(decode("{\"answers\":{\"a\":1},\"campaign\":\"" + id + "\",\"kind\":\"feedback\",\"manifest\":\"" +
                         std::string(64, 'A') + "\",\"v\":2}",
                     id, 0xAA),
              Errc::schema_failure, "upper-case manifest hash");
  expect_code(decode("{\"answers\":{\"a\":1},\"campaign\":\"" + id + "\",\"kind\":\"reply\"," + kM + "\"v\":2}",
                     "bbbbbbbbbbbbbbbbbbbbbbbbbb"),
              Errc::schema_failure, "reply for another campaign");
}

TEST(ObjectName, IsHexOfTheHashPlusExtension) {
  const Keys k = make_keys();
  const Campaign c = make_campaign(k);
  SeededRng rng = seeded(30);
  const Bytes a = seal_submission(c, full_feedback(c), rng).value();
  const Bytes b = seal_submission(c, full_feedback(c), rng).value();
  const std::string name = object_name(a);
  ASSERT_EQ(name.size(), 32u + 7u);
  EXPECT_EQ(name.substr(32), ".parley");
  for (std::size_t i = 0; i < 32; ++i) {
    EXPECT_TRUE((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')) << name;
  }
  EXPECT_EQ(object_name(a), name);
  EXPECT_EQ(object_name(Bytes(a)), name);
  EXPECT_NE(object_name(b), name);
  Bytes flipped = a;
  flipped[100] ^= 1;
  EXPECT_NE(object_name(flipped), name);
  Bytes last_flipped = a;
  last_flipped.back() ^= 1;
  EXPECT_NE(object_name(last_flipped), name);
  // hex(BLAKE2b-16(envelope)), computed independently over every byte.
  std::uint8_t hash[16];
  ASSERT_EQ(crypto_generichash(hash, sizeof hash, a.data(), a.size(), nullptr, 0), 0);
  EXPECT_EQ(name, hex_encode(Bytes(hash, hash + sizeof hash)) + ".parley");
  // Fixed answers pin the hash: BLAKE2b-128 of the empty string.
  EXPECT_EQ(object_name(Bytes{}), "cae66941d9efbd404e4d88758ea67670.parley");
}

}  // namespace
}  // namespace parley
