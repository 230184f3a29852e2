// Results for managers (aggregates only, once k people answered) and the mediator's inbox.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "client/texts.h"
#include "core/favourable.h"
#include "core/text.h"
#include "ui/results_flow.h"
#include "ui/screens.h"
#include "ui/widget_table.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// One line of the "not counted" box: `n` envelopes left out for `reason` (an error class).
// In the inbox, envelopes not for this key are answers sealed to the feedback readers.
std::string failure_line(const std::string& reason, std::size_t count, bool inbox) {
  const auto n = static_cast<long>(count);
  if (reason == "not-for-this-key" && inbox) return plural("inbox.not_counted.not_for_this_key", n);
  if (reason == "not-for-this-key") return plural("results.not_counted.not_for_this_key", n);
  if (reason == "duplicate") return plural("results.not_counted.duplicate", n);
  if (reason == "download-failed") return plural("results.not_counted.download_failed", n);
  if (reason == "wrong-campaign") return plural("results.not_counted.wrong_campaign", n);
  if (reason == "too-large") return plural("results.not_counted.too_large", n);
  if (reason == kForRelease) return plural("results.not_counted.for_release", n);
  return plural("results.not_counted.damaged", n, {{"reason", reason}});
}

const std::string& status_label(RequestStatus status) {
  switch (status) {
    case RequestStatus::fresh: return text("inbox.status.new");
    case RequestStatus::in_progress: return text("inbox.status.in_progress");
    case RequestStatus::closed: return text("inbox.status.closed");
  }
  return text("inbox.status.new");
}

// The accessible form of a chart: a table of the answers, their counts and shares, in the mirror
// only (the chart above shows the same figures).
void chart_table(const std::string& name, const std::vector<std::string>& answers, const QuestionResult& q, std::size_t base) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < answers.size() && i < q.counts.size(); ++i) {
    const auto share = base ? (q.counts[i] * 100 + base / 2) / base : 0;
    rows.push_back({answers[i], std::to_string(q.counts[i]), std::to_string(share) + "%"});
  }
  mirror_table(name, {text("results.table.answer"), text("results.table.people"), text("results.table.share")}, rows,
               Mirror::current());
}

void progress(const ResultsSession& s, std::vector<Action>& actions, Mirror& items) {
  if (!s.load.loading) return;
  const float done = s.load.total ? static_cast<float>(s.load.opened) / static_cast<float>(s.load.total) : 0.0f;
  const std::string opened = std::to_string(s.load.opened), total = std::to_string(s.load.total);
  progress_bar(done,
               s.load.downloaded < s.load.total ? text("results.progress.downloading", {{"opened", opened},
                                                                              {"total", total},
                                                                              {"downloaded", std::to_string(s.load.downloaded)}})
                                      : text("results.progress.opening", {{"opened", opened}, {"total", total}}),
               items, "progress");
  begin_column();
  if (secondary_button(text("results.cancel"), items, "cancel_button")) actions.push_back(CancelLoading{});
}

// Why nothing is read yet (before the close, or before the trustee's release), and once a
// release is read, what it says about itself.
void waiting_or_release(const ResultsSession& s, Mirror& items, bool inbox) {
  // Mediators of a direct campaign read requests before the close: only feedback waits.
  if (inbox && s.load.wait == ResultsWait::until_closed) return;
  if (!s.load.waiting.empty()) {
    note_box("waiting", text("results.waiting.heading"), {s.load.waiting});
    items.note("waiting_note");
    return;
  }
  if (!s.load.release || !s.campaign || !s.campaign->trustee) return;
  const ReleaseSummary& r = *s.load.release;
  std::vector<std::string> lines = {release_counts(r.feedback, r.mediation, r.invitations)};
  for (const auto& [reason, n] : r.refused) lines.push_back(client::refusal_line(reason, n));
  note_box("release_summary", text("results.release.heading", {{"trustee", s.campaign->trustee->label}, {"day", r.released}}),
           lines);
  items.note("release_summary");
}

void failures(const ResultsSession& s, bool inbox) {
  if (s.load.failures.empty()) return;
  std::vector<std::string> lines;
  std::size_t total = 0;
  for (const auto& [reason, n] : s.load.failures) {
    lines.push_back(failure_line(reason, n, inbox));
    total += n;
  }
  note_box("failures", plural("results.not_counted.heading", static_cast<long>(total)), lines);
}

