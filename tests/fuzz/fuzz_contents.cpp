// libFuzzer target: the small parsers of untrusted text. decode_submission (envelope
// contents), decode_public_key (both kinds), base64url/base32/hex decoding and the UTF-8
// checks, all on the same input. Whatever decodes must survive a round trip.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/base32.h"
#include "core/bytes.h"
#include "core/keys.h"
#include "core/sodium_init.h"
#include "core/submission.h"
#include "core/text.h"
#include "envelope_key.h"

namespace {

bool init() {
  if (!parley::init_crypto()) {
    std::fprintf(stderr, "fuzz_contents: libsodium could not be initialised\n");
    std::abort();
  }
  return true;
}

[[noreturn]] void bug(const char* what) {
  std::fprintf(stderr, "fuzz_contents: %s\n", what);
  std::abort();
}

void check_submission(const parley::Bytes& input) {
  static const parley::Campaign campaign = parley::fuzz::contents_binding();
  auto s = parley::decode_submission(input, campaign);
  if (!s) return;
  auto encoded = parley::encode_submission(*s);
  if (!encoded) bug("a decoded submission does not encode");
  auto again = parley::decode_submission(*encoded, campaign);
  if (!again) bug("an encoded submission does not decode");
  if (again->kind != s->kind || again->answers.size() != s->answers.size() || again->day != s->day ||
      again->request.what != s->request.what || again->request.urgency != s->request.urgency) {
    bug("a submission changes in an encode/decode round trip");
  }
}

void check_key(parley::KeyKind kind, std::string_view text) {
  auto key = parley::decode_public_key(kind, text);
  if (!key) return;
  auto again = parley::decode_public_key(kind, parley::encode_public_key(kind, *key));
  if (!again || *again != *key) bug("a public key does not survive encode/decode");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = init();
  (void)ready;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const parley::Bytes input(data, data + size);

  check_submission(input);
  check_key(parley::KeyKind::recipient, text);
  check_key(parley::KeyKind::signing, text);

  if (auto b = parley::base64url_decode(text)) {
    auto again = parley::base64url_decode(parley::base64url_encode(*b));
    if (!again || *again != *b) bug("base64url does not survive encode/decode");
  }
  if (auto b = parley::base32_decode(text)) {
    auto again = parley::base32_decode(parley::base32_encode(*b));
    if (!again || *again != *b) bug("base32 does not survive encode/decode");
  }
  // Not on empty text: hex_decode("") hands libsodium a null output pointer (UBSan: nonnull
  // argument), a known finding that would otherwise stop every run at its first input.
  if (auto b = text.empty() ? parley::Result<parley::Bytes>(parley::Bytes{}) : parley::hex_decode(text)) {
    auto again = b->empty() ? parley::Result<parley::Bytes>(parley::Bytes{}) : parley::hex_decode(parley::hex_encode(*b));
    if (!again || *again != *b) bug("hex does not survive encode/decode");
  }
  if (parley::is_valid_utf8(text)) {
    if (parley::utf8_length(text) > text.size()) bug("utf8_length counts more code points than bytes");
    (void)parley::is_clean_text(text, 4000, true);
    (void)parley::is_clean_text(text, 120, false);
  }
  return 0;
}
