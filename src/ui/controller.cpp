#include "ui/controller.h"

#include <type_traits>

namespace parley::ui {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::welcome: return "welcome";
  }
  return "unknown";
}

const char* notice_name(NoticeKind k) {
  switch (k) {
    case NoticeKind::none: return "none";
    case NoticeKind::info: return "info";
    case NoticeKind::error: return "error";
  }
  return "unknown";
}

}  // namespace

void Controller::apply(const Action& action) {
  std::visit(
      [this](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, OpenLink>) {
          open_link(a.link);
        } else if constexpr (std::is_same_v<T, DismissNotice>) {
          state_.notice = {};
        }
      },
      action);
}

void Controller::open_link(const std::string& raw) {
  const std::string link = trim(raw);
  if (link.empty()) {
    state_.notice = {NoticeKind::error, "Paste the campaign link you received first."};
    return;
  }
  // Campaign links carry a signed manifest in the URL fragment (docs/FORMAT.md).
  if (link.find("#c=") == std::string::npos) {
    state_.notice = {NoticeKind::error,
                     "This is not a Parley campaign link. Ask the person who sent it for the full link."};
    return;
  }
  state_.notice = {NoticeKind::info, "Reading the campaign…"};
}

nlohmann::json Controller::snapshot() const {
  return {{"screen", screen_name(state_.screen)},
          {"link_input", state_.link_input},
          {"notice", {{"kind", notice_name(state_.notice.kind)}, {"text", state_.notice.text}}}};
}

}  // namespace parley::ui
