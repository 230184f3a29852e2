// Recovery phrases (docs/FORMAT.md, "Conversations"): 16 random bytes shown as 12 words of the
// BIP39 English list with a 4-bit checksum that catches typos, and the keys derived from them.
// A person who asked for mediation keeps the phrase; with it they read the mediators' replies
// and answer them, from any device, with nothing the storage could tie to them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/keys.h"
#include "core/result.h"
#include "core/rng.h"

namespace parley {

inline constexpr std::size_t kPhraseWords = 12;

// E: the phrase's 128 bits. Wipes itself, like every copy of a secret key.
class PhraseEntropy {
 public:
  PhraseEntropy() = default;
  explicit PhraseEntropy(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}
  PhraseEntropy(const PhraseEntropy& other) = default;
  PhraseEntropy& operator=(const PhraseEntropy& other) = default;
  ~PhraseEntropy();
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

Result<PhraseEntropy> new_phrase_entropy(Rng& rng);

// The 12 words, lower case, separated by single spaces.
std::string phrase_from_entropy(const PhraseEntropy& entropy);

// Reads a phrase as people type it: any case, any white space between words. bad_phrase, in
// words for people, when it is not 12 words, a word is not on the list (naming which), or the
// checksum fails (a typo somewhere).
Result<PhraseEntropy> entropy_from_phrase(std::string_view phrase);

// The thread's key pair: reply_secret = BLAKE2b-32(key = E, "parley/v2 reply key").
Result<RecipientKeyPair> thread_keys(const PhraseEntropy& entropy);

}  // namespace parley
