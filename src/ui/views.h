// ImGui views: draw AppState as it is and emit Actions for every click, choice and keystroke
// (the Controller applies them). No logic lives here.
#pragma once

#include <vector>

#include "ui/actions.h"
#include "ui/mirror.h"
#include "ui/state.h"

namespace parley::ui {

// Draws the whole app for one frame into the current ImGui frame.
void draw_app(const AppState& state, std::vector<Action>& actions, Mirror& items);

}  // namespace parley::ui
