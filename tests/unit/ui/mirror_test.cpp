// The semantic mirror, driven through the real views: every control of the employee screens has
// a node with the right role and name, and presses and text from the page's DOM copy work like a
// person's clicks and typing.
#include "ui/mirror.h"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName, SetScrollY(window): scroll as a person would

#include <algorithm>
#include <string>

#include "client/texts.h"
#include "core/short_link.h"
#include "support/campaigns.h"
#include "support/headless_views.h"
#include "ui/widgets.h"

namespace parley::ui {
namespace {

class MirrorTest : public testing::HeadlessViews {
 protected:
  void SetUp() override {
    HeadlessViews::SetUp();
    controller.start("", kToday);
  }

  const Node* find(const std::string& id) {
    const auto& nodes = items.nodes();
    const auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.id == id; });
    return it == nodes.end() ? nullptr : &*it;
  }
  bool has(Role role, const std::string& name) {
    const auto& nodes = items.nodes();
    return std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.role == role && n.name == name; });
  }
  // Presses, then draws the frame that applies it and the one that shows the new state.
  void press(const std::string& id) {
    frame();
    items.press(id);
    frame();
    frame();
  }
  void open_feedback() {
    controller.apply(OpenLink{t.link});
    controller.apply(StartFeedback{});
    frame();
  }

  testing::SignedCampaign t = testing::signed_campaign();
};

TEST_F(MirrorTest, WelcomeScreenNamesEveryControl) {
  frame();
  EXPECT_TRUE(has(Role::heading, "Parley"));
  const Node* link = find("link_input");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->role, Role::text_field);
  EXPECT_EQ(link->name, "Campaign link");
  EXPECT_EQ(link->hint, "Paste the link you received");
  EXPECT_TRUE(has(Role::button, "Open campaign"));
  EXPECT_TRUE(has(Role::button, "Create a campaign"));
  EXPECT_TRUE(has(Role::button, "Create a mediator key"));
  const auto tree = nlohmann::json::parse(items.tree_json());
  EXPECT_EQ(tree["screen"], "welcome");
}

TEST_F(MirrorTest, APressFromThePageActsLikeAClick) {
  press("open_button");
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  frame();
  const Node* notice = find("notice");
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->role, Role::alert);  // announced
}

TEST_F(MirrorTest, EnterInTheLinkFieldOpensTheCampaign) {
  frame();
  items.edit("link_input", TextEdit{t.link, true});
  frame();
  EXPECT_EQ(controller.state().screen, Screen::intro);
}

// Enter in a one-line field presses its form's main button, on every form (widgets.h, Form).
TEST_F(MirrorTest, EnterInAKeyFieldMakesTheKey) {
  controller.start("http://127.0.0.1:8000/", kToday);
  controller.apply(StartKeys{KeyRole::mediator});
  frame();
  EXPECT_TRUE(nlohmann::json::parse(items.tree_json())["nodes"].dump().find("\"k\":1") != std::string::npos);
  items.edit("repeat_input", TextEdit{"not the same", true});
  frame();
  EXPECT_FALSE(controller.state().keys_form.error.empty());  // as a click on "Make key file"
  EXPECT_EQ(controller.state().keys_form.repeat, "not the same");
}

TEST_F(MirrorTest, EnterInTheUnlockFormOpensResults) {
  controller.start("http://127.0.0.1:8000/", kToday);
  controller.apply(StartUnlock{});
  frame();
  items.edit("results_link", TextEdit{"https://example.org/nothing", true});
  frame();
  EXPECT_FALSE(controller.state().session.error.empty());
}

TEST_F(MirrorTest, EnterInTheBuilderSignsAndATextAreaKeepsItsNewLines) {
  controller.start("http://127.0.0.1:8000/", kToday);
  give_keys(KeySet{KeyRole::manager, "", generate_recipient_key(rng).value(), generate_signing_key(rng).value()});
  controller.apply(StartBuilder{});
  frame();
  items.edit("intro_input", TextEdit{"Line one", true});  // a textarea: Enter is a new line
  frame();
  frame();
  EXPECT_EQ(controller.state().screen, Screen::builder);
  EXPECT_TRUE(controller.state().builder.error.empty());
  items.edit("closes_input", TextEdit{"someday", true});
  frame();
  EXPECT_EQ(controller.state().builder.closes, "someday");
  EXPECT_FALSE(controller.state().builder.error.empty());  // signing refused the date, in words
}

