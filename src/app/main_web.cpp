// The browser app: GLFW (Emscripten's) + WebGL2 + Dear ImGui, driven by requestAnimationFrame.
//
// ImGui works in device pixels: the canvas backing store is sized to CSS size x devicePixelRatio
// and fonts/styles are scaled by that ratio, so text stays crisp on high-DPI screens.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>

#include "core/rng.h"
#include "core/sodium_init.h"
#include "core/url.h"
#include "platform/platform.h"
#include "ui/controller.h"
#include "ui/edition.h"  // PARLEY_ORGANISERS: which build this is
#include "ui/font_fallback.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace {

struct App {
  GLFWwindow* window = nullptr;
  std::unique_ptr<parley::platform::Platform> platform;
  parley::SystemRng rng;  // crypto.getRandomValues, through libsodium
  std::unique_ptr<parley::client::EnvelopeOpener> opener;
  parley::client::SiteFile site;  // this deployment's parley-site.json, looked for at start
  std::unique_ptr<parley::ui::Controller> controller;
  bool started = false;  // the controller starts once the site file has been looked for
  parley::ui::Mirror items;
  std::unique_ptr<parley::ui::FontFallback> fonts;
  std::string tree;  // the mirror tree last sent to the page
  // Touch, fed by the page (shell/touch.js) instead of GLFW: one press or release per frame,
  // at the position where the finger landed, so a quick tap is seen and lands where it was.
  struct Touch {
    enum Kind { move, down, up, leave } kind;
    float x, y;  // CSS pixels
  };
  std::deque<Touch> touches;
  bool touch_owns_pointer = false;
  bool touch_down = false;
  float text_scale = 1.0f;  // the person's text size setting (root font size / 16)
  float pixel_ratio = 0.0f;
  bool drew_first_frame = false;
  std::string snapshot;   // keeps the string returned by parley_snapshot() alive
  std::string clipboard;  // the last text pasted into the page (see parley_paste)
  double frame_ms = 0;    // CPU time of a whole frame, smoothed (for benchmarks)
  unsigned long frames = 0;  // frames drawn (tests wait for one drawn after a state they saw)
  double ui_ms = 0;       // of which building the UI (the rest is the WebGL submission)
};

App* g_app = nullptr;

// clang-format off
EM_JS(void, js_first_frame, (), { if (Module.parleyFirstFrame) Module.parleyFirstFrame(); });
EM_JS(void, js_fatal, (const char* message), { if (Module.parleyFatal) Module.parleyFatal(UTF8ToString(message)); });
// The page's own address: a campaign link carries its manifest in the fragment (#c=...).
EM_JS(char*, js_page_link, (), {
  // The browser's encoder: the link carries the campaign, thousands of characters that
  // Emscripten's stringToUTF8 would copy one at a time in not-yet-optimised JavaScript.
  var bytes = new TextEncoder().encode(window.location.href);
  var p = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, p);
  HEAPU8[p + bytes.length] = 0;
  return p;
});
// Resizes the canvas backing store and tells GLFW. Not glfwSetWindowSize: 3.1.6's GLFW asks for
// fullscreen instead whenever the size equals the screen's (a phone, a fullscreen browser), which
// the browser refuses outside a click, so the canvas would never follow its CSS box there.
EM_JS(void, js_set_canvas_size, (int width, int height), { Browser.setCanvasSize(width, height); });
// The hand-over's screen request (#go=..., Controller::take_over) is read once: dropped from the
// address so that a reload or a bookmark opens the welcome screen, not that screen again.
EM_JS(void, js_forget_hand_over, (), {
  if (location.hash.startsWith('#go=')) history.replaceState(null, "", location.pathname + location.search);
});
// Hands the frame's semantic tree to the page's DOM mirror (shell/mirror.js).
EM_JS(void, js_mirror, (const char* tree), { if (Module.parleyMirror) Module.parleyMirror(UTF8ToString(tree)); });
EM_JS(void, js_watch_hash, (), {
  window.addEventListener('hashchange', function() { Module._parley_hash_changed(); });
});
// clang-format on

// The canvas's CSS box in device pixels: what its backing store should be.
struct CanvasPixels {
  int w = 1, h = 1;
  float ratio = 1;
};
CanvasPixels canvas_pixels() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  CanvasPixels px;
  px.ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  px.w = std::max(1, static_cast<int>(std::lround(css_w * px.ratio)));
  px.h = std::max(1, static_cast<int>(std::lround(css_h * px.ratio)));
  return px;
}

