// Drives the real ImGui views headlessly (no GPU): builds frames, moves the mouse, types, and
// checks that actions reach the controller the way a person's clicks would.
#include "ui/views.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

#include "support/headless_views.h"
#include "support/rng.h"
#include "ui/controller.h"
#include "ui/theme.h"

namespace parley::ui {
namespace {

using ViewsTest = testing::HeadlessViews;

TEST_F(ViewsTest, WelcomeShowsNamedWidgets) {
  frame();
  const auto j = items.rects();
  for (const char* id : {"title", "link_input", "open_button"}) EXPECT_TRUE(j.contains(id)) << id;
}

TEST_F(ViewsTest, ClickingOpenWithoutLinkShowsError) {
  click("open_button");
  EXPECT_EQ(controller.state().notice.kind, NoticeKind::error);
  frame();
  EXPECT_TRUE(items.rects().contains("notice"));
}

TEST_F(ViewsTest, TextFromThePageFieldReachesTheLinkField) {
  frame();
  items.edit("link_input", TextEdit{"Tháng 1 — Привет 日本語"});
  frame();
  EXPECT_EQ(controller.state().link_input, "Tháng 1 — Привет 日本語");
}

TEST_F(ViewsTest, EnterOpensTheLinkTypedInTheSameFrame) {
  // The edit and the submit arrive together: the link opened is the one just typed.
  frame();
  items.edit("link_input", TextEdit{"https://example.org/not-parley", true});
  frame();
  EXPECT_EQ(controller.state().link_input, "https://example.org/not-parley");
  EXPECT_NE(controller.state().notice.text.find("not a Parley campaign link"), std::string::npos);
}

TEST_F(ViewsTest, TheBuilderOffersATrusteeFirstAndDirectModeByChoice) {
  controller.start("http://127.0.0.1:8000/", kToday);
  give_keys(KeySet{KeyRole::manager, "", generate_recipient_key(rng).value(), generate_signing_key(rng).value()});
  controller.apply(StartBuilder{});
  frame();
  const auto checked = [&](const std::string& id) {
    for (const auto& node : items.nodes()) {
      if (node.id == id) return node.checked;
    }
    ADD_FAILURE() << "no " << id;
    return false;
  };
  EXPECT_TRUE(checked("mode_trustee"));
  EXPECT_FALSE(checked("mode_direct"));
  EXPECT_TRUE(items.rects().contains("trustee_keys"));
  EXPECT_TRUE(items.rects().contains("trustee_name"));
  click("mode_direct");
  frame();
  EXPECT_TRUE(controller.state().builder.direct);
  EXPECT_FALSE(items.rects().contains("trustee_keys"));
}

TEST_F(ViewsTest, APassphraseTypedInThePageReachesTheFormButNotTheTree) {
  controller.start("http://127.0.0.1:8000/", kToday);
  controller.apply(StartKeys{KeyRole::mediator});
  frame();
  items.edit("pass_input", TextEdit{"violet mountain river clock"});
  frame();
  EXPECT_EQ(controller.state().keys_form.passphrase, "violet mountain river clock");
  frame();
  EXPECT_EQ(items.tree_json().find("violet"), std::string::npos);
  for (const auto& node : items.nodes()) EXPECT_EQ(node.value.find("violet"), std::string::npos) << node.id;
}

TEST_F(ViewsTest, EveryChoiceOfTheBuilderReachesTheForm) {
  controller.start("http://127.0.0.1:8000/", kToday);
  auto keys_rng = testing::seeded(5);
  give_keys(KeySet{KeyRole::manager, "", *generate_recipient_key(keys_rng), *generate_signing_key(keys_rng)});
  controller.apply(StartBuilder{});
  controller.apply(AddQuestion{});
  frame();
  items.press("qtype_0_3");  // multiple choice
  items.press("qreq_0");
  items.edit("qtext_0", TextEdit{"Which days suit you?"});
  items.edit("k_input", TextEdit{"12"});
  frame();
  const QuestionDraft& q = controller.state().builder.questions.at(0);
  EXPECT_EQ(q.type, QuestionType::multi_choice);
  EXPECT_TRUE(q.required);
  EXPECT_EQ(q.text, "Which days suit you?");
  EXPECT_EQ(controller.state().builder.k, 12);
  EXPECT_TRUE(frame().contains("qopts_0"));  // a choice question asks for its options
}

TEST_F(ViewsTest, FontCoversWesternLatinAndPunctuationFromTheFirstFrame) {
  // The rest of the embedded Latin (Ł, ș, ...), Vietnamese, Greek, Cyrillic: font_fallback_test.cpp
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x00E9) /* é */, ImWchar(0x00DF) /* ß */, ImWchar(0x00F8) /* ø */, ImWchar(0x2014), ImWchar(0x2026)}) {
    const ImFontGlyph* g = font->FindGlyphNoFallback(c);
    EXPECT_NE(g, nullptr) << std::hex << c;
  }
}

}  // namespace
}  // namespace parley::ui