TEST_F(MirrorTest, EnterInThePhraseFieldOpensTheConversation) {
  controller.start("http://127.0.0.1:8000/", kToday);
  controller.apply(StartConversation{});
  frame();
  items.edit("phrase_input", TextEdit{"", true});
  frame();
  EXPECT_FALSE(controller.state().conversation.error.empty());
}

TEST_F(MirrorTest, EnterInTheMediationFormGoesToItsReview) {
  controller.apply(OpenLink{t.link});
  controller.apply(StartMediation{});
  frame();
  items.edit("who_text", TextEdit{"the team", true});
  frame();
  frame();
  // "Review before sending" ran: the required "what happened" is missing, said so.
  EXPECT_EQ(controller.state().mediation.who, "the team");
  EXPECT_FALSE(controller.state().mediation.error.empty());
}

TEST_F(MirrorTest, ASubmitForAButtonAlreadyDrawnLandsInTheNextFrameOnce) {
  const auto draw = [&](bool submit) {
    ImGui::NewFrame();
    items.begin_frame(1.0f);
    ImGui::Begin("w");
    const bool pressed = secondary_button("Go", items, "go");
    if (submit) items.submit("go");
    ImGui::End();
    ImGui::Render();
    return pressed;
  };
  EXPECT_FALSE(draw(true));
  EXPECT_TRUE(draw(false));
  EXPECT_FALSE(draw(false));
}

TEST_F(MirrorTest, PressesLastOneFrame) {
  frame();
  items.press("open_button");
  items.press("no_such_item");
  frame();
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  controller.apply(DismissNotice{});
  frame();  // nothing left over: the stale press did not fire again
  frame();
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::none);
}

TEST_F(MirrorTest, QuestionsAreNamedRadioGroupsCheckboxesAndFields) {
  open_feedback();
  const Node* likert = find("q0_opt");
  ASSERT_NE(likert, nullptr);
  EXPECT_EQ(likert->role, Role::radio_group);
  EXPECT_EQ(likert->name, "I can do my best work here.");
  const Node* four = find("q0_opt4");
  ASSERT_NE(four, nullptr);
  EXPECT_EQ(four->role, Role::radio);
  EXPECT_EQ(four->name, "4, Agree");
  EXPECT_EQ(items.nodes()[static_cast<std::size_t>(four->parent)].id, "q0_opt");
  EXPECT_EQ(find("q1_opt10")->name, "10, Extremely likely");
  EXPECT_EQ(find("q2_opt1")->name, "Process");
  EXPECT_EQ(find("q3_opt2")->role, Role::checkbox);
  EXPECT_EQ(find("q4_text")->role, Role::text_area);
  EXPECT_EQ(find("q4_text")->name, "Anything else?");
  EXPECT_EQ(find("progress")->role, Role::progress);
  EXPECT_TRUE(has(Role::heading, "1. I can do my best work here."));
  EXPECT_TRUE(has(Role::checkbox, "Keep a draft on this device until it is sent (not encrypted)"));
  EXPECT_TRUE(has(Role::button, "Review before sending"));
}

TEST_F(MirrorTest, ChoosingTheChosenValueAgainKeepsIt) {
  open_feedback();
  press("q0_opt4");
  EXPECT_EQ(controller.state().answers[0].number, 4);
  EXPECT_TRUE(find("q0_opt4")->checked);
  press("q0_opt4");  // a double tap must not clear an answer
  EXPECT_EQ(controller.state().answers[0].number, 4);
  EXPECT_EQ(find("q0_clear"), nullptr) << "required questions offer no clearing";
}

TEST_F(MirrorTest, ClearAnswerEmptiesAnOptionalChoice) {
  open_feedback();
  press("q2_opt0");
  EXPECT_EQ(controller.state().answers[2].number, 0);
  ASSERT_NE(find("q2_clear"), nullptr);
  EXPECT_EQ(find("q2_clear")->name, "Clear answer");
  press("q2_clear");
  EXPECT_EQ(controller.state().answers[2].number, -1);
}