// Vertical bars for a 1-5 or 0-10 scale, with the value under each bar and the count above.
void scale_chart(const QuestionResult& q, int first) {
  const std::size_t n = q.counts.size();
  const std::size_t top = std::max<std::size_t>(1, *std::max_element(q.counts.begin(), q.counts.end()));
  const float unit = ImGui::GetFontSize();
  const float height = unit * 5.0f;
  const float slot = column_width() / static_cast<float>(n);
  begin_column();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 bar = ImGui::GetColorU32(ImGuiCol_PlotHistogram);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (std::size_t i = 0; i < n; ++i) {
    const float h = height * static_cast<float>(q.counts[i]) / static_cast<float>(top);
    const float x0 = origin.x + slot * static_cast<float>(i) + slot * 0.18f;
    const float x1 = origin.x + slot * static_cast<float>(i + 1) - slot * 0.18f;
    const float base = origin.y + unit * 1.2f + height;
    draw->AddRectFilled(ImVec2(x0, base - h), ImVec2(x1, base), bar, unit * 0.2f);
    const std::string count = std::to_string(q.counts[i]);
    draw->AddText(ImVec2((x0 + x1 - ImGui::CalcTextSize(count.c_str()).x) * 0.5f, base - h - unit * 1.2f), muted, count.c_str());
    const std::string label = std::to_string(static_cast<int>(i) + first);
    draw->AddText(ImVec2((x0 + x1 - ImGui::CalcTextSize(label.c_str()).x) * 0.5f, base + unit * 0.2f), text, label.c_str());
  }
  ImGui::Dummy(ImVec2(column_width(), unit * 2.6f + height));
  std::vector<std::string> answers;
  for (std::size_t i = 0; i < n; ++i) answers.push_back(std::to_string(static_cast<int>(i) + first));
  chart_table(q.text, answers, q, q.answered);
}

