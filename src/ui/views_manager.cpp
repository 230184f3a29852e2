// The manager's and mediator's setup screens: key files, the campaign builder, the share link,
// and unlocking results.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "templates/templates.h"
#include "ui/campaign_builder.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

enum class Secret : bool { no, yes };

void labelled_input(const char* label, const char* id, std::string& value, Mirror& items, const char* hint = "",
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
  Node n;
  n.role = Role::status;  // announced as the passphrase is typed
  n.name = hint.text;
  Mirror::current().add(std::move(n));
}

// A muted line within the column (muted_text wraps to it).
void column_note(const std::string& text) {
  begin_column();
  muted_text(text);
}

void storage_choice(BuilderForm& b, Mirror& items) {
  column_heading("Where sealed answers are stored", items, "storage_label");
  // One choice per line: their labels need not fit side by side on a phone.
  const int picked = radio_group("Where sealed answers are stored", {"Web storage (serve.py / WebDAV PUT)", "S3-compatible bucket"},
                                 b.storage == StorageChoice::web ? 0 : 1, items, "storage_choice",
                                 {"storage_web", "storage_s3"});
  if (picked == 0) b.storage = StorageChoice::web;
  if (picked == 1) b.storage = StorageChoice::s3;
  if (b.storage == StorageChoice::web) {
    labelled_input("Storage address ({id} becomes the campaign id)", "storage_url", b.storage_url, items,
                   "where sealed answers are stored");
    return;
  }
  labelled_input("Bucket URL", "s3_bucket_url", b.s3_bucket_url, items,
                 "https://s3.example.org/parley-inbox/ or https://parley-inbox.s3.eu-west-1.amazonaws.com/");
  labelled_input("Region", "s3_region", b.s3_region, items, "us-east-1");
  labelled_input("Key prefix ({id} becomes the campaign id)", "s3_key_prefix", b.s3_key_prefix, items, "parley/{id}/");
  labelled_input("Write access key ID", "s3_access_key", b.s3_access_key, items);
  labelled_input("Write secret key", "s3_secret_key", b.s3_secret_key, items, "", Secret::yes);
  column_note("Used once, in this browser, to sign the upload policy that lets people add answers under the key prefix "
              "until the campaign closes; then wiped. Never saved, never sent.");
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
  column_title(manager ? "Your manager key file" : "Your mediator key file", items, "keys_title");
  column_text("Parley makes your keys in this browser. The secret half is saved only inside a key file protected by "
              "your passphrase. Losing the file or the passphrase loses every answer sealed to it: nobody, not even "
              "Parley, can recover them.");
  if (f.file_text.empty()) {
    labelled_input("A label for the file (only you see it)", "label_input", f.label, items,
                   manager ? "e.g. Team lead, Q1 pulse" : "e.g. Mediation, platform team");
    labelled_input("Passphrase", "pass_input", f.passphrase, items, "Four or more random words", Secret::yes);
    passphrase_strength(f.passphrase);
    labelled_input("The same passphrase again", "repeat_input", f.repeat, items, "", Secret::yes);
    error_text(f.error);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
    begin_column();
    if (primary_button("Create and download the key file", items, "make_key")) actions.push_back(MakeKeyFile{});
    ImGui::SameLine();
    if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
    return;
  }
  note_box("key_done", manager ? "Your key file was downloaded as parley-manager.key." : "Your key file was downloaded as parley-mediator.key.",
           {"Keep it somewhere safe, such as your password manager, together with a note of where it is.",
            "You need it and its passphrase to open " + std::string(manager ? "the results." : "mediation requests.")});
  begin_column();
  if (secondary_button("Download again", items, "download_key")) actions.push_back(DownloadKeyFile{});
  column_text(manager ? "Your public key (it is also inside every campaign you sign):"
                      : "Your public key: send it to the manager who runs the campaign, so requests can be sealed to you.");
  column_text(f.public_key);  // selectable in the page's mirror; copied with the button below
  items.note("public_key");
  begin_column();
  if (secondary_button("Copy public key", items, "copy_public_key")) actions.push_back(CopyText{f.public_key});
  notice_if_any(state, actions, items);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (manager) {
    if (primary_button("Next: build the campaign", items, "builder_button")) actions.push_back(StartBuilder{});
  } else if (primary_button("Done", items, "done_button")) {
    actions.push_back(GoBack{});
  }
}

