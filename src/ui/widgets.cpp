#include "ui/widgets.h"

#include "ui/theme.h"

#include "core/bytes.h"  // wipe

#include <imgui.h>
#include <imgui_internal.h>  // RenderCheckMark

#include <algorithm>

namespace parley::ui {
namespace {

bool g_touch = false;

// The error colour: 7:1 against the window background.
ImVec4 error_colour() { return ImVec4(0.60f, 0.17f, 0.07f, 1); }

// Presses from the canvas (mouse, touch) and from the DOM mirror (keyboard, screen reader).
bool pressed_or_mirrored(bool pressed, Mirror& items, const std::string& id) { return items.take_press(id) || pressed; }

bool button(const std::string& label, Mirror& items, const std::string& id, bool primary, float width = 0) {
  if (primary) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  } else {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgActive));
  }
  ImGui::PushID(id.c_str());
  const bool clicked = ImGui::Button(label.c_str(), ImVec2(width, target_height()));
  ImGui::PopID();
  ImGui::PopStyleColor(primary ? 1 : 3);
  // Named without an "##id" suffix.
  items.add(make_node(Role::button, std::string(label.c_str(), ImGui::FindRenderedTextEnd(label.c_str())), id));
  return pressed_or_mirrored(clicked, items, id);
}

// One option of a radio group or checkbox list: the whole row is the target, and its label wraps.
bool choice_row(const std::string& label, bool on, bool box, const std::string& id) {
  begin_column();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = column_width();
  // The mark is about the height of the label's capitals plus a margin (a larger one outweighs
  // its words); a box a little larger than a circle looks the same size.
  const float mark = ImGui::GetFontSize() * (box ? 0.95f : 0.9f);
  const float slot = ImGui::GetFontSize() * 1.15f;  // the marks' column: labels of both kinds line up
  const float text_x = slot + style.ItemInnerSpacing.x * 1.5f;
  const float wrap = width - text_x - style.FramePadding.x;
  const ImVec2 text = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
  const float height = std::max(target_height(), text.y + style.FramePadding.y * 2);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  const bool pressed = ImGui::InvisibleButton("##row", ImVec2(width, height));
  ImGui::PopID();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (ImGui::IsItemHovered()) {
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), ImGui::GetColorU32(ImGuiCol_FrameBgHovered), style.FrameRounding);
  }
  // Level with the label's first line, at the middle of its lowercase letters (a little below
  // the middle of ImGui's line box, which holds room for accents): a label that wraps keeps its
  // mark beside its start, not beside the gap between its lines.
  const float text_y = pos.y + (height - text.y) * 0.5f;
  const ImVec2 centre(pos.x + style.FramePadding.x * 0.5f + slot * 0.5f, text_y + ImGui::GetFontSize() * 0.56f);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 accent = ImGui::GetColorU32(ImGuiCol_CheckMark);
  const float thick = std::max(1.0f, style.FrameBorderSize * 1.5f);
  if (box) {
    const ImVec2 a(centre.x - mark * 0.5f, centre.y - mark * 0.5f), b(centre.x + mark * 0.5f, centre.y + mark * 0.5f);
    draw->AddRectFilled(a, b, on ? accent : ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding * 0.6f);
    if (!on) draw->AddRect(a, b, border, style.FrameRounding * 0.6f, 0, thick);
    if (on) ImGui::RenderCheckMark(draw, ImVec2(a.x + mark * 0.18f, a.y + mark * 0.18f), IM_COL32_WHITE, mark * 0.64f);
  } else {
    draw->AddCircleFilled(centre, mark * 0.5f, ImGui::GetColorU32(ImGuiCol_FrameBg), 24);
    draw->AddCircle(centre, mark * 0.5f, on ? accent : border, 24, thick);
    if (on) draw->AddCircleFilled(centre, mark * 0.27f, accent, 24);
  }
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + style.FramePadding.x * 0.5f + text_x, text_y),
                ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap);
  return pressed;
}

}  // namespace

void set_touch_targets(bool touch) { g_touch = touch; }

float target_height() {
  // 44 CSS pixels on touch screens (WCAG 2.5.5, platform guidelines); the font is 17 CSS px at
  // every ratio, so the ratio follows from it.
  // Elsewhere at least 24 (WCAG 2.5.8), whatever the theme's padding.
  const float css_px = ImGui::GetFontSize() / 17.0f;
  return std::max(ImGui::GetFrameHeight(), (g_touch ? 44.0f : 24.0f) * css_px);
}

bool primary_button(const std::string& label, Mirror& items, const char* id) { return button(label, items, id, true); }

bool secondary_button(const std::string& label, Mirror& items, const char* id) { return button(label, items, id, false); }

bool small_button(const std::string& label, Mirror& items, const std::string& id) {
  return button(label, items, id, false);
}

