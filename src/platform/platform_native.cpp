#include "platform/platform_native.h"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace parley::platform {
namespace fs = std::filesystem;

namespace {

size_t collect(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<Bytes*>(user);
  out->insert(out->end(), data, data + size * n);
  return size * n;
}

nlohmann::json read_settings(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nlohmann::json::object();
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

void write_settings(const fs::path& file, const nlohmann::json& j) {
  fs::create_directories(file.parent_path());
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);  // atomic: a crash never leaves half a settings file
}

// Only a plain file name may leave the app as a download name.
std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  if (out.empty() || out[0] == '.') out = "download" + out;
  return out;
}

// Performs one request, synchronously: http() runs it inside the call and queues only the
// completion, which poll() delivers (the CLI polls until its work is done).
HttpResponse http_blocking(const HttpRequest& request) {
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (!curl) {
    response.error = "The HTTP client could not start.";
    return response;
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "");  // no client fingerprint
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    const char* type = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) response.content_type = media_type(type);
  } else {
    response.error = curl_easy_strerror(rc);
    response.body.clear();
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

}  // namespace

NativePlatform::NativePlatform(fs::path home) : home_(std::move(home)) {}

void NativePlatform::http(HttpRequest request, std::function<void(HttpResponse)> done) {
  HttpResponse response = http_blocking(request);
  queue_.push_back([done = std::move(done), response = std::move(response)]() mutable { done(std::move(response)); });
}

void NativePlatform::pick_files(std::string, bool multiple, std::function<void(std::vector<PickedFile>)> done) {
  std::vector<PickedFile> files = std::move(next_pick_);
  next_pick_.clear();
  if (!multiple && files.size() > 1) files.resize(1);
  queue_.push_back([done = std::move(done), files = std::move(files)]() mutable { done(std::move(files)); });
}

void NativePlatform::download(std::string filename, Bytes data, std::string) {
  fs::create_directories(downloads_dir());
  std::ofstream out(downloads_dir() / safe_file_name(filename), std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

void NativePlatform::copy_text(std::string text) { clipboard_ = std::move(text); }
void NativePlatform::load_app(std::string fragment) { loaded_app_ = std::move(fragment); }

std::optional<std::string> NativePlatform::load_setting(std::string_view key) {
  const auto j = read_settings(home_ / "settings.json");
  const auto it = j.find(std::string(key));
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

void NativePlatform::save_setting(std::string_view key, std::string_view value) {
  auto j = read_settings(home_ / "settings.json");
  j[std::string(key)] = std::string(value);
  write_settings(home_ / "settings.json", j);
}

void NativePlatform::remove_setting(std::string_view key) {
  auto j = read_settings(home_ / "settings.json");
  j.erase(std::string(key));
  write_settings(home_ / "settings.json", j);
}

std::int64_t NativePlatform::now_unix() { return static_cast<std::int64_t>(std::time(nullptr)); }

void NativePlatform::poll() {
  // Completions queued while running these wait for the next poll(), as in a browser.
  std::deque<std::function<void()>> ready;
  ready.swap(queue_);
  for (auto& fn : ready) fn();
}

std::unique_ptr<Platform> make_platform() {
  const char* home = std::getenv("PARLEY_HOME");
  return std::make_unique<NativePlatform>(home ? fs::path(home) : fs::current_path() / ".parley");
}

}  // namespace parley::platform
