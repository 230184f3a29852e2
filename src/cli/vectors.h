// What `parley vectors` (cmd_vectors.cpp, vectors_*.cpp) shares: the writer of vector
// files, the fixed people and campaigns every vector is made for, and makers of inputs the core
// refuses to build. Everything comes from fixed seeds, so the files are the same on every run.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/keyfile.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/submission.h"

namespace parley::cli::vectors {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One file per case: "name: value" header lines, an empty line, then the raw input.
class Writer {
 public:
  explicit Writer(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status write(const std::string& name, const Headers& headers, const Bytes& body);
  int count() const { return count_; }

 private:
  std::filesystem::path dir_;
  int count_ = 0;
};

struct Fixture {
  RecipientKeyPair manager, mediator, other, trustee;
  SigningKeyPair signer, other_signer, trustee_signer;
  Campaign campaign;  // direct mode
  std::string token;
  Campaign trustee_campaign;  // the same people, with the trustee; k = 3
  std::string trustee_token;
  KeySet trustee_keys() const { return {KeyRole::trustee, "Works council", trustee, trustee_signer}; }
};

Result<Fixture> make_fixture();

// Feedback to every question of the fixture's campaigns, and a mediation request.
Submission sample_feedback(const Campaign& c);
Submission sample_mediation(const Campaign& c);

SeededRng seeded(std::uint8_t n);
std::string hex(const Key32& k);  // also a ManifestHash: the same type
// Ed25519 over `context || body` with `key`, as base64url(body) "." base64url(signature): for
// bodies the core refuses to sign.
std::string raw_token(std::string_view context, const std::string& body, const SigningKeyPair& key);

Status write_trustee_vectors(Writer& w, const Fixture& f);
Status write_conversation_vectors(Writer& w, const Fixture& f);
Status write_short_link_vectors(Writer& w, const Fixture& f);

}  // namespace parley::cli::vectors