// Matches the canvas backing store to its CSS box and the theme to the device pixel ratio.
void sync_canvas(App& app) {
  const CanvasPixels px = canvas_pixels();
  static float applied_text_scale = 0;
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(app.window, &cur_w, &cur_h);
  if (px.w != cur_w || px.h != cur_h) js_set_canvas_size(px.w, px.h);
  if (px.ratio != app.pixel_ratio || app.text_scale != applied_text_scale) {
    app.pixel_ratio = px.ratio;
    applied_text_scale = app.text_scale;
    parley::ui::apply_theme(px.ratio * app.text_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();
  }
}

std::string page_link() {
  char* p = js_page_link();
  std::string link(p);
  std::free(p);
  return link;
}

// Applies queued touches: positions up to and including the next press or release. ImGui 1.86
// samples the button once a frame, so a press and its release must land in different frames.
void apply_touches(App& app) {
  if (app.touches.empty() && !app.touch_owns_pointer) return;
  ImGuiIO& io = ImGui::GetIO();
  app.touch_owns_pointer = true;
  while (!app.touches.empty()) {
    const App::Touch t = app.touches.front();
    app.touches.pop_front();
    const bool nowhere = t.kind == App::Touch::leave || t.x < 0 || t.y < 0;  // lifted off after a swipe
    io.MousePos = nowhere ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(t.x * app.pixel_ratio, t.y * app.pixel_ratio);
    if (t.kind == App::Touch::leave) app.touch_owns_pointer = false;  // the mouse has the pointer again
    if (t.kind == App::Touch::down || t.kind == App::Touch::up) {
      app.touch_down = t.kind == App::Touch::down;
      break;
    }
  }
  if (app.touch_owns_pointer || app.touch_down) {
    io.MouseDown[0] = app.touch_down;
  } else {
    io.MouseDown[0] = false;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
}

// Links are judged against the site file: the controller starts once it has been looked for
// (a few milliseconds: one GET to this origin, answered by the page's preload), as soon as the
// answer is in rather than in the next frame, which then draws at once.
void start_controller() {
  App& app = *g_app;
  if (app.started || app.site.state() == parley::client::SiteFile::State::unknown) return;
  app.controller->start(page_link(), parley::platform::today_utc());
  js_forget_hand_over();
  app.started = true;
}

void frame() {
  App& app = *g_app;
  if (!app.started) return;  // the page keeps showing "Loading" until then
  const double start = emscripten_get_now();
  app.controller->tick(emscripten_get_now(), parley::platform::today_utc());
  sync_canvas(app);
  // Every respondent fetches the fallback fonts when the form opens, so the requests never
  // depend on what they type (see FontFallback::fetch_all).
  const parley::ui::Screen screen = app.controller->state().screen;
  if (screen == parley::ui::Screen::feedback || screen == parley::ui::Screen::mediation) app.fonts->fetch_all();
  if (app.fonts->update(app.pixel_ratio * app.text_scale)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it; the CPU copy is megabytes with CJK
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  apply_touches(app);
  ImGui::NewFrame();

  app.items.begin_frame(app.pixel_ratio);
  std::vector<parley::ui::Action> actions;
  parley::ui::draw_app(app.controller->state(), actions, app.items);
  ImGui::Render();
  // Every text on screen, so that characters the UI font lacks (CJK, ...) get a fallback font.
  for (const auto& node : app.items.nodes()) {
    if (node.role == parley::ui::Role::heading && node.level == 1) app.fonts->want_title(node.name);
    else app.fonts->want(node.name);
    if (!node.secret) app.fonts->want(node.value);
  }
  if (std::string tree = app.items.tree_json(); tree != app.tree) {
    app.tree = std::move(tree);
    js_mirror(app.tree.c_str());
  }
  app.ui_ms = app.ui_ms * 0.9 + (emscripten_get_now() - start) * 0.1;

  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(app.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  app.frame_ms = app.frame_ms * 0.9 + (emscripten_get_now() - start) * 0.1;
  for (const auto& action : actions) app.controller->apply(action);
  ++app.frames;
  if (!app.drew_first_frame) {
    app.drew_first_frame = true;
    js_first_frame();
  }
}

// 3.1.6's GLFW passes the DOM wheel deltas through unchanged: pixels, with "down" positive.
// GLFW (and ImGui) expect notches with "up" positive; a browser notch is about 100 pixels.
void scroll_callback(GLFWwindow* window, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(window, -dx / 100.0, -dy / 100.0);
}

void copy_to_clipboard(void*, const char* text) { g_app->platform->copy_text(text); }

// 3.1.6's GLFW clipboard is a stub. Pasted text arrives with the DOM `paste` event instead
// (parley_paste); ImGui's own Ctrl+V handling then reads it from here.
const char* pasted_text(void*) { return g_app->clipboard.c_str(); }

bool paste_key_down(GLFWwindow* w) {
  const bool modifier = glfwGetKey(w, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS ||
                        glfwGetKey(w, GLFW_KEY_LEFT_SUPER) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_SUPER) == GLFW_PRESS;
  return modifier && glfwGetKey(w, GLFW_KEY_V) == GLFW_PRESS;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void parley_paste(const char* utf8) {
  if (!g_app) return;
  g_app->clipboard = utf8;
  // A paste from the keyboard is applied by ImGui's Ctrl+V handling on the next frame (text
  // typed while Ctrl is held is ignored by ImGui); one from a menu arrives as typed text.
  if (!paste_key_down(g_app->window)) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// --- the page's DOM mirror and touch input (shell/mirror.js, shell/touch.js) ------------------
EMSCRIPTEN_KEEPALIVE void parley_mirror_press(const char* id) {
  if (g_app) g_app->items.press(id);
}

EMSCRIPTEN_KEEPALIVE void parley_mirror_edit(const char* id, const char* text, int submitted) {
  if (g_app) g_app->items.edit(id, parley::ui::TextEdit{text, submitted != 0});
}

EMSCRIPTEN_KEEPALIVE void parley_mirror_focus(const char* id, int visible) {
  if (g_app) g_app->items.focus(id, visible != 0);
}

EMSCRIPTEN_KEEPALIVE void parley_scroll(float css_pixels) {
  if (g_app) g_app->items.scroll(css_pixels);
}

// kind: 0 move, 1 down, 2 up, 3 leave; x, y in CSS pixels relative to the canvas (negative:
// nowhere, for a finger lifted after a swipe).
EMSCRIPTEN_KEEPALIVE void parley_touch(int kind, float x, float y) {
  if (!g_app || kind < 0 || kind > 3) return;
  g_app->touches.push_back(App::Touch{static_cast<App::Touch::Kind>(kind), x, y});
}

// A coarse pointer (a phone or tablet) gets tap targets of at least 44 CSS pixels.
EMSCRIPTEN_KEEPALIVE void parley_set_touch_screen(int touch) { parley::ui::set_touch_targets(touch != 0); }

// The person's text size (root font size / 16): enlarges the UI as it enlarges pages.
EMSCRIPTEN_KEEPALIVE void parley_set_text_scale(float scale) {
  if (g_app && scale >= 0.5f && scale <= 4.0f) g_app->text_scale = scale;
}

EMSCRIPTEN_KEEPALIVE void parley_hash_changed() {
  // Before the start the link is read at the start anyway.
  if (g_app && g_app->started) g_app->controller->apply(parley::ui::OpenLink{page_link()});
}

EMSCRIPTEN_KEEPALIVE const char* parley_snapshot() {
  if (!g_app) return "{}";
  auto j = g_app->controller->snapshot();
  j["items"] = g_app->items.rects();
  j["pixel_ratio"] = g_app->pixel_ratio;
  j["frame_ms"] = g_app->frame_ms;
  j["frame"] = g_app->frames;
  j["ui_ms"] = g_app->ui_ms;
  g_app->snapshot = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_app->snapshot.c_str();
}

}  // extern "C"

int main() {
  if (!parley::init_crypto()) {
    js_fatal("The encryption library could not start in this browser.");
    return 1;
  }
  if (!glfwInit()) {
    js_fatal("This browser could not start the app's graphics.");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // The attributes of the context shell.js made and this window takes over.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  auto* app = new App;  // lives as long as the page
  // At the size the canvas already has: resizing a backing store reallocates it.
  const CanvasPixels px = canvas_pixels();
  app->window = glfwCreateWindow(px.w, px.h, "Parley", nullptr, nullptr);
  if (!app->window) {
    js_fatal("WebGL 2 is not available in this browser (it may be turned off).");
    return 1;
  }
  glfwMakeContextCurrent(app->window);
  app->platform = parley::platform::make_platform();
#if PARLEY_ORGANISERS
  app->opener = parley::client::make_opener();  // the worker pool, for the organisers' screens
#endif
  app->controller = std::make_unique<parley::ui::Controller>(*app->platform, app->rng, app->opener.get(), &app->site);
  app->fonts = std::make_unique<parley::ui::FontFallback>(*app->platform);
  g_app = app;
  const std::string link = page_link();
  const auto here = parley::parse_url(link.substr(0, link.find('#')));  // the fragment holds the campaign
  app->site.load(*app->platform, here ? parley::origin_of(*here) : std::string(), start_controller);
  start_controller();  // a page not served over http(s) has no site file to wait for
  js_watch_hash();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing about the session is kept
  // No ImGui keyboard navigation: the page's mirror owns focus, Tab order and activation, so
  // there is one focus (the DOM's), which the canvas draws.
  ImGui_ImplGlfw_InitForOpenGL(app->window, true);
  glfwSetScrollCallback(app->window, scroll_callback);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  io.SetClipboardTextFn = copy_to_clipboard;  // the GLFW backend installed its own
  io.GetClipboardTextFn = pasted_text;

  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
