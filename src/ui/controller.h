// The Controller owns AppState and applies Actions to it. Plain C++: no ImGui, no browser,
// so every flow can be tested natively with platform::NativePlatform.
#pragma once

#include <nlohmann/json.hpp>

#include "platform/platform.h"
#include "ui/actions.h"
#include "ui/state.h"

namespace parley::ui {

class Controller {
 public:
  explicit Controller(platform::Platform& platform) : platform_(platform) {}

  AppState& state() { return state_; }
  const AppState& state() const { return state_; }

  void apply(const Action& action);

  // A JSON view of what is on screen, for tests and the debugging console. Holds only what
  // the person already sees on their own screen.
  nlohmann::json snapshot() const;

 private:
  void open_link(const std::string& link);

  platform::Platform& platform_;
  AppState state_;
};

}  // namespace parley::ui
