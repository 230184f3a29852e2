// One function per screen; views.cpp picks the one for AppState::screen.
#pragma once

#include <vector>

#include "ui/actions.h"
#include "ui/mirror.h"
#include "ui/state.h"

namespace parley::ui {

void draw_welcome(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_campaign_problem(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_intro(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_feedback(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_mediation(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_review(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_sent(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_keys(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_builder(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_share(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_unlock(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_results(AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_inbox(AppState& state, std::vector<Action>& actions, Mirror& items);

}  // namespace parley::ui