void draw_builder(AppState& state, std::vector<Action>& actions, Mirror& items) {
  BuilderForm& b = state.builder;
  column_title("New campaign", items, "builder_title");
  column_text("Start from a template drawn from good remote-team practice, or write your own questions.");
  begin_column();
  const auto& templates = builtin_templates();
  for (std::size_t t = 0; t < templates.size(); ++t) {
    if (t > 0) same_line_if_fits(templates[t].title.c_str());
    if (secondary_button(templates[t].title.c_str(), items, ("tpl_" + templates[t].name).c_str())) {
      actions.push_back(UseTemplate{templates[t].name});
    }
  }
  labelled_input("Title", "title_input", b.title, items, "e.g. Team trust pulse");
  column_text("Introduction (shown first)");
  begin_column();
  FieldSpec intro;
  intro.label = "Introduction (shown first)";
  intro.lines = 3;
  text_field(intro, b.intro, items, "intro_input");

  for (std::size_t i = 0; i < b.questions.size(); ++i) {
    QuestionDraft& q = b.questions[i];
    const std::string n = std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    const std::string heading = "Question " + std::to_string(i + 1);
    column_heading(heading, items, "qhead_" + n);
    begin_column();
    FieldSpec text;
    text.label = heading;
    text.hint = "The question, as people will read it";
    text_field(text, q.text, items, "qtext_" + n);
    std::vector<std::string> types;
    for (const QuestionType t : kQuestionTypes) types.push_back(question_type_label(t));
    const int type = radio_group(heading + ": type", types, std::clamp(q.type, 0, 5), items, "qtype_" + n + "_");
    if (type >= 0) q.type = type;
    wrapped_checkbox("Required", &q.required, items, ("qreq_" + n).c_str());
    const QuestionType kind = kQuestionTypes[std::clamp(q.type, 0, 5)];
    if (has_options(kind)) {
      begin_column();
      muted_text("Options, one per line (2 to 12):");
      begin_column();
      FieldSpec options;
      options.label = heading + ": options, one per line";
      options.lines = 4;
      text_field(options, q.options, items, "qopts_" + n);
    }
    begin_column();
    bool first_button = true;
    const auto row_button = [&](const std::string& label, const std::string& id) {
      if (!first_button) same_line_if_fits(label.c_str());
      first_button = false;
      return small_button(label, items, id);
    };
    if (i > 0 && row_button("Move up", "qup_" + n)) actions.push_back(MoveQuestion{static_cast<int>(i), -1});
    if (i + 1 < b.questions.size() && row_button("Move down", "qdown_" + n)) actions.push_back(MoveQuestion{static_cast<int>(i), 1});
    if (row_button("Remove " + heading, "qremove_" + n)) actions.push_back(RemoveQuestion{static_cast<int>(i)});
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (secondary_button("Add a question", items, "add_question")) actions.push_back(AddQuestion{});

  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  labelled_input("Mediator's public key (optional)", "mediator_key", b.mediator_key, items,
                 "parley-r1-… from the mediator; without it, mediation requests are not offered");
  storage_choice(b, items);
  column_text("Minimum group size k: nothing is shown until at least k people answered");
  begin_column();
  FieldSpec k;
  k.label = "Minimum group size k (3 to 50)";
  k.width = column_width() * 0.3f;
  std::string k_text = std::to_string(b.k);
  if (text_field(k, k_text, items, "k_input").changed) {
    int typed = 0;
    for (const char c : k_text) typed = c >= '0' && c <= '9' && typed < 1000 ? typed * 10 + (c - '0') : typed;
    b.k = std::clamp(typed, 3, 50);
  }
  labelled_input("Opens (YYYY-MM-DD)", "opens_input", b.opens, items);
  labelled_input("Closes (YYYY-MM-DD)", "closes_input", b.closes, items);
  error_text(b.error);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button("Sign and get the link", items, "sign_button")) actions.push_back(SignCampaign{});
  ImGui::SameLine();
  if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
}

void draw_share(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  column_title("Ready to share", items, "share_title");
  column_text("Send this link to your team, by chat or email. The campaign travels inside the link, signed by your key; "
              "the storage never sees it.");
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
  Node shown;
  shown.id = "share_link";
  shown.role = Role::text;
  shown.name = link;
  items.add(std::move(shown));
  begin_column();
  if (primary_button("Copy link", items, "copy_link")) actions.push_back(CopyText{state.builder.link});
  ImGui::SameLine();
  if (secondary_button("Open results", items, "results_button")) actions.push_back(StartUnlock{});
  ImGui::SameLine();
  if (secondary_button("Edit campaign", items, "back_button")) actions.push_back(GoBack{});
  notice_if_any(state, actions, items);
}

void draw_unlock(AppState& state, std::vector<Action>& actions, Mirror& items) {
  ResultsSession& s = state.session;
  column_title("Results and mediation inbox", items, "unlock_title");
  column_text("Everything is decrypted here, in this browser, with your key file. Nothing you open is sent anywhere.");
  labelled_input("Campaign link", "results_link", s.link, items, "The link you shared");
  column_text("Key file");
  begin_column();
  if (secondary_button("Choose key file…", items, "pick_key")) actions.push_back(PickKeyFile{});
  ImGui::SameLine();
  muted_text(!s.keyfile_name.empty() ? s.keyfile_name
                                     : state.keys ? "None chosen: the key file made in this session will be used."
                                                  : "None chosen");
  if (!s.keyfile_name.empty()) {
    labelled_input("Passphrase", "results_pass", s.passphrase, items, "", Secret::yes);
  }
  if (s.link_uses_s3) {
    column_text("This campaign's envelopes are in an S3 bucket: your read credentials for it.");
    labelled_input("Read access key ID", "s3_read_access_key", s.s3_access_key, items);
    labelled_input("Read secret key", "s3_read_secret_key", s.s3_secret_key, items, "", Secret::yes);
    column_note("Kept in memory only while you are on these screens, then wiped; never saved.");
  }
  error_text(s.error);
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));
  begin_column();
  if (primary_button("Open", items, "unlock_button")) actions.push_back(OpenResults{});
  ImGui::SameLine();
  if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
