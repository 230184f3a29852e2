// Everything the views draw. Owned by the Controller; views read it and emit Actions.
#pragma once

#include <string>

namespace parley::ui {

enum class Screen { welcome };

enum class NoticeKind { none, info, error };

struct Notice {
  NoticeKind kind = NoticeKind::none;
  std::string text;
};

struct AppState {
  Screen screen = Screen::welcome;
  std::string link_input;  // edited in place by the view's text box
  Notice notice;
};

}  // namespace parley::ui
