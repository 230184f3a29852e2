// The trustee's release (core/release.h): what it keeps, what it refuses and why, and what a
// manager's reader checks. The attacks of issue 12 are here as tests: replayed envelopes under
// other names, a re-signed manifest with the same id, a release signed by another key, a
// release before the close, envelopes without codes, forged codes, k not reached.
#include "core/release.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/envelope.h"
#include "core/invitations.h"
#include "core/json_read.h"
#include "support/trustee_campaigns.h"

namespace parley {
namespace {

using testing::feedback_with_mood;
using testing::kSentInWindow;
using testing::seeded;
using testing::short_request;
using testing::stored;
using testing::trustee_campaign;
using testing::TrusteeCampaign;

constexpr std::int64_t kHour = 3600;
constexpr const char* kAfterClose = "2027-01-02";  // trustee_campaign() closes on 2026-12-31

template <typename T>
void expect_code(const Result<T>& r, Errc code, const std::string& what) {
  ASSERT_FALSE(r.ok()) << what << ": accepted";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

class ReleaseTest : public ::testing::Test {
 protected:
  Bytes answer(std::uint32_t invitee, int mood, std::int64_t sent = kSentInWindow) {
    return seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, mood), codes.at(invitee), sent, rng).value();
  }
  Bytes request(std::uint32_t invitee, const std::string& what) {
    return seal_via_trustee(t.campaign, short_request(t.campaign, what), codes.at(invitee), kSentInWindow, rng).value();
  }
  // The moods of the released answers, as the manager opens them, sorted.
  std::vector<int> released_moods(const Release& r) {
    std::vector<int> moods;
    for (const Bytes& record : r.feedback) {
      auto s = open_release_record(t.manager, record, t.campaign, SubmissionKind::feedback);
      EXPECT_TRUE(s.ok()) << (s ? "" : s.error().detail);
      if (s) moods.push_back(*s->answers.at("mood").number);
    }
    std::sort(moods.begin(), moods.end());
    return moods;
  }
  Result<Release> release_of(const std::vector<StoredObject>& objects, std::uint32_t invitations = 8) {
    auto bytes = build_release(t.campaign, t.trustee_keys(), invitations, objects, kAfterClose, rng);
    if (!bytes) return bytes.error();
    return read_release(t.campaign, *bytes);
  }

  TrusteeCampaign t = trustee_campaign();
  std::vector<std::string> codes = invitation_codes(t.campaign, t.trustee_keys(), 8).value();
  SeededRng rng = seeded(1);
};

TEST_F(ReleaseTest, KeepsOneAnswerPerInviteeTheLaterOne) {
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 5; ++i) objects.push_back(stored(answer(i, 1 + static_cast<int>(i))));
  // Invitee 2 changes their answer a day later; the earlier one is stored after it.
  objects.insert(objects.begin(), stored(answer(2, 5, kSentInWindow + 24 * kHour)));
  objects.push_back(stored(request(6, "Please help.")));
  auto r = release_of(objects);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(released_moods(*r), (std::vector<int>{1, 2, 4, 5, 5}));
  EXPECT_EQ(r->refused, (std::map<std::string, std::size_t>{{"replaced", 1}}));
  EXPECT_EQ(r->invitations, 8u);
  EXPECT_EQ(r->released, kAfterClose);
  ASSERT_EQ(r->mediation.size(), 1u);
  auto req = open_release_record(t.mediator, r->mediation[0], t.campaign, SubmissionKind::mediation);
  ASSERT_TRUE(req.ok()) << req.error().detail;
  EXPECT_EQ(req->request.what, "Please help.");
  // The manager's key opens no mediation record.
  expect_code(open_release_record(t.manager, r->mediation[0], t.campaign, SubmissionKind::mediation), Errc::not_for_this_key,
              "manager on a request");
}

