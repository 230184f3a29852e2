// The UI's semantic mirror: what each frame drew, as a tree of roles, names and states, and the
// input that comes back from the page's DOM copy of it.
//
// Parley draws on one canvas, which assistive technology, phones' keyboards and input methods
// cannot see into. Every widget therefore also declares itself here (see widgets.h); the web
// shell (shell/mirror.js) turns the tree into real, invisible DOM elements over the canvas
// (buttons, radio groups, headings, and visible <input>/<textarea> for text) and sends back what
// people do with them: a press, typed text, focus. Views consume that input in the next frame,
// so a screen reader's click and a mouse click reach the same code.
//
// Geometry is kept in CSS pixels. End-to-end tests use rects() to click "as a person would".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bytes.h"

namespace parley::ui {

struct Rect {
  float x, y, w, h;
};

enum class Role : std::uint8_t {
  heading,     // a screen or section title (level 1 or 2)
  text,        // a paragraph
  note,        // a boxed list of lines (children are text)
  button,
  checkbox,
  radio_group, // children are radios
  radio,
  text_field,  // single line; `secret` for passphrases
  text_area,   // multiline
  progress,
  alert,       // an error or a notice that must be announced
  status,      // a polite announcement (progress of a long task)
  table,       // children are rows
  row,         // children are cells; the first row's cells are column headers
  cell,
  image,       // a picture, named for what it shows (a QR code)
};
const char* to_string(Role role);

struct Node {
  std::string id;       // stable across frames; unique per frame
  Role role = Role::text;
  std::string name;     // the accessible name: what a screen reader says
  std::string value;    // text of a field; "n/max" of a progress bar
  std::string hint;     // placeholder of a field
  int level = 0;        // heading level
  bool checked = false;
  bool required = false;
  bool invalid = false;
  bool secret = false;  // a passphrase field
  bool submits = false; // a one-line field in a form: Enter presses the form's button
  bool date = false;    // a one-line field for a date (YYYY-MM-DD): the page offers its picker
  Rect rect{0, 0, 0, 0};
  int parent = -1;      // index into the frame's nodes
};

// A node as most widgets declare it: role, accessible name, id (empty: named by position).
inline Node make_node(Role role, std::string name = {}, std::string id = {}) {
  Node n;
  n.role = role;
  n.name = std::move(name);
  n.id = std::move(id);
  return n;
}

// What the page sends back for a text field between two frames. Passphrases arrive this way
// too (secret_field turns them into a Secret), so every copy of the text wipes itself when it is
// moved from, replaced or destroyed, as Secret does. (The page's own copy, the DOM field's
// value, is a JavaScript string: no code can wipe it; it goes when the field does.)
struct TextEdit {
  std::string text;
  bool submitted = false;  // Enter in a single-line field

  TextEdit() = default;
  TextEdit(std::string t, bool enter = false) : text{std::move(t)}, submitted(enter) {}  // NOLINT: as an aggregate was
  TextEdit(const TextEdit& other) = default;
  TextEdit(TextEdit&& other) noexcept : text{other.text}, submitted(other.submitted) { wipe(other.text); }
  TextEdit& operator=(const TextEdit& other) {
    if (this != &other) {
      wipe(text);
      text = other.text;
      submitted = other.submitted;
    }
    return *this;
  }
  TextEdit& operator=(TextEdit&& other) noexcept {
    if (this != &other) {
      *this = static_cast<const TextEdit&>(other);
      wipe(other.text);
    }
    return *this;
  }
  ~TextEdit() { wipe(text); }
};

class Mirror {
 public:
  Mirror() = default;
  Mirror(const Mirror&) = delete;
  Mirror& operator=(const Mirror&) = delete;
  ~Mirror();

  // Also makes this the mirror that widgets declare themselves to (as ImGui has a current
  // context), so that text helpers need no extra parameter.
  void begin_frame(float pixel_ratio);
  // Names the screen drawn; when it changes, the page moves focus to the node `enter` (a list
  // row a person comes back to), or when that is empty or not drawn, to its first heading.
  void set_screen(std::string screen, std::string enter = {}) {
    screen_ = std::move(screen);
    enter_ = std::move(enter);
  }
  static Mirror& current();

  // Records the rectangle of the widget ImGui drew last under `id` (geometry only).
  void note(const std::string& id);

  // Declares the widget ImGui drew last: its rect is taken from ImGui, and it is placed in the
  // innermost open node. A node without an id gets one from its position in the frame. The
  // focused node gets a visible focus ring on the canvas.
  void add(Node node);
  // Opens a node that contains the ones added until close() (radio groups, notes, tables).
  void open(Node node);
  void close();

  // --- input from the page, applied by the views in the next frame -------------------------
  void press(std::string id) { presses_.insert(std::move(id)); }
  void edit(std::string id, TextEdit edit) { edits_[std::move(id)] = std::move(edit); }
  // `visible`: the page would show a focus ring (keyboard use, text fields), so the canvas does.
  void focus(std::string id, bool visible = true);
  void scroll(float css_pixels) { scroll_ += css_pixels; }

  // Enter in a one-line field presses the button `id` of its form (Form in widgets.h): in this
  // frame when the button is still to be drawn, else in the next (never twice, never lost).
  void submit(const std::string& id);
  // The submit button of the form being drawn ("" outside a form).
  const std::string& form() const { return form_; }
  void set_form(std::string submit_id) { form_ = std::move(submit_id); }

  // True once when the page pressed `id` (click, Enter or Space on its DOM element).
  bool take_press(const std::string& id);
  std::optional<TextEdit> take_edit(const std::string& id);
  // Device pixels to scroll the screen by (touch swipes, wheel over a text field).
  float take_scroll();
  const std::string& focused() const { return focused_; }

  // --- output ------------------------------------------------------------------------------
  nlohmann::json rects() const;
  const std::vector<Node>& nodes() const { return nodes_; }
  // The tree for the page: {"screen":..., "enter":..., "nodes":[...]}. Compact keys.
  std::string tree_json() const;

 private:
  Rect last_rect() const;

  std::map<std::string, Rect> rects_;
  std::vector<Node> nodes_;
  std::vector<int> open_;
  std::string screen_, enter_;
  std::string form_;
  float ratio_ = 1.0f;

  std::set<std::string> presses_, presses_now_;  // arrived since the last frame / for this one
  std::map<std::string, TextEdit> edits_, edits_now_;
  std::string focused_;
  bool focus_moved_ = false;  // scroll the newly focused item into view once
  // Where the focused item was last frame in the window's content, if it was in view then:
  // when only the content above it changes, the scroll follows it (see add()).
  float anchor_y_ = 0;
  bool anchored_ = false;
  bool focused_drawn_ = false;
  bool focus_visible_ = true;
  float scroll_ = 0;
};

}  // namespace parley::ui
