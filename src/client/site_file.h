// The deployment's site file (core/site.h), fetched once from the app's own origin when the
// page starts. Links are judged only once it has been looked for: a link opened earlier waits.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/site.h"
#include "platform/platform.h"

namespace parley::client {

class SiteFile {
 public:
  enum class State {
    unknown,  // not asked for yet, or on its way
    none,     // this deployment has none: every campaign link is judged on its own
    loaded,   // site() holds it
    broken,   // the host serves one that cannot be read: no link is trusted (problem() says why)
  };

  // GET <app_origin>/parley-site.json. A 404 or 204 (serve.py without --site), or no answer at
  // all, means none; any other answer must be a valid site file. An empty origin (a page not
  // served over http) means none, at once. `known`, if given, is called once the answer has set the state (not when the state
  // is known at once): the page starts with it.
  void load(platform::Platform& platform, const std::string& app_origin, std::function<void()> known = {});

  State state() const { return state_; }
  const Site* site() const { return site_ ? &*site_ : nullptr; }
  const std::string& problem() const { return problem_; }

 private:
  void take(platform::HttpResponse answer);  // the state the answer to load()'s GET gives

  State state_ = State::unknown;
  std::optional<Site> site_;
  std::string problem_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// "unknown", "none", "loaded" or "broken" (test snapshots).
const char* to_string(SiteFile::State state);

}  // namespace parley::client
