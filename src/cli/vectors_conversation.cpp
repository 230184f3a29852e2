// The vectors of conversations (docs/FORMAT.md, "Conversations"): recovery phrases and their
// thread keys, requests that start a thread and follow-ups in it, and reply bundles with each
// refusal class of their reader.
#include <sodium.h>

#include <cstring>
#include <string>
#include <vector>

#include "cli/vectors.h"
#include "core/envelope.h"
#include "core/json_read.h"
#include "core/phrase.h"
#include "core/replies.h"

namespace parley::cli::vectors {
namespace {

constexpr const char* kDay = "2026-11-21";
// The person's phrase in the bundle vectors (the entropy of seeded(90)).
constexpr std::uint8_t kPhraseSeed = 90;

Headers with(Headers h, std::string expect, std::string comment) {
  h.insert(h.begin(), {"expect", std::move(expect)});
  h.emplace_back("comment", std::move(comment));
  return h;
}

std::string thread_text(const RecipientKeyPair& k) { return encode_public_key(KeyKind::recipient, k.public_key); }

std::string fixture_phrase() {
  auto rng = seeded(kPhraseSeed);
  return phrase_from_entropy(new_phrase_entropy(rng).value());
}

Status write_phrases(Writer& w) {
  Status st = Ok{};
  auto put = [&](const std::string& name, Headers h, const std::string& phrase) {
    if (st) st = w.write(name, h, to_bytes(phrase));
  };
  auto success = [&](const std::string& name, const std::string& comment, const std::string& phrase) {
    const PhraseEntropy e = entropy_from_phrase(phrase).value();
    Headers h = with({{"kind", "phrase"}}, "success", comment);
    h.emplace_back("entropy", hex_encode(Bytes(e.bytes().begin(), e.bytes().end())));
    h.emplace_back("thread", thread_text(thread_keys(e).value()));
    put(name, h, phrase);
  };
  auto refused = [&](const std::string& name, const std::string& comment, const std::string& phrase) {
    put(name, with({{"kind", "phrase"}}, "bad-phrase", comment), phrase);
  };
  success("phrase-success-bip39-zero", "BIP 39's all-zero entropy",
          "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
  success("phrase-success-fixture", "the person of the reply-bundle vectors", fixture_phrase());
  std::string shouted;
  for (char c : fixture_phrase()) shouted += c == ' ' ? std::string(" \t\n ") : std::string(1, static_cast<char>(c - 32));
  success("phrase-success-as-typed", "upper case and mixed white space read as the same phrase", "  " + shouted + "\n");
  refused("phrase-bad-checksum", "two words swapped: every word is on the list, the checksum fails",
          "winner legal thank year wave sausage worth useful legal winner thank yellow");
  refused("phrase-bad-word", "a word that is not on the list",
          "legal winner thank year wave sausage worth usefull legal winner thank yellow");
  refused("phrase-eleven-words", "one word missing", "legal winner thank year wave sausage worth useful legal winner thank");
  refused("phrase-thirteen-words", "one word too many",
          "legal winner thank year wave sausage worth useful legal winner thank yellow yellow");
  return st;
}

// A mediation submission of the fixture's direct campaign, sealed to its mediator.
Status write_thread_envelopes(Writer& w, const Fixture& f) {
  const Campaign& c = f.campaign;
  const Headers reader = {{"kind", "envelope"}, {"identity", hex(f.mediator.secret_key)}, {"campaign", c.id},
                          {"manifest", hex(c.manifest_hash)}};
  auto rng0 = seeded(kPhraseSeed);
  const std::string thread = thread_text(thread_keys(new_phrase_entropy(rng0).value()).value());
  Status st = Ok{};
  auto put = [&](const std::string& name, const Headers& h, const Bytes& body) {
    if (st) st = w.write(name, h, body);
  };
  auto success = [&](const std::string& name, const std::string& comment, Submission s, std::uint8_t seed) {
    auto rng = seeded(seed);
    const Bytes sealed = seal_submission(c, s, rng).value();
    s.manifest = c.manifest_hash;
    Headers h = with(reader, "success", comment);
    h.emplace_back("contents", base64url_encode(encode_submission(s).value()));
    put(name, h, sealed);
  };
  Submission request = sample_mediation(c);
  request.thread = thread;
  success("envelope-success-request-with-thread", "a mediation request that starts a conversation", request, 91);
  Submission follow_up = request;
  follow_up.day = "2026-11-22";
  follow_up.message = FollowUp{"Thursday at 10 works for me.", false};
  success("envelope-success-follow-up", "the person's follow-up in the thread", follow_up, 92);
  follow_up.message->close = true;
  follow_up.message->text = "Thank you, this is resolved.";
  success("envelope-success-follow-up-closing", "a follow-up that closes the thread", follow_up, 93);

  auto raw = [&](const std::string& name, const std::string& comment, const std::string& text, std::uint8_t seed) {
    auto rng = seeded(seed);
    put(name, with(reader, "schema-failure", comment), seal_envelope({f.mediator.public_key}, to_bytes(text), rng).value());
  };
  const std::string head = R"({"campaign":")" + c.id + R"(","day":"2026-11-22","kind":"mediation","manifest":")" + hex(c.manifest_hash) + "\",";
  raw("envelope-contents-message-without-thread", "a follow-up without its thread",
      head + R"("message":{"close":false,"text":"Hello again."},"v":2})", 94);
  raw("envelope-contents-request-and-message", "a request and a message together",
      head + R"("message":{"close":false,"text":"Hi."},"request":{"contact":"","outcome":"","urgency":"normal","what":"x","who":""},"thread":")" +
          thread + R"(","v":2})",
      95);
  raw("envelope-contents-thread-not-a-key", "a thread that is not a recipient key",
      head + R"("message":{"close":false,"text":"Hi."},"thread":"parley-r1-nothing","v":2})", 96);
  return st;
}

