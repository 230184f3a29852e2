// The manager's and mediator's setup screens: key files, the campaign builder, the share link,
// and unlocking results.
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>

#include "templates/templates.h"
#include "client/campaign_builder.h"
#include "ui/screens.h"
#include "client/texts.h"
#include "ui/widget_qr.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

// The label above a one-line field, and the field's spec.
FieldSpec labelled(const std::string& label, const std::string& hint) {
  column_text(label);
  begin_column();
  FieldSpec spec;
  spec.label = label;
  spec.hint = hint;
  return spec;
}

// A labelled one-line field whose typing becomes an Edit of `field`.
void labelled_input(const std::string& label, const char* id, Field field, const std::string& value,
                    std::vector<Action>& actions, Mirror& items, const std::string& hint = {}, bool date = false) {
  FieldSpec spec = labelled(label, hint);
  spec.date = date;
  if (auto typed = text_field(spec, value, items, id).text) actions.push_back(Edit{field, -1, std::move(*typed)});
}

// The same for a passphrase or secret key: an EditSecret, the text a Secret all the way.
void labelled_secret(const std::string& label, const char* id, SecretField field, const Secret& value,
                     std::vector<Action>& actions, Mirror& items, const std::string& hint = {}) {
  const FieldSpec spec = labelled(label, hint);
  if (auto typed = secret_field(spec, value, items, id).text) actions.push_back(EditSecret{field, std::move(*typed)});
}

// The strength hint under a new passphrase (drawn here, judged by client::passphrase_hint).
void strength_hint(const Secret& passphrase) {
  const PassphraseHint hint = passphrase_hint(passphrase.view());
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

void storage_choice(const BuilderForm& b, std::vector<Action>& actions, Mirror& items) {
  column_heading(text("builder.storage.heading"), items, "storage_label");
  // One choice per line: their labels need not fit side by side on a phone.
  static constexpr StorageChoice kChoices[] = {StorageChoice::web, StorageChoice::s3};
  if (const auto picked = enum_radio_group(text("builder.storage.heading"), {text("builder.storage.web"), text("builder.storage.s3")},
                                           kChoices, b.storage, items, "storage_choice", {"storage_web", "storage_s3"})) {
    actions.push_back(SetStorage{*picked});
  }
  if (b.storage == StorageChoice::web) {
    labelled_input(text("builder.storage.address", {{"id", kIdToken}}), "storage_url", Field::storage_url, b.storage_url, actions,
                   items, text("builder.storage.address_hint"));
    return;
  }
  labelled_input(text("builder.storage.bucket_url"), "s3_bucket_url", Field::s3_bucket_url, b.s3_bucket_url, actions, items,
                 text("builder.storage.bucket_url_hint"));
  // The region's and key prefix's hints are example values, not words: the same in every language.
  labelled_input(text("builder.storage.region"), "s3_region", Field::s3_region, b.s3_region, actions, items, "us-east-1");
  labelled_input(text("builder.storage.key_prefix", {{"id", kIdToken}}), "s3_key_prefix", Field::s3_key_prefix, b.s3_key_prefix,
                 actions, items, "parley/{id}/");
  labelled_input(text("builder.storage.write_access_key"), "s3_access_key", Field::s3_write_access_key, b.s3_access_key, actions,
                 items);
  labelled_secret(text("builder.storage.write_secret_key"), "s3_secret_key", SecretField::s3_write_secret_key, b.s3_secret_key,
                  actions, items);
  column_note(text("builder.storage.write_credentials_note"));
}

void notice_if_any(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  if (state.notice.kind == NoticeKind::none) return;
  begin_column();
  if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
}

// Who stands between respondents and readers: a trustee (the default) or no one (direct mode).
void trustee_choice(const BuilderForm& b, std::vector<Action>& actions, Mirror& items) {
  column_heading(text("builder.trustee.heading"), items, "trustee_label_heading");
  column_note(text("builder.trustee.note"));
  static constexpr bool kChoices[] = {false, true};
  if (const auto picked = enum_radio_group(text("builder.trustee.heading"),
                                           {text("builder.trustee.with"), text("builder.trustee.direct")}, kChoices, b.direct,
                                           items, "trustee_choice", {"mode_trustee", "mode_direct"})) {
    actions.push_back(SetDirect{*picked});
  }
  if (b.direct) {
    column_note(text("builder.trustee.direct_note"));
    return;
  }
  labelled_input(text("builder.trustee.keys"), "trustee_keys", Field::trustee_keys, b.trustee_keys, actions, items,
                 text("builder.trustee.keys_hint"));
  labelled_input(text("builder.trustee.label"), "trustee_name", Field::trustee_label, b.trustee_label, actions, items,
                 text("builder.trustee.label_hint"));
}

// A thin line across the column between two questions of the builder.
void question_rule() {
  begin_column();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + column_width(), at.y), ImGui::GetColorU32(ImGuiCol_Separator),
                                      std::max(1.0f, ImGui::GetFontSize() / 17.0f));
  ImGui::Dummy(ImVec2(column_width(), ImGui::GetFontSize() * 0.4f));
}

