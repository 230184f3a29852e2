#include "core/sodium_init.h"

#include <sodium.h>

namespace parley {

Status init_crypto() {
  if (sodium_init() < 0) return make_error(Errc::crypto_failure, "libsodium could not be initialised.");
  return Ok{};
}

}  // namespace parley
