#include "core/phrase.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

extern const unsigned char parley_bip39_english[];
extern const unsigned long parley_bip39_english_size;

namespace parley {
namespace {

constexpr std::size_t kListSize = 2048;
constexpr const char* kReplyKeyLabel = "parley/v2 reply key";

// The embedded list, one word per line; empty when the build embedded something else (every
// phrase then fails to read, loudly, rather than mapping to other words).
const std::vector<std::string_view>& words() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> out;
    std::string_view all(reinterpret_cast<const char*>(parley_bip39_english), parley_bip39_english_size);
    while (!all.empty()) {
      const auto end = all.find('\n');
      std::string_view word = all.substr(0, end);
      if (!word.empty() && word.back() == '\r') word.remove_suffix(1);
      if (!word.empty()) out.push_back(word);
      if (end == std::string_view::npos) break;
      all.remove_prefix(end + 1);
    }
    if (out.size() != kListSize) out.clear();
    return out;
  }();
  return list;
}

Error bad_phrase(std::string detail) { return make_error(Errc::bad_phrase, std::move(detail)); }

// The checksum: the first 4 bits of SHA-256(E).
std::uint8_t checksum(const std::array<std::uint8_t, 16>& e) {
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), e.data(), e.size());
  return static_cast<std::uint8_t>(digest[0] >> 4);
}

const char* ordinal(std::size_t i) {
  static const char* const kOrdinals[] = {"first", "second", "third", "fourth", "fifth", "sixth",
                                          "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"};
  return i < kPhraseWords ? kOrdinals[i] : "last";
}

}  // namespace

PhraseEntropy::~PhraseEntropy() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<PhraseEntropy> new_phrase_entropy(Rng& rng) {
  std::array<std::uint8_t, 16> e{};
  rng.fill(e.data(), e.size());
  PhraseEntropy out(e);
  sodium_memzero(e.data(), e.size());
  return out;
}

std::string phrase_from_entropy(const PhraseEntropy& entropy) {
  const auto& list = words();
  const auto& e = entropy.bytes();
  // 132 bits: E then the checksum's 4 bits, read as twelve 11-bit big-endian indexes.
  std::array<std::uint8_t, 17> bits{};
  std::copy(e.begin(), e.end(), bits.begin());
  bits[16] = static_cast<std::uint8_t>(checksum(e) << 4);
  std::string out;
  for (std::size_t w = 0; w < kPhraseWords; ++w) {
    std::size_t index = 0;
    for (std::size_t b = 0; b < 11; ++b) {
      const std::size_t bit = w * 11 + b;
      index = (index << 1) | ((bits[bit / 8] >> (7 - bit % 8)) & 1u);
    }
    if (!out.empty()) out += ' ';
    out += list.empty() ? std::string_view("?") : list[index];
  }
  sodium_memzero(bits.data(), bits.size());
  return out;
}

Result<PhraseEntropy> entropy_from_phrase(std::string_view phrase) {
  const auto& list = words();
  if (list.empty()) return make_error(Errc::crypto_failure, "This Parley was built without its word list.");
  std::vector<std::string> typed;
  std::string word;
  for (char c : phrase) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) typed.push_back(std::move(word));
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) typed.push_back(std::move(word));
  if (typed.size() != kPhraseWords) {
    return bad_phrase("A recovery phrase has 12 words; this one has " + std::to_string(typed.size()) + ".");
  }
  std::array<std::uint8_t, 17> bits{};
  for (std::size_t w = 0; w < kPhraseWords; ++w) {
    const auto it = std::lower_bound(list.begin(), list.end(), std::string_view(typed[w]));  // the list is sorted
    if (it == list.end() || *it != typed[w]) {
      return bad_phrase(std::string("The ") + ordinal(w) + " word, \"" + typed[w] + "\", is not one of the phrase words: check its spelling.");
    }
    const auto index = static_cast<std::size_t>(it - list.begin());
    for (std::size_t b = 0; b < 11; ++b) {
      if ((index >> (10 - b)) & 1u) {
        const std::size_t bit = w * 11 + b;
        bits[bit / 8] = static_cast<std::uint8_t>(bits[bit / 8] | (1u << (7 - bit % 8)));
      }
    }
  }
  std::array<std::uint8_t, 16> e{};
  std::copy(bits.begin(), bits.begin() + 16, e.begin());
  const bool sums = checksum(e) == (bits[16] >> 4);
  sodium_memzero(bits.data(), bits.size());
  PhraseEntropy out(e);
  sodium_memzero(e.data(), e.size());
  if (!sums) return bad_phrase("These 12 words do not belong together: one of them is mistyped or in the wrong place.");
  return out;
}

Result<RecipientKeyPair> thread_keys(const PhraseEntropy& entropy) {
  Key32 secret{};
  const auto& e = entropy.bytes();
  if (crypto_generichash(secret.data(), secret.size(), reinterpret_cast<const unsigned char*>(kReplyKeyLabel),
                         std::char_traits<char>::length(kReplyKeyLabel), e.data(), e.size()) != 0) {
    return make_error(Errc::crypto_failure, "The thread key could not be derived.");
  }
  auto pair = recipient_from_secret(secret);
  sodium_memzero(secret.data(), secret.size());
  return pair;
}

}  // namespace parley
