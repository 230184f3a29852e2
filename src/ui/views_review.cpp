// After answering: the review of exactly what will be sealed, then the envelope's journey.
#include <imgui.h>

#include <string>

#include "ui/screens.h"
#include "client/texts.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

std::string status_line(const OutboxItem& item) {
  switch (item.status) {
    case OutboxStatus::sending: return item.attempts > 1 ? text("sent.status.sending_again") : text("sent.status.sending");
    case OutboxStatus::stored:
      // An envelope restored after a reload has no kind (the device never keeps it).
      return item.kind == "mediation" ? text("sent.status.stored_request")
             : item.kind == "feedback" ? text("sent.status.stored_feedback")
                                       : text("sent.status.stored");
    case OutboxStatus::waiting: return text("sent.status.waiting", {{"reason", item.reason}});
    case OutboxStatus::failed: return text("sent.status.failed", {{"reason", item.reason}});
  }
  return {};
}

}  // namespace

void draw_review(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const bool mediation = state.screen == Screen::mediation_review;
  column_title(mediation ? text("review.title_request") : text("review.title_answers"), items, "review_title");
  column_text(mediation ? text("review.intro_request") : text("review.intro_answers"));
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
  if (primary_button(mediation ? text("review.send_request") : text("review.send_answers"), items, "send_button")) {
    actions.push_back(Send{});
  }
  ImGui::SameLine();
  if (secondary_button(text("review.edit"), items, "back_button")) actions.push_back(GoBack{});
}

void draw_sent(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const OutboxItem* item = state.outbox.find(state.last_sent);
  if (!item) {
    actions.push_back(Done{});
    return;
  }
  const bool stored = item->status == OutboxStatus::stored;
  column_title(stored ? text("sent.title_stored") : text("sent.title_sealed"), items, "sent_title");
  column_text(status_line(*item));
  items.note("sent_status");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));

  const std::string receipt = item->name.substr(0, 32);
  const std::string grouped =
      receipt.substr(0, 8) + " " + receipt.substr(8, 8) + " " + receipt.substr(16, 8) + " " + receipt.substr(24, 8);
  note_box("receipt", text("sent.receipt", {{"receipt", grouped}}), {});
  items.note("receipt");
  // S3 storage is write-only for people (anonymous reads are refused): nothing to check from here.
  const bool can_check = item->storage.kind != kStorageS3;
  begin_column();
  muted_text(can_check ? text("sent.receipt_note") : text("sent.receipt_note_s3", {{"check_note", text("sent.check.s3")}}));
  items.note("receipt_note");
  begin_column();
  if (secondary_button(text("sent.copy_receipt"), items, "copy_receipt")) actions.push_back(CopyReceipt{item->name});
  if (can_check) {
    ImGui::SameLine();
    if (secondary_button(text("sent.check_button"), items, "check_button")) actions.push_back(CheckStored{item->name});
  }
  if (!state.check_note.empty()) {
    begin_column();
    muted_text(state.check_note);
    items.note("check_note");
  }
  if (!stored) {
    begin_column();
    if (secondary_button(text("sent.retry_button"), items, "retry_button")) actions.push_back(RetryNow{item->name});
    ImGui::SameLine();
    if (secondary_button(text("sent.save_button"), items, "save_button")) actions.push_back(SaveEnvelope{item->name});
  }
  if (!state.conversation.phrase.empty()) {
    // Shown once: the mirror names the box, the words stay on the canvas and in the button's copy.
    note_box("phrase", text("sent.phrase.heading"), {std::string(state.conversation.phrase.view())});
    items.note("phrase");
    begin_column();
    muted_text(text("sent.phrase.note"));
    begin_column();
    if (secondary_button(text("sent.phrase.copy"), items, "copy_phrase")) actions.push_back(CopyPhrase{});
    same_line_if_fits(text("sent.phrase.save"));
    if (secondary_button(text("sent.phrase.save"), items, "save_phrase")) actions.push_back(SavePhrase{});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
  begin_column();
  if (primary_button(text("common.done"), items, "done_button")) actions.push_back(Done{});
}

}  // namespace parley::ui
