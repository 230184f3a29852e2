// What a person did, as values: views emit them, the Controller applies them.
#pragma once

#include <string>
#include <variant>

namespace parley::ui {

struct OpenLink {
  std::string link;
};

struct DismissNotice {};

using Action = std::variant<OpenLink, DismissNotice>;

}  // namespace parley::ui
