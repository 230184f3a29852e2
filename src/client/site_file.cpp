#include "client/site_file.h"

#include "client/texts.h"

namespace parley::client {

void SiteFile::load(platform::Platform& platform, const std::string& app_origin, std::function<void()> known) {
  if (app_origin.empty()) {  // a page not served over http(s) has no origin to ask
    state_ = State::none;
    return;
  }
  state_ = State::unknown;
  std::weak_ptr<bool> alive = alive_;
  platform.http({"GET", app_origin + "/parley-site.json", {}, {}}, [this, alive, known](platform::HttpResponse r) {
    if (alive.expired()) return;
    take(std::move(r));
    if (known) known();
  });
}

void SiteFile::take(platform::HttpResponse r) {
  // No answer at all is treated like no file: whoever can stop this request can also change
  // the app itself, so failing closed would only break offline use.
  if (r.status == 404 || r.status == 204 || r.status == 0) {
    state_ = State::none;
    return;
  }
  if (r.status != 200) {
    state_ = State::broken;
    problem_ = text("site.unreadable", {{"status", std::to_string(r.status)}});
    return;
  }
  auto site = parse_site(std::string_view(reinterpret_cast<const char*>(r.body.data()), r.body.size()));
  if (!site) {
    state_ = State::broken;
    problem_ = text("site.invalid", {{"detail", site.error().detail}});
    return;
  }
  site_ = std::move(*site);
  state_ = State::loaded;
}

const char* to_string(SiteFile::State state) {
  switch (state) {
    case SiteFile::State::unknown: return "unknown";
    case SiteFile::State::none: return "none";
    case SiteFile::State::loaded: return "loaded";
    case SiteFile::State::broken: return "broken";
  }
  return "unknown";
}

}  // namespace parley::client
