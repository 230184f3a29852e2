// The manager's and mediator's setup screens: key files, the campaign builder, the share link,
// and unlocking results.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "templates/templates.h"
#include "client/campaign_builder.h"
#include "ui/screens.h"
#include "client/texts.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

enum class Secret : bool { no, yes };

void labelled_input(const std::string& label, const char* id, std::string& value, Mirror& items, const std::string& hint = {},
                    Secret secret = Secret::no) {
  column_text(label);
  begin_column();
  FieldSpec spec;
  spec.label = label;
  spec.hint = hint;
  spec.secret = secret == Secret::yes;
  text_field(spec, value, items, id);
}

void passphrase_strength(const std::string& passphrase) {
  const PassphraseHint hint = passphrase_hint(passphrase);
  if (hint.score == 0) return;
  static const ImVec4 kColours[] = {{0, 0, 0, 1}, {0.70f, 0.20f, 0.08f, 1}, {0.55f, 0.38f, 0.04f, 1}, {0.18f, 0.44f, 0.42f, 1},
                                    {0.12f, 0.31f, 0.29f, 1}};
  begin_column();
  ImGui::PushStyleColor(ImGuiCol_Text, kColours[hint.score]);
  ImGui::TextUnformatted(hint.text.c_str());
  ImGui::PopStyleColor();
  Mirror::current().add(make_node(Role::status, hint.text));  // announced as the passphrase is typed
}

// A muted line within the column (muted_text wraps to it).
void column_note(const std::string& text) {
  begin_column();
  muted_text(text);
}

// The token people type in a storage address or key prefix: the same in every language.
constexpr const char* kIdToken = "{id}";

void storage_choice(BuilderForm& b, Mirror& items) {
  column_heading(text("builder.storage.heading"), items, "storage_label");
  // One choice per line: their labels need not fit side by side on a phone.
  const int picked = radio_group(text("builder.storage.heading"), {text("builder.storage.web"), text("builder.storage.s3")},
                                 b.storage == StorageChoice::web ? 0 : 1, items, "storage_choice",
                                 {"storage_web", "storage_s3"});
  if (picked == 0) b.storage = StorageChoice::web;
  if (picked == 1) b.storage = StorageChoice::s3;
  if (b.storage == StorageChoice::web) {
    labelled_input(text("builder.storage.address", {{"id", kIdToken}}), "storage_url", b.storage_url, items,
                   text("builder.storage.address_hint"));
    return;
  }
  labelled_input(text("builder.storage.bucket_url"), "s3_bucket_url", b.s3_bucket_url, items, text("builder.storage.bucket_url_hint"));
  // The region's and key prefix's hints are example values, not words: the same in every language.
  labelled_input(text("builder.storage.region"), "s3_region", b.s3_region, items, "us-east-1");
  labelled_input(text("builder.storage.key_prefix", {{"id", kIdToken}}), "s3_key_prefix", b.s3_key_prefix, items, "parley/{id}/");
  labelled_input(text("builder.storage.write_access_key"), "s3_access_key", b.s3_access_key, items);
  labelled_input(text("builder.storage.write_secret_key"), "s3_secret_key", b.s3_secret_key, items, {}, Secret::yes);
  column_note(text("builder.storage.write_credentials_note"));
}

void notice_if_any(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  if (state.notice.kind == NoticeKind::none) return;
  begin_column();
  if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
}

}  // namespace

