// Runs every committed test vector (tests/vectors/, docs/FORMAT.md "Test vectors") through
// the core. The same test runs natively and compiled to wasm under node.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "core/envelope.h"
#include "core/invitations.h"
#include "core/keyfile.h"
#include "core/json_read.h"
#include "core/manifest.h"
#include "core/phrase.h"
#include "core/release.h"
#include "core/replies.h"
#include "core/short_link.h"
#include "core/submission.h"
#include "core/trustee.h"

namespace parley {
namespace {
namespace fs = std::filesystem;

struct Vector {
  std::map<std::string, std::string> headers;
  Bytes body;
};

Vector read_vector(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Vector v;
  std::size_t pos = 0;
  while (pos < all.size()) {
    const std::size_t eol = all.find('\n', pos);
    if (eol == std::string::npos) break;
    const std::string line = all.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) break;
    const auto colon = line.find(": ");
    if (colon != std::string::npos) v.headers[line.substr(0, colon)] = line.substr(colon + 2);
  }
  v.body.assign(all.begin() + static_cast<std::ptrdiff_t>(pos), all.end());
  return v;
}

Key32 key32(const std::string& hex) {
  Key32 k{};
  auto b = hex_decode(hex);
  if (b && b->size() == 32) std::copy(b->begin(), b->end(), k.begin());
  return k;
}

template <typename T>
std::string outcome(const Result<T>& r) {
  return r ? "success" : to_string(r.error().code);
}

ManifestHash hash32(const std::string& hex) {
  ManifestHash h{};
  auto b = hex_decode(hex);
  if (b && b->size() == 32) std::copy(b->begin(), b->end(), h.begin());
  return h;
}

// The campaign a vector is read against: its signed token when it names one, else its id and
// manifest hash (all that contents are checked against).
Campaign campaign_of(const Vector& v, const std::string& name) {
  if (v.headers.count("token")) {
    auto c = verify_manifest(v.headers.at("token"));
    EXPECT_TRUE(c.ok()) << name << ": the vector's campaign does not verify";
    return c ? *c : Campaign{};
  }
  Campaign c;
  c.id = v.headers.at("campaign");
  c.manifest_hash = hash32(v.headers.at("manifest"));
  return c;
}

// Runs one vector; returns the error class it produced (or "success") and checks outputs.
std::string run(const Vector& v, const std::string& name) {
  const std::string kind = v.headers.at("kind");
  if (kind == "envelope" || kind == "outer") {
    auto key = recipient_from_secret(key32(v.headers.at("identity")));
    EXPECT_TRUE(key.ok());
    const Campaign c = campaign_of(v, name);
    auto plain = open_envelope(*key, v.body);
    if (!plain) return to_string(plain.error().code);
    const std::string got = kind == "envelope" ? outcome(decode_submission(*plain, c)) : outcome(decode_outer(*plain, c));
    if (got == "success") EXPECT_EQ(base64url_encode(*plain), v.headers.at("contents")) << name;
    return got;
  }
  if (kind == "manifest") {
    auto c = verify_manifest(to_string(v.body));
    if (c) EXPECT_EQ(c->id, v.headers.at("campaign")) << name;
    if (c && v.headers.count("manifest")) EXPECT_EQ(hex_encode(Bytes(c->manifest_hash.begin(), c->manifest_hash.end())), v.headers.at("manifest")) << name;
    return outcome(c);
  }
  if (kind == "keyfile") {
    auto keys = unwrap_keyset(to_string(v.body), v.headers.at("passphrase"));
    if (keys) EXPECT_EQ(keys->recipient.public_key, key32(v.headers.at("recipient"))) << name;
    return outcome(keys);
  }
  if (kind == "public-key") {
    const KeyKind k = v.headers.at("key-kind") == "signing" ? KeyKind::signing : KeyKind::recipient;
    auto key = decode_public_key(k, to_string(v.body));
    if (key) EXPECT_EQ(*key, key32(v.headers.at("public-key"))) << name;
    return outcome(key);
  }
  if (kind == "invitation-code") {
    auto code = invitation_code(key32(v.headers.at("identity")), hash32(v.headers.at("manifest")),
                                static_cast<std::uint32_t>(std::stoul(v.headers.at("index"))));
    if (code) EXPECT_EQ(*code, to_string(v.body)) << name;
    return outcome(code);
  }
  if (kind == "invitations") {
    auto st = verify_invitations(campaign_of(v, name), to_string(v.body));
    if (st) EXPECT_EQ(std::to_string(st->count), v.headers.at("count")) << name;
    return outcome(st);
  }
  if (kind == "release") {
    const Campaign c = campaign_of(v, name);
    auto r = read_release(c, v.body);
    if (!r) return to_string(r.error().code);
    EXPECT_EQ(std::to_string(r->feedback.size()), v.headers.at("feedback")) << name;
    EXPECT_EQ(std::to_string(r->mediation.size()), v.headers.at("mediation")) << name;
    // Every released answer opens for the feedback reader named by the vector.
    auto key = recipient_from_secret(key32(v.headers.at("identity")));
    EXPECT_TRUE(key.ok());
    for (const Bytes& record : r->feedback) {
      auto s = open_release_record(*key, record, c, SubmissionKind::feedback);
      EXPECT_TRUE(s.ok()) << name << ": " << (s ? "" : s.error().detail);
    }
    return "success";
  }
  if (kind == "phrase") {
    auto e = entropy_from_phrase(to_string(v.body));
    if (!e) return to_string(e.error().code);
    EXPECT_EQ(hex_encode(Bytes(e->bytes().begin(), e->bytes().end())), v.headers.at("entropy")) << name;
    EXPECT_EQ(encode_public_key(KeyKind::recipient, thread_keys(*e).value().public_key), v.headers.at("thread")) << name;
    return "success";
  }
  if (kind == "reply-bundle") {
    const auto thread = thread_keys(entropy_from_phrase(v.headers.at("phrase")).value()).value();
    auto replies = open_reply_bundle(campaign_of(v, name), v.headers.at("name"), v.body, thread);
    if (!replies) return to_string(replies.error().code);
    json list = json::array();
    for (const auto& r : *replies) {
      list.push_back({{"v", 2}, {"campaign", r.campaign}, {"thread", r.thread}, {"day", r.day}, {"text", r.text}, {"close", r.close}});
    }
    EXPECT_EQ(base64url_encode(to_bytes(dump_canonical(list))), v.headers.at("replies")) << name;
    return "success";
  }
  if (kind == "short-link") {
    auto parts = split_link(v.headers.at("link"));
    if (!parts) return to_string(parts.error().code);
    EXPECT_TRUE(parts->is_short()) << name;
    auto c = verify_stored_manifest(to_string(v.body), parts->manifest);
    if (c) EXPECT_EQ(hex_encode(Bytes(c->manifest_hash.begin(), c->manifest_hash.end())), v.headers.at("manifest")) << name;
    return outcome(c);
  }
  ADD_FAILURE() << name << ": unknown kind " << kind;
  return "?";
}

TEST(Vectors, EveryCommittedVectorHasItsExpectedOutcome) {
  const fs::path dir = PARLEY_VECTORS_DIR;
  std::map<std::string, int> by_kind;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const Vector v = read_vector(entry.path());
    const std::string name = entry.path().filename().string();
    ASSERT_TRUE(v.headers.count("expect") && v.headers.count("kind")) << name;
    EXPECT_EQ(run(v, name), v.headers.at("expect")) << name;
    ++by_kind[v.headers.at("kind")];
    ++count;
  }
  EXPECT_GE(count, 90);
  for (const char* kind : {"envelope", "outer", "manifest", "keyfile", "public-key", "invitation-code", "invitations", "release",
                           "phrase", "reply-bundle", "short-link"}) {
    EXPECT_GT(by_kind[kind], 0) << kind;
  }
}

