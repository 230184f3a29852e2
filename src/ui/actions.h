// What a person did, as values: views emit them, the Controller applies them.
#pragma once

#include <string>
#include <variant>

namespace parley::ui {

struct OpenLink {
  std::string link;
};
struct DismissNotice {};
struct StartFeedback {};
struct StartMediation {};
// Escape, or a "Back" button: one step back from the current screen.
struct GoBack {};
// The person changed answer `index` (or the mediation form, index -1): refresh hints and the draft.
struct AnswerEdited {
  int index = -1;
};
struct SetKeepDraft {
  bool keep = false;
};
struct Review {};
struct Send {};
struct RetryNow {
  std::string name;
};
struct SaveEnvelope {
  std::string name;
};
struct CopyReceipt {
  std::string name;
};
struct CheckStored {
  std::string name;
};
struct Done {};

using Action = std::variant<OpenLink, DismissNotice, StartFeedback, StartMediation, GoBack, AnswerEdited, SetKeepDraft,
                            Review, Send, RetryNow, SaveEnvelope, CopyReceipt, CheckStored, Done>;

}  // namespace parley::ui