TEST_F(MirrorTest, CheckboxesToggleFromThePage) {
  open_feedback();
  press("q3_opt2");
  EXPECT_EQ(controller.state().answers[3].picked, (std::vector<bool>{false, false, true, false}));
  press("q3_opt2");
  EXPECT_EQ(controller.state().answers[3].picked, (std::vector<bool>{false, false, false, false}));
}

TEST_F(MirrorTest, TextFromAnInputMethodArrivesWhole) {
  open_feedback();
  items.edit("q4_text", TextEdit{"Cảm ơn — 静かな時間をありがとう"});
  frame();
  EXPECT_EQ(controller.state().answers[4].text, "Cảm ơn — 静かな時間をありがとう");
  frame();
  EXPECT_EQ(find("q4_text")->value, "Cảm ơn — 静かな時間をありがとう");
}

TEST_F(MirrorTest, MediationFormIsNamed) {
  controller.apply(OpenLink{t.link});
  controller.apply(StartMediation{});
  frame();
  EXPECT_EQ(find("what_text")->name, "What happened? (required)");
  EXPECT_TRUE(find("what_text")->required);
  EXPECT_EQ(find("urgency_")->role, Role::radio_group);
  EXPECT_EQ(find("urgency_2")->name, "Urgent — it affects my work now");
  press("urgency_2");
  EXPECT_EQ(controller.state().mediation.urgency, Urgency::urgent);
}

TEST_F(MirrorTest, EscapeFromThePageGoesBack) {
  open_feedback();
  press("escape");
  EXPECT_EQ(controller.state().screen, Screen::intro);
}

TEST_F(MirrorTest, FocusedItemIsScrolledIntoView) {
  ImGui::GetIO().DisplaySize = ImVec2(400, 300);
  open_feedback();
  frame();
  const float below = items.rects().at("review_button")[1].get<float>();
  ASSERT_GT(below, 300.0f) << "the button starts off screen";
  items.focus("review_button");
  frame();
  frame();
  const auto r = items.rects().at("review_button");
  EXPECT_GE(r[1].get<float>(), 0.0f);
  EXPECT_LE(r[1].get<float>() + r[3].get<float>(), 300.0f);
}

// A window of `above` lines of text, then a button "go", as the views draw one. Returns the
// button's top on screen.
float draw_lines_then_button(Mirror& items, int above) {
  ImGui::NewFrame();
  items.begin_frame(1.0f);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("anchor", nullptr, ImGuiWindowFlags_NoDecoration);
  for (int i = 0; i < above; ++i) ImGui::TextUnformatted("a line above");
  ImGui::Button("Go");
  items.add(make_node(Role::button, "Go", "go"));
  ImGui::Dummy(ImVec2(10, 2000));  // room to scroll
  ImGui::End();
  ImGui::Render();
  return items.rects().at("go")[1].get<float>();
}

TEST_F(MirrorTest, TheFocusedControlStaysPutWhenContentAboveItGrows) {
  ImGui::GetIO().DisplaySize = ImVec2(400, 300);
  draw_lines_then_button(items, 5);
  items.focus("go");
  draw_lines_then_button(items, 5);
  const float before = draw_lines_then_button(items, 5);
  // Ten lines appear above it (a comparison, an unfolded comment): one frame drawn where the
  // layout put it, then back where the person saw it.
  EXPECT_GT(draw_lines_then_button(items, 15), before + 100.0f);
  EXPECT_FLOAT_EQ(draw_lines_then_button(items, 15), before);
  EXPECT_FLOAT_EQ(draw_lines_then_button(items, 15), before);
  // And when they go again.
  draw_lines_then_button(items, 5);
  EXPECT_FLOAT_EQ(draw_lines_then_button(items, 5), before);

  // Scrolled out of view by the person: the content above changing does not bring it back.
  ImGui::SetScrollY(ImGui::FindWindowByName("anchor"), 800.0f);
  const float away = draw_lines_then_button(items, 5);
  ASSERT_LT(away, 0.0f);
  draw_lines_then_button(items, 15);
  const float still_away = draw_lines_then_button(items, 15);
  EXPECT_LT(still_away, 0.0f);
  EXPECT_GT(still_away, away) << "the content moved, the scroll did not follow it";
}

