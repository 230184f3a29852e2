// The one interface between Parley and the outside world: HTTP, files, clipboard, settings.
//
// Two implementations, chosen by CMake: platform_web.cpp (browser: fetch, DOM, localStorage)
// and platform_native.cpp (libcurl, files on disk; used by headless UI tests and tools).
// Rules every implementation keeps:
//  - Every completion callback fires exactly once, and never from inside the call that
//    started it (only from poll() or from the browser's event loop), so callers never see
//    re-entrancy.
//  - Nothing here logs request contents or adds identifying headers: anonymity is the product.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"

namespace parley::platform {

struct HttpRequest {
  std::string method = "GET";  // GET, PUT, HEAD, POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  Bytes body;
};

struct HttpResponse {
  int status = 0;       // 0 when no HTTP answer arrived (offline, refused, CORS, DNS)
  Bytes body;
  std::string error;    // transport failure in plain words; empty when status != 0
  // The media type of the body, lower case and without parameters ("application/json");
  // empty when the server sent none.
  std::string content_type;
};

// "Text/HTML; charset=utf-8" -> "text/html": the media type alone, as HttpResponse holds it.
std::string media_type(std::string_view content_type_header);

struct PickedFile {
  std::string name;
  Bytes data;
};

class Platform {
 public:
  virtual ~Platform() = default;

  virtual void http(HttpRequest request, std::function<void(HttpResponse)> done) = 0;

  // Lets the person choose files; `done` gets an empty list when they cancel.
  virtual void pick_files(std::string accept, bool multiple,
                          std::function<void(std::vector<PickedFile>)> done) = 0;

  // Files the person drops onto the page go to `handler` (one call per drop); replaces any
  // earlier handler. Without a handler, drops are ignored.
  virtual void set_drop_handler(std::function<void(std::vector<PickedFile>)> handler) = 0;

  // Offers `data` to the person as a file download (browser) or writes it (native).
  virtual void download(std::string filename, Bytes data, std::string mime) = 0;

  virtual void copy_text(std::string text) = 0;

  // Small persistent key/value settings (localStorage in the browser). Callers decide what
  // may be kept: never plaintext answers unless the person asked for a draft to be kept.
  virtual std::optional<std::string> load_setting(std::string_view key) = 0;
  virtual void save_setting(std::string_view key, std::string_view value) = 0;
  virtual void remove_setting(std::string_view key) = 0;

  // Loads the app's page again at `fragment` ("#go=..."), replacing the page's address (it leaves
  // no history entry). The respondents' build hands an organiser's screen to the full app so.
  virtual void load_app(std::string fragment) = 0;

  // Seconds since 1970-01-01 UTC. Used only to sign S3 requests and to tell an expired upload
  // policy from other refusals; never written down anywhere.
  virtual std::int64_t now_unix() = 0;

  // Delivers pending completions (native); the browser delivers them itself.
  virtual void poll() {}
};

std::unique_ptr<Platform> make_platform();

// The calendar day in UTC, YYYY-MM-DD: the only time Parley ever writes down (on mediation
// requests) and what campaign open/close dates are compared with.
std::string today_utc();

}  // namespace parley::platform
