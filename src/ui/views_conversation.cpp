// A person's mediation conversation: opening it with the recovery phrase, reading the mediators'
// replies and writing back. Nothing here names the person: the phrase is theirs alone.
#include <imgui.h>

#include <string>

#include "client/texts.h"
#include "client/who_reads.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {

void draw_conversation_open(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ConversationDesk& d = state.conversation;
  column_title(text("conversation.open.title"), items, "conversation_title");
  column_text(text("conversation.open.intro"));
  const Form form(items, "open_conversation");
  column_text(text("conversation.open.link"));
  begin_column();
  FieldSpec link;
  link.label = text("conversation.open.link");
  link.hint = text("conversation.open.link_hint");
  if (auto typed = text_field(link, d.link, items, "conversation_link").text) {
    actions.push_back(Edit{Field::conversation_link, -1, std::move(*typed)});
  }
  column_text(text("conversation.open.phrase"));
  begin_column();
  FieldSpec phrase;
  phrase.label = text("conversation.open.phrase");
  phrase.hint = text("conversation.open.phrase_hint");
  SecretFieldResult typed = secret_field(phrase, d.typed_phrase, items, "phrase_input");
  if (typed.text) actions.push_back(EditSecret{SecretField::phrase, std::move(*typed.text)});
  error_text(d.error, "conversation_error");
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button(text("conversation.open.button"), items, "open_conversation")) {
    actions.push_back(OpenConversation{});
  }
  same_line_if_fits(text("conversation.open.load_file"));
  if (secondary_button(text("conversation.open.load_file"), items, "load_phrase_file")) actions.push_back(LoadPhraseFile{});
  same_line_if_fits(text("common.back"));
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

void draw_conversation(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ConversationDesk& d = state.conversation;
  if (!d.campaign) return;
  column_title(d.campaign->title, items, "conversation_title");
  column_text(text("conversation.intro"));
  if (d.loading) {
    begin_column();
    status_text(text("conversation.loading"), "conversation_loading");
  } else if (d.read) {
    // What the download found, said once it is in (a status): after "Look for new replies" a
    // screen reader hears whether there is more.
    begin_column();
    status_text(d.replies.empty() ? text("conversation.no_replies") : plural("conversation.replies_count", static_cast<long>(d.replies.size())),
                "replies_found");
    for (std::size_t i = 0; i < d.replies.size(); ++i) {
      const ThreadReply& r = d.replies[i];
      const std::string id = "reply_" + std::to_string(i);
      const std::string from = client::mediator_name(*d.campaign, static_cast<std::size_t>(r.mediator));
      const std::string heading = r.close ? text("conversation.reply_closing", {{"day", r.day}, {"mediator", from}})
                                          : text("conversation.reply", {{"day", r.day}, {"mediator", from}});
      note_box(id.c_str(), heading, {r.text});
      items.note(id);
    }
  }
  error_text(d.error, "conversation_error");
  begin_column();
  if (secondary_button(text("conversation.refresh"), items, "refresh_conversation")) actions.push_back(RefreshConversation{});
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  if (d.closed) {
    column_text(text("conversation.closed"));
    items.note("thread_closed");
  } else {
    column_heading(text("conversation.write"), items, "write_heading");
    begin_column();
    FieldSpec message;
    message.label = text("conversation.write");
    message.lines = 4;
    if (auto typed = text_field(message, d.message, items, "follow_up_text").text) {
      actions.push_back(Edit{Field::follow_up, -1, std::move(*typed)});
    }
    if (const auto close = wrapped_checkbox(text("conversation.close"), d.close, items, "close_thread")) {
      actions.push_back(SetCloseThread{*close});
    }
    begin_column();
    if (primary_button(text("conversation.send"), items, "send_follow_up")) actions.push_back(SendFollowUp{});
    if (!d.sent_note.empty()) {
      begin_column();
      status_text(d.sent_note, "follow_up_sent");
    }
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
  begin_column();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