TEST_F(MirrorTest, TreeJsonCarriesRolesStatesAndParents) {
  open_feedback();
  press("q0_opt2");
  const auto tree = nlohmann::json::parse(items.tree_json());
  EXPECT_EQ(tree["screen"], "feedback");
  bool found = false;
  for (const auto& n : tree["nodes"]) {
    if (n["i"] != "q0_opt2") continue;
    found = true;
    EXPECT_EQ(n["r"], "radio");
    EXPECT_EQ(n["c"], 1);
    EXPECT_EQ(tree["nodes"][n["p"].get<std::size_t>()]["r"], "radiogroup");
    EXPECT_EQ(n["b"].size(), 4u);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace parley::ui

namespace parley::ui {
namespace {

// Passphrases reach secret fields as TextEdits: a moved-from or destroyed edit leaves no copy,
// whether its text lives inside the object (short) or on the heap (long).
TEST(TextEditWipes, MovedFromEditsAreZeroedInPlace) {
  for (const std::string text : {std::string("short pass"), std::string("a much longer passphrase on the heap")}) {
    TextEdit from{text, true};
    const char* at = from.text.data();
    TextEdit to = std::move(from);
    EXPECT_EQ(to.text, text);
    for (std::size_t i = 0; i < text.size(); ++i) EXPECT_EQ(at[i], '\0') << text << " byte " << i;
  }
}

TEST(TextEditWipes, DestroyedEditsAreZeroed) {
  alignas(TextEdit) unsigned char storage[sizeof(TextEdit)];
  auto* edit = new (storage) TextEdit{"short pass"};  // short: the text lives inside the object
  const std::size_t offset = reinterpret_cast<const unsigned char*>(edit->text.data()) - storage;
  ASSERT_LT(offset, sizeof(TextEdit));
  edit->~TextEdit();
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(storage[offset + i], 0) << "byte " << i;
}

// The share screen's notes under the link are one node each: a screen reader reads them once.
TEST_F(MirrorTest, TheShareScreensNotesAreReadOnce) {
  const auto count = [&](const std::string& name) {
    const auto& nodes = items.nodes();
    return std::count_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name == name; });
  };
  controller.start("http://127.0.0.1:8000/", kToday);
  give_keys({KeyRole::manager, "", t.manager, t.signer});
  sign_from_template();
  ASSERT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
  frame();
  EXPECT_EQ(count(text("share.publishing")), 1);
  EXPECT_EQ(find("share_publishing")->role, Role::status);
  const Bytes stored = platform.pending.at(0).request.body;
  platform.answer(201);
  platform.answer(200, stored);
  frame();
  ASSERT_NE(find("share_short_note"), nullptr);
  EXPECT_EQ(count(text("share.short_note")), 1);
  // A storage that does not hand the campaign back: the reason, once.
  controller.apply(GoBack{});
  controller.apply(SignCampaign{});
  platform.answer(201);
  platform.answer(403);
  frame();
  ASSERT_NE(find("share_why_long"), nullptr);
  EXPECT_EQ(count(controller.state().builder.why_long), 1);
}

// While a short link's campaign is fetched, the unlock screen says so once, as a polite status.
TEST_F(MirrorTest, TheUnlockScreenSaysOnceThatItWaitsForAShortLinksCampaign) {
  const std::string object = manifest_object_url(t.campaign).value();
  const std::string link = short_link("http://127.0.0.1:8000/", object);
  give_keys({KeyRole::manager, "", t.manager, t.signer});
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, link});
  controller.apply(OpenResults{});
  ASSERT_TRUE(controller.state().session.opening);
  frame();
  const auto waiting = std::count_if(items.nodes().begin(), items.nodes().end(),
                                     [](const Node& n) { return n.name == text("opening.detail"); });
  EXPECT_EQ(waiting, 1);
  ASSERT_NE(find("unlock_opening"), nullptr);
  EXPECT_EQ(find("unlock_opening")->role, Role::status);
  platform.answer(404);  // the storage does not have it: the status goes, the reason comes
  frame();
  EXPECT_EQ(find("unlock_opening"), nullptr);
  EXPECT_NE(controller.state().session.error, "");
}

}  // namespace
}  // namespace parley::ui
