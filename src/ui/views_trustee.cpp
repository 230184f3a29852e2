// The trustee's desk: the personal links of a campaign and its release. The trustee reads no
// answer here: it hands out links, and after the close releases what came back, mixed.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "client/texts.h"
#include "core/invitations.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

void invitations_section(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const TrusteeDesk& d = state.desk;
  column_heading(text("trustee.invitations.heading"), items, "invitations_heading");
  column_text(text("trustee.invitations.intro"));
  if (d.checking) {
    begin_column();
    muted_text(text("trustee.invitations.checking"));
  } else if (d.published) {
    column_text(plural("trustee.invitations.published", static_cast<long>(*d.published)));
    items.note("published_count");
  }
  column_text(text("trustee.invitations.count"));
  begin_column();
  FieldSpec count;
  count.label = text("trustee.invitations.count");
  count.hint = text("trustee.invitations.count_hint");
  count.width = column_width() * 0.3f;
  FieldResult typed = text_field(count, d.count, items, "invite_count");
  if (typed.text) actions.push_back(Edit{Field::invitation_count, -1, std::move(*typed.text)});
  same_line_if_fits(text("trustee.invitations.make"));
  if (primary_button(text("trustee.invitations.make"), items, "make_invitations") || typed.submitted) {
    actions.push_back(MakeInvitations{});
  }
  error_text(d.error, "invitations_error");
  if (d.invitations.empty()) return;
  begin_column();
  muted_text(d.publishing ? text("trustee.invitations.publishing")
                          : plural("trustee.invitations.made", static_cast<long>(d.invitations.size())));
  items.note("invitations_made");
  begin_column();
  if (secondary_button(text("trustee.invitations.csv"), items, "download_csv")) {
    actions.push_back(DownloadInvitations{InvitationFile::csv});
  }
  same_line_if_fits(text("trustee.invitations.sheet"));
  if (secondary_button(text("trustee.invitations.sheet"), items, "download_sheet")) {
    actions.push_back(DownloadInvitations{InvitationFile::sheet});
  }
  begin_column();
  muted_text(text("trustee.invitations.keep_private"));
}

// A trustee that is also one of the campaign's mediators reads requests as they arrive.
void requests_section(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.session.campaign;
  if (std::find(c.mediation_to.begin(), c.mediation_to.end(), c.trustee->recipient) == c.mediation_to.end()) return;
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(text("trustee.requests.heading"), items, "requests_heading");
  column_text(text("trustee.requests.intro"));
  begin_column();
  if (secondary_button(text("trustee.requests.open"), items, "open_requests")) actions.push_back(OpenTrusteeInbox{});
}

void refused_box(const client::ReleaseProgress& r) {
  if (r.refused.empty()) return;
  std::vector<std::string> lines;
  std::size_t total = 0;
  for (const auto& [reason, n] : r.refused) {
    lines.push_back(client::refusal_line(reason, n));
    total += n;
  }
  note_box("refused", plural("trustee.release.refused", static_cast<long>(total)), lines);
}

void release_section(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const Campaign& c = *state.session.campaign;
  const client::ReleaseProgress& r = state.desk.release;
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(text("trustee.release.heading"), items, "release_heading");
  column_text(text("trustee.release.intro", {{"k", std::to_string(c.k)}}));
  using client::ReleaseOutcome;
  using client::ReleaseStage;
  switch (r.stage) {
    case ReleaseStage::checking:
      progress_bar(0.0f, text("trustee.release.checking"), items, "release_progress");
      return;
    case ReleaseStage::downloading: {
      const float done = r.listed ? static_cast<float>(r.downloaded) / static_cast<float>(r.listed) : 0.0f;
      progress_bar(done, text("trustee.release.downloading", {{"downloaded", std::to_string(r.downloaded)}, {"listed", std::to_string(r.listed)}}),
                   items, "release_progress");
      return;
    }
    case ReleaseStage::uploading:
      progress_bar(1.0f, text("trustee.release.uploading"), items, "release_progress");
      return;
    case ReleaseStage::idle:
    case ReleaseStage::finished: break;
  }
  const std::string counts = release_counts(r.feedback, r.mediation, r.invitations);
  switch (r.outcome) {
    case ReleaseOutcome::released:
    case ReleaseOutcome::already_released:
      note_box("release_done",
               r.outcome == ReleaseOutcome::released ? text("trustee.release.done", {{"day", r.released_on}})
                                                     : text("trustee.release.found", {{"day", r.released_on}}),
               {counts, text("trustee.release.readers_can_read")}, true);
      items.note("release_outcome");
      refused_box(r);
      if (!r.release.empty()) {
        begin_column();
        if (secondary_button(text("trustee.release.save"), items, "save_release")) actions.push_back(SaveRelease{});
      }
      return;
    case ReleaseOutcome::below_threshold:
      error_text(r.error, "release_error");
      refused_box(r);
      return;
    case ReleaseOutcome::too_early:
    case ReleaseOutcome::failed: error_text(r.error, "release_error"); break;
    case ReleaseOutcome::none: break;
  }
  begin_column();
  if (!results_may_open(c, state.today)) {  // the release flow would refuse: say when it can run instead
    muted_text(text("trustee.release.not_yet", {{"closes", c.closes}}));
    items.note("release_not_yet");
    return;
  }
  if (primary_button(text("trustee.release.button"), items, "release_button")) actions.push_back(ReleaseResults{});
}

}  // namespace

void draw_trustee(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ResultsSession& s = state.session;
  if (!s.campaign || !s.campaign->trustee) return;
  column_title(s.campaign->title, items, "trustee_title");
  column_text(text("trustee.intro", {{"trustee", s.campaign->trustee->label}, {"closes", s.campaign->closes}}));
  invitations_section(state, actions, items);
  requests_section(state, actions, items);
  release_section(state, actions, items);
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
  begin_column();
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

}  // namespace parley::ui
