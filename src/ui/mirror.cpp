#include "ui/mirror.h"

#include <imgui.h>
#include <imgui_internal.h>  // ScrollToRect: bring the focused item into view

#include <algorithm>

namespace parley::ui {

const char* to_string(Role role) {
  switch (role) {
    case Role::heading: return "heading";
    case Role::text: return "text";
    case Role::note: return "note";
    case Role::button: return "button";
    case Role::checkbox: return "checkbox";
    case Role::radio_group: return "radiogroup";
    case Role::radio: return "radio";
    case Role::text_field: return "textbox";
    case Role::text_area: return "textarea";
    case Role::progress: return "progressbar";
    case Role::alert: return "alert";
    case Role::status: return "status";
    case Role::table: return "table";
    case Role::row: return "row";
    case Role::cell: return "cell";
    case Role::image: return "img";
  }
  return "text";
}

namespace {
Mirror* g_current = nullptr;
Mirror g_fallback;  // for widgets drawn outside a frame of the app (never shown)
}  // namespace

Mirror::~Mirror() {
  if (g_current == this) g_current = nullptr;
}

Mirror& Mirror::current() { return g_current ? *g_current : g_fallback; }

void Mirror::begin_frame(float pixel_ratio) {
  g_current = this;
  rects_.clear();
  nodes_.clear();
  open_.clear();
  form_.clear();
  ratio_ = pixel_ratio;
  // Input that arrived since the last frame is for this frame's widgets; what they did not
  // take is dropped (its widget is gone).
  presses_now_ = std::move(presses_);
  presses_.clear();
  edits_now_ = std::move(edits_);
  edits_.clear();
  // The focused item anchors the scroll only while it is drawn frame after frame.
  anchored_ = anchored_ && focused_drawn_;
  focused_drawn_ = false;
}

Rect Mirror::last_rect() const {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  return Rect{min.x / ratio_, min.y / ratio_, (max.x - min.x) / ratio_, (max.y - min.y) / ratio_};
}

void Mirror::note(const std::string& id) { rects_[id] = last_rect(); }

void Mirror::add(Node node) {
  node.rect = last_rect();
  if (node.id.empty()) node.id = "_" + std::to_string(nodes_.size());
  node.parent = open_.empty() ? -1 : open_.back();
  if (!node.id.empty()) rects_[node.id] = node.rect;
  // Open groups grow to hold their children.
  for (const int g : open_) {
    Rect& r = nodes_[static_cast<std::size_t>(g)].rect;
    if (r.w <= 0 && r.h <= 0) {
      r = node.rect;
      continue;
    }
    const float x1 = std::max(r.x + r.w, node.rect.x + node.rect.w), y1 = std::max(r.y + r.h, node.rect.y + node.rect.h);
    r.x = std::min(r.x, node.rect.x);
    r.y = std::min(r.y, node.rect.y);
    r.w = x1 - r.x;
    r.h = y1 - r.y;
  }
  if (!focused_.empty() && node.id == focused_) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float pad = 3.0f * ratio_;
    // Drawn on the foreground so no neighbour covers it; the colour is the theme's focus colour.
    if (focus_visible_) ImGui::GetForegroundDrawList()->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad),
                                            ImGui::GetColorU32(ImGuiCol_NavHighlight), ImGui::GetStyle().FrameRounding + pad,
                                            0, 2.5f * ratio_);
    ImGuiWindow* window = ImGui::GetCurrentWindow()->RootWindow;
    const float content_y = min.y - window->Pos.y + window->Scroll.y;
    if (focus_moved_) {
      focus_moved_ = false;
      ImGui::ScrollToRect(window, ImRect(ImVec2(min.x - pad * 4, min.y - pad * 4), ImVec2(max.x + pad * 4, max.y + pad * 4)),
                          ImGuiScrollFlags_KeepVisibleEdgeY);
    } else if (anchored_ && content_y != anchor_y_) {
      // Content above it grew or shrank (a comparison appeared, a comment unfolded): scroll by
      // as much, so the control a person just used stays where it was on screen, as a browser's
      // scroll anchoring keeps it. Only a control that was in view: one scrolled away from
      // stays away.
      ImGui::SetScrollY(window, window->Scroll.y + (content_y - anchor_y_));
    }
    anchor_y_ = content_y;
    anchored_ = min.y >= window->Pos.y && max.y <= window->Pos.y + window->Size.y;
    focused_drawn_ = true;
  }
  nodes_.push_back(std::move(node));
}