int pill_group(const std::string& name, const std::vector<std::string>& labels, const std::vector<std::string>& option_names,
               int selected, Mirror& items, const std::string& id) {
  const auto count = static_cast<float>(labels.size());
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 0.6f;
  const float width = (column_width() - spacing * (count - 1)) / count;
  int pressed = -1;
  items.open(make_node(Role::radio_group, name, id));
  begin_column();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing, ImGui::GetStyle().ItemSpacing.y));
  for (std::size_t k = 0; k < labels.size(); ++k) {
    if (k != 0) ImGui::SameLine();
    const bool on = static_cast<int>(k) == selected;
    if (!on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    }
    const std::string option_id = id + labels[k];  // "q0_opt4" is the pill labelled 4
    ImGui::PushID(option_id.c_str());
    const bool clicked = ImGui::Button(labels[k].c_str(), ImVec2(width, target_height()));
    ImGui::PopID();
    ImGui::PopStyleColor(on ? 1 : 3);
    Node n = make_node(Role::radio, k < option_names.size() ? option_names[k] : labels[k], option_id);
    n.checked = on;
    items.add(std::move(n));
    if (pressed_or_mirrored(clicked, items, option_id)) pressed = static_cast<int>(k);
  }
  ImGui::PopStyleVar();
  items.close();
  return pressed;
}

int radio_group(const std::string& name, const std::vector<std::string>& options, int selected, Mirror& items,
                const std::string& id, const std::vector<std::string>& option_ids) {
  items.open(make_node(Role::radio_group, name, id));
  int pressed = -1;
  for (std::size_t k = 0; k < options.size(); ++k) {
    const std::string option_id = k < option_ids.size() ? option_ids[k] : id + std::to_string(k);
    const bool on = static_cast<int>(k) == selected;
    const bool clicked = choice_row(options[k], on, false, option_id);
    Node n = make_node(Role::radio, options[k], option_id);
    n.checked = on;
    items.add(std::move(n));
    if (pressed_or_mirrored(clicked, items, option_id)) pressed = static_cast<int>(k);
  }
  items.close();
  return pressed;
}

std::optional<bool> wrapped_checkbox(const std::string& label, bool value, Mirror& items, const std::string& id) {
  const bool clicked = choice_row(label, value, true, id);
  Node n = make_node(Role::checkbox, label, id);
  n.checked = value;
  items.add(std::move(n));
  if (!pressed_or_mirrored(clicked, items, id)) return std::nullopt;
  return !value;
}

namespace {

// The frame of a text field and its node; the node still to be given its value.
Node field_frame(const FieldSpec& spec, const std::string& id, bool secret, const Mirror& items) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = spec.width > 0 ? spec.width : column_width();
  const float height = spec.lines > 0 ? ImGui::GetTextLineHeight() * spec.lines + style.FramePadding.y * 2 : target_height();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  ImGui::InvisibleButton("##field", ImVec2(width, height));
  ImGui::PopID();
  // Only the frame: the page's DOM field over it draws the text, the caret and the selection.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + width, pos.y + height);
  draw->AddRectFilled(pos, end, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  draw->AddRect(pos, end, ImGui::GetColorU32(spec.invalid ? ImGuiCol_NavHighlight : ImGuiCol_Border), style.FrameRounding, 0,
                std::max(1.0f, style.FrameBorderSize));
  Node n = make_node(spec.lines > 0 && !secret ? Role::text_area : Role::text_field, spec.label, id);
  n.hint = spec.hint;
  n.secret = secret;
  n.required = spec.required;
  n.invalid = spec.invalid;
  n.date = spec.date && !secret && spec.lines <= 0;
  n.submits = (spec.lines <= 0 || secret) && !items.form().empty();
  return n;
}

}  // namespace

Form::Form(Mirror& items, std::string submit_id) : items_(items), outer_(items.form()) { items.set_form(std::move(submit_id)); }
Form::~Form() { items_.set_form(outer_); }

namespace {

// Enter in a one-line field of a form presses the form's button; outside one the view decides.
// In a multiline field Enter is a new line, whatever the page says.
bool enter_pressed(const TextEdit& edit, bool one_line, Mirror& items) {
  if (!edit.submitted || !one_line) return false;
  if (items.form().empty()) return true;
  items.submit(items.form());
  return false;
}

}  // namespace

FieldResult text_field(const FieldSpec& spec, std::string_view value, Mirror& items, const std::string& id) {
  FieldResult result;
  if (auto edit = items.take_edit(id)) {
    result.submitted = enter_pressed(*edit, spec.lines <= 0, items);
    if (edit->text != value) result.text = std::move(edit->text);
  }
  Node n = field_frame(spec, id, false, items);
  // What the page's field holds now, typed this frame or not: the tree agrees with the page.
  n.value = result.text ? *result.text : std::string(value);
  items.add(std::move(n));
  return result;
}

