// Parley's widget vocabulary: every widget the views draw, each declaring what it is to the
// mirror (mirror.h): role, accessible name, state. Views use only these for anything a person
// reads or operates, so that the DOM mirror, screen readers, keyboards and phones see all of it.
//
// Buttons, choices and fields also take their input from the mirror: a press on the DOM element
// (click, Enter, Space, a screen reader's activation) counts like a click on the canvas, and text
// typed into the DOM field (on-screen keyboards, input methods, paste) is the field's text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/secret.h"

#include "ui/mirror.h"
#include "ui/state.h"

namespace parley::ui {

// A filled button for the main action on a screen.
bool primary_button(const std::string& label, Mirror& items, const char* id);

// An outlined button for other actions.
bool secondary_button(const std::string& label, Mirror& items, const char* id);

// A small outlined button, e.g. "Clear answer" (still at least the minimum target size).
bool small_button(const std::string& label, Mirror& items, const std::string& id);

// A row of choices drawn as pills (1-5, 0-10): one radio group named `name`; each pill's
// accessible name is `option_names[k]`, its id `id` + its label. Returns the index pressed, or -1.
int pill_group(const std::string& name, const std::vector<std::string>& labels, const std::vector<std::string>& option_names,
               int selected, Mirror& items, const std::string& id);

// A radio group of labelled options, one per line. Option k's id is `option_ids[k]` when given,
// else `id` + k. Returns the index pressed, or -1.
int radio_group(const std::string& name, const std::vector<std::string>& options, int selected, Mirror& items,
                const std::string& id, const std::vector<std::string>& option_ids = {});

// A radio group over the values of an enum, `all` in the order shown and labelled `options`:
// returns the value pressed, if any. The views' choices are typed, never bare indexes.
template <class E, std::size_t N>
std::optional<E> enum_radio_group(const std::string& name, const std::vector<std::string>& options, const E (&all)[N],
                                  E selected, Mirror& items, const std::string& id,
                                  const std::vector<std::string>& option_ids = {}) {
  int at = -1;
  for (std::size_t k = 0; k < N; ++k) at = all[k] == selected ? static_cast<int>(k) : at;
  const int pressed = radio_group(name, options, at, items, id, option_ids);
  if (pressed < 0 || static_cast<std::size_t>(pressed) >= N) return std::nullopt;
  return all[pressed];
}

// A checkbox whose label wraps to the column (ImGui's own label never wraps); the label toggles
// it too. Returns the new value when the person toggled it; `id` names the whole row.
std::optional<bool> wrapped_checkbox(const std::string& label, bool value, Mirror& items, const std::string& id);

// A text field. The canvas draws its frame; the text itself lives in a real DOM field over it
// (shell/mirror.js), so phones open their keyboard and input methods compose. `lines` > 0 makes
// a multiline field that tall (wrapping, scrolling inside); 0 a single line.
//
// The field shows `value` and never changes it: what the person typed since the last frame
// comes back in the result, for the view to emit as an Edit.
struct FieldSpec {
  std::string label;  // accessible name (also shown above the field by the view, if any)
  std::string hint;   // placeholder
  float lines = 0;
  bool required = false;
  bool invalid = false;
  float width = 0;    // 0: the column's width
  bool date = false;  // a date, YYYY-MM-DD: the page's field is a date input with the browser's
                      // own picker (desktop and phones); its value stays YYYY-MM-DD, or "" while
                      // incomplete, and the view's own checks judge it as typed text
};
struct FieldResult {
  std::optional<std::string> text;  // the new text, when it changed
  bool submitted = false;           // Enter in a single-line field (outside a Form: inside one,
                                    // Enter presses the form's button instead)
};
FieldResult text_field(const FieldSpec& spec, std::string_view value, Mirror& items, const std::string& id);

// The fields drawn while a Form lives belong to the form whose main button is `submit_id`:
// Enter in any of its one-line fields presses that button, as on any web page (a multiline
// field keeps Enter for new lines). A screen declares its form once, before its fields:
//   const Form form(items, "make_key");
class Form {
 public:
  Form(Mirror& items, std::string submit_id);
  ~Form();
  Form(const Form&) = delete;
  Form& operator=(const Form&) = delete;

 private:
  Mirror& items_;
  std::string outer_;
};

// A single-line field for a passphrase or secret key: masked on the page, its text never in the
// mirror's tree, and what was typed returned as a Secret (the page's copy of it wiped here).
struct SecretFieldResult {
  std::optional<Secret> text;
  bool submitted = false;
};
SecretFieldResult secret_field(const FieldSpec& spec, const Secret& value, Mirror& items, const std::string& id);

// A progress bar with its text, e.g. "2 of 6 answered".
void progress_bar(float fraction, const std::string& text, Mirror& items, const char* id);

// Before the next button in a row of buttons: stays on the line when a button labelled
// `next_label` still fits in the column, or starts a new line at the column's left edge.
void same_line_if_fits(const std::string& next_label);
// The same for any widget `next_width` pixels wide.
void same_line_if_fits(float next_width);

// Text wrapped to the content column; a title uses the larger face and is the screen's heading.
void column_text(const std::string& text);
void column_title(const std::string& text, Mirror& items, const char* id);
// A section heading (level 2) in the body face, e.g. "Who is involved?".
void column_heading(const std::string& text, Mirror& items, const std::string& id);

// A gentle boxed note (hints, who-reads-what); lines are drawn as a bulleted list. `announced`:
// the outcome of something the person started, which screen readers say when it appears (a
// status), rather than a note they come upon.
void note_box(const char* id, const std::string& heading, const std::vector<std::string>& lines, bool announced = false);

// An error line under a question; announced when it appears.
void error_text(const std::string& text, const std::string& id = {});

// Wrapped body text in a muted colour; `id` names its node in the mirror for tests.
void muted_text(const std::string& text, const std::string& id = {});
// What the app is doing while the person waits ("Fetching the campaign…"): drawn like
// muted_text(), and one node of the page's mirror, a polite status, so it is read once.
void status_text(const std::string& text, const char* id);

// An info or error banner; returns true when the person dismisses it.
bool notice_banner(const Notice& notice, Mirror& items);

// Width of the centred content column; begin_column() moves the cursor to its left edge.
float column_width();
void begin_column();

// The height of a tap target: at least 44 CSS pixels on touch screens, ImGui's frame height
// elsewhere (set by the app from the pointer it sees; see set_touch_targets).
float target_height();
void set_touch_targets(bool touch);

}  // namespace parley::ui
