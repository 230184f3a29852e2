// Results for managers (aggregates only, once k people answered) and the mediator's inbox.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

constexpr std::size_t kCommentPage = 50;

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string reason_text(const std::string& reason) {
  if (reason == "not-for-this-key") return "sealed for someone else (for example mediation requests, which only the mediator opens)";
  if (reason == "duplicate") return "were the same envelope again (counted once)";
  if (reason == "download-failed") return "could not be downloaded from the storage";
  if (reason == "wrong-campaign") return "belong to another campaign";
  if (reason == "too-large") return "are larger than any Parley envelope";
  return "are damaged or not Parley envelopes (" + reason + ")";
}

// The accessible form of a chart: a table of the answers, their counts and shares. Its cells
// exist only in the mirror (the chart above shows the same figures).
void chart_table(const std::string& name, const std::vector<std::string>& answers, const QuestionResult& q, std::size_t base) {
  Mirror& mirror = Mirror::current();
  const auto node = [&](Role role, std::string text = {}) {
    Node n;
    n.role = role;
    n.name = std::move(text);
    return n;
  };
  mirror.open(node(Role::table, name));
  mirror.open(node(Role::row));
  for (const char* h : {"Answer", "People", "Share"}) mirror.add(node(Role::cell, h));
  mirror.close();
  for (std::size_t i = 0; i < answers.size() && i < q.counts.size(); ++i) {
    const auto share = base ? (q.counts[i] * 100 + base / 2) / base : 0;
    mirror.open(node(Role::row));
    mirror.add(node(Role::cell, answers[i]));
    mirror.add(node(Role::cell, std::to_string(q.counts[i])));
    mirror.add(node(Role::cell, std::to_string(share) + "%"));
    mirror.close();
  }
  mirror.close();
}

void progress(const ResultsSession& s, std::vector<Action>& actions, Mirror& items) {
  if (!s.loading) return;
  const float done = s.total ? static_cast<float>(s.opened) / static_cast<float>(s.total) : 0.0f;
  progress_bar(done,
               "Opening envelopes in this browser: " + std::to_string(s.opened) + " of " + std::to_string(s.total) +
                   (s.downloaded < s.total ? " (downloading " + std::to_string(s.downloaded) + ")" : ""),
               items, "progress");
  begin_column();
  if (secondary_button("Cancel", items, "cancel_button")) actions.push_back(CancelLoading{});
}

void failures(const ResultsSession& s) {
  if (s.failures.empty()) return;
  std::vector<std::string> lines;
  std::size_t total = 0;
  for (const auto& [reason, n] : s.failures) {
    lines.push_back(std::to_string(n) + " " + reason_text(reason));
    total += n;
  }
  note_box("failures", std::to_string(total) + (total == 1 ? " envelope was" : " envelopes were") + " not counted:", lines);
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

// Comments in full, wrapped, a page at a time: a long comment is read whole, and thousands of
// them do not slow the frame down.
void comments(const QuestionResult& q, std::size_t index, ResultsSession& s, Mirror& items) {
  const std::string id = "comments" + std::to_string(index);
  std::size_t& shown = s.comments_shown[index];
  if (shown == 0) shown = kCommentPage;
  Node list;
  list.id = id;
  list.role = Role::note;
  list.name = std::to_string(q.comments.size()) + (q.comments.size() == 1 ? " comment" : " comments") + ", in random order";
  items.open(std::move(list));
  for (std::size_t i = 0; i < q.comments.size() && i < shown; ++i) {
    begin_column();
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width() - ImGui::GetFontSize() * 1.5f);
    ImGui::TextUnformatted(q.comments[i].c_str());
    ImGui::PopTextWrapPos();
    Node c;
    c.role = Role::text;
    c.name = q.comments[i];
    items.add(std::move(c));
  }
  items.close();
  if (shown < q.comments.size()) {
    begin_column();
    const std::size_t more = std::min(kCommentPage, q.comments.size() - shown);
    if (small_button("Show " + std::to_string(more) + " more of " + std::to_string(q.comments.size() - shown), items, id + "_more")) {
      shown += more;
    }
  }
}

// The same question in an earlier campaign: same type and wording, shown there too (>= k).
const QuestionResult* earlier_match(const QuestionResult& q, const AppState& state) {
  const auto& r = state.earlier.result;
  if (!r || !r->visible) return nullptr;
  for (const auto& e : r->questions) {
    if (e.type == q.type && e.text == q.text && e.visible) return &e;
  }
  return nullptr;
}

