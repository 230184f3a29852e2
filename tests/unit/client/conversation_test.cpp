// Conversations over a storage the test plays (FakePlatform): a person's reader lists the reply
// bundles and downloads every one from the request's day on, whoever it is for (never those
// before), shows its own thread's replies in order and no one else's, takes a failed download
// for an error rather than a gap and counts a malformed bundle by its class; a mediator's
// sending takes the day's first free number, the next one when the storage already holds it,
// is refused for a key that is not a mediator's, and stores a bundle the person's keys open.
#include "client/conversation.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/listing.h"
#include "core/phrase.h"
#include "support/campaigns.h"
#include "support/fake_platform.h"
#include "support/s3_storage.h"

namespace parley::client {
namespace {

using testing::seeded;

constexpr const char* kDay1 = "2026-11-21";
constexpr const char* kDay2 = "2026-11-22";

// The sample campaign (one mediator), as its link gives it, and three people with a thread each.
struct Conversation {
  testing::SignedCampaign t = testing::signed_campaign();
  Campaign c = verify_manifest(token_from_link(t.link).value()).value();
  std::string prefix = storage_prefix(c.storage.url);
  RecipientKeyPair alice, bob, carol;
  RecipientKeyPair second;  // a second mediator, mediation_to[1]
  std::string alice_thread, bob_thread;
  std::map<std::string, Bytes> objects;  // URL -> bytes, with serve.py's listing at the prefix
  std::vector<std::string> listed;

  Conversation() {
    auto rng = seeded(91);
    alice = thread_keys(new_phrase_entropy(rng).value()).value();
    bob = thread_keys(new_phrase_entropy(rng).value()).value();
    carol = thread_keys(new_phrase_entropy(rng).value()).value();
    alice_thread = encode_public_key(KeyKind::recipient, alice.public_key);
    bob_thread = encode_public_key(KeyKind::recipient, bob.public_key);
    second = generate_recipient_key(rng).value();
    c.mediation_to.push_back(second.public_key);
    objects[prefix] = to_bytes(R"({"objects":[]})");
  }
  // Stores `bytes` under `name` and lists it.
  void put(const std::string& name, const Bytes& bytes) {
    objects[prefix + name] = bytes;
    listed.push_back(name);
    std::string listing = R"({"objects":[)";
    for (std::size_t i = 0; i < listed.size(); ++i) listing += (i ? "," : "") + std::string(R"({"name":")") + listed[i] + "\"}";
    objects[prefix] = to_bytes(listing + "]}");
  }
  // A bundle of replies (thread, text, close) sent on `day` as sending `sending` of mediator
  // `mediator` (0: the campaign's own, 1: `second`).
  std::string send(const std::string& day, int sending, const std::vector<std::tuple<std::string, std::string, bool>>& replies,
                   Rng& rng, int mediator = 0) {
    std::vector<Bytes> records;
    for (const auto& [thread, text, close] : replies) {
      records.push_back(seal_reply(Reply{c.id, thread, day, text, close}, mediator ? second : t.mediator, rng).value());
    }
    const std::string name = reply_bundle_name(day, mediator, sending);
    put(name, build_reply_bundle(c, day, mediator, records, rng).value());
    return name;
  }
};

std::vector<std::string> texts(const ThreadReplies& r) {
  std::vector<std::string> out;
  for (const auto& reply : r.replies) out.push_back(reply.text);
  return out;
}

class ConversationTest : public ::testing::Test {
 protected:
  // Answers every request as an http-put storage would: GETs from `store` (404 when absent),
  // PUTs stored (201; 409 for a name already held, as nginx does), `failing` URLs with 500.
  void run(std::map<std::string, Bytes>& store, const std::set<std::string>& failing = {}) {
    for (int i = 0; i < 200 && !platform.pending.empty(); ++i) {
      const platform::HttpRequest& r = platform.pending.front().request;
      if (failing.count(r.url)) {
        platform.answer(500);
      } else if (r.method == "PUT") {
        const bool taken = store.count(r.url) > 0;
        if (!taken) store[r.url] = r.body;
        platform.answer(taken ? 409 : 201);
      } else {
        const auto it = store.find(r.url);
        if (it == store.end()) platform.answer(404);
        else platform.answer(200, it->second, r.url.back() == '/' ? "application/json" : "");
      }
    }
    ASSERT_TRUE(platform.pending.empty());
  }
  std::vector<std::string> urls(const std::string& method) const {
    std::vector<std::string> out;
    for (const auto& r : platform.sent)
      if (r.method == method) out.push_back(r.url);
    return out;
  }
  // read_thread() for `keys` from `since`, run to its end.
  std::optional<Result<ThreadReplies>> read(Conversation& s, const RecipientKeyPair& keys, const std::string& since,
                                            const std::set<std::string>& failing = {}) {
    std::optional<Result<ThreadReplies>> got;
    auto started = read_thread(platform, s.c, keys, since, {}, [&](Result<ThreadReplies> r) { got.emplace(std::move(r)); });
    EXPECT_TRUE(started.ok()) << started.error().detail;
    EXPECT_FALSE(got) << "done fired inside the call";
    run(s.objects, failing);
    return got;
  }
  // send_replies() of `drafts` from the campaign's mediator on `today`, run to its end.
  std::optional<Result<std::string>> send(Conversation& s, std::vector<ReplyDraft> drafts, const std::string& today,
                                          const std::set<std::string>& failing = {}) {
    std::optional<Result<std::string>> got;
    auto started = send_replies(platform, s.c, s.t.mediator, std::move(drafts), today, {}, rng,
                                [&](Result<std::string> r) { got.emplace(std::move(r)); });
    EXPECT_TRUE(started.ok()) << started.error().detail;
    EXPECT_FALSE(got) << "done fired inside the call";
    run(s.objects, failing);
    return got;
  }

