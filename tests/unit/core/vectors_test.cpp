// Runs every committed test vector (tests/vectors/, docs/FORMAT.md "Test vectors") through
// the core. The same test runs natively and compiled to wasm under node.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/envelope.h"
#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/submission.h"

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

// Runs one vector; returns the error class it produced (or "success") and checks outputs.
std::string run(const Vector& v, const std::string& name) {
  const std::string kind = v.headers.at("kind");
  if (kind == "envelope") {
    auto key = recipient_from_secret(key32(v.headers.at("identity")));
    EXPECT_TRUE(key.ok());
    auto plain = open_envelope(*key, v.body);
    if (!plain) return to_string(plain.error().code);
    auto s = decode_submission(*plain, v.headers.at("campaign"));
    if (s && v.headers.count("contents")) {
      EXPECT_EQ(base64url_encode(*plain), v.headers.at("contents")) << name;
    }
    return outcome(s);
  }
  if (kind == "manifest") {
    auto c = verify_manifest(to_string(v.body));
    if (c) EXPECT_EQ(c->id, v.headers.at("campaign")) << name;
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
  EXPECT_GE(count, 40);
  for (const char* kind : {"envelope", "manifest", "keyfile", "public-key"}) EXPECT_GT(by_kind[kind], 0) << kind;
}

TEST(Vectors, CoverEveryEnvelopeErrorClass) {
  std::map<std::string, int> seen;
  for (const auto& entry : fs::directory_iterator(PARLEY_VECTORS_DIR)) seen[read_vector(entry.path()).headers["expect"]]++;
  for (Errc e : {Errc::too_large, Errc::version_unsupported, Errc::header_failure, Errc::not_for_this_key,
                 Errc::payload_failure, Errc::schema_failure, Errc::wrong_campaign, Errc::bad_signature, Errc::bad_key,
                 Errc::corrupt_file, Errc::wrong_passphrase, Errc::bad_input}) {
    EXPECT_GT(seen[to_string(e)], 0) << "no vector expects " << to_string(e);
  }
  EXPECT_GT(seen["success"], 0);
}

}  // namespace
}  // namespace parley
