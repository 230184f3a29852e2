// One function per screen; views.cpp picks the one for AppState::screen. Each draws the state
// it is given and emits Actions for what the person did.
#pragma once

#include <vector>

#include "ui/actions.h"
#include "ui/mirror.h"
#include "ui/state.h"

namespace parley::ui {

void draw_welcome(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_campaign_problem(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_opening(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_intro(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_feedback(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_mediation(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_review(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_sent(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_keys(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_builder(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_share(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_unlock(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_results(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_inbox(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_trustee(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_conversation_open(const AppState& state, std::vector<Action>& actions, Mirror& items);
void draw_conversation(const AppState& state, std::vector<Action>& actions, Mirror& items);

}  // namespace parley::ui