void draw_keys(AppState& state, std::vector<Action>& actions, Mirror& items) {
  KeysForm& f = state.keys_form;
  const bool manager = f.role == KeyRole::manager;
  column_title(manager ? text("keys.title_manager") : text("keys.title_mediator"), items, "keys_title");
  column_text(text("keys.intro"));
  if (f.file_text.empty()) {
    labelled_input(text("keys.label"), "label_input", f.label, items,
                   manager ? text("keys.label_hint_manager") : text("keys.label_hint_mediator"));
    labelled_input(text("keys.passphrase"), "pass_input", f.passphrase, items, text("keys.passphrase_hint"), Secret::yes);
    passphrase_strength(f.passphrase);
    labelled_input(text("keys.repeat"), "repeat_input", f.repeat, items, {}, Secret::yes);
    error_text(f.error);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
    begin_column();
    if (primary_button(text("keys.make_button"), items, "make_key")) actions.push_back(MakeKeyFile{});
    ImGui::SameLine();
    if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
    return;
  }
  note_box("key_done", manager ? text("keys.downloaded_manager") : text("keys.downloaded_mediator"),
           {text("keys.keep_safe"), manager ? text("keys.needed_for_results") : text("keys.needed_for_requests")});
  begin_column();
  if (secondary_button(text("keys.download_again"), items, "download_key")) actions.push_back(DownloadKeyFile{});
  column_text(manager ? text("keys.public_key_manager") : text("keys.public_key_mediator"));
  column_text(f.public_key);  // selectable in the page's mirror; copied with the button below
  items.note("public_key");
  begin_column();
  if (secondary_button(text("keys.copy_public_key"), items, "copy_public_key")) actions.push_back(CopyText{f.public_key});
  notice_if_any(state, actions, items);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (manager) {
    if (primary_button(text("keys.builder_button"), items, "builder_button")) actions.push_back(StartBuilder{});
  } else if (primary_button(text("common.done"), items, "done_button")) {
    actions.push_back(GoBack{});
  }
}