// Horizontal bars, one per option.
void choice_chart(const QuestionResult& q) {
  const float unit = ImGui::GetFontSize();
  std::size_t total = 0;
  for (auto c : q.counts) total += c;
  const auto share_of = [&](std::size_t i) {
    return total ? static_cast<float>(q.counts[i]) / static_cast<float>(q.answered ? q.answered : 1) : 0.0f;
  };
  const auto label_of = [&](std::size_t i) {
    return std::to_string(q.counts[i]) + "  (" + std::to_string(static_cast<int>(share_of(i) * 100.0f + 0.5f)) + "%)";
  };
  // The bars leave room for the widest count label, so no label runs past the column.
  float widest = 0;
  for (std::size_t i = 0; i < q.options.size() && i < q.counts.size(); ++i) widest = std::max(widest, ImGui::CalcTextSize(label_of(i).c_str()).x);
  const float width = std::min(column_width() * 0.75f, column_width() - widest - unit * 0.6f);
  for (std::size_t i = 0; i < q.options.size() && i < q.counts.size(); ++i) {
    const float share = share_of(i);
    column_text(q.options[i]);
    begin_column();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(p, ImVec2(p.x + width, p.y + unit * 0.7f), ImGui::GetColorU32(ImGuiCol_FrameBgActive), unit * 0.2f);
    draw->AddRectFilled(p, ImVec2(p.x + width * std::min(1.0f, share), p.y + unit * 0.7f), ImGui::GetColorU32(ImGuiCol_PlotHistogram),
                        unit * 0.2f);
    const std::string label = label_of(i);
    draw->AddText(ImVec2(p.x + width + unit * 0.6f, p.y - unit * 0.2f), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    ImGui::Dummy(ImVec2(column_width(), unit * 0.8f));
  }
  chart_table(q.text, q.options, q, q.answered);
}

// Long comments are folded to about this many bytes until unfolded; the mirror always has the
// whole text, so a screen reader reads every comment in full either way.
constexpr std::size_t kFoldedBytes = 600;

// The start of `c`, cut at a space where one is near and never inside a UTF-8 character.
std::string folded(const std::string& c) {
  std::size_t end = kFoldedBytes;
  while (end > 0 && (static_cast<unsigned char>(c[end]) & 0xC0) == 0x80) --end;
  const std::size_t space = c.rfind(' ', end);
  if (space != std::string::npos && space > kFoldedBytes / 2) end = space;
  return c.substr(0, end) + "…";
}

// Comments in full, wrapped to the column, a page at a time: long ones fold and unfold, and
// thousands of them do not slow the frame down.
void comments(const QuestionResult& q, std::size_t index, const ResultsSession& s, std::vector<Action>& actions, Mirror& items) {
  const std::string id = "comments" + std::to_string(index);
  const std::size_t shown = s.comments_on_screen(index);
  items.open(make_node(Role::note, plural("results.comments", static_cast<long>(q.comments.size())), id));
  for (std::size_t i = 0; i < q.comments.size() && i < shown; ++i) {
    const std::string& c = q.comments[i];
    const std::string cid = id + "_" + std::to_string(i);
    const bool long_one = c.size() > kFoldedBytes;
    const bool whole = !long_one || s.comments_whole.count({index, i}) > 0;
    begin_column();
    const float right = ImGui::GetCursorPosX() + column_width();  // the column's edge, whatever the bullet takes
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(right);
    ImGui::TextUnformatted(whole ? c.c_str() : folded(c).c_str());
    ImGui::PopTextWrapPos();
    items.add(make_node(Role::text, c, cid));
    if (long_one) {
      begin_column();
      const std::string label =
          whole ? text("results.comment.fold") : text("results.comment.unfold", {{"chars", std::to_string(utf8_length(c))}});
      if (small_button(label, items, cid + "_whole")) actions.push_back(ExpandComment{static_cast<int>(index), static_cast<int>(i)});
    }
  }
  items.close();
  if (shown < q.comments.size()) {
    begin_column();
    const std::size_t more = std::min(kCommentPage, q.comments.size() - shown);
    const std::string label =
        text("results.show_more", {{"more", std::to_string(more)}, {"rest", std::to_string(q.comments.size() - shown)}});
    if (small_button(label, items, id + "_more")) actions.push_back(ShowMoreComments{static_cast<int>(index)});
  }
}

std::string signed_number(int v) { return (v > 0 ? "+" : "") + std::to_string(v); }

std::string score_text(const QuestionScore& score) {
  return score.kind == ScoreKind::enps ? text("results.score.enps", {{"score", signed_number(score.value)}})
                                       : text("results.score.favourable", {{"pct", std::to_string(score.value)}});
}

std::string change_text(int delta) {
  if (delta == 0) return text("results.change.none");
  return plural("results.change.points", static_cast<long>(delta < 0 ? -delta : delta), {{"sign", delta < 0 ? "-" : "+"}});
}

// What the overview's change column and a card's change line say for one question.
std::string change_cell(const QuestionResult& q, const QuestionChange& c, int k) {
  switch (c.match) {
    case MatchKind::not_in_earlier: return text("results.change.not_asked");
    case MatchKind::changed: return text("results.change.reworded");
    case MatchKind::matched: break;
  }
  if (c.delta && c.before) return text("results.change.value", {{"change", change_text(*c.delta)}, {"before", score_text(*c.before)}});
  if (q.type == QuestionType::likert || q.type == QuestionType::enps) return text("results.change.too_few", {{"k", std::to_string(k)}});
  return text("results.change.matched");
}

// Every question at a glance: how many answered, its score and, when comparing, the change.
// A hidden question shows neither its count nor a score.
void overview(const AggregateResult& r, const std::optional<ShownComparison>& cmp, int k, Mirror& items) {
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(text("results.overview.heading"), items, "overview_heading");
  std::vector<std::string> headers = {text("results.overview.question"), text("results.overview.answered"),
                                      text("results.overview.score")};
  std::vector<float> widths = {0.45f, 0.23f, 0.32f};  // "Answered" whole on a phone
  if (cmp) {
    headers.push_back(text("results.overview.change", {{"title", cmp->earlier_title}}));
    widths = {0.32f, 0.2f, 0.22f, 0.26f};
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    const QuestionResult& q = r.questions[i];
    std::vector<std::string> row = {std::to_string(i + 1) + ". " + q.text};
    if (!q.visible) {
      row.push_back(text("results.overview.fewer", {{"k", std::to_string(k)}}));
      row.push_back(text("results.overview.hidden"));
    } else {
      row.push_back(std::to_string(q.answered));
      if (const auto score = question_score(q)) {
        row.push_back(score_text(*score));
      } else if (q.type == QuestionType::free_text || q.type == QuestionType::blockers) {
        row.push_back(plural("results.overview.comments", static_cast<long>(q.comments.size())));
      } else {
        row.push_back(text("results.overview.see_chart"));
      }
    }
    if (cmp) row.push_back(change_cell(q, cmp->comparison.questions[i], k));
    rows.push_back(std::move(row));
  }
  figure_table(text("results.overview.heading"), headers, rows, widths, items, "overview");
  begin_column();
  muted_text(text("results.overview.explain"));
}

// Favourable / neutral / unfavourable as one bar of three parts, and the same in words.
void split_line(const QuestionResult& q) {
  const auto split = favourable_split(q);
  if (!split) return;
  begin_column();
  const float unit = ImGui::GetFontSize();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = column_width();
  const ImU32 colours[3] = {ImGui::GetColorU32(ImGuiCol_PlotHistogram), ImGui::GetColorU32(ImGuiCol_FrameBgActive),
                            ImGui::GetColorU32(ImGuiCol_TextDisabled)};
  const int shares[3] = {split->favourable_pct, split->neutral_pct, split->unfavourable_pct};
  float x = p.x;
  for (int i = 0; i < 3; ++i) {
    const float w = width * static_cast<float>(shares[i]) / 100.0f;
    if (w > 0) draw->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + unit * 0.6f), colours[i]);
    x += w;
  }
  ImGui::Dummy(ImVec2(width, unit * 0.7f));
  column_text(text("results.question.split", {{"favourable", std::to_string(split->favourable_pct)},
                                              {"neutral", std::to_string(split->neutral_pct)},
                                              {"unfavourable", std::to_string(split->unfavourable_pct)}}));
}

