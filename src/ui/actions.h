// What a person did, as values: views emit them, the Controller applies them.
#pragma once

#include <string>
#include <variant>

#include "ui/state.h"

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

// Managers and mediators.
struct StartKeys {  // "create a key file" in a role
  KeyRole role = KeyRole::manager;
};
struct MakeKeyFile {};
struct DownloadKeyFile {};
struct CopyText {
  std::string text;
};
struct StartBuilder {};
struct UseTemplate {
  std::string name;
};
struct AddQuestion {};
struct RemoveQuestion {
  int index = 0;
};
struct MoveQuestion {
  int index = 0, delta = 0;
};
struct SignCampaign {};
struct StartUnlock {};
struct PickKeyFile {};
struct OpenResults {};
struct CancelLoading {};
struct AddEnvelopeFiles {};
struct ExportResults {
  bool csv = false;
};
struct SelectRequest {
  int index = -1;
};
struct SetRequestStatus {
  int index = 0;
  RequestStatus status = RequestStatus::fresh;
};
struct SaveNote {
  int index = 0;
};
struct CompareEarlier {};  // load state.earlier.link with the same key

using Action = std::variant<OpenLink, DismissNotice, StartFeedback, StartMediation, GoBack, AnswerEdited, SetKeepDraft,
                            Review, Send, RetryNow, SaveEnvelope, CopyReceipt, CheckStored, Done, StartKeys, MakeKeyFile,
                            DownloadKeyFile, CopyText, StartBuilder, UseTemplate, AddQuestion, RemoveQuestion,
                            MoveQuestion, SignCampaign, StartUnlock, PickKeyFile, OpenResults, CancelLoading,
                            AddEnvelopeFiles, ExportResults, SelectRequest, SetRequestStatus, SaveNote,
                            CompareEarlier>;

}  // namespace parley::ui