// The key screen's words for the role whose key file it makes.
const std::string& for_role(KeyRole role, const std::string& manager, const std::string& mediator, const std::string& trustee) {
  switch (role) {
    case KeyRole::manager: return manager;
    case KeyRole::mediator: return mediator;
    case KeyRole::trustee: return trustee;
  }
  return manager;
}

}  // namespace

void draw_keys(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const KeysForm& f = state.keys_form;
  const bool manager = f.role == KeyRole::manager;
  column_title(for_role(f.role, text("keys.title_manager"), text("keys.title_mediator"), text("keys.title_trustee")), items, "keys_title");
  column_text(text("keys.intro"));
  if (f.file_text.empty()) {
    const Form form(items, "make_key");
    labelled_input(text("keys.label"), "label_input", Field::key_label, f.label, actions, items,
                   for_role(f.role, text("keys.label_hint_manager"), text("keys.label_hint_mediator"), text("keys.label_hint_trustee")));
    labelled_secret(text("keys.passphrase"), "pass_input", SecretField::key_passphrase, f.passphrase, actions, items,
                    text("keys.passphrase_hint"));
    strength_hint(f.passphrase);
    labelled_secret(text("keys.repeat"), "repeat_input", SecretField::key_repeat, f.repeat, actions, items);
    error_text(f.error);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
    begin_column();
    if (primary_button(text("keys.make_button"), items, "make_key")) actions.push_back(MakeKeyFile{});
    ImGui::SameLine();
    if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
    return;
  }
  note_box("key_done", for_role(f.role, text("keys.downloaded_manager"), text("keys.downloaded_mediator"), text("keys.downloaded_trustee")),
           {text("keys.keep_safe"), for_role(f.role, text("keys.needed_for_results"), text("keys.needed_for_requests"), text("keys.needed_for_release"))});
  begin_column();
  if (secondary_button(text("keys.download_again"), items, "download_key")) actions.push_back(DownloadKeyFile{});
  column_text(for_role(f.role, text("keys.public_key_manager"), text("keys.public_key_mediator"), text("keys.public_key_trustee")));
  column_text(f.public_key);  // selectable in the page's mirror; copied with the button below
  items.note("public_key");
  begin_column();
  if (secondary_button(text("keys.copy_public_key"), items, "copy_public_key")) actions.push_back(CopyText{f.public_key});
  notice_if_any(state, actions, items);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (manager) {
    if (primary_button(text("keys.builder_button"), items, "builder_button")) actions.push_back(StartBuilder{});
  } else if (primary_button(text("common.done"), items, "done_button")) {  // mediators and trustees: back to the start
    actions.push_back(GoBack{});
  }
}