void question_card(const QuestionResult& q, std::size_t index, int k, const QuestionChange* change,
                   const std::string& earlier_title, const ResultsSession& s, std::vector<Action>& actions, Mirror& items) {
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(std::to_string(index + 1) + ". " + q.text, items, "result_q" + std::to_string(index));
  begin_column();
  if (!q.visible) {  // not even how many answered: a figure below k
    muted_text(text("results.question.hidden", {{"k", std::to_string(k)}}));
    return;
  }
  muted_text(text("results.question.answered", {{"answered", std::to_string(q.answered)}}));
  switch (q.type) {
    case QuestionType::likert:
      scale_chart(q, 1);
      split_line(q);
      begin_column();
      muted_text(text("results.question.mean_median", {{"mean", fixed1(q.mean)}, {"median", fixed1(q.median)}}));
      break;
    case QuestionType::enps: {
      scale_chart(q, 0);
      split_line(q);
      begin_column();
      const std::string score = signed_number(enps_score(q).value_or(0));
      const std::string line = text("results.question.enps", {{"score", score},
                                                               {"promoters", std::to_string(q.promoters)},
                                                               {"passives", std::to_string(q.passives)},
                                                               {"detractors", std::to_string(q.detractors)}});
      column_text(line);  // through the vocabulary: screen readers get the score too
      begin_column();
      muted_text(text("results.question.mean_median", {{"mean", fixed1(q.mean)}, {"median", fixed1(q.median)}}));
      break;
    }
    case QuestionType::single_choice:
    case QuestionType::multi_choice: choice_chart(q); break;
    case QuestionType::free_text:
    case QuestionType::blockers: comments(q, index, s, actions, items); break;
  }
  if (change) {
    begin_column();
    muted_text(text("results.change.line", {{"title", earlier_title}, {"change", change_cell(q, *change, k)}}));
    items.note("change_q" + std::to_string(index));
  }
}