void trend_line(const QuestionResult& q, const QuestionResult& e, const std::string& title) {
  if (q.type != QuestionType::likert && q.type != QuestionType::enps) return;
  const double now = q.type == QuestionType::enps ? q.enps : q.mean;
  const double before = q.type == QuestionType::enps ? e.enps : e.mean;
  const double delta = now - before;
  begin_column();
  muted_text(std::string("Trend: ") + (delta >= 0 ? "+" : "") + fixed1(delta) + (q.type == QuestionType::enps ? " eNPS" : " mean") +
             " since \u201c" + title + "\u201d (" + fixed1(before) + " then, " + std::to_string(e.answered) + " answered)");
}

void question_card(const QuestionResult& q, std::size_t index, int k, AppState& state, Mirror& items) {
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_heading(std::to_string(index + 1) + ". " + q.text, items, "result_q" + std::to_string(index));
  begin_column();
  muted_text(std::to_string(q.answered) + " answered");
  if (!q.visible) {
    begin_column();
    muted_text("Hidden: fewer than " + std::to_string(k) + " people answered this question.");
    return;
  }
  switch (q.type) {
    case QuestionType::likert:
      scale_chart(q, 1);
      column_text("Mean " + fixed1(q.mean) + "   Median " + fixed1(q.median));
      break;
    case QuestionType::enps: {
      scale_chart(q, 0);
      begin_column();
      const std::string score = (q.enps > 0 ? "+" : "") + fixed1(q.enps);
      ImGui::TextUnformatted(("eNPS " + score + "   (promoters " + std::to_string(q.promoters) + ", passives " +
                              std::to_string(q.passives) + ", detractors " + std::to_string(q.detractors) + ")")
                                 .c_str());
      begin_column();
      muted_text("Mean " + fixed1(q.mean) + "   Median " + fixed1(q.median));
      break;
    }
    case QuestionType::single_choice:
    case QuestionType::multi_choice: choice_chart(q); break;
    case QuestionType::free_text:
    case QuestionType::blockers: comments(q, index, state.session, items); break;
  }
  if (const QuestionResult* e = earlier_match(q, state)) {
    trend_line(q, *e, state.earlier.campaign->title);
    items.note("trend_q" + std::to_string(index));
  }
}

void compare_section(AppState& state, std::vector<Action>& actions, Mirror& items) {
  ResultsSession& e = state.earlier;
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
  column_text("Compare with an earlier campaign of the same questionnaire");
  begin_column();
  FieldSpec spec;
  spec.label = "The earlier campaign's link";
  spec.hint = "The earlier campaign's link";
  spec.width = column_width() * 0.75f;
  const bool submitted = text_field(spec, e.link, items, "earlier_link").submitted;
  same_line_if_fits("Compare");
  if (secondary_button("Compare", items, "compare_button") || submitted) actions.push_back(CompareEarlier{});
  error_text(e.error);
  if (e.loading) {
    begin_column();
    muted_text("Opening the earlier campaign: " + std::to_string(e.opened) + " of " + std::to_string(e.total));
  } else if (e.result && !e.result->visible) {
    begin_column();
    muted_text("The earlier campaign had fewer than " + std::to_string(e.result->min_group) + " responses: nothing to compare.");
  }
}

}  // namespace

