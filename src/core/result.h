// Parley core: errors as values.
//
// The core never throws (exceptions abort in the wasm build) and never aborts on bad input:
// every fallible function returns a Result<T>. Error codes are stable strings (see to_string)
// because the test vectors in tests/vectors/ name them in their `expect:` lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace parley {

enum class Errc {
  // Input that is not what it claims to be (bad encoding, bad length, bad characters).
  bad_input,
  // A libsodium call failed where it should not (out of memory, library not initialised).
  crypto_failure,
  // A key in text form is malformed or fails its checksum (usually a typo).
  bad_key,
  // Key files: the passphrase does not open an intact file / the file itself is damaged.
  wrong_passphrase,
  corrupt_file,
  // Campaign manifests: the signature does not verify.
  bad_signature,
  // Envelopes, in the order an opener meets them (docs/FORMAT.md, "Errors").
  too_large,
  version_unsupported,
  header_failure,
  not_for_this_key,
  payload_failure,
  schema_failure,
  wrong_campaign,
  // Contents, invitations or a release made for another manifest body than the one read (a
  // campaign re-signed under the same id).
  wrong_manifest,
  // Releases: made before the campaign closed / with fewer than k feedback answers.
  too_early,
  below_threshold,
  // Recovery phrases: not 12 words of the list, or a checksum that fails (a typo).
  bad_phrase,
};
inline constexpr Errc kLastErrc = Errc::bad_phrase;

const char* to_string(Errc code);
std::optional<Errc> errc_from_string(std::string_view name);

struct Error {
  Errc code;
  std::string detail;  // one plain-English sentence for people, never secret material
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(Errc code, std::string detail) { return Error{code, std::move(detail)}; }

}  // namespace parley