void draw_builder(AppState& state, std::vector<Action>& actions, Mirror& items) {
  BuilderForm& b = state.builder;
  column_title(text("builder.title"), items, "builder_title");
  column_text(text("builder.intro"));
  begin_column();
  const auto& templates = builtin_templates();
  for (std::size_t t = 0; t < templates.size(); ++t) {
    if (t > 0) same_line_if_fits(templates[t].title);
    if (secondary_button(templates[t].title, items, ("tpl_" + templates[t].name).c_str())) {
      actions.push_back(UseTemplate{templates[t].name});
    }
  }
  labelled_input(text("builder.campaign_title"), "title_input", b.title, items, text("builder.campaign_title_hint"));
  column_text(text("builder.campaign_intro"));
  begin_column();
  FieldSpec intro;
  intro.label = text("builder.campaign_intro");
  intro.lines = 3;
  text_field(intro, b.intro, items, "intro_input");

  for (std::size_t i = 0; i < b.questions.size(); ++i) {
    QuestionDraft& q = b.questions[i];
    const std::string n = std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    const std::string number = std::to_string(i + 1);
    const std::string heading = text("builder.question.heading", {{"number", number}});
    column_heading(heading, items, "qhead_" + n);
    begin_column();
    FieldSpec question;
    question.label = heading;
    question.hint = text("builder.question.hint");
    text_field(question, q.text, items, "qtext_" + n);
    std::vector<std::string> types;
    for (const QuestionType t : kQuestionTypes) types.push_back(question_type_label(t));
    if (const auto type = enum_radio_group(text("builder.question.type", {{"number", number}}), types, kQuestionTypes,
                                           q.type, items, "qtype_" + n + "_")) {
      q.type = *type;
    }
    wrapped_checkbox(text("builder.question.required"), &q.required, items, ("qreq_" + n).c_str());
    if (has_options(q.type)) {
      begin_column();
      muted_text(text("builder.question.options_note"));
      begin_column();
      FieldSpec options;
      options.label = text("builder.question.options", {{"number", number}});
      options.lines = 4;
      text_field(options, q.options, items, "qopts_" + n);
    }
    begin_column();
    bool first_button = true;
    const auto row_button = [&](const std::string& label, const std::string& id) {
      if (!first_button) same_line_if_fits(label);
      first_button = false;
      return small_button(label, items, id);
    };
    if (i > 0 && row_button(text("builder.question.move_up"), "qup_" + n)) actions.push_back(MoveQuestion{static_cast<int>(i), -1});
    if (i + 1 < b.questions.size() && row_button(text("builder.question.move_down"), "qdown_" + n)) {
      actions.push_back(MoveQuestion{static_cast<int>(i), 1});
    }
    if (row_button(text("builder.question.remove", {{"number", number}}), "qremove_" + n)) {
      actions.push_back(RemoveQuestion{static_cast<int>(i)});
    }
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (secondary_button(text("builder.add_question"), items, "add_question")) actions.push_back(AddQuestion{});

  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  labelled_input(text("builder.mediator_key"), "mediator_key", b.mediator_key, items, text("builder.mediator_key_hint"));
  storage_choice(b, items);
  column_text(text("builder.k_note"));
  begin_column();
  FieldSpec k;
  k.label = text("builder.k_label");
  k.width = column_width() * 0.3f;
  std::string k_text = std::to_string(b.k);
  if (text_field(k, k_text, items, "k_input").changed) {
    int typed = 0;
    for (const char c : k_text) typed = c >= '0' && c <= '9' && typed < 1000 ? typed * 10 + (c - '0') : typed;
    b.k = std::clamp(typed, 3, 50);
  }
  labelled_input(text("builder.opens"), "opens_input", b.opens, items);
  labelled_input(text("builder.closes"), "closes_input", b.closes, items);
  error_text(b.error);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button(text("builder.sign_button"), items, "sign_button")) actions.push_back(SignCampaign{});
  ImGui::SameLine();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

void draw_share(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  column_title(text("share.title"), items, "share_title");
  column_text(text("share.intro"));
  // A bordered box the link wraps inside (ImGui breaks the one long word), scrolling past ten lines.
  const std::string& link = state.builder.link;
  const float pad = ImGui::GetStyle().FramePadding.x * 1.5f;
  const float text_height = ImGui::CalcTextSize(link.c_str(), nullptr, false, column_width() - pad * 2).y;
  const float height = std::min(text_height, ImGui::GetTextLineHeightWithSpacing() * 10) + pad * 2;
  begin_column();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##link", ImVec2(column_width(), height), true);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(link.c_str(), link.c_str() + link.size());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  items.add(make_node(Role::text, link, "share_link"));
  begin_column();
  if (primary_button(text("share.copy_link"), items, "copy_link")) actions.push_back(CopyText{state.builder.link});
  ImGui::SameLine();
  if (secondary_button(text("share.open_results"), items, "results_button")) actions.push_back(StartUnlock{});
  ImGui::SameLine();
  if (secondary_button(text("share.edit"), items, "back_button")) actions.push_back(GoBack{});
  notice_if_any(state, actions, items);
}

void draw_unlock(AppState& state, std::vector<Action>& actions, Mirror& items) {
  ResultsSession& s = state.session;
  column_title(text("unlock.title"), items, "unlock_title");
  column_text(text("unlock.intro"));
  labelled_input(text("unlock.link_label"), "results_link", s.link, items, text("unlock.link_hint"));
  column_text(text("unlock.key_file"));
  begin_column();
  if (secondary_button(text("unlock.choose_key_file"), items, "pick_key")) actions.push_back(PickKeyFile{});
  ImGui::SameLine();
  muted_text(!s.keyfile_name.empty() ? s.keyfile_name
                                     : state.keys ? text("unlock.key_file_from_session") : text("unlock.no_key_file"));
  if (!s.keyfile_name.empty()) {
    labelled_input(text("unlock.passphrase"), "results_pass", s.passphrase, items, {}, Secret::yes);
  }
  if (s.link_uses_s3) {
    column_text(text("unlock.s3_note"));
    labelled_input(text("unlock.read_access_key"), "s3_read_access_key", s.s3_access_key, items);
    labelled_input(text("unlock.read_secret_key"), "s3_read_secret_key", s.s3_secret_key, items, {}, Secret::yes);
    column_note(text("unlock.read_credentials_note"));
  }
  error_text(s.error);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button(text("unlock.open_button"), items, "unlock_button")) actions.push_back(OpenResults{});
  ImGui::SameLine();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