TEST_F(ReleaseTest, EqualTimesAreDecidedByNameNotByOrder) {
  const Bytes a = answer(0, 1), b = answer(0, 2);
  std::vector<StoredObject> objects = {stored(a), stored(b), stored(answer(1, 3)), stored(answer(2, 3))};
  const int winner = object_name(a) > object_name(b) ? 1 : 2;
  for (int round = 0; round < 2; ++round) {
    auto records = collect_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose);
    ASSERT_TRUE(records.ok()) << records.error().detail;
    auto r = read_release(t.campaign, sign_release(t.campaign, t.trustee_keys(), *records, kAfterClose, rng).value());
    ASSERT_TRUE(r.ok()) << r.error().detail;
    std::vector<int> expected = {3, 3, winner};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(released_moods(*r), expected);
    std::reverse(objects.begin(), objects.end());
  }
}

TEST_F(ReleaseTest, AReplayedEnvelopeCountsOnceWhateverItsNames) {
  // The attack: one real envelope PUT under three envelope-shaped names, and twice under its own.
  const Bytes real = answer(0, 4);
  std::vector<StoredObject> objects = {stored(real), stored(real), stored(answer(1, 2)), stored(answer(2, 3))};
  for (const char* other : {"00000000000000000000000000000000.parley", "ffffffffffffffffffffffffffffffff.parley"}) {
    objects.push_back({other, real});
  }
  auto r = release_of(objects);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->feedback.size(), 3u);
  EXPECT_EQ(r->refused, (std::map<std::string, std::size_t>{{"duplicate", 1}, {"misnamed", 2}}));
}

TEST_F(ReleaseTest, AnInnerEnvelopeRewrappedIsReleasedOnce) {
  // Someone with two codes wraps one inner envelope twice: released once.
  const OuterContents o = open_outer(t.trustee, answer(0, 4), t.campaign).value();
  OuterContents again = o;
  again.invite->code = codes[1];
  const Bytes rewrapped = seal_envelope({t.trustee.public_key}, encode_outer(again).value(), rng).value();
  const Bytes original = seal_envelope({t.trustee.public_key}, encode_outer(o).value(), rng).value();
  auto r = release_of({stored(original), stored(rewrapped), stored(answer(2, 1)), stored(answer(3, 1))});
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->feedback.size(), 3u);
  EXPECT_EQ(r->refused.at("duplicate"), 1u);
}

TEST_F(ReleaseTest, EnvelopesWithoutCodesOrWithForgedOnesAreNeverReleased) {
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 3; ++i) objects.push_back(stored(answer(i, 3)));
  // Forged: a well-formed code that is not one of the 8, and the 9th code (beyond the count).
  const std::string ninth = invitation_codes(t.campaign, t.trustee_keys(), 9).value().back();
  for (const std::string& code : {std::string("aaaaaaaaaaaaaaaaaaaaaaaaaa"), ninth}) {
    objects.push_back(stored(seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, 5), code, kSentInWindow, rng).value()));
  }
  // A code of another trustee's campaign with the same questions.
  const TrusteeCampaign other = trustee_campaign("2026-11-01", "2026-12-31", 52);
  const std::string foreign = invitation_codes(other.campaign, other.trustee_keys(), 1).value()[0];
  objects.push_back(stored(seal_via_trustee(t.campaign, feedback_with_mood(t.campaign, 5), foreign, kSentInWindow, rng).value()));
  // No code at all, and a code of a type this trustee does not issue.
  OuterContents o = open_outer(t.trustee, answer(3, 5), t.campaign).value();
  o.invite.reset();
  objects.push_back(stored(seal_envelope({t.trustee.public_key}, encode_outer(o).value(), rng).value()));
  o.invite = InviteRef{"voprf", ""};
  objects.push_back(stored(seal_envelope({t.trustee.public_key}, encode_outer(o).value(), rng).value()));
  // Sealed straight to the manager, as in direct mode.
  Campaign direct = t.campaign;
  direct.trustee.reset();
  direct.manifest_hash = t.campaign.manifest_hash;
  objects.push_back(stored(seal_submission(direct, feedback_with_mood(t.campaign, 5), rng).value()));
  auto r = release_of(objects);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(released_moods(*r), (std::vector<int>{3, 3, 3}));
  EXPECT_EQ(r->refused, (std::map<std::string, std::size_t>{{"unknown-invitation", 3},
                                                            {"no-invitation", 1},
                                                            {"wrong-invitation-type", 1},
                                                            {"not-for-this-key", 1}}));
}

