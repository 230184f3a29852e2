// Small secrets a reader keeps in their own browser (a mediator's notes and statuses),
// encrypted under a key derived from their secret key: readable only with the key file.
//
//   key = BLAKE2b-256(key = secret key, message = "parley local box v1\n" || purpose)
//   box = nonce(24) || XChaCha20-Poly1305(key, nonce, plaintext, ad = purpose)
#pragma once

#include <string_view>

#include "core/bytes.h"
#include "core/keys.h"
#include "core/rng.h"

namespace parley {

Result<Bytes> seal_local(const Key32& secret_key, std::string_view purpose, const Bytes& plaintext, Rng& rng);
// payload_failure when the box was changed or belongs to another key or purpose.
Result<Bytes> open_local(const Key32& secret_key, std::string_view purpose, const Bytes& box);

}  // namespace parley