  SeededRng rng = seeded(92);
  testing::FakePlatform platform;
};

// --- a person reads their thread ------------------------------------------------------------

TEST_F(ConversationTest, AThreadReadsItsRepliesAcrossBundlesAndDaysInOrder) {
  Conversation s;
  s.send("2026-11-19", 0, {{s.alice_thread, "Before the request: never read.", false}}, rng);
  s.send(kDay1, 0, {{s.alice_thread, "Alice, day one, second mediator.", false}}, rng, 1);
  s.send(kDay1, 0, {{s.bob_thread, "Bob's first.", false}, {s.alice_thread, "Alice, day one.", false}}, rng);
  // Sendings 2 and 10 of day two: shown as numbers order them, not as their names sort.
  s.send(kDay2, 10, {{s.alice_thread, "Alice, day two, sending ten.", true}}, rng);
  s.send(kDay2, 2, {{s.alice_thread, "Alice, day two, sending two.", false}, {s.bob_thread, "Bob's second.", false}}, rng);
  s.send(kDay2, 1, {{s.bob_thread, "Bob's third.", false}}, rng);

  auto got = read(s, s.alice, "2026-11-20");
  ASSERT_TRUE(got.has_value());
  ASSERT_TRUE(got->ok()) << got->error().detail;
  const ThreadReplies& alice = **got;
  EXPECT_EQ(texts(alice), (std::vector<std::string>{"Alice, day one.", "Alice, day one, second mediator.",
                                                    "Alice, day two, sending two.", "Alice, day two, sending ten."}));
  EXPECT_EQ(alice.bundles, 5u);
  EXPECT_TRUE(alice.refused.empty());
  EXPECT_TRUE(alice.closed);
  EXPECT_EQ(alice.replies[0].day, kDay1);
  EXPECT_EQ(alice.replies[0].campaign, s.c.id);
  EXPECT_EQ(alice.replies[0].thread, s.alice_thread);
  EXPECT_FALSE(alice.replies[0].close);
  EXPECT_EQ(alice.replies[0].mediator, 0);
  EXPECT_EQ(alice.replies[1].mediator, 1);
  EXPECT_EQ(alice.replies[2].day, kDay2);
  EXPECT_EQ(alice.replies[2].mediator, 0);
  EXPECT_TRUE(alice.replies[3].close);
  // One listing, then every bundle from the request's day on, hers or not; never the older one.
  const auto gets = urls("GET");
  ASSERT_EQ(gets.size(), 6u);
  EXPECT_EQ(gets[0], s.prefix);
  const std::set<std::string> downloaded(gets.begin() + 1, gets.end());
  EXPECT_EQ(downloaded, (std::set<std::string>{s.prefix + "replies-2026-11-21-0-0.parley", s.prefix + "replies-2026-11-21-1-0.parley",
                                               s.prefix + "replies-2026-11-22-0-10.parley",
                                               s.prefix + "replies-2026-11-22-0-2.parley", s.prefix + "replies-2026-11-22-0-1.parley"}));
  EXPECT_TRUE(urls("PUT").empty());
}

TEST_F(ConversationTest, EveryReaderAsksForTheSameBundlesAndSeesOnlyItsOwnReplies) {
  Conversation s;
  s.send(kDay1, 0, {{s.alice_thread, "For Alice.", false}, {s.bob_thread, "For Bob.", false}}, rng);
  s.send(kDay2, 0, {{s.alice_thread, "For Alice again.", false}}, rng);

  auto bob = read(s, s.bob, kDay1);
  ASSERT_TRUE(bob && bob->ok());
  EXPECT_EQ(texts(**bob), std::vector<std::string>{"For Bob."});
  EXPECT_FALSE((*bob)->closed);
  const auto bob_gets = urls("GET");

  platform.sent.clear();
  auto carol = read(s, s.carol, kDay1);  // no replies at all: the same requests, nothing shown
  ASSERT_TRUE(carol && carol->ok());
  EXPECT_TRUE((*carol)->replies.empty());
  EXPECT_EQ((*carol)->bundles, 2u);
  EXPECT_TRUE((*carol)->refused.empty());
  const auto carol_gets = urls("GET");
  EXPECT_EQ(std::multiset<std::string>(bob_gets.begin(), bob_gets.end()),
            std::multiset<std::string>(carol_gets.begin(), carol_gets.end()));

  platform.sent.clear();
  auto everything = read(s, s.alice, "");  // "" reads every bundle
  ASSERT_TRUE(everything && everything->ok());
  EXPECT_EQ(texts(**everything), (std::vector<std::string>{"For Alice.", "For Alice again."}));
}

TEST_F(ConversationTest, AFailedDownloadIsAnErrorNotAGap) {
  Conversation s;
  s.send(kDay1, 0, {{s.alice_thread, "Read.", false}}, rng);
  const std::string lost = s.send(kDay1, 1, {{s.alice_thread, "Lost on the way.", false}}, rng);
  auto got = read(s, s.alice, kDay1, {s.prefix + lost});
  ASSERT_TRUE(got.has_value());
  ASSERT_FALSE(got->ok());
  EXPECT_NE(got->error().detail.find("Not every reply bundle could be downloaded"), std::string::npos) << got->error().detail;
  EXPECT_NE(got->error().detail.find("500"), std::string::npos) << got->error().detail;
}

TEST_F(ConversationTest, AListingThatFailsIsAnError) {
  Conversation s;
  s.send(kDay1, 0, {{s.alice_thread, "Unseen.", false}}, rng);
  auto got = read(s, s.alice, kDay1, {s.prefix});
  ASSERT_TRUE(got.has_value());
  ASSERT_FALSE(got->ok());
  EXPECT_NE(got->error().detail.find("500"), std::string::npos) << got->error().detail;
  EXPECT_EQ(platform.sent.size(), 1u);
}

TEST_F(ConversationTest, AMalformedBundleIsCountedAndTheOthersStillRead) {
  Conversation s;
  s.send(kDay1, 0, {{s.alice_thread, "Intact.", false}}, rng);
  s.put("replies-2026-11-21-0-1.parley", to_bytes("PARLEY-REPLIES/2\nnot a header\n"));
  // Another campaign's bundle stored under this one's prefix.
  Campaign other = s.c;
  other.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  const Bytes record = seal_reply(Reply{other.id, s.alice_thread, kDay1, "Elsewhere.", false}, s.t.mediator, rng).value();
  s.put("replies-2026-11-21-0-2.parley", build_reply_bundle(other, kDay1, 0, {record}, rng).value());
  // Listed names that are not bundle names are never asked for.
  s.put("replies-2026-11-21-0-02.parley", to_bytes("x"));
  s.put("0123456789abcdef0123456789abcdef.parley", to_bytes("an envelope"));

  auto got = read(s, s.alice, kDay1);
  ASSERT_TRUE(got && got->ok()) << (got ? got->error().detail : "");
  EXPECT_EQ(texts(**got), std::vector<std::string>{"Intact."});
  EXPECT_EQ((*got)->bundles, 3u);
  EXPECT_EQ((*got)->refused, (std::map<std::string, std::size_t>{{"header-failure", 2}}));
  EXPECT_EQ(urls("GET").size(), 4u);
}

TEST_F(ConversationTest, AMalformedSinceIsRefusedBeforeAnythingIsAsked) {
  Conversation s;
  bool fired = false;
  auto started = read_thread(platform, s.c, s.alice, "2026-11-1", {}, [&](Result<ThreadReplies>) { fired = true; });
  EXPECT_FALSE(started.ok());
  EXPECT_TRUE(platform.sent.empty());
  EXPECT_FALSE(fired);
}

// --- a mediator sends replies ---------------------------------------------------------------

TEST_F(ConversationTest, ASendingTakesTheFirstFreeNumberOfTheDay) {
  Conversation s;
  s.send(kDay1, 0, {{s.bob_thread, "Earlier today.", false}}, rng);
  s.send(kDay1, 1, {{s.bob_thread, "Later today.", false}}, rng);
  s.send(kDay2, 2, {{s.bob_thread, "Another day.", false}}, rng);
  s.send(kDay1, 2, {{s.bob_thread, "From the other mediator.", false}}, rng, 1);  // its own numbers
  s.put("replies-2026-11-21-0-05.parley", to_bytes("not a bundle name"));
  auto got = send(s, {{s.alice_thread, "Thank you, Alice.", false}, {s.bob_thread, "Closing this, Bob.", true}}, kDay1);
  ASSERT_TRUE(got.has_value());
  ASSERT_TRUE(got->ok()) << got->error().detail;
  EXPECT_EQ(**got, "replies-2026-11-21-0-2.parley");
  EXPECT_EQ(urls("GET"), std::vector<std::string>{s.prefix});
  EXPECT_EQ(urls("PUT"), std::vector<std::string>{s.prefix + "replies-2026-11-21-0-2.parley"});

  // What was stored opens with each person's thread keys, and with nobody else's.
  const Bytes stored = s.objects.at(s.prefix + **got);
  auto alice = open_reply_bundle(s.c, **got, stored, s.alice);
  ASSERT_TRUE(alice.ok()) << alice.error().detail;
  ASSERT_EQ(alice->size(), 1u);
  EXPECT_EQ((*alice)[0].text, "Thank you, Alice.");
  EXPECT_EQ((*alice)[0].day, kDay1);
  EXPECT_EQ((*alice)[0].campaign, s.c.id);
  EXPECT_FALSE((*alice)[0].close);
  auto bob = open_reply_bundle(s.c, **got, stored, s.bob);
  ASSERT_TRUE(bob.ok());
  ASSERT_EQ(bob->size(), 1u);
  EXPECT_EQ((*bob)[0].text, "Closing this, Bob.");
  EXPECT_TRUE((*bob)[0].close);
  EXPECT_TRUE(open_reply_bundle(s.c, **got, stored, s.carol).value().empty());

  // And the person's reader finds it with the others, once the storage lists it.
  s.put(**got, stored);
  platform.sent.clear();
  auto read_back = read(s, s.bob, kDay1);
  ASSERT_TRUE(read_back && read_back->ok());
  EXPECT_EQ(texts(**read_back),
            (std::vector<std::string>{"Earlier today.", "Later today.", "Closing this, Bob.", "From the other mediator.",
                                      "Another day."}));
  EXPECT_TRUE((*read_back)->closed);
}

TEST_F(ConversationTest, TheFirstSendingOfAnEmptyStorageIsNumberZero) {
  Conversation s;
  s.objects.erase(s.prefix);  // serve.py answers 404 for a campaign with nothing stored yet
  auto got = send(s, {{s.alice_thread, "Hello.", false}}, kDay1);
  ASSERT_TRUE(got && got->ok()) << (got ? got->error().detail : "");
  EXPECT_EQ(**got, "replies-2026-11-21-0-0.parley");
}

TEST_F(ConversationTest, ANumberTakenMeanwhileMakesItTryTheNext) {
  Conversation s;
  s.send(kDay1, 0, {{s.bob_thread, "Listed.", false}}, rng);
  // Another sending stored number 1 after the listing: the storage answers 409.
  s.objects[s.prefix + "replies-2026-11-21-0-1.parley"] = to_bytes("someone else's bundle");
  auto got = send(s, {{s.alice_thread, "Raced.", false}}, kDay1);
  ASSERT_TRUE(got && got->ok()) << (got ? got->error().detail : "");
  EXPECT_EQ(**got, "replies-2026-11-21-0-2.parley");
  EXPECT_EQ(urls("PUT"), (std::vector<std::string>{s.prefix + "replies-2026-11-21-0-1.parley",
                                                   s.prefix + "replies-2026-11-21-0-2.parley"}));
  EXPECT_EQ(s.objects.at(s.prefix + "replies-2026-11-21-0-1.parley"), to_bytes("someone else's bundle"));
  EXPECT_EQ(open_reply_bundle(s.c, **got, s.objects.at(s.prefix + **got), s.alice).value().at(0).text, "Raced.");
}

TEST_F(ConversationTest, AFullDayIsRefused) {
  Conversation s;
  for (int n = 0; n < kMaxSendingsPerDay; ++n) s.put(reply_bundle_name(kDay1, 0, n), to_bytes("taken"));
  auto got = send(s, {{s.alice_thread, "Too late.", false}}, kDay1);
  ASSERT_TRUE(got && !got->ok());
  EXPECT_NE(got->error().detail.find("100 sendings"), std::string::npos) << got->error().detail;
  EXPECT_TRUE(urls("PUT").empty());
}

TEST_F(ConversationTest, AStorageRefusalIsTheError) {
  Conversation s;
  auto got = send(s, {{s.alice_thread, "Refused.", false}}, kDay1, {s.prefix + "replies-2026-11-21-0-0.parley"});
  ASSERT_TRUE(got && !got->ok());
  EXPECT_NE(got->error().detail.find("500"), std::string::npos) << got->error().detail;
  EXPECT_EQ(urls("PUT").size(), 1u);  // a refusal is not a taken number: no other is tried
}

TEST_F(ConversationTest, OnlyAMediatorsKeyCanSendAndNothingIsAskedOtherwise) {
  Conversation s;
  bool fired = false;
  const auto done = [&](Result<std::string>) { fired = true; };
  auto manager = send_replies(platform, s.c, s.t.manager, {{s.alice_thread, "I am not the mediator.", false}}, kDay1, {}, rng, done);
  ASSERT_FALSE(manager.ok());
  EXPECT_EQ(manager.error().code, Errc::bad_input);
  EXPECT_EQ(manager.error().detail, "This key is not one of this campaign's mediators: only they can reply.");
  // Nothing to send, a draft that does not seal (not a thread, no text), a day that is none.
  EXPECT_FALSE(send_replies(platform, s.c, s.t.mediator, {}, kDay1, {}, rng, done).ok());
  EXPECT_FALSE(send_replies(platform, s.c, s.t.mediator, {{"parley-r1-nope", "Hi.", false}}, kDay1, {}, rng, done).ok());
  EXPECT_FALSE(send_replies(platform, s.c, s.t.mediator, {{s.alice_thread, "", false}}, kDay1, {}, rng, done).ok());
  EXPECT_FALSE(send_replies(platform, s.c, s.t.mediator, {{s.alice_thread, "Hi.", false}}, "2026-11-31", {}, rng, done).ok());
  EXPECT_FALSE(send_replies(platform, s.c, s.t.mediator, std::vector<ReplyDraft>(kMaxRepliesPerBundle + 1, {s.alice_thread, "Hi.", false}),
                            kDay1, {}, rng, done)
                   .ok());
  EXPECT_TRUE(platform.sent.empty());
  run(s.objects);
  EXPECT_FALSE(fired);
}

// --- S3: the mediator's own credentials; a taken name is 412 ----------------------------------

std::string s3_listing(const std::string& prefix, const std::vector<std::string>& names) {
  std::string body = "<ListBucketResult><IsTruncated>false</IsTruncated>";
  for (const auto& n : names) body += "<Contents><Key>" + prefix + n + "</Key><Size>1</Size></Contents>";
  return body + "</ListBucketResult>";
}

// A header's value, its name compared without case.
std::string header(const platform::HttpRequest& r, std::string name) {
  const auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (const auto& [n, v] : r.headers)
    if (lower(n) == lower(name)) return v;
  return {};
}

TEST_F(ConversationTest, OnS3TheBundleIsASignedWriteOncePut) {
  Conversation s;
  s.c.storage = testing::sample_s3_storage();
  const std::string prefix = s.c.storage.url;
  sigv4::Credentials mediator_s3;
  mediator_s3.access_key = "AKIAMEDIATOR";
  mediator_s3.secret_key = "mediator-secret";
  std::optional<Result<std::string>> got;
  auto started = send_replies(platform, s.c, s.t.mediator, {{s.alice_thread, "Over S3.", false}}, kDay1, mediator_s3, rng,
                              [&](Result<std::string> r) { got.emplace(std::move(r)); });
  ASSERT_TRUE(started.ok()) << started.error().detail;
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_NE(platform.pending.front().request.url.find("list-type=2"), std::string::npos);
  EXPECT_NE(header(platform.pending.front().request, "Authorization").find("AKIAMEDIATOR/"), std::string::npos);
  platform.answer(200, to_bytes(s3_listing(s.c.storage.key_prefix, {"replies-2026-11-21-0-0.parley"})), "application/xml");
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending.front().request.method, "PUT");
  EXPECT_EQ(platform.pending.front().request.url, prefix + "replies-2026-11-21-0-1.parley");
  EXPECT_EQ(header(platform.pending.front().request, "If-None-Match"), "*");
  platform.answer(412);  // stored meanwhile
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending.front().request.url, prefix + "replies-2026-11-21-0-2.parley");
  const Bytes body = platform.pending.front().request.body;
  platform.answer(200);
  ASSERT_TRUE(got && got->ok()) << (got ? got->error().detail : "");
  EXPECT_EQ(**got, "replies-2026-11-21-0-2.parley");
  EXPECT_EQ(open_reply_bundle(s.c, **got, body, s.alice).value().at(0).text, "Over S3.");
}

}  // namespace
}  // namespace parley::client