TEST_F(ReleaseTest, AnswersSentOutsideTheCampaignsDaysAreRefused) {
  // trustee_campaign() runs from 2026-11-01 to 2026-12-31 (UTC days).
  constexpr std::int64_t kNov1 = 1793491200, kJan1 = 1798761600;
  std::vector<StoredObject> objects = {stored(answer(0, 1, kNov1)), stored(answer(1, 1, kJan1 - 1)), stored(answer(2, 1)),
                                       stored(answer(3, 5, kNov1 - 1)), stored(answer(4, 5, kJan1))};
  auto r = release_of(objects);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(released_moods(*r), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(r->refused.at("outside-dates"), 2u);
  // A late answer does not replace an answer sent in time.
  auto late = release_of({stored(answer(0, 2)), stored(answer(0, 5, kJan1)), stored(answer(1, 2)), stored(answer(2, 2))});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(released_moods(*late), (std::vector<int>{2, 2, 2}));
}

TEST_F(ReleaseTest, NothingIsReleasedBeforeTheClose) {
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 4; ++i) objects.push_back(stored(answer(i, 3)));
  for (const char* day : {"2026-11-20", "2026-12-31"}) {
    expect_code(collect_release(t.campaign, t.trustee_keys(), 8, objects, day), Errc::too_early, day);
    expect_code(build_release(t.campaign, t.trustee_keys(), 8, objects, day, rng), Errc::too_early, day);
  }
  auto records = collect_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose).value();
  expect_code(sign_release(t.campaign, t.trustee_keys(), records, "2026-12-31", rng), Errc::too_early, "sign on the last day");
  expect_code(build_release(t.campaign, t.trustee_keys(), 8, objects, "31/12/2026", rng), Errc::bad_input, "not a day");
  EXPECT_TRUE(build_release(t.campaign, t.trustee_keys(), 8, objects, "2027-01-01", rng).ok());
}

TEST_F(ReleaseTest, BelowKNothingIsReleasedButTheCountsSayWhy) {
  std::vector<StoredObject> objects = {stored(answer(0, 3)), stored(answer(1, 3)), stored(answer(1, 4, kSentInWindow + kHour))};
  OuterContents o = open_outer(t.trustee, answer(2, 5), t.campaign).value();
  o.invite.reset();
  objects.push_back(stored(seal_envelope({t.trustee.public_key}, encode_outer(o).value(), rng).value()));
  auto records = collect_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose);
  ASSERT_TRUE(records.ok()) << records.error().detail;
  EXPECT_EQ(records->feedback.size(), 2u);
  EXPECT_EQ(records->refused, (std::map<std::string, std::size_t>{{"no-invitation", 1}, {"replaced", 1}}));
  expect_code(sign_release(t.campaign, t.trustee_keys(), *records, kAfterClose, rng), Errc::below_threshold, "2 of k = 3");
  expect_code(build_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose, rng), Errc::below_threshold, "build");
  // Envelopes without codes alone: nothing at all.
  expect_code(build_release(t.campaign, t.trustee_keys(), 8, {objects.back()}, kAfterClose, rng), Errc::below_threshold, "no codes");
}

TEST_F(ReleaseTest, OnlyTheTrusteeReleases) {
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 3; ++i) objects.push_back(stored(answer(i, 3)));
  const KeySet manager{KeyRole::manager, "", t.manager, t.signer};
  expect_code(collect_release(t.campaign, manager, 8, objects, kAfterClose), Errc::bad_key, "manager collects");
  auto records = collect_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose).value();
  expect_code(sign_release(t.campaign, manager, records, kAfterClose, rng), Errc::bad_key, "manager signs");
  expect_code(collect_release(testing::signed_campaign().campaign, t.trustee_keys(), 8, objects, kAfterClose), Errc::bad_input,
              "direct campaign");
  expect_code(collect_release(t.campaign, t.trustee_keys(), 0, objects, kAfterClose), Errc::bad_input, "no invitations");
  expect_code(collect_release(t.campaign, t.trustee_keys(), kMaxInvitations + 1, objects, kAfterClose), Errc::bad_input, "too many");
  records.invitations = 2;
  expect_code(sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, rng), Errc::bad_input, "more answers than invitations");
}

