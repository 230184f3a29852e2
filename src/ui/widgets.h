// Small building blocks shared by the views, in Parley's style.
#pragma once

#include <string>

#include "ui/item_rects.h"
#include "ui/state.h"

namespace parley::ui {

// A filled button for the main action on a screen.
bool primary_button(const char* label, ItemRects& items, const char* id);

// Wrapped body text in a muted colour.
void muted_text(const std::string& text);

// An info or error banner; returns true when the person dismisses it.
bool notice_banner(const Notice& notice, ItemRects& items);

// Width of the centred content column; begin_column() moves the cursor to its left edge.
float column_width();
void begin_column();

}  // namespace parley::ui
