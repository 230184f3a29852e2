// Small building blocks shared by the views, in Parley's style.
#pragma once

#include <string>
#include <vector>

#include "ui/item_rects.h"
#include "ui/state.h"

namespace parley::ui {

// A filled button for the main action on a screen.
bool primary_button(const char* label, ItemRects& items, const char* id);

// An outlined button for other actions.
bool secondary_button(const char* label, ItemRects& items, const char* id);

// A toggle that looks like a pill: filled when `selected`. For scales (1-5, 0-10).
bool scale_button(const char* label, bool selected, float width, ItemRects& items, const std::string& id);

// Before the next button in a row of buttons: stays on the line when a button labelled
// `next_label` still fits in the column, or starts a new line at the column's left edge.
void same_line_if_fits(const char* next_label);
// The same for any widget `next_width` pixels wide.
void same_line_if_fits(float next_width);

// A checkbox whose label wraps to the column (ImGui's own label never wraps); the label toggles
// it too. Returns true when it changed; `id` names the whole row for ItemRects.
bool wrapped_checkbox(const char* label, bool* value, ItemRects& items, const char* id);

// Text wrapped to the content column; `title` uses the larger face.
void column_text(const std::string& text);
void column_title(const std::string& text, ItemRects& items, const char* id);

// A gentle boxed note (hints, who-reads-what); lines are drawn as a bulleted list.
void note_box(const char* id, const std::string& heading, const std::vector<std::string>& lines);

// An error line under a question.
void error_text(const std::string& text);

// Wrapped body text in a muted colour.
void muted_text(const std::string& text);

// An info or error banner; returns true when the person dismisses it.
bool notice_banner(const Notice& notice, ItemRects& items);

// Width of the centred content column; begin_column() moves the cursor to its left edge.
float column_width();
void begin_column();

}  // namespace parley::ui