TEST(Vectors, CoverEveryErrorClassAReaderReports) {
  std::map<std::string, int> seen;
  for (const auto& entry : fs::directory_iterator(PARLEY_VECTORS_DIR)) seen[read_vector(entry.path()).headers["expect"]]++;
  for (Errc e : {Errc::too_large, Errc::version_unsupported, Errc::header_failure, Errc::not_for_this_key,
                 Errc::payload_failure, Errc::schema_failure, Errc::wrong_campaign, Errc::wrong_manifest,
                 Errc::bad_signature, Errc::too_early, Errc::below_threshold, Errc::bad_key, Errc::corrupt_file,
                 Errc::wrong_passphrase, Errc::bad_input, Errc::bad_phrase}) {
    EXPECT_GT(seen[to_string(e)], 0) << "no vector expects " << to_string(e);
  }
  EXPECT_GT(seen["success"], 0);
}

// Each reader of a signed or sealed structure meets each of its refusal classes in a vector.
TEST(Vectors, CoverEveryRefusalOfTheTrusteeStructures) {
  std::map<std::string, std::set<std::string>> by_kind;
  for (const auto& entry : fs::directory_iterator(PARLEY_VECTORS_DIR)) {
    const Vector v = read_vector(entry.path());
    by_kind[v.headers.at("kind")].insert(v.headers.at("expect"));
  }
  const std::map<std::string, std::set<std::string>> expected = {
      {"outer", {"success", "not-for-this-key", "version-unsupported", "schema-failure", "wrong-campaign", "wrong-manifest"}},
      {"invitations", {"success", "too-large", "bad-input", "bad-signature", "version-unsupported", "schema-failure",
                       "wrong-campaign", "wrong-manifest"}},
      {"release", {"success", "too-large", "header-failure", "version-unsupported", "bad-signature", "schema-failure",
                   "wrong-campaign", "wrong-manifest", "payload-failure", "too-early", "below-threshold"}},
      {"reply-bundle", {"success", "header-failure", "payload-failure"}},
      {"phrase", {"success", "bad-phrase"}},
  };
  for (const auto& [kind, classes] : expected) {
    for (const auto& c : classes) EXPECT_TRUE(by_kind[kind].count(c)) << "no " << kind << " vector expects " << c;
  }
}

}  // namespace
}  // namespace parley