// Comparing: an earlier campaign's results file (figures only, no key needed), or its link
// (opened with this key file).
void compare_section(const AppState& state, const std::optional<ShownComparison>& cmp, std::vector<Action>& actions,
                     Mirror& items) {
  const ResultsSession& s = state.session;
  const ResultsSession& e = state.earlier;
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(text("results.compare.heading"), items, "compare_heading");
  column_text(text("results.compare.file_explain"));
  begin_column();
  if (secondary_button(text("results.compare.file_button"), items, "compare_file")) actions.push_back(CompareWithFile{});
  error_text(s.earlier_file_error, "compare_file_error");
  if (cmp) {
    column_text(plural("results.compare.matched", static_cast<long>(cmp->comparison.questions.size()),
                       {{"title", cmp->earlier_title}, {"matched", std::to_string(cmp->comparison.matched)}}));
    items.note("compare_summary");
  }
  column_text(text("results.compare.or_link"));
  begin_column();
  FieldSpec spec;
  spec.label = text("results.compare.link");
  spec.hint = text("results.compare.link");
  spec.width = column_width() * 0.75f;
  FieldResult typed = text_field(spec, e.link, items, "earlier_link");
  if (typed.text) actions.push_back(Edit{Field::earlier_link, -1, std::move(*typed.text)});
  same_line_if_fits(text("results.compare.button"));
  if (secondary_button(text("results.compare.button"), items, "compare_button") || typed.submitted) {
    actions.push_back(CompareEarlier{});  // after the Edit: compares the link as typed
  }
  error_text(e.error);
  error_text(e.load.error);
  if (e.load.loading) {
    begin_column();
    muted_text(text("results.compare.progress", {{"opened", std::to_string(e.load.opened)}, {"total", std::to_string(e.load.total)}}));
  } else if (e.load.result && !e.load.result->visible && !s.earlier_file) {
    begin_column();
    muted_text(text("results.compare.too_few", {{"k", std::to_string(e.load.result->k)}}));
  }
}

}  // namespace

