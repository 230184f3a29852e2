#include "core/result.h"

namespace parley {

const char* to_string(Errc code) {
  switch (code) {
    case Errc::bad_input: return "bad-input";
    case Errc::crypto_failure: return "crypto-failure";
  }
  return "unknown";
}

}  // namespace parley