// A record sealed to `to` by `from` whose plaintext is `text`, for replies the core refuses to seal.
Bytes craft_record(const std::string& text, const Key32& to, const Key32& from_secret, std::uint8_t seed) {
  Bytes padded(kReplyPadBlock, 0);
  std::memcpy(padded.data(), text.data(), text.size());
  std::size_t len = 0;
  Bytes record(kReplyRecordBytes);
  auto rng = seeded(seed);
  rng.fill(record.data(), crypto_box_NONCEBYTES);
  if (sodium_pad(&len, padded.data(), text.size(), kReplyPadBlock, padded.size()) != 0 ||
      crypto_box_easy(record.data() + crypto_box_NONCEBYTES, padded.data(), padded.size(), record.data(), to.data(),
                      from_secret.data()) != 0) {
    return {};  // a wrong-sized record: building the bundle then fails loudly
  }
  return record;
}

Status write_bundles(Writer& w, const Fixture& f) {
  const Campaign& c = f.campaign;
  const std::string phrase = fixture_phrase();
  const RecipientKeyPair person = thread_keys(entropy_from_phrase(phrase).value()).value();
  auto rng_other = seeded(97);
  const RecipientKeyPair someone = thread_keys(new_phrase_entropy(rng_other).value()).value();
  const std::string name = reply_bundle_name(kDay, 0, 0);
  const Headers base = {{"kind", "reply-bundle"}, {"token", f.token}, {"phrase", phrase}};
  Status st = Ok{};
  auto put = [&](const std::string& file, Headers h, const Bytes& body) {
    if (st) st = w.write(file, h, body);
  };
  auto named = [&](Headers h, const std::string& n) {
    h.emplace_back("name", n);
    return h;
  };
  auto reply = [&](const RecipientKeyPair& to, const std::string& text, bool close, std::uint8_t seed) {
    auto rng = seeded(seed);
    return seal_reply(Reply{c.id, thread_text(to), kDay, text, close}, f.mediator, rng).value();
  };
  auto bundle = [&](std::vector<Bytes> records, std::uint8_t seed, const Campaign& of = Campaign{}) {
    auto rng = seeded(seed);
    return build_reply_bundle(of.id.empty() ? c : of, kDay, 0, std::move(records), rng).value();
  };
  auto success = [&](const std::string& file, const std::string& comment, const Bytes& b) {
    const auto replies = open_reply_bundle(c, name, b, person).value();
    json list = json::array();
    for (const auto& r : replies) {
      list.push_back({{"v", 2}, {"campaign", r.campaign}, {"thread", r.thread}, {"day", r.day}, {"text", r.text}, {"close", r.close}});
    }
    Headers h = with(named(base, name), "success", comment);
    h.emplace_back("replies", base64url_encode(to_bytes(dump_canonical(list))));
    put(file, h, b);
  };
  const Bytes good = bundle({reply(person, "Thank you for writing. Could we talk on Thursday?", false, 101),
                             reply(someone, "I have read your request.", false, 102),
                             reply(person, "I am closing this thread; write again any time.", true, 103)},
                            104);
  success("reply-bundle-success", "two replies for this thread among another's and filler, in record order", good);
  success("reply-bundle-success-none-here", "a bundle with nothing for this thread opens to no replies",
          bundle({reply(someone, "Only for someone else.", false, 105)}, 106));
  // Sealed with the manager's key: it does not open as the mediator's, so it is skipped.
  success("reply-bundle-success-forged-sender", "a reply sealed by a key that is not the named mediator's is skipped",
          bundle({craft_record(dump_canonical({{"v", 2}, {"campaign", c.id}, {"thread", thread_text(person)}, {"day", kDay},
                                               {"text", "I am the mediator."}, {"close", false}}),
                               person.public_key, f.manager.secret_key, 107)},
                 108));
  auto refused = [&](const std::string& file, const std::string& expect, const std::string& comment, const std::string& n,
                     const Bytes& b) { put(file, with(named(base, n), expect, comment), b); };
  refused("reply-bundle-name-day-differs", "header-failure", "the name's day is not the header's", reply_bundle_name("2026-11-22", 0, 0),
          good);
  refused("reply-bundle-not-a-bundle-name", "header-failure", "an envelope's name", "0123456789abcdef0123456789abcdef.parley", good);
  Bytes bad = good;
  bad[0] = 'p';
  refused("reply-bundle-bad-magic", "header-failure", "magic is not PARLEY-REPLIES/2", name, bad);
  refused("reply-bundle-cut-short", "header-failure", "one byte missing from the last record", name, Bytes(good.begin(), good.end() - 1));
  {
    Campaign other = c;
    other.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
    refused("reply-bundle-other-campaign", "header-failure", "a bundle of another campaign", name,
            bundle({reply(person, "Hello.", false, 109)}, 110, other));
  }
  {
    Campaign two = c;
    two.mediation_to = {f.other.public_key, f.mediator.public_key};
    auto rng = seeded(111);
    const Bytes b = build_reply_bundle(two, kDay, 1, {reply(person, "Hello.", false, 112)}, rng).value();
    refused("reply-bundle-mediator-out-of-range", "header-failure", "mediator 1 of a campaign with one mediator",
            reply_bundle_name(kDay, 1, 0), b);
  }
  const std::string other_thread = dump_canonical({{"v", 2}, {"campaign", c.id}, {"thread", thread_text(someone)}, {"day", kDay},
                                                   {"text", "Misaddressed."}, {"close", false}});
  refused("reply-bundle-reply-names-another-thread", "payload-failure", "a reply sealed to this thread that names another",
          name, bundle({craft_record(other_thread, person.public_key, f.mediator.secret_key, 113)}, 114));
  const std::string loose = R"({ "v":2, "campaign":")" + c.id + R"(", "thread":")" + thread_text(person) + R"(", "day":")" + kDay +
                            R"(", "text":"Spaces.", "close":false })";
  refused("reply-bundle-reply-not-canonical", "payload-failure", "a reply that is not canonical JSON", name,
          bundle({craft_record(loose, person.public_key, f.mediator.secret_key, 115)}, 116));
  return st;
}

}  // namespace

Status write_conversation_vectors(Writer& w, const Fixture& f) {
  if (auto ok = write_phrases(w); !ok) return ok;
  if (auto ok = write_thread_envelopes(w, f); !ok) return ok;
  return write_bundles(w, f);
}

}  // namespace parley::cli::vectors