SecretFieldResult secret_field(const FieldSpec& spec, const Secret& value, Mirror& items, const std::string& id) {
  SecretFieldResult result;
  if (auto edit = items.take_edit(id)) {
    result.submitted = enter_pressed(*edit, true, items);
    if (value.view() != edit->text) result.text = Secret(edit->text);
    wipe(edit->text);
  }
  Node n = field_frame(spec, id, true, items);
  // The tree tells the page only whether the field is empty (Mirror::tree_json), so the node
  // holds a mark, never the secret.
  const bool empty = result.text ? result.text->empty() : value.empty();
  n.value = empty ? "" : "*";
  items.add(std::move(n));
  return result;
}

void progress_bar(float fraction, const std::string& text, Mirror& items, const char* id) {
  begin_column();
  ImGui::ProgressBar(fraction, ImVec2(column_width(), ImGui::GetFontSize() * 0.5f), "");
  Node n = make_node(Role::progress, text, id);
  n.value = std::to_string(static_cast<int>(fraction * 100.0f + 0.5f));
  items.add(std::move(n));
  begin_column();
  muted_text(text);
}

void same_line_if_fits(const std::string& next_label) {
  same_line_if_fits(ImGui::CalcTextSize(next_label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
}

void same_line_if_fits(float next_width) {
  const float right = (ImGui::GetWindowWidth() + column_width()) * 0.5f;  // the column's right edge
  const float start = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  if (start + next_width <= right) ImGui::SameLine();
  else begin_column();
}

namespace {

void add_text_node(Role role, const std::string& text, const std::string& id = {}) {
  Mirror::current().add(make_node(role, text, id));
}

}  // namespace

void column_text(const std::string& text) {
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  add_text_node(Role::text, text);
}

void column_title(const std::string& text, Mirror& items, const char* id) {
  begin_column();
  ImGui::PushFont(title_font());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  Node n = make_node(Role::heading, text, id);
  n.level = 1;
  items.add(std::move(n));
}

void column_heading(const std::string& text, Mirror& items, const std::string& id) {
  begin_column();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  Node n = make_node(Role::heading, text, id);
  n.level = 2;
  items.add(std::move(n));
}

void note_box(const char* id, const std::string& heading, const std::vector<std::string>& lines, bool announced) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = style.FramePadding.x * 1.5f;
  const float wrap = column_width() - pad * 2 - ImGui::GetFontSize() * 1.2f;
  float height = pad * 2;
  if (!heading.empty()) height += ImGui::CalcTextSize(heading.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  for (const auto& line : lines) height += ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
  Mirror& mirror = Mirror::current();
  mirror.open(make_node(announced ? Role::status : Role::note, heading, id));
  begin_column();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild(id, ImVec2(column_width(), height), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  if (!heading.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap + ImGui::GetFontSize() * 1.2f);
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopTextWrapPos();
    add_text_node(Role::text, heading);
  }
  for (const auto& line : lines) {
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    add_text_node(Role::text, line);
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  mirror.close();
}

void error_text(const std::string& text, const std::string& id) {
  if (text.empty()) return;
  begin_column();
  ImGui::PushStyleColor(ImGuiCol_Text, error_colour());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column_width());
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  add_text_node(Role::alert, text, id);
}

namespace {
void draw_muted(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  // Wraps at the reading column like column_text(), or earlier inside a narrower child.
  ImGui::PushTextWrapPos(std::min(ImGui::GetCursorPosX() + column_width(), ImGui::GetContentRegionMax().x));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}
}  // namespace

void muted_text(const std::string& text, const std::string& id) {
  draw_muted(text);
  add_text_node(Role::text, text, id);
}

void status_text(const std::string& text, const char* id) {
  draw_muted(text);
  add_text_node(Role::status, text, id);
}

bool notice_banner(const Notice& notice, Mirror& items) {
  if (notice.kind == NoticeKind::none) return false;
  const bool error = notice.kind == NoticeKind::error;
  const ImVec4 bg = error ? ImVec4(0.99f, 0.93f, 0.91f, 1) : ImVec4(0.90f, 0.95f, 0.94f, 1);
  const ImVec4 fg = error ? ImVec4(0.60f, 0.17f, 0.07f, 1) : ImVec4(0.12f, 0.31f, 0.29f, 1);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
  ImGui::PushStyleColor(ImGuiCol_Border, fg);
  ImGui::PushStyleColor(ImGuiCol_Text, fg);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = column_width() - style.FramePadding.x * 4;
  const float height = ImGui::CalcTextSize(notice.text.c_str(), nullptr, false, wrap).y + style.FramePadding.y * 4;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(style.FramePadding.x * 2, style.FramePadding.y * 2));
  ImGui::BeginChild("notice", ImVec2(column_width(), height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(notice.text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  items.add(make_node(error ? Role::alert : Role::status, notice.text, "notice"));
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(3);
  return ImGui::IsItemClicked();
}

float column_width() {
  const float avail = ImGui::GetWindowWidth();
  const float max = 40.0f * ImGui::GetFontSize();  // about 75 characters: comfortable to read
  return std::min(avail - ImGui::GetStyle().ItemSpacing.x * 4, max);
}

void begin_column() {
  ImGui::SetCursorPosX((ImGui::GetWindowWidth() - column_width()) * 0.5f);
}

}  // namespace parley::ui