void Mirror::open(Node node) {
  node.rect = Rect{0, 0, 0, 0};
  if (node.id.empty()) node.id = "_" + std::to_string(nodes_.size());
  node.parent = open_.empty() ? -1 : open_.back();
  open_.push_back(static_cast<int>(nodes_.size()));
  nodes_.push_back(std::move(node));
}

void Mirror::close() {
  if (open_.empty()) return;
  const Node& n = nodes_[static_cast<std::size_t>(open_.back())];
  if (!n.id.empty()) rects_[n.id] = n.rect;
  open_.pop_back();
}

void Mirror::focus(std::string id, bool visible) {
  focus_moved_ = !id.empty() && id != focused_;
  if (id != focused_) anchored_ = false;
  focus_visible_ = visible;
  focused_ = std::move(id);
}

void Mirror::submit(const std::string& id) {
  if (id.empty()) return;
  const bool drawn = std::any_of(nodes_.begin(), nodes_.end(), [&](const Node& n) { return n.id == id; });
  (drawn ? presses_ : presses_now_).insert(id);
}

bool Mirror::take_press(const std::string& id) { return presses_now_.erase(id) > 0; }

std::optional<TextEdit> Mirror::take_edit(const std::string& id) {
  const auto it = edits_now_.find(id);
  if (it == edits_now_.end()) return std::nullopt;
  TextEdit e = std::move(it->second);
  edits_now_.erase(it);
  return e;
}

float Mirror::take_scroll() {
  const float s = scroll_ * ratio_;
  scroll_ = 0;
  return s;
}

nlohmann::json Mirror::rects() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, r] : rects_) out[id] = {r.x, r.y, r.w, r.h};
  return out;
}

std::string Mirror::tree_json() const {
  using nlohmann::json;
  json nodes = json::array();
  // Rounded to a tenth of a pixel: smooth enough to follow, stable enough to diff.
  const auto round = [](float v) { return static_cast<double>(static_cast<long>(v * 10.0f + (v < 0 ? -0.5f : 0.5f))) / 10.0; };
  for (const auto& n : nodes_) {
    json j = {{"i", n.id}, {"r", to_string(n.role)}, {"b", {round(n.rect.x), round(n.rect.y), round(n.rect.w), round(n.rect.h)}}};
    if (!n.name.empty()) j["n"] = n.name;
    // A passphrase never travels to the page's script (whose strings cannot be wiped): the page
    // hears only that the field was emptied, to clear its own copy.
    if (n.secret) {
      if (n.value.empty()) j["v"] = "";
    } else if (!n.value.empty() || n.role == Role::text_field || n.role == Role::text_area) {
      j["v"] = n.value;
    }
    if (!n.hint.empty()) j["h"] = n.hint;
    if (n.level) j["l"] = n.level;
    if (n.checked) j["c"] = 1;
    if (n.required) j["q"] = 1;
    if (n.invalid) j["x"] = 1;
    if (n.secret) j["s"] = 1;
    if (n.submits) j["k"] = 1;
    if (n.date) j["t"] = "date";
    if (n.parent >= 0) j["p"] = n.parent;
    nodes.push_back(std::move(j));
  }
  json tree = {{"screen", screen_}, {"nodes", std::move(nodes)}};
  if (!enter_.empty()) tree["enter"] = enter_;
  return tree.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace parley::ui
