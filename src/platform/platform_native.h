// Native platform: real HTTP through libcurl; files, downloads and settings in folders on disk.
// The `parley` CLI runs the client library's storage reads and uploads on it, polling until they
// are done; headless UI tests drive the app through it, choosing which files "the person" picks.
// A request runs inside http() and only its completion waits for poll(), so pending() == 0 means
// nothing more will ever complete.
#pragma once

#include <deque>
#include <filesystem>
#include <string>

#include "platform/platform.h"

namespace parley::platform {

class NativePlatform final : public Platform {
 public:
  // `home` holds settings.json and the downloads/ folder.
  explicit NativePlatform(std::filesystem::path home);

  void http(HttpRequest request, std::function<void(HttpResponse)> done) override;
  void pick_files(std::string accept, bool multiple,
                  std::function<void(std::vector<PickedFile>)> done) override;
  void set_drop_handler(std::function<void(std::vector<PickedFile>)> handler) override { drop_ = std::move(handler); }
  void download(std::string filename, Bytes data, std::string mime) override;
  void copy_text(std::string text) override;
  void load_app(std::string fragment) override;
  std::optional<std::string> load_setting(std::string_view key) override;
  void save_setting(std::string_view key, std::string_view value) override;
  void remove_setting(std::string_view key) override;
  std::int64_t now_unix() override;
  void poll() override;

  // The person drops `files` onto the app (delivered from poll(), like every completion).
  void drop(std::vector<PickedFile> files) {
    if (drop_) queue_.push_back([this, files = std::move(files)]() mutable { drop_(std::move(files)); });
  }
  // What the next pick_files() answers with (tests play the person choosing files).
  void set_next_pick(std::vector<PickedFile> files) { next_pick_ = std::move(files); }
  const std::string& clipboard() const { return clipboard_; }
  // The fragment the app last asked to be loaded at (load_app); a native run has no page to load.
  const std::string& loaded_app() const { return loaded_app_; }
  std::filesystem::path downloads_dir() const { return home_ / "downloads"; }
  std::size_t pending() const { return queue_.size(); }

 private:
  std::filesystem::path home_;
  std::vector<PickedFile> next_pick_;
  std::string clipboard_;
  std::string loaded_app_;
  std::deque<std::function<void()>> queue_;
  std::function<void(std::vector<PickedFile>)> drop_;
};

}  // namespace parley::platform
