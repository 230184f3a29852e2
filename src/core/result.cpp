#include "core/result.h"

#include <optional>
#include <string_view>

namespace parley {

const char* to_string(Errc code) {
  switch (code) {
    case Errc::bad_input: return "bad-input";
    case Errc::crypto_failure: return "crypto-failure";
    case Errc::bad_key: return "bad-key";
    case Errc::wrong_passphrase: return "wrong-passphrase";
    case Errc::corrupt_file: return "corrupt-file";
    case Errc::bad_signature: return "bad-signature";
    case Errc::too_large: return "too-large";
    case Errc::version_unsupported: return "version-unsupported";
    case Errc::header_failure: return "header-failure";
    case Errc::not_for_this_key: return "not-for-this-key";
    case Errc::payload_failure: return "payload-failure";
    case Errc::schema_failure: return "schema-failure";
    case Errc::wrong_campaign: return "wrong-campaign";
    case Errc::wrong_manifest: return "wrong-manifest";
    case Errc::too_early: return "too-early";
    case Errc::below_threshold: return "below-threshold";
    case Errc::bad_phrase: return "bad-phrase";
  }
  return "unknown";
}

std::optional<Errc> errc_from_string(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(kLastErrc); ++i) {
    const auto code = static_cast<Errc>(i);
    if (name == to_string(code)) return code;
  }
  return std::nullopt;
}

}  // namespace parley
