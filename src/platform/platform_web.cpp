// Browser platform: XHR-backed emscripten_fetch, DOM file picker and downloads, the async
// clipboard API and localStorage. JS calls back into C++ through the parley_* exports below.
#include <emscripten.h>
#include <emscripten/fetch.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "core/text.h"
#include "platform/platform.h"

namespace parley::platform {
namespace {

struct FetchContext {
  std::function<void(HttpResponse)> done;
  std::string method;
  std::vector<std::string> header_text;
  std::vector<const char*> header_ptrs;
  Bytes body;
};

void on_fetch_finished(emscripten_fetch_t* fetch) {
  auto* ctx = static_cast<FetchContext*>(fetch->userData);
  HttpResponse response;
  response.status = fetch->status;
  if (fetch->status == 0) {
    response.error = "No answer from the server: offline, blocked (CORS) or refused.";
  } else if (fetch->data && fetch->numBytes > 0) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(fetch->data);
    response.body.assign(p, p + fetch->numBytes);
  }
  if (fetch->status != 0) {
    // Content-Type is a CORS-safelisted response header: readable from any storage origin.
    std::string headers(emscripten_fetch_get_response_headers_length(fetch) + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, headers.data(), headers.size());
    std::string_view rest(headers.c_str());
    while (!rest.empty()) {
      const std::string_view line = rest.substr(0, rest.find('\n'));
      rest.remove_prefix(std::min(rest.size(), line.size() + 1));
      const auto colon = line.find(':');
      if (colon != std::string_view::npos && ascii_lower(line.substr(0, colon)) == "content-type") {
        response.content_type = media_type(line.substr(colon + 1));
      }
    }
  }
  auto done = std::move(ctx->done);
  delete ctx;
  emscripten_fetch_close(fetch);
  done(std::move(response));
}

struct PickState {
  std::function<void(std::vector<PickedFile>)> done;
  std::vector<PickedFile> files;
};
std::unordered_map<int, PickState> g_picks;
int g_next_pick = 1;
std::function<void(std::vector<PickedFile>)> g_drop_handler;

}  // namespace
}  // namespace parley::platform

extern "C" {
EMSCRIPTEN_KEEPALIVE void parley_pick_add(int id, const char* name, const std::uint8_t* data, int len) {
  auto it = parley::platform::g_picks.find(id);
  if (it == parley::platform::g_picks.end()) return;
  it->second.files.push_back({name, parley::Bytes(data, data + len)});
}
// A drop starts like a pick whose answer goes to the drop handler; 0 when nobody listens.
EMSCRIPTEN_KEEPALIVE int parley_drop_begin() {
  if (!parley::platform::g_drop_handler) return 0;
  const int id = parley::platform::g_next_pick++;
  parley::platform::g_picks[id] = {parley::platform::g_drop_handler, {}};
  return id;
}
EMSCRIPTEN_KEEPALIVE void parley_pick_done(int id) {
  auto it = parley::platform::g_picks.find(id);
  if (it == parley::platform::g_picks.end()) return;  // fires once: the entry is gone after
  auto state = std::move(it->second);
  parley::platform::g_picks.erase(it);
  state.done(std::move(state.files));
}
}

// clang-format off
// Files chosen in the picker or dropped on the page reach C++ the same way: each one through
// parley_pick_add, then parley_pick_done, under the id C++ handed out.
EM_JS(void, js_install_file_delivery, (), {
  Module.parleyDeliverFiles = async (id, files) => {
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ptr = _malloc(Math.max(bytes.length, 1));
      HEAPU8.set(bytes, ptr);
      const name = allocateUTF8(file.name);
      _parley_pick_add(id, name, ptr, bytes.length);
      _free(name);
      _free(ptr);
    }
    _parley_pick_done(id);
  };
});

EM_JS(void, js_pick_files, (int id, const char* accept, int multiple), {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = UTF8ToString(accept);
  input.multiple = !!multiple;
  let finished = false;
  const finish = (files) => {
    if (finished) return;
    finished = true;
    Module.parleyDeliverFiles(id, files);
  };
  input.addEventListener('change', () => finish(Array.from(input.files || [])));
  input.addEventListener('cancel', () => finish([]));
  input.click();
});