TEST_F(ReleaseTest, RecordsComeInRandomOrder) {
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 8; ++i) objects.push_back(stored(answer(i, 3)));
  auto records = collect_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose).value();
  SeededRng a = seeded(2), b = seeded(3);
  const Release ra = read_release(t.campaign, sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, a).value()).value();
  const Release rb = read_release(t.campaign, sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, b).value()).value();
  EXPECT_NE(ra.feedback, rb.feedback);
  EXPECT_NE(ra.feedback, records.feedback);
  std::vector<Bytes> sa = ra.feedback, sb = rb.feedback;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  EXPECT_EQ(sa, sb);
}

TEST_F(ReleaseTest, ARequestCannotSmuggleAnAnswer) {
  // An invitee sends feedback dressed as a mediation request (to escape one-per-code): it lands
  // in the mediation part, which the manager's reader refuses to count as feedback.
  OuterContents o = open_outer(t.trustee, answer(0, 5), t.campaign).value();
  o.kind = SubmissionKind::mediation;
  const Bytes dressed = seal_envelope({t.trustee.public_key}, encode_outer(o).value(), rng).value();
  auto r = release_of({stored(answer(0, 1)), stored(answer(1, 1)), stored(answer(2, 1)), stored(dressed)});
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->mediation.size(), 1u);
  expect_code(open_release_record(t.manager, r->mediation[0], t.campaign, SubmissionKind::mediation), Errc::schema_failure,
              "feedback in the mediation part");
  expect_code(open_release_record(t.mediator, r->mediation[0], t.campaign, SubmissionKind::mediation), Errc::not_for_this_key,
              "the mediator cannot open it either");
}

// --- reading ---------------------------------------------------------------------------------------

class ReadRelease : public ReleaseTest {
 protected:
  void SetUp() override {
    std::vector<StoredObject> objects;
    for (std::uint32_t i = 0; i < 4; ++i) objects.push_back(stored(answer(i, 2)));
    objects.push_back(stored(request(5, "Talk?")));
    good = build_release(t.campaign, t.trustee_keys(), 8, objects, kAfterClose, rng).value();
    const std::size_t len = static_cast<std::size_t>(good[15]) << 24 | static_cast<std::size_t>(good[16]) << 16 |
                            static_cast<std::size_t>(good[17]) << 8 | good[18];
    body = std::string(good.begin() + 19, good.begin() + 19 + static_cast<std::ptrdiff_t>(len));
    records = Bytes(good.begin() + 19 + static_cast<std::ptrdiff_t>(len) + 64, good.end());
  }
  // A release around `b` and `recs`, signed by `key`.
  Bytes craft(const std::string& b, const Bytes& recs, const SigningKeyPair& key) {
    Bytes out = to_bytes("PARLEY-RELEASE");
    out.push_back(2);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(b.size() >> shift));
    out.insert(out.end(), b.begin(), b.end());
    const Bytes message = to_bytes("parley release v2\n" + b);
    Bytes sig(crypto_sign_BYTES);
    EXPECT_EQ(crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data()), 0);
    out.insert(out.end(), sig.begin(), sig.end());
    out.insert(out.end(), recs.begin(), recs.end());
    return out;
  }
  Bytes resigned(const std::string& from, const std::string& to) {
    std::string b = body;
    b.replace(b.find(from), from.size(), to);
    return craft(b, records, t.trustee_signer);
  }

  Bytes good;
  std::string body;
  Bytes records;
};

