// Key files: a person's secret keys, wrapped with a passphrase (docs/FORMAT.md, "Key file").
// Secret keys never exist unwrapped on disk or in browser storage; this JSON text is the only
// form in which they are saved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/keys.h"
#include "core/rng.h"

namespace parley {

// What the file is for. Managers and trustees hold a signing key too (campaign manifests;
// invitations and releases). A trustee's recipient key may also be listed as a mediator's.
enum class KeyRole { manager, mediator, trustee };
const char* to_string(KeyRole role);

struct KeySet {
  KeyRole role = KeyRole::manager;
  std::string label;                     // the owner's own name for the file; never sent
  RecipientKeyPair recipient;            // opens envelopes sealed to this person
  std::optional<SigningKeyPair> signer;  // managers: signs manifests; trustees: invitations, releases
};

struct KdfParams {
  std::uint64_t ops;  // Argon2id passes
  std::size_t mem;    // bytes
};
// About 0.1 s natively and 0.2 s in a browser; the parameters travel in the file.
inline constexpr KdfParams kDefaultKdf{3, 64u * 1024 * 1024};
// What readers accept (and writers write). At least libsodium's interactive limits: a file with
// less would fall to an offline guesser; at most what a phone's browser can afford: a crafted
// file must not cost a reader gigabytes and minutes before "wrong passphrase".
inline constexpr KdfParams kMinKdf{2, 64u * 1024 * 1024};
inline constexpr KdfParams kMaxKdf{10, 256u * 1024 * 1024};

// Errors: bad_input (empty passphrase), crypto_failure.
Result<std::string> wrap_keyset(const KeySet& keys, std::string_view passphrase, const KdfParams& kdf, Rng& rng);

// Errors: corrupt_file (damaged or not a key file), version_unsupported, wrong_passphrase.
Result<KeySet> unwrap_keyset(std::string_view file_text, std::string_view passphrase);

// The public half of a key file, readable without the passphrase.
struct KeyFileInfo {
  KeyRole role;
  std::string label;
  Key32 recipient;
  std::optional<Key32> signer;
};
Result<KeyFileInfo> inspect_keyfile(std::string_view file_text);

}  // namespace parley
