// Replies and their bundles: a person's thread key opens exactly its own replies, authenticated
// as the named mediator's; bundles are padded to their size class and shuffled; every malformed
// bundle is refused with the class FORMAT.md gives; follow-ups and threads in contents.
#include "core/replies.h"

#include <gtest/gtest.h>

#include <set>

#include "core/phrase.h"
#include "core/submission.h"
#include "support/campaigns.h"

namespace parley {
namespace {

using testing::seeded;

struct People {
  testing::SignedCampaign t = testing::signed_campaign();
  Campaign c;
  RecipientKeyPair alice, bob;
  std::string alice_thread, bob_thread;
  People() {
    c = verify_manifest(token_from_link(t.link).value()).value();
    auto rng = seeded(71);
    alice = thread_keys(new_phrase_entropy(rng).value()).value();
    bob = thread_keys(new_phrase_entropy(rng).value()).value();
    alice_thread = encode_public_key(KeyKind::recipient, alice.public_key);
    bob_thread = encode_public_key(KeyKind::recipient, bob.public_key);
  }
  Reply reply(const std::string& thread, const std::string& text, bool close = false) const {
    return Reply{c.id, thread, "2026-11-21", text, close};
  }
};

TEST(Replies, EachThreadOpensItsOwnRepliesOnly) {
  People p;
  auto rng = seeded(72);
  std::vector<Bytes> records = {seal_reply(p.reply(p.alice_thread, "Could we talk on Thursday?"), p.t.mediator, rng).value(),
                                seal_reply(p.reply(p.bob_thread, "Thank you for writing."), p.t.mediator, rng).value(),
                                seal_reply(p.reply(p.alice_thread, "I am closing this now.", true), p.t.mediator, rng).value()};
  const Bytes bundle = build_reply_bundle(p.c, "2026-11-21", 0, records, rng).value();
  const std::string name = reply_bundle_name("2026-11-21", 0, 0);
  EXPECT_EQ(name, "replies-2026-11-21-0-0.parley");
  // 3 replies take the 4-record class: the header, then 4 records of 4136 bytes.
  ASSERT_GT(bundle.size(), 4 * kReplyRecordBytes);
  EXPECT_LT(bundle.size() - 4 * kReplyRecordBytes, 200u);
  const auto alice = open_reply_bundle(p.c, name, bundle, p.alice).value();
  ASSERT_EQ(alice.size(), 2u);
  std::set<std::string> texts = {alice[0].text, alice[1].text};
  EXPECT_TRUE(texts.count("Could we talk on Thursday?") && texts.count("I am closing this now."));
  const auto bob = open_reply_bundle(p.c, name, bundle, p.bob).value();
  ASSERT_EQ(bob.size(), 1u);
  EXPECT_EQ(bob[0].text, "Thank you for writing.");
  EXPECT_FALSE(bob[0].close);
  // Someone else's key opens nothing and learns nothing, not even that replies are there.
  EXPECT_TRUE(open_reply_bundle(p.c, name, bundle, p.t.manager).value().empty());
}

TEST(Replies, BundlesComeInSizeClasses) {
  People p;
  auto rng = seeded(73);
  const Bytes one = seal_reply(p.reply(p.alice_thread, "Hello."), p.t.mediator, rng).value();
  for (const std::size_t n : {1u, 4u, 5u, 17u}) {
    const Bytes bundle = build_reply_bundle(p.c, "2026-11-21", 0, std::vector<Bytes>(n, one), rng).value();
    const std::size_t records = n <= 4 ? 4 : n <= 16 ? 16 : 64;
    EXPECT_GT(bundle.size(), records * kReplyRecordBytes) << n;
    EXPECT_LT(bundle.size(), (records + 1) * kReplyRecordBytes) << n;
    EXPECT_EQ(open_reply_bundle(p.c, "replies-2026-11-21-0-0.parley", bundle, p.alice).value().size(), n);
  }
  EXPECT_EQ(build_reply_bundle(p.c, "2026-11-21", 0, {}, rng).error().code, Errc::bad_input);
  EXPECT_EQ(build_reply_bundle(p.c, "2026-11-21", 1, {one}, rng).error().code, Errc::bad_input);  // one mediator only
}

TEST(Replies, OnlyTheCampaignsMediatorCanReply) {
  People p;
  auto rng = seeded(74);
  // Sealed with the manager's key but published as mediator 0's: it does not open.
  const Bytes forged = seal_reply(p.reply(p.alice_thread, "I am the mediator, honestly."), p.t.manager, rng).value();
  const Bytes bundle = build_reply_bundle(p.c, "2026-11-21", 0, {forged}, rng).value();
  EXPECT_TRUE(open_reply_bundle(p.c, "replies-2026-11-21-0-0.parley", bundle, p.alice).value().empty());
}

TEST(Replies, MalformedBundlesAreRefused) {
  People p;
  auto rng = seeded(75);
  const Bytes bundle =
      build_reply_bundle(p.c, "2026-11-21", 0, {seal_reply(p.reply(p.alice_thread, "Hi."), p.t.mediator, rng).value()}, rng).value();
  const auto code = [&](std::string_view name, const Bytes& b) { return open_reply_bundle(p.c, name, b, p.alice).error().code; };
  const std::string name = "replies-2026-11-21-0-0.parley";
  EXPECT_EQ(code("replies-2026-11-22-0-0.parley", bundle), Errc::header_failure);  // another day than its name
  EXPECT_EQ(code("replies-2026-11-21-01-0.parley", bundle), Errc::header_failure);  // not a bundle name
  EXPECT_EQ(code("abc.parley", bundle), Errc::header_failure);
  Bytes cut(bundle.begin(), bundle.end() - 1);
  EXPECT_EQ(code(name, cut), Errc::header_failure);
  Bytes longer = bundle;
  longer.push_back(0);
  EXPECT_EQ(code(name, longer), Errc::header_failure);
  Bytes magic = bundle;
  magic[0] = 'X';
  EXPECT_EQ(code(name, magic), Errc::header_failure);
  EXPECT_EQ(code(name, Bytes{}), Errc::header_failure);
  EXPECT_EQ(code(name, Bytes(kMaxReplyBundleBytes + 1, 0)), Errc::too_large);
  // Another campaign's bundle.
  Campaign other = p.c;
  other.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  EXPECT_EQ(open_reply_bundle(other, name, bundle, p.alice).error().code, Errc::header_failure);
}

TEST(Replies, NamesAreExact) {
  EXPECT_TRUE(parse_reply_bundle_name("replies-2026-11-21-15-99.parley"));
  for (const char* bad : {"replies-2026-11-21-16-0.parley", "replies-2026-11-21-0-100.parley", "replies-2026-13-01-0-0.parley",
                          "replies-2026-11-21-0-00.parley", "replies-2026-11-21-0.parley", "replies-2026-11-21-0-0.parley.x",
                          "Replies-2026-11-21-0-0.parley", "replies-2026-11-21--1-0.parley"}) {
    EXPECT_FALSE(parse_reply_bundle_name(bad)) << bad;
  }
  const auto n = parse_reply_bundle_name("replies-2026-11-21-3-12.parley").value();
  EXPECT_EQ(n.day, "2026-11-21");
  EXPECT_EQ(n.mediator, 3);
  EXPECT_EQ(n.sending, 12);
}

TEST(Conversations, RequestsCarryTheirThreadAndFollowUpsNeedOne) {
  People p;
  auto rng = seeded(76);
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = p.c.id;
  s.day = "2026-11-20";
  s.request.what = "Credit for my work is taken in demos.";
  s.thread = p.alice_thread;
  auto opened = open_submission(p.t.mediator, seal_submission(p.c, s, rng).value(), p.c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->thread, p.alice_thread);
  EXPECT_FALSE(opened->message.has_value());

  Submission f = s;
  f.message = FollowUp{"Thursday works for me.", false};
  opened = open_submission(p.t.mediator, seal_submission(p.c, f, rng).value(), p.c);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  ASSERT_TRUE(opened->message.has_value());
  EXPECT_EQ(opened->message->text, "Thursday works for me.");
  EXPECT_EQ(opened->thread, p.alice_thread);

  f.thread.clear();
  EXPECT_EQ(seal_submission(p.c, f, rng).error().code, Errc::schema_failure);  // a follow-up needs its thread
  f.thread = "PARLEY-R1-" + p.alice_thread.substr(10);  // not written canonically
  EXPECT_EQ(seal_submission(p.c, f, rng).error().code, Errc::schema_failure);
}

}  // namespace
}  // namespace parley