TEST_F(ReadRelease, TheBodyIsCanonicalAndSignedByTheTrustee) {
  ASSERT_TRUE(read_release(t.campaign, good).ok());
  EXPECT_EQ(craft(body, records, t.trustee_signer), good);
  Bytes hash(32);
  ASSERT_EQ(crypto_generichash(hash.data(), hash.size(), records.data(), records.size(), nullptr, 0), 0);
  EXPECT_EQ(body, "{\"campaign\":\"" + t.campaign.id + "\",\"count\":4,\"invitations\":8,\"kind\":\"release\",\"manifest\":\"" +
                      hex_encode(Bytes(t.campaign.manifest_hash.begin(), t.campaign.manifest_hash.end())) +
                      "\",\"mediation\":1,\"records\":\"" + hex_encode(hash) + "\",\"refused\":{},\"released\":\"2027-01-02\",\"v\":2}");
}

TEST_F(ReadRelease, ARereleaseSignedByAnotherKeyIsRefused) {
  expect_code(read_release(t.campaign, craft(body, records, t.signer)), Errc::bad_signature, "the campaign's signer");
  const TrusteeCampaign other = trustee_campaign("2026-11-01", "2026-12-31", 52);
  expect_code(read_release(t.campaign, craft(body, records, other.trustee_signer)), Errc::bad_signature, "another trustee");
  Bytes flipped = good;
  flipped[30] ^= 1;
  expect_code(read_release(t.campaign, flipped), Errc::bad_signature, "body changed");
  flipped = good;
  flipped[good.size() - 10] ^= 1;
  expect_code(read_release(t.campaign, flipped), Errc::bad_signature, "an envelope changed");
  flipped = good;
  flipped[19 + body.size() + 5] ^= 1;
  expect_code(read_release(t.campaign, flipped), Errc::bad_signature, "signature changed");
}

TEST_F(ReadRelease, AReSignedManifestWithTheSameIdIsWrongManifest) {
  // The attack: the signer re-signs the campaign with the same id, k lowered, options swapped.
  Campaign resigned = t.campaign;
  resigned.manifest_hash = {};
  resigned.k = 3 == resigned.k ? 4 : 3;
  std::swap(resigned.questions[2].options[0], resigned.questions[2].options[1]);
  const Campaign verified = verify_manifest(sign_manifest(resigned, t.signer).value()).value();
  expect_code(read_release(verified, good), Errc::wrong_manifest, "re-signed manifest");
  // Its envelopes would not count at the trustee either.
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 4; ++i) objects.push_back(stored(answer(i, 2)));
  auto records_for_resigned = collect_release(verified, t.trustee_keys(), 8, objects, kAfterClose);
  ASSERT_TRUE(records_for_resigned.ok());
  EXPECT_EQ(records_for_resigned->refused.at("wrong-manifest"), 4u);
}

