#include <cstdint>
#include <ctime>

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>  // emscripten_date_now
#endif

#include "core/utc_time.h"
#include "platform/platform.h"

namespace parley::platform {

std::string today_utc() {
  // Seconds as 64 bits on both builds: Emscripten's time() truncates Date.now() to a 32-bit
  // int, which wraps in January 2038 and would make every campaign look closed (or not open).
#ifdef __EMSCRIPTEN__
  const auto now = static_cast<std::int64_t>(emscripten_date_now() / 1000.0);
#else
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
#endif
  return format_day(utc_from_unix(now));
}

}  // namespace parley::platform
