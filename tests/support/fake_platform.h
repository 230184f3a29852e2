// A Platform whose outside world the test plays by hand: HTTP requests wait until the test
// answers them (one by one, or from a map of URL -> body), the file picker returns what the test
// picks, and settings, downloads, the clipboard and the clock are plain members to read and set.
// Like the real ones, it calls back only from the test's own calls, never inside http().
// Needs the platform library: for client and UI tests, not core tests.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/platform.h"

namespace parley::testing {

class FakePlatform final : public platform::Platform {
 public:
  struct Pending {
    platform::HttpRequest request;
    std::function<void(platform::HttpResponse)> done;
  };

  void http(platform::HttpRequest request, std::function<void(platform::HttpResponse)> done) override {
    sent.push_back(request);
    pending.push_back({std::move(request), std::move(done)});
  }
  // Answers the oldest request still waiting, as the network would.
  void answer(int status, Bytes body = {}, std::string content_type = {}) {
    auto p = std::move(pending.front());
    pending.pop_front();
    p.done({status, std::move(body), status ? "" : "connection refused", std::move(content_type)});
  }
  // Answers every waiting request from `store` (URL -> body; 404 when absent), until none is left.
  void serve(const std::map<std::string, Bytes>& store) {
    while (!pending.empty()) {
      const auto it = store.find(pending.front().request.url);
      if (it == store.end()) answer(404);
      else answer(200, it->second);
    }
  }
  void pick_files(std::string, bool, std::function<void(std::vector<platform::PickedFile>)> done) override {
    pick_done = std::move(done);
  }
  // The person chooses `files` in the picker.
  void pick(std::vector<platform::PickedFile> files) {
    auto done = std::move(pick_done);
    pick_done = nullptr;
    if (done) done(std::move(files));
  }
  std::function<void(std::vector<platform::PickedFile>)> pick_done;
  void set_drop_handler(std::function<void(std::vector<platform::PickedFile>)> handler) override { drop_handler = std::move(handler); }
  std::function<void(std::vector<platform::PickedFile>)> drop_handler;
  void download(std::string filename, Bytes data, std::string) override { downloads.emplace_back(filename, data); }
  void copy_text(std::string text) override { clipboard = text; }
  void load_app(std::string fragment) override { loaded_app.push_back(std::move(fragment)); }
  std::optional<std::string> load_setting(std::string_view key) override {
    const auto it = settings.find(std::string(key));
    return it == settings.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  void save_setting(std::string_view key, std::string_view value) override { settings[std::string(key)] = value; }
  void remove_setting(std::string_view key) override { settings.erase(std::string(key)); }
  std::int64_t now_unix() override { return now; }

  std::vector<platform::HttpRequest> sent;
  std::deque<Pending> pending;
  std::map<std::string, std::string> settings;
  std::vector<std::pair<std::string, Bytes>> downloads;
  std::string clipboard;
  std::vector<std::string> loaded_app;  // every load_app() fragment, in order
  std::int64_t now = 1793491200;  // the clock tests set by hand; default 2026-11-01T00:00:00Z
};

}  // namespace parley::testing