TEST_F(ReadRelease, EachRuleOfTheReader) {
  Bytes b = good;
  b[0] = 'p';
  expect_code(read_release(t.campaign, b), Errc::header_failure, "magic");
  expect_code(read_release(t.campaign, Bytes(good.begin(), good.begin() + 18)), Errc::header_failure, "header cut");
  expect_code(read_release(t.campaign, Bytes(good.begin(), good.begin() + 100)), Errc::header_failure, "body cut");
  b = good;
  b[14] = 1;
  expect_code(read_release(t.campaign, b), Errc::version_unsupported, "version 1");
  b = good;
  b[17] = 0x10;
  b[18] = 0x01;
  expect_code(read_release(t.campaign, b), Errc::too_large, "a body over 4 KiB");
  expect_code(read_release(testing::signed_campaign().campaign, good), Errc::bad_input, "a direct campaign");
  expect_code(read_release(t.campaign, resigned("\"v\":2", "\"v\":1")), Errc::version_unsupported, "body v1");
  expect_code(read_release(t.campaign, resigned("{", "{ ")), Errc::schema_failure, "not canonical");
  expect_code(read_release(t.campaign, resigned("\"kind\":\"release\"", "\"kind\":\"invitations\"")), Errc::schema_failure, "kind");
  expect_code(read_release(t.campaign, resigned("\"refused\":{}", "\"refused\":{\"Bad Reason\":1}")), Errc::schema_failure,
              "reason");
  expect_code(read_release(t.campaign, resigned("\"refused\":{}", "\"refused\":{\"misnamed\":0}")), Errc::schema_failure,
              "zero count");
  expect_code(read_release(t.campaign, resigned("\"invitations\":8", "\"invitations\":3")), Errc::schema_failure,
              "more answers than invitations");
  expect_code(read_release(t.campaign, resigned("\"released\":\"2027-01-02\"", "\"released\":\"2027-02-30\"")), Errc::schema_failure,
              "no such day");
  expect_code(read_release(t.campaign, resigned(t.campaign.id, "aaaaaaaaaaaaaaaaaaaaaaaaaa")), Errc::wrong_campaign, "campaign");
  expect_code(read_release(t.campaign, resigned("\"released\":\"2027-01-02\"", "\"released\":\"2026-12-31\"")), Errc::too_early,
              "released on the last day");
  expect_code(read_release(t.campaign, resigned("\"count\":4", "\"count\":3")), Errc::payload_failure, "miscounted");
  expect_code(read_release(t.campaign, resigned("\"mediation\":1", "\"mediation\":2")), Errc::payload_failure, "fewer records");
  const auto release = read_release(t.campaign, good).value();
  // k not reached: two answers, hash and signature intact.
  Bytes recs;
  for (const Bytes* e : {&release.feedback[0], &release.feedback[1]}) {
    for (int shift = 24; shift >= 0; shift -= 8) recs.push_back(static_cast<std::uint8_t>(e->size() >> shift));
    recs.insert(recs.end(), e->begin(), e->end());
  }
  Bytes hash(32), old_hash(32);
  ASSERT_EQ(crypto_generichash(hash.data(), 32, recs.data(), recs.size(), nullptr, 0), 0);
  ASSERT_EQ(crypto_generichash(old_hash.data(), 32, records.data(), records.size(), nullptr, 0), 0);
  std::string two = body;
  two.replace(two.find("\"count\":4"), 9, "\"count\":2");
  two.replace(two.find("\"mediation\":1"), 13, "\"mediation\":0");
  two.replace(two.find(hex_encode(old_hash)), 64, hex_encode(hash));
  expect_code(read_release(t.campaign, craft(two, recs, t.trustee_signer)), Errc::below_threshold, "2 answers, k = 3");
  // Trailing bytes after the last record, hash and signature intact.
  Bytes longer = records;
  longer.push_back(0);
  ASSERT_EQ(crypto_generichash(hash.data(), 32, longer.data(), longer.size(), nullptr, 0), 0);
  std::string trailing = body;
  trailing.replace(trailing.find(hex_encode(old_hash)), 64, hex_encode(hash));
  expect_code(read_release(t.campaign, craft(trailing, longer, t.trustee_signer)), Errc::payload_failure, "trailing byte");
}

TEST(ReleaseLimits, TooManyRecordsAreRefused) {
  const TrusteeCampaign t = trustee_campaign();
  ReleaseRecords records;
  records.invitations = 8;
  records.feedback.assign(3, Bytes{1});
  records.mediation.assign(kMaxReleaseRecords - 2, Bytes{1});
  SeededRng rng = seeded(9);
  expect_code(sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, rng), Errc::too_large, "100,001 records");
  records.mediation.clear();
  records.feedback = {Bytes(kMaxInnerEnvelopeBytes + 1, 0), Bytes{1}, Bytes{1}};
  expect_code(sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, rng), Errc::bad_input, "an oversized record");
  records.feedback = {Bytes{1}, Bytes{1}, Bytes{1}};
  records.refused["Not A Reason"] = 1;
  expect_code(sign_release(t.campaign, t.trustee_keys(), records, kAfterClose, rng), Errc::bad_input, "a malformed reason");
}

}  // namespace
}  // namespace parley
