// InlineOpener's contract (the reference the browser's worker pool must match), open_batch()
// on every kind of envelope, and the page <-> worker messages of client/opener_wire.h.
#include "client/opener.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/json_read.h"
#include "client/opener_wire.h"
#include "support/campaigns.h"

namespace parley::client {
namespace {

using testing::num;
using testing::seeded;
using testing::signed_campaign;
using testing::text;

class OpenerTest : public ::testing::Test {
 protected:
  Bytes seal_feedback(std::map<std::string, Answer> answers) {
    Submission s;
    s.campaign = t.campaign.id;
    s.answers = std::move(answers);
    s.answers.emplace("mood", num(3));  // the required questions, unless given
    s.answers.emplace("recommend", num(8));
    auto sealed = seal_submission(t.campaign, s, rng);
    EXPECT_TRUE(sealed.ok()) << sealed.error().detail;
    return sealed ? *sealed : Bytes{};
  }
  Bytes seal_mediation(const std::string& what) {
    Submission s;
    s.kind = SubmissionKind::mediation;
    s.campaign = t.campaign.id;
    s.day = "2026-11-30";
    s.request.what = what;
    s.request.urgency = "urgent";
    return *seal_submission(t.campaign, s, rng);
  }
  // 5 answers for the manager, 2 requests for the mediator, one envelope of another campaign
  // and two broken ones.
  std::vector<Bytes> mixed_envelopes() {
    std::vector<Bytes> out;
    for (int i = 0; i < 5; ++i) {
      out.push_back(seal_feedback({{"mood", num(1 + i)}, {"recommend", num(6 + i)}, {"comment", text("note " + std::to_string(i))}}));
    }
    out.push_back(seal_mediation("first request"));
    out.push_back(seal_mediation("second request"));
    testing::SignedCampaign other = signed_campaign();
    other.campaign.id = "bbbbbbbbbbbbbbbbbbbbbbbbba";  // a valid id: sealing hashes the manifest body
    Submission s;
    s.campaign = other.campaign.id;
    s.answers = {{"mood", num(3)}, {"recommend", num(3)}};
    out.push_back(*seal_submission(other.campaign, s, rng));  // same keys, other campaign
    out.push_back(to_bytes("not an envelope"));
    Bytes cut = out[0];
    cut.resize(cut.size() - 1);
    out.push_back(cut);
    return out;
  }

  OpenBatch batch_for(const RecipientKeyPair& key, std::vector<Bytes> envelopes) {
    OpenBatch b;
    b.campaign_token = *token_from_link(t.link);
    b.secret_key = key.secret_key;
    b.envelopes = std::move(envelopes);
    return b;
  }

