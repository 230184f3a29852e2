// After answering: the review of exactly what will be sealed, then the envelope's journey.
#include <imgui.h>

#include <string>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

std::string status_line(const OutboxItem& item) {
  switch (item.status) {
    case OutboxStatus::sending: return item.attempts > 1 ? "Sending again…" : "Sending…";
    case OutboxStatus::stored:
      return item.kind == "mediation" ? "Sent. Your request is stored, sealed for the mediator."
                                      : "Sent. Your feedback is stored, sealed for the campaign's readers.";
    case OutboxStatus::waiting:
      return "Waiting to send. " + item.reason +
             " Your sealed envelope is kept in this browser and sent automatically — also if you close this page and "
             "open the link again later.";
    case OutboxStatus::failed:
      return "Not sent. " + item.reason +
             " Nothing is lost: save the sealed envelope as a file and give it to the campaign's owner, or try again later.";
  }
  return {};
}

}  // namespace

void draw_review(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const bool mediation = state.screen == Screen::mediation_review;
  column_title(mediation ? "Check your request" : "Check your answers", items, "review_title");
  column_text(mediation ? "This is exactly what will be sealed for the mediator. Nothing else is added: no name, no "
                          "account, no address — only today's date."
                        : "This is exactly what will be sealed for the campaign's readers. Nothing else is added: no "
                          "name, no account, no time.");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  for (std::size_t i = 0; i < state.review.size(); ++i) {
    const ReviewLine& line = state.review[i];
    begin_column();
    muted_text(line.question);
    column_text(line.answer);
    items.note("review_" + std::to_string(i));
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.2f));
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  begin_column();
  if (primary_button(mediation ? "Seal and send to the mediator" : "Seal and send", items, "send_button")) actions.push_back(Send{});
  ImGui::SameLine();
  if (secondary_button("Edit", items, "back_button")) actions.push_back(GoBack{});
}

void draw_sent(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const OutboxItem* item = state.outbox.find(state.last_sent);
  if (!item) {
    actions.push_back(Done{});
    return;
  }
  const bool stored = item->status == OutboxStatus::stored;
  column_title(stored ? "Thank you" : "Sealed on this device", items, "sent_title");
  column_text(status_line(*item));
  items.note("sent_status");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));

  const std::string receipt = item->name.substr(0, 32);
  const std::string grouped =
      receipt.substr(0, 8) + " " + receipt.substr(8, 8) + " " + receipt.substr(16, 8) + " " + receipt.substr(24, 8);
  note_box("receipt", "Your receipt:   " + grouped, {});
  items.note("receipt");
  // S3 storage is write-only for people (anonymous reads are refused): nothing to check from here.
  const bool can_check = item->storage.kind != kStorageS3;
  begin_column();
  muted_text(can_check ? "It names the sealed envelope, not you: holding it only lets you check that the envelope is stored."
                       : std::string("It names the sealed envelope, not you. ") + kS3CheckNote);
  items.note("receipt_note");
  begin_column();
  if (secondary_button("Copy receipt", items, "copy_receipt")) actions.push_back(CopyReceipt{item->name});
  if (can_check) {
    ImGui::SameLine();
    if (secondary_button("Check that it is stored", items, "check_button")) actions.push_back(CheckStored{item->name});
  }
  if (!state.check_note.empty()) {
    begin_column();
    muted_text(state.check_note);
    items.note("check_note");
  }
  if (!stored) {
    begin_column();
    if (secondary_button("Try now", items, "retry_button")) actions.push_back(RetryNow{item->name});
    ImGui::SameLine();
    if (secondary_button("Save sealed envelope as a file", items, "save_button")) actions.push_back(SaveEnvelope{item->name});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  begin_column();
  if (primary_button("Done", items, "done_button")) actions.push_back(Done{});
}

}  // namespace parley::ui