void draw_results(AppState& state, std::vector<Action>& actions, Mirror& items) {
  const ResultsSession& s = state.session;
  column_title(s.campaign ? s.campaign->title : "Results", items, "results_title");
  progress(s, actions, items);
  error_text(s.error);
  // A listing that failed read nothing: "0 responses" would suggest nobody answered.
  const bool nothing_read = !s.error.empty() && s.total == 0;
  if (!s.loading && s.result && !nothing_read) {
    const int k = s.result->min_group;
    column_text(std::to_string(s.result->responses) + (s.result->responses == 1 ? " response" : " responses") +
                ". Results appear once at least " + std::to_string(k) + " people have answered.");
    items.note("responses");
    failures(s);
    if (!s.result->visible) {
      note_box("hidden", "Results stay hidden for now.",
               {"Fewer than " + std::to_string(k) + " people have answered. Showing anything earlier could point to "
                "individuals, so Parley shows nothing until then — not even a partial chart."});
      items.note("hidden_note");
    } else {
      for (std::size_t i = 0; i < s.result->questions.size(); ++i) question_card(s.result->questions[i], i, k, state, items);
      ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
      begin_column();
      if (secondary_button("Export CSV", items, "export_csv")) actions.push_back(ExportResults{true});
      same_line_if_fits("Export JSON");
      if (secondary_button("Export JSON", items, "export_json")) actions.push_back(ExportResults{false});
      compare_section(state, actions, items);
    }
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
  ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
  begin_column();
  if (secondary_button("Add envelope files…", items, "add_files")) actions.push_back(AddEnvelopeFiles{});
  same_line_if_fits("Back");
  if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
}

void draw_inbox(AppState& state, std::vector<Action>& actions, Mirror& items) {
  ResultsSession& s = state.session;
  column_title("Mediation inbox", items, "inbox_title");
  if (s.campaign) column_text(s.campaign->title);
  progress(s, actions, items);
  error_text(s.error);
  static const char* kStatus[] = {"New", "In progress", "Closed"};
  if (s.selected >= 0 && static_cast<std::size_t>(s.selected) < s.inbox.size()) {
    InboxItem& item = s.inbox[static_cast<std::size_t>(s.selected)];
    const MediationRequest& r = item.submission.request;
    note_box("request", "Request of " + item.submission.day + " — urgency: " + r.urgency,
             {"What happened: " + r.what, "Who is involved: " + (r.who.empty() ? "(not given)" : r.who),
              "What would help: " + (r.outcome.empty() ? "(not given)" : r.outcome),
              "How to reach them: " + (r.contact.empty() ? "(not given: they chose to stay anonymous)" : r.contact)});
    items.note("request_detail");
    column_heading("Status", items, "status_label");
    const int st = radio_group("Status", {kStatus[0], kStatus[1], kStatus[2]}, static_cast<int>(item.status), items, "status_");
    if (st >= 0 && st != static_cast<int>(item.status)) actions.push_back(SetRequestStatus{s.selected, static_cast<RequestStatus>(st)});
    column_text("Private notes (encrypted with your key, kept only in this browser)");
    begin_column();
    FieldSpec note;
    note.label = "Private notes";
    note.lines = 5;
    text_field(note, item.note, items, "note_input");
    begin_column();
    if (secondary_button("Save note", items, "save_note")) actions.push_back(SaveNote{s.selected});
    same_line_if_fits("Back to the inbox");
    if (secondary_button("Back to the inbox", items, "back_button")) actions.push_back(GoBack{});
  } else if (!s.loading) {
    column_text(s.inbox.empty() ? "No mediation requests." : std::to_string(s.inbox.size()) + " requests:");
    items.note("inbox_count");
    ImGuiListClipper clipper;  // thousands of requests: only the rows on screen are laid out
    clipper.Begin(static_cast<int>(s.inbox.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const auto i = static_cast<std::size_t>(row);
        const InboxItem& item = s.inbox[i];
        std::string what = item.submission.request.what.substr(0, 70);
        std::replace(what.begin(), what.end(), '\n', ' ');
        begin_column();
        const std::string label = item.submission.day + "   " + item.submission.request.urgency + "   " + what + "##" + item.id;
        const bool clicked = ImGui::Selectable(label.c_str(), false, 0, ImVec2(column_width() * 0.8f, target_height()));
        Node open;
        open.id = "request_" + std::to_string(i);
        open.role = Role::button;
        open.name = "Request of " + item.submission.day + ", urgency " + item.submission.request.urgency + ", " +
                    kStatus[static_cast<int>(item.status)] + ": " + what;
        items.add(std::move(open));
        if (items.take_press("request_" + std::to_string(i)) || clicked) actions.push_back(SelectRequest{row});
        ImGui::SameLine();
        muted_text(kStatus[static_cast<int>(item.status)]);
      }
    }
    failures(s);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    begin_column();
    if (secondary_button("Back", items, "back_button")) actions.push_back(GoBack{});
  }
  if (state.notice.kind != NoticeKind::none) {
    begin_column();
    if (notice_banner(state.notice, items)) actions.push_back(DismissNotice{});
  }
}

}  // namespace parley::ui
