// libFuzzer target: inspect_keyfile and unwrap_keyset(text, "pass").
//
// unwrap_keyset runs Argon2id with the parameters written in the file (up to 20 passes and
// 1 GiB), so it is only called when the harness's own look at the JSON finds cheap ones
// (ops <= 2, mem <= 64 KiB). The file's checksum (BLAKE2b over its canonical JSON) stops
// nearly every mutation at the first check, so each input is also tried a second time with
// the checksum recomputed: that lets the fuzzer reach the field checks and the unwrap.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/json_read.h"
#include "core/keyfile.h"
#include "core/sodium_init.h"

namespace {

using parley::json;

constexpr std::size_t kMaxText = 16 * 1024;  // key files are refused above this anyway
constexpr std::uint64_t kMaxOps = 2;
constexpr std::uint64_t kMaxMem = 64 * 1024;

bool init() {
  if (!parley::init_crypto()) {
    std::fprintf(stderr, "fuzz_keyfile: libsodium could not be initialised\n");
    std::abort();
  }
  return true;
}

bool at_most(const json& v, std::uint64_t max) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= max;
  if (v.is_number_integer()) return v.get<std::int64_t>() <= static_cast<std::int64_t>(max);
  return false;
}

bool cheap_kdf(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  const auto kdf = j.find("kdf");
  if (kdf == j.end() || !kdf->is_object()) return false;
  const auto ops = kdf->find("ops");
  const auto mem = kdf->find("mem");
  return ops != kdf->end() && mem != kdf->end() && at_most(*ops, kMaxOps) && at_most(*mem, kMaxMem);
}

void exercise(std::string_view text) {
  auto info = parley::inspect_keyfile(text);
  if (!info || !cheap_kdf(text)) return;
  auto keys = parley::unwrap_keyset(text, "pass");
  if (keys && keys->recipient.public_key != info->recipient) {
    std::fprintf(stderr, "fuzz_keyfile: unwrap_keyset and inspect_keyfile disagree on the recipient key\n");
    std::abort();
  }
}

// The input with its "check" field recomputed the way the key file format defines it.
bool with_fixed_check(std::string_view text, std::string& out) {
  if (text.size() > kMaxText) return false;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  j.erase("check");
  const std::string canonical = parley::dump_canonical(j);
  parley::Bytes check(16);
  if (crypto_generichash(check.data(), check.size(), reinterpret_cast<const std::uint8_t*>(canonical.data()),
                         canonical.size(), nullptr, 0) != 0) {
    return false;
  }
  j["check"] = parley::base64url_encode(check);
  out = parley::dump_canonical(j);
  return out != text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = init();
  (void)ready;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  exercise(text);
  std::string fixed;
  if (with_fixed_check(text, fixed)) exercise(fixed);
  return 0;
}