void draw_builder(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const BuilderForm& b = state.builder;
  const Form form(items, "sign_button");
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
  labelled_input(text("builder.campaign_title"), "title_input", Field::campaign_title, b.title, actions, items,
                 text("builder.campaign_title_hint"));
  column_text(text("builder.campaign_intro"));
  begin_column();
  FieldSpec intro;
  intro.label = text("builder.campaign_intro");
  intro.lines = 3;
  if (auto typed = text_field(intro, b.intro, items, "intro_input").text) {
    actions.push_back(Edit{Field::campaign_intro, -1, std::move(*typed)});
  }

  for (std::size_t i = 0; i < b.questions.size(); ++i) {
    const QuestionDraft& q = b.questions[i];
    const int index = static_cast<int>(i);
    const std::string n = std::to_string(i);
    ImGui::PushID(index);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    if (i > 0) question_rule();
    const std::string number = std::to_string(i + 1);
    const std::string heading = text("builder.question.heading", {{"number", number}});
    column_heading(heading, items, "qhead_" + n);
    // The question's own moves sit right under its heading, so no row of buttons reads as the
    // next question's; the first offers no Move up, the last no Move down.
    begin_column();
    bool first_button = true;
    const auto row_button = [&](const std::string& label, const std::string& id) {
      if (!first_button) same_line_if_fits(label);
      first_button = false;
      return small_button(label, items, id);
    };
    if (i > 0 && row_button(text("builder.question.move_up"), "qup_" + n)) actions.push_back(MoveQuestion{index, -1});
    if (i + 1 < b.questions.size() && row_button(text("builder.question.move_down"), "qdown_" + n)) {
      actions.push_back(MoveQuestion{index, 1});
    }
    if (row_button(text("builder.question.remove", {{"number", number}}), "qremove_" + n)) {
      actions.push_back(RemoveQuestion{index});
    }
    begin_column();
    FieldSpec question;
    question.label = heading;
    question.hint = text("builder.question.hint");
    if (auto typed = text_field(question, q.text, items, "qtext_" + n).text) {
      actions.push_back(Edit{Field::question_text, index, std::move(*typed)});
    }
    std::vector<std::string> types;
    for (const QuestionType t : kQuestionTypes) types.push_back(question_type_label(t));
    if (const auto type = enum_radio_group(text("builder.question.type", {{"number", number}}), types, kQuestionTypes,
                                           q.type, items, "qtype_" + n + "_")) {
      actions.push_back(SetQuestionType{index, *type});
    }
    if (const auto required = wrapped_checkbox(text("builder.question.required"), q.required, items, "qreq_" + n)) {
      actions.push_back(SetQuestionRequired{index, *required});
    }
    if (has_options(q.type)) {
      begin_column();
      muted_text(text("builder.question.options_note"));
      begin_column();
      FieldSpec options;
      options.label = text("builder.question.options", {{"number", number}});
      // As tall as its options (2 to 12, one a line), so the box never scrolls inside and the
      // wheel over it always moves the page.
      const auto count = std::count(q.options.begin(), q.options.end(), '\n') + 1;
      options.lines = static_cast<float>(std::clamp<long>(static_cast<long>(count), 4, 12));
      if (auto typed = text_field(options, q.options, items, "qopts_" + n).text) {
        actions.push_back(Edit{Field::question_options, index, std::move(*typed)});
      }
    }
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (secondary_button(text("builder.add_question"), items, "add_question")) actions.push_back(AddQuestion{});

  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  trustee_choice(b, actions, items);
  labelled_input(text("builder.mediator_key"), "mediator_key", Field::mediator_key, b.mediator_key, actions, items,
                 text("builder.mediator_key_hint"));
  labelled_input(text("builder.mediator_label"), "mediator_label", Field::mediator_label, b.mediator_label, actions, items,
                 text("builder.mediator_label_hint"));
  storage_choice(b, actions, items);
  column_text(text("builder.k_note"));
  begin_column();
  FieldSpec k;
  k.label = text("builder.k_label");
  k.width = column_width() * 0.3f;
  if (auto typed = text_field(k, std::to_string(b.k), items, "k_input").text) actions.push_back(Edit{Field::k, -1, std::move(*typed)});
  // Dates get the browser's picker; the value stays YYYY-MM-DD, checked when signing.
  labelled_input(text("builder.opens"), "opens_input", Field::opens, b.opens, actions, items, {}, true);
  labelled_input(text("builder.closes"), "closes_input", Field::closes, b.closes, actions, items, {}, true);
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
  // The short link replaces the long one once the campaign is stored and reads back.
  if (state.builder.publishing) {
    status_text(text("share.publishing"), "share_publishing");
  } else if (!state.builder.why_long.empty()) {
    muted_text(state.builder.why_long, "share_why_long");
  } else if (link != state.builder.long_link) {
    muted_text(text("share.short_note"), "share_short_note");
  }
  begin_column();
  if (primary_button(text("share.copy_link"), items, "copy_link")) actions.push_back(CopyText{state.builder.link});
  if (link != state.builder.long_link && !state.builder.long_link.empty()) {
    same_line_if_fits(text("share.copy_long_link"));
    if (secondary_button(text("share.copy_long_link"), items, "copy_long_link")) actions.push_back(CopyText{state.builder.long_link});
  }
  same_line_if_fits(text("share.open_results"));
  if (secondary_button(text("share.open_results"), items, "results_button")) actions.push_back(StartUnlock{});
  same_line_if_fits(text("share.edit"));
  if (secondary_button(text("share.edit"), items, "back_button")) actions.push_back(GoBack{});
  // The same link as a QR code, for a screen in a meeting room or a printed sheet.
  column_heading(text("share.qr_heading"), items, "qr_heading");
  const auto& qr = qr_for(link);
  if (qr) {
    column_text(text("share.qr_intro"));
    qr_image(*qr, std::min(column_width(), ImGui::GetFontSize() * 26), text("qr.image_name"), items, "share_qr");
  } else {
    column_text(qr.error().detail);
  }
  begin_column();
  if (qr) {
    if (secondary_button(text("share.save_png"), items, "save_qr_png")) actions.push_back(SaveQr{QrFile::png});
    same_line_if_fits(text("share.save_svg"));
    if (secondary_button(text("share.save_svg"), items, "save_qr_svg")) actions.push_back(SaveQr{QrFile::svg});
    same_line_if_fits(text("share.print_sheet"));
  }
  if (secondary_button(text("share.print_sheet"), items, "save_qr_sheet")) actions.push_back(SaveQr{QrFile::sheet});
  notice_if_any(state, actions, items);
}

void draw_unlock(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ResultsSession& s = state.session;
  const Form form(items, "unlock_button");
  column_title(text("unlock.title"), items, "unlock_title");
  column_text(text("unlock.intro"));
  labelled_input(text("unlock.link_label"), "results_link", Field::results_link, s.link, actions, items, text("unlock.link_hint"));
  column_text(text("unlock.key_file"));
  begin_column();
  if (secondary_button(text("unlock.choose_key_file"), items, "pick_key")) actions.push_back(PickKeyFile{});
  ImGui::SameLine();
  muted_text(!s.keyfile_name.empty() ? s.keyfile_name
                                     : state.keys ? text("unlock.key_file_from_session") : text("unlock.no_key_file"));
  if (!s.keyfile_name.empty()) {
    labelled_secret(text("unlock.passphrase"), "results_pass", SecretField::unlock_passphrase, s.passphrase, actions, items);
  }
  if (s.link_uses_s3) {
    column_text(text("unlock.s3_note"));
    labelled_input(text("unlock.read_access_key"), "s3_read_access_key", Field::s3_read_access_key, s.s3_access_key, actions,
                   items);
    labelled_secret(text("unlock.read_secret_key"), "s3_read_secret_key", SecretField::s3_read_secret_key, s.s3_secret_key,
                    actions, items);
    column_note(text("unlock.read_credentials_note"));
  }
  if (s.opening) {
    status_text(text("opening.detail"), "unlock_opening");
  }
  error_text(s.error);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button(text("unlock.open_button"), items, "unlock_button")) actions.push_back(OpenResults{});
  ImGui::SameLine();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