  testing::SignedCampaign t = signed_campaign();
  SeededRng rng = seeded(31);
};

// ---------------------------------------------------------------- InlineOpener

TEST_F(OpenerTest, InlineDeliversOnceFromPollNeverInsideOpen) {
  InlineOpener opener;
  EXPECT_EQ(opener.parallelism(), 1);
  int calls = 0;
  std::size_t count = 0;
  opener.open(batch_for(t.manager, {seal_feedback({{"mood", num(4)}})}), [&](OpenedBatch b) {
    ++calls;
    count = b.count;
  });
  EXPECT_EQ(calls, 0);  // not inside open()
  opener.poll();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(count, 1u);
  opener.poll();
  EXPECT_EQ(calls, 1);  // exactly once
}

TEST_F(OpenerTest, InlineBatchesOpenedFromDoneWaitForTheNextPoll) {
  InlineOpener opener;
  std::vector<std::string> order;
  opener.open(batch_for(t.manager, {}), [&](OpenedBatch) {
    order.push_back("first");
    opener.open(batch_for(t.manager, {}), [&](OpenedBatch) { order.push_back("third"); });
  });
  opener.open(batch_for(t.manager, {}), [&](OpenedBatch) { order.push_back("second"); });
  opener.poll();
  EXPECT_EQ(order, (std::vector<std::string>{"first", "second"}));
  opener.poll();
  EXPECT_EQ(order, (std::vector<std::string>{"first", "second", "third"}));
}

// ---------------------------------------------------------------- open_batch

TEST_F(OpenerTest, ManagerGetsFeedbackAndCountedFailures) {
  const OpenedBatch b = open_batch(batch_for(t.manager, mixed_envelopes()));
  EXPECT_EQ(b.count, 10u);
  ASSERT_TRUE(b.feedback);
  EXPECT_EQ(b.feedback->responses(), 5u);
  EXPECT_EQ(b.feedback->state()["questions"][0]["counts"], (json{1, 1, 1, 1, 1}));
  EXPECT_EQ(b.feedback->state()["questions"][1]["counts"], (json{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
  EXPECT_TRUE(b.mediation.empty());
  EXPECT_EQ(b.failures, (std::map<std::string, std::size_t>{
                            {"not-for-this-key", 2}, {"wrong-campaign", 1}, {"header-failure", 1}, {"payload-failure", 1}}));
}

TEST_F(OpenerTest, MediatorGetsRequestsOnly) {
  const OpenedBatch b = open_batch(batch_for(t.mediator, mixed_envelopes()));
  EXPECT_EQ(b.count, 10u);
  ASSERT_TRUE(b.feedback);
  EXPECT_EQ(b.feedback->responses(), 0u);
  ASSERT_EQ(b.mediation.size(), 2u);
  EXPECT_EQ(b.mediation[0].request.what, "first request");
  EXPECT_EQ(b.mediation[1].request.urgency, "urgent");
  EXPECT_EQ(b.failures, (std::map<std::string, std::size_t>{{"not-for-this-key", 7}, {"header-failure", 1}}));
}

TEST_F(OpenerTest, ABadTokenFailsTheWholeBatch) {
  OpenBatch batch = batch_for(t.manager, mixed_envelopes());
  batch.campaign_token[batch.campaign_token.size() - 3] ^= 1;  // in the signature
  const OpenedBatch b = open_batch(batch);
  EXPECT_EQ(b.count, 10u);
  EXPECT_FALSE(b.feedback);
  ASSERT_EQ(b.failures.size(), 1u);
  EXPECT_EQ(b.failures.begin()->second, 10u);
}

// ---------------------------------------------------------------- messages

TEST_F(OpenerTest, RequestRoundTrip) {
  OpenBatch batch = batch_for(t.manager, mixed_envelopes());
  batch.envelopes.push_back({});  // an empty file is still an envelope to count
  const Bytes message = encode_open_batch(batch);
  auto back = decode_open_batch(message.data(), message.size());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->campaign_token, batch.campaign_token);
  EXPECT_EQ(back->secret_key.get(), batch.secret_key.get());
  EXPECT_EQ(back->envelopes, batch.envelopes);
  EXPECT_EQ(back->source, BatchSource::stored);
  EXPECT_EQ(message.size(), 4 + 4 + batch.campaign_token.size() + 32 + 1 + 4 + [&] {
              std::size_t n = 0;
              for (const auto& e : batch.envelopes) n += 4 + e.size();
              return n;
            }());
}

TEST_F(OpenerTest, RequestDecodingIsStrict) {
  const Bytes message = encode_open_batch(batch_for(t.manager, {to_bytes("ab"), to_bytes("cde")}));
  for (std::size_t n = 0; n < message.size(); ++n) EXPECT_FALSE(decode_open_batch(message.data(), n).ok()) << n;
  Bytes longer = message;
  longer.push_back(0);
  EXPECT_FALSE(decode_open_batch(longer.data(), longer.size()).ok());
  Bytes magic = message;
  magic[3] = '1';  // the request before it named its envelopes' source
  EXPECT_FALSE(decode_open_batch(magic.data(), magic.size()).ok());
  const std::size_t source_at = 4 + 4 + batch_for(t.manager, {}).campaign_token.size() + 32;
  Bytes source = message;
  source[source_at] = 3;
  EXPECT_FALSE(decode_open_batch(source.data(), source.size()).ok());
  source[source_at] = 2;
  auto mediation = decode_open_batch(source.data(), source.size());
  ASSERT_TRUE(mediation.ok());
  EXPECT_EQ(mediation->source, BatchSource::release_mediation);
  Bytes many = message;  // a count far beyond what the bytes hold
  const std::size_t at = source_at + 1;
  many[at + 3] = 0x7f;
  EXPECT_FALSE(decode_open_batch(many.data(), many.size()).ok());
  EXPECT_FALSE(decode_open_batch(nullptr, 0).ok());
}

TEST_F(OpenerTest, ResponseRoundTripEqualsTheInlineResult) {
  for (const auto* key : {&t.manager, &t.mediator}) {
    const OpenedBatch inline_result = open_batch(batch_for(*key, mixed_envelopes()));
    const Bytes message = encode_opened_batch(inline_result);
    auto back = decode_opened_batch(message.data(), message.size(), &t.campaign);
    ASSERT_TRUE(back.ok()) << back.error().detail;
    EXPECT_EQ(back->count, inline_result.count);
    ASSERT_TRUE(back->feedback);
    EXPECT_EQ(back->feedback->state(), inline_result.feedback->state());
    ASSERT_EQ(back->mediation.size(), inline_result.mediation.size());
    for (std::size_t i = 0; i < back->mediation.size(); ++i) {
      EXPECT_EQ(*encode_submission(back->mediation[i]), *encode_submission(inline_result.mediation[i]));
    }
    EXPECT_EQ(back->failures, inline_result.failures);
  }
}

TEST_F(OpenerTest, ResponseWithoutTalliesNeedsNoCampaign) {
  OpenBatch batch = batch_for(t.manager, mixed_envelopes());
  batch.campaign_token = "broken";
  const Bytes message = encode_opened_batch(open_batch(batch));
  auto back = decode_opened_batch(message.data(), message.size(), nullptr);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_FALSE(back->feedback);
  EXPECT_EQ(back->count, 10u);
  EXPECT_EQ(back->failures, (std::map<std::string, std::size_t>{{"bad-input", 10}}));
}

TEST_F(OpenerTest, ResponseDecodingIsStrict) {
  const Bytes message = encode_opened_batch(open_batch(batch_for(t.mediator, mixed_envelopes())));
  ASSERT_TRUE(decode_opened_batch(message.data(), message.size(), &t.campaign).ok());
  for (std::size_t n = 0; n < message.size(); ++n) {
    EXPECT_FALSE(decode_opened_batch(message.data(), n, &t.campaign).ok()) << n;
  }
  Bytes longer = message;
  longer.push_back(0);
  EXPECT_FALSE(decode_opened_batch(longer.data(), longer.size(), &t.campaign).ok());
  EXPECT_FALSE(decode_opened_batch(message.data(), message.size(), nullptr).ok());  // tallies, no campaign

  Bytes miscounted = message;  // count: 11 envelopes where 10 are accounted for
  miscounted[4] = 11;
  EXPECT_FALSE(decode_opened_batch(miscounted.data(), miscounted.size(), &t.campaign).ok());

  testing::SignedCampaign other = signed_campaign();
  other.campaign.id = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
  EXPECT_FALSE(decode_opened_batch(message.data(), message.size(), &other.campaign).ok());
}

TEST_F(OpenerTest, WorkerFailureIsNotAnEnvelopeError) { EXPECT_FALSE(errc_from_string(kWorkerFailure).has_value()); }

}  // namespace
}  // namespace parley::client

// ---------------------------------------------------------------- X25519 computed elsewhere, every core

namespace parley::client {
namespace {

// Drives a SteppedBatch as worker_post.js does, `x25519` standing in for WebCrypto.
template <typename X25519>
OpenedBatch stepped(OpenBatch batch, X25519 x25519, std::size_t* asked = nullptr) {
  SteppedBatch s(std::move(batch));
  while (!s.wanted().empty()) {
    const Bytes& points = s.wanted();
    if (asked) *asked += points.size() / 32;
    Bytes shared(points.size());
    for (std::size_t i = 0; i < points.size(); i += 32) x25519(s.secret_key().get().data(), points.data() + i, shared.data() + i);
    s.take(shared.data(), shared.size());
  }
  return s.finish();
}

void libsodium_x25519(const std::uint8_t* sk, const std::uint8_t* point, std::uint8_t* out) {
  if (crypto_scalarmult(out, sk, point) != 0) std::fill(out, out + 32, 0);  // as WebCrypto refuses
}

Bytes encoded(const OpenedBatch& b) { return encode_opened_batch(b); }

TEST_F(OpenerTest, SteppedBatchAnswersByteForByteAsOpenBatch) {
  const auto envelopes = mixed_envelopes();
  for (const RecipientKeyPair* key : {&t.manager, &t.mediator}) {
    const Bytes reference = encoded(open_batch(batch_for(*key, envelopes)));
    std::size_t asked = 0;
    EXPECT_EQ(encoded(stepped(batch_for(*key, envelopes), libsodium_x25519, &asked)), reference);
    // Exactly the X25519s the trial needs: one per stanza tried, none for a bad header.
    EXPECT_GT(asked, 0u);
    EXPECT_LE(asked, envelopes.size() * 2);
    // Refused everywhere (all zero), or no input at all: libsodium decides, the same answer.
    EXPECT_EQ(encoded(stepped(batch_for(*key, envelopes), [](auto, auto, std::uint8_t* out) { std::fill(out, out + 32, 0); })),
              reference);
    SteppedBatch none(batch_for(*key, envelopes));
    while (!none.wanted().empty()) none.take(nullptr, 0);
    EXPECT_EQ(encoded(none.finish()), reference);
  }
}

TEST_F(OpenerTest, SteppedBatchWithWrongSecretsOpensNothingAndNeverCrashes) {
  const auto envelopes = mixed_envelopes();
  const OpenedBatch b = stepped(batch_for(t.manager, envelopes), [](auto, auto, std::uint8_t* out) { std::fill(out, out + 32, 0x5a); });
  EXPECT_EQ(b.count, envelopes.size());
  EXPECT_EQ(b.feedback->responses(), 0u);
  // 5 answers, 2 requests, the other campaign's and the cut one: no stanza opens; the header
  // that is not one fails before any stanza is tried.
  EXPECT_EQ(b.failures, (std::map<std::string, std::size_t>{{"not-for-this-key", 9}, {"header-failure", 1}}));
  OpenBatch bad = batch_for(t.manager, envelopes);
  bad.campaign_token[bad.campaign_token.size() - 3] ^= 1;  // in the signature: the whole batch fails
  EXPECT_EQ(encoded(stepped(bad, libsodium_x25519)), encoded(open_batch(bad)));
}

TEST_F(OpenerTest, AStanzaWithASmallOrderKeyOpensNeitherWay) {
  Bytes envelope = seal_feedback({});
  std::fill(envelope.begin() + 8, envelope.begin() + 40, 0);  // the first stanza's ephemeral key: u = 0
  const std::vector<Bytes> envelopes{envelope};
  const Bytes reference = encoded(open_batch(batch_for(t.manager, envelopes)));
  EXPECT_EQ(encoded(stepped(batch_for(t.manager, envelopes), libsodium_x25519)), reference);
  Key32 zero{};
  std::uint8_t file_key[32];
  EXPECT_FALSE(open_stanza_with_shared(zero, t.manager.public_key, envelope.data() + 8, file_key));
}

TEST_F(OpenerTest, EveryCoreTalliesExactlyAsOneThread) {
  std::vector<Bytes> many;
  for (int i = 0; i < 80; ++i) {
    for (auto& e : mixed_envelopes()) many.push_back(std::move(e));
  }
  for (const RecipientKeyPair* key : {&t.manager, &t.mediator}) {
    const Bytes reference = encoded(open_batch(batch_for(*key, many)));
    for (unsigned threads : {1u, 2u, 3u, 7u}) EXPECT_EQ(encoded(open_batch_threads(batch_for(*key, many), threads)), reference) << threads;
    const auto campaign = verify_manifest(*token_from_link(t.link));
    const auto each = open_all_threads(*key, *campaign, BatchSource::stored, many.size(), [&](std::size_t i) -> const Bytes& { return many[i]; }, 3);
    ASSERT_EQ(each.size(), many.size());
    for (std::size_t i = 0; i < many.size(); ++i) {
      const auto one = open_submission(*key, many[i], *campaign);
      ASSERT_EQ(each[i].ok(), one.ok()) << i;
      if (one) EXPECT_EQ(*encode_submission(*each[i]), *encode_submission(*one)) << i;
      else EXPECT_EQ(each[i].error().code, one.error().code) << i;
    }
  }
}

}  // namespace
}  // namespace parley::client