EM_JS(void, js_watch_drops, (), {
  document.addEventListener('dragover', (e) => { e.preventDefault(); });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const files = Array.from((e.dataTransfer && e.dataTransfer.files) || []);
    const id = files.length ? _parley_drop_begin() : 0;
    if (id) Module.parleyDeliverFiles(id, files);
  });
});

EM_JS(void, js_download, (const char* name, const std::uint8_t* data, int len, const char* mime), {
  const blob = new Blob([HEAPU8.slice(data, data + len)], {type: UTF8ToString(mime)});
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

// The same page at another fragment, loaded anew: shell/edition.js picks the build for it.
EM_JS(void, js_load_app, (const char* fragment), {
  history.replaceState(null, '', location.pathname + location.search + UTF8ToString(fragment));
  location.reload();
});

EM_JS(void, js_copy_text, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).catch(() => {});
  }
});

EM_JS(char*, js_load_setting, (const char* key), {
  let value = null;
  try { value = window.localStorage.getItem('parley.' + UTF8ToString(key)); } catch (e) {}
  return value === null ? 0 : allocateUTF8(value);
});

EM_JS(void, js_save_setting, (const char* key, const char* value), {
  try { window.localStorage.setItem('parley.' + UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, js_remove_setting, (const char* key), {
  try { window.localStorage.removeItem('parley.' + UTF8ToString(key)); } catch (e) {}
});
// clang-format on

namespace parley::platform {
namespace {

class WebPlatform final : public Platform {
 public:
  WebPlatform() { js_install_file_delivery(); }

  void http(HttpRequest request, std::function<void(HttpResponse)> done) override {
    auto* ctx = new FetchContext{std::move(done), std::move(request.method), {}, {}, std::move(request.body)};
    for (auto& [name, value] : request.headers) {
      ctx->header_text.push_back(std::move(name));
      ctx->header_text.push_back(std::move(value));
    }
    for (const auto& s : ctx->header_text) ctx->header_ptrs.push_back(s.c_str());
    ctx->header_ptrs.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, ctx->method.c_str(), sizeof attr.requestMethod - 1);
    // REPLACE: straight to the network, never emscripten's IndexedDB cache (which would keep a
    // copy on the device and, looked up before every request, halves download throughput).
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = ctx->header_ptrs.data();
    if (!ctx->body.empty()) {
      attr.requestData = reinterpret_cast<const char*>(ctx->body.data());
      attr.requestDataSize = ctx->body.size();
    }
    attr.userData = ctx;
    attr.onsuccess = on_fetch_finished;
    attr.onerror = on_fetch_finished;
    emscripten_fetch(&attr, request.url.c_str());
  }

  void pick_files(std::string accept, bool multiple, std::function<void(std::vector<PickedFile>)> done) override {
    const int id = g_next_pick++;
    g_picks[id] = PickState{std::move(done), {}};
    js_pick_files(id, accept.c_str(), multiple ? 1 : 0);
  }

  void set_drop_handler(std::function<void(std::vector<PickedFile>)> handler) override {
    if (!g_drop_handler) js_watch_drops();
    g_drop_handler = std::move(handler);
  }

  void download(std::string filename, Bytes data, std::string mime) override {
    js_download(filename.c_str(), data.data(), static_cast<int>(data.size()), mime.c_str());
  }

  void copy_text(std::string text) override { js_copy_text(text.c_str()); }
  void load_app(std::string fragment) override { js_load_app(fragment.c_str()); }

  std::optional<std::string> load_setting(std::string_view key) override {
    char* value = js_load_setting(std::string(key).c_str());
    if (!value) return std::nullopt;
    std::string out(value);
    std::free(value);
    return out;
  }

  void save_setting(std::string_view key, std::string_view value) override {
    js_save_setting(std::string(key).c_str(), std::string(value).c_str());
  }

  void remove_setting(std::string_view key) override { js_remove_setting(std::string(key).c_str()); }

  std::int64_t now_unix() override { return static_cast<std::int64_t>(emscripten_date_now() / 1000.0); }
};

}  // namespace

std::unique_ptr<Platform> make_platform() { return std::make_unique<WebPlatform>(); }

}  // namespace parley::platform
