#pragma once

#include "core/result.h"

namespace parley {

// Initialises libsodium once; every entry point (app, CLI, tests) calls it before any crypto.
Status init_crypto();

}  // namespace parley