void draw_results(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ResultsSession& s = state.session;
  column_title(s.campaign ? s.campaign->title : text("results.title"), items, "results_title");
  progress(s, actions, items);
  error_text(s.error);
  error_text(s.load.error);
  waiting_or_release(s, items, false);
  // A listing that failed read nothing: "0 responses" would suggest nobody answered.
  const bool nothing_read = !s.load.error.empty() && s.load.total == 0;
  if (!s.load.loading && s.load.result && !nothing_read) {
    const int k = s.load.result->k;
    const AggregateResult& r = *s.load.result;
    // "Results appear once at least k ..." only while they have not.
    const auto n = static_cast<long>(r.responses);
    column_text(r.visible ? plural("results.responses_shown", n) : plural("results.responses", n, {{"k", std::to_string(k)}}));
    items.note("responses");
    failures(s, false);
    if (!s.load.result->visible) {
      note_box("hidden", text("results.hidden.heading"), {text("results.hidden.detail", {{"k", std::to_string(k)}})});
      items.note("hidden_note");
    } else {
      const std::optional<ShownComparison> cmp = shown_comparison(s, state.earlier);
      overview(r, cmp, k, items);
      for (std::size_t i = 0; i < r.questions.size(); ++i) {
        question_card(r.questions[i], i, k, cmp ? &cmp->comparison.questions[i] : nullptr,
                      cmp ? cmp->earlier_title : std::string(), s, actions, items);
      }
      ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
      begin_column();
      if (secondary_button(text("results.export_csv"), items, "export_csv")) actions.push_back(ExportResults{ExportFormat::csv});
      same_line_if_fits(text("results.export_json"));
      if (secondary_button(text("results.export_json"), items, "export_json")) actions.push_back(ExportResults{ExportFormat::json});
      begin_column();
      muted_text(text("results.export_explain"));
      compare_section(state, cmp, actions, items);
    }
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
  begin_column();
  // A trustee campaign is read from its release only: a saved copy can be added, not envelopes.
  const bool trustee = s.campaign && s.campaign->trustee;
  const std::string& add = trustee ? text("results.add_release_file") : text("results.add_files");
  if (secondary_button(add, items, "add_files")) actions.push_back(AddEnvelopeFiles{});
  same_line_if_fits(text("common.back"));
  if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
}

namespace {

// A conversation in the detail of its request: the person's follow-ups, oldest first, then the
// reply being drafted for the thread (sent with the others from the list).
void thread_detail(const ResultsSession& s, const InboxItem& item, std::vector<Action>& actions, Mirror& items) {
  const std::string& thread = item.submission.thread;
  // The person's follow-ups and the mediator's own replies, one conversation by day.
  struct Turn {
    std::string day, heading, text, id;
  };
  std::vector<Turn> turns;
  bool closed = false;
  for (const InboxItem& other : s.load.inbox) {
    if (other.submission.thread != thread || !other.submission.message) continue;
    const FollowUp& m = *other.submission.message;
    closed = closed || m.close;
    turns.push_back({other.submission.day,
                     m.close ? text("inbox.thread.follow_up_closing", {{"day", other.submission.day}})
                             : text("inbox.thread.follow_up", {{"day", other.submission.day}}),
                     m.text, "follow_up_" + other.id.substr(0, 8)});
  }
  for (std::size_t i = 0; i < item.sent.size(); ++i) {
    const SentReply& r = item.sent[i];
    closed = closed || r.close;
    turns.push_back({r.day, r.close ? text("inbox.thread.you_closing", {{"day", r.day}}) : text("inbox.thread.you", {{"day", r.day}}),
                     r.text, "sent_" + std::to_string(i)});
  }
  std::stable_sort(turns.begin(), turns.end(), [](const Turn& a, const Turn& b) { return a.day < b.day; });
  for (const Turn& t : turns) {
    note_box(t.id.c_str(), t.heading, {t.text});
    items.note(t.id);
  }
  if (closed) {
    column_text(text("inbox.thread.closed"));
    return;
  }
  const auto draft = s.replies.find(thread);
  column_heading(text("inbox.thread.reply"), items, "reply_heading");
  begin_column();
  FieldSpec reply;
  reply.label = text("inbox.thread.reply");
  reply.lines = 4;
  if (auto typed = text_field(reply, draft == s.replies.end() ? std::string() : draft->second.text, items, "reply_text").text) {
    actions.push_back(Edit{Field::reply_text, s.selected, std::move(*typed)});
  }
  const bool close = draft != s.replies.end() && draft->second.close;
  if (const auto c = wrapped_checkbox(text("inbox.thread.close"), close, items, "reply_close")) actions.push_back(SetReplyClose{s.selected, *c});
  begin_column();
  muted_text(text("inbox.thread.batch_note"));
}

// Requests, and follow-ups whose request is not in the inbox: a thread's later messages show
// inside its request.
std::vector<int> inbox_rows(const ResultsSession& s) {
  std::set<std::string> requested;
  for (const InboxItem& item : s.load.inbox) {
    if (!item.submission.message && !item.submission.thread.empty()) requested.insert(item.submission.thread);
  }
  std::vector<int> rows;
  for (std::size_t i = 0; i < s.load.inbox.size(); ++i) {
    const Submission& sub = s.load.inbox[i].submission;
    if (!sub.message || !requested.count(sub.thread)) rows.push_back(static_cast<int>(i));
  }
  return rows;
}

void send_replies_row(const ResultsSession& s, std::vector<Action>& actions, Mirror& items) {
  std::size_t ready = 0;
  for (const auto& [thread, d] : s.replies) ready += !d.text.empty();
  if (ready > 0) {
    begin_column();
    if (primary_button(plural("inbox.replies.send", static_cast<long>(ready)), items, "send_replies")) actions.push_back(SendReplies{});
  }
  // Statuses: a screen reader hears the sending and its outcome without moving there.
  if (s.sending_replies) {
    begin_column();
    status_text(text("inbox.replies.sending"), "replies_sending");
  } else if (!s.replies_note.empty()) {
    begin_column();
    status_text(s.replies_note, "replies_note");
  }
}

}  // namespace

void draw_inbox(const AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ResultsSession& s = state.session;
  const bool detail = s.selected >= 0 && static_cast<std::size_t>(s.selected) < s.load.inbox.size();
  // A request opened is a screen of its own for the page's focus: it lands on the request, and
  // back in the list on the row of the request just left.
  if (detail) items.set_screen("inbox_request", "request");
  else items.set_screen("inbox", s.left >= 0 ? "request_" + std::to_string(s.left) : std::string());
  column_title(text("inbox.title"), items, "inbox_title");
  if (s.campaign) column_text(s.campaign->title);
  progress(s, actions, items);
  error_text(s.error);
  error_text(s.load.error);
  if (s.selected < 0) waiting_or_release(s, items, true);
  if (detail) {
    const InboxItem& item = s.load.inbox[static_cast<std::size_t>(s.selected)];
    const MediationRequest& r = item.submission.request;
    note_box("request", text("inbox.request.heading", {{"day", item.submission.day}, {"urgency", r.urgency}}),
             {text("inbox.request.what", {{"what", r.what}}),
              text("inbox.request.who", {{"who", r.who.empty() ? text("inbox.request.not_given") : r.who}}),
              text("inbox.request.outcome", {{"outcome", r.outcome.empty() ? text("inbox.request.not_given") : r.outcome}}),
              text("inbox.request.contact", {{"contact", r.contact.empty() ? text("inbox.request.anonymous") : r.contact}})});
    items.note("request_detail");
    if (!item.submission.thread.empty()) thread_detail(s, item, actions, items);
    column_heading(text("inbox.status.heading"), items, "status_label");
    std::vector<std::string> statuses;
    for (const RequestStatus status : kRequestStatuses) statuses.push_back(status_label(status));
    const auto status = enum_radio_group(text("inbox.status.heading"), statuses, kRequestStatuses, item.status, items, "status_");
    if (status && *status != item.status) actions.push_back(SetRequestStatus{s.selected, *status});
    column_text(text("inbox.notes.heading"));
    begin_column();
    FieldSpec note;
    note.label = text("inbox.notes.label");
    note.lines = 5;
    if (auto typed = text_field(note, item.note, items, "note_input").text) {
      actions.push_back(Edit{Field::request_note, s.selected, std::move(*typed)});
    }
    begin_column();
    if (secondary_button(text("inbox.notes.save"), items, "save_note")) actions.push_back(SaveNote{s.selected});
    same_line_if_fits(text("inbox.back_to_inbox"));
    if (secondary_button(text("inbox.back_to_inbox"), items, "back_to_inbox")) actions.push_back(GoBack{});
  } else if (!s.load.loading) {
    const std::vector<int> rows = inbox_rows(s);
    column_text(rows.empty() ? text("inbox.empty") : plural("inbox.count", static_cast<long>(rows.size())));
    items.note("inbox_count");
    send_replies_row(s, actions, items);
    ImGuiListClipper clipper;  // thousands of requests: only the rows on screen are laid out
    clipper.Begin(static_cast<int>(rows.size()));
    // ... and the row of the request just left, wherever it is, for the focus to go back to.
    if (const auto left = std::find(rows.begin(), rows.end(), s.left); left != rows.end()) {
      const auto at = static_cast<int>(left - rows.begin());
      clipper.ForceDisplayRangeByIndices(at, at + 1);
    }
    while (clipper.Step()) {
      for (int shown = clipper.DisplayStart; shown < clipper.DisplayEnd; ++shown) {
        const int row = rows[static_cast<std::size_t>(shown)];
        const auto i = static_cast<std::size_t>(row);
        const InboxItem& item = s.load.inbox[i];
        const Submission& sub = item.submission;
        std::string what = (sub.message ? sub.message->text : sub.request.what).substr(0, 70);
        std::replace(what.begin(), what.end(), '\n', ' ');
        begin_column();
        const std::string label = item.submission.day + "   " + item.submission.request.urgency + "   " + what + "##" + item.id;
        const bool clicked = ImGui::Selectable(label.c_str(), false, 0, ImVec2(column_width() * 0.8f, target_height()));
        items.add(make_node(Role::button, text("inbox.row", {{"day", item.submission.day},
                                       {"urgency", item.submission.request.urgency},
                                       {"status", status_label(item.status)},
                                       {"what", what}}), "request_" + std::to_string(i)));
        if (items.take_press("request_" + std::to_string(i)) || clicked) actions.push_back(SelectRequest{row});
        ImGui::SameLine();
        muted_text(status_label(item.status));
      }
    }
    failures(s, true);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    begin_column();
    if (secondary_button(text("common.back"), items, "back_button")) actions.push_back(GoBack{});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
}

}  // namespace parley::ui
