// The campaign builder's questions: their types are the manifest's QuestionType from the template
// to the signed campaign, in the order the builder offers them.
#include "client/campaign_builder.h"

#include <gtest/gtest.h>

#include "support/rng.h"

namespace parley::client {
namespace {

KeySet manager_keys() {
  auto rng = testing::seeded(5);
  return KeySet{KeyRole::manager, "", *generate_recipient_key(rng), *generate_signing_key(rng)};
}

TEST(Builder, OffersEveryQuestionTypeOnce) {
  const QuestionType all[] = {QuestionType::likert,       QuestionType::enps,      QuestionType::single_choice,
                              QuestionType::multi_choice, QuestionType::free_text, QuestionType::blockers};
  ASSERT_EQ(std::size(kQuestionTypes), std::size(all));
  for (std::size_t i = 0; i < std::size(all); ++i) {
    EXPECT_EQ(kQuestionTypes[i], all[i]);
    EXPECT_FALSE(question_type_label(all[i]).empty());
  }
}

TEST(Builder, TemplateQuestionTypesReachTheSignedCampaign) {
  BuilderForm form = new_builder("2026-11-30", "https://parley.example/store/{id}");
  form.direct = true;
  ASSERT_TRUE(apply_template(form, "enps"));
  ASSERT_EQ(form.questions.size(), 2u);
  EXPECT_EQ(form.questions[0].type, QuestionType::enps);
  EXPECT_EQ(form.questions[1].type, QuestionType::free_text);

  form.questions.push_back({QuestionType::multi_choice, "Which days suit you?", false, "Monday\nTuesday\n\n"});
  auto rng = testing::seeded(6);
  const auto c = campaign_from_builder(form, manager_keys(), rng, 0);
  ASSERT_TRUE(c.ok()) << c.error().detail;
  ASSERT_EQ(c->questions.size(), 3u);
  EXPECT_EQ(c->questions[0].type, QuestionType::enps);
  EXPECT_EQ(c->questions[1].type, QuestionType::free_text);
  EXPECT_EQ(c->questions[2].type, QuestionType::multi_choice);
  EXPECT_EQ(c->questions[2].options, (std::vector<std::string>{"Monday", "Tuesday"}));
}

TEST(Builder, AChoiceQuestionNeedsOptions) {
  BuilderForm form = new_builder("2026-11-30", "https://parley.example/store/{id}");
  form.title = "Pulse";
  form.direct = true;
  form.questions.push_back({QuestionType::single_choice, "Pick one", true, "only one"});
  auto rng = testing::seeded(6);
  EXPECT_FALSE(campaign_from_builder(form, manager_keys(), rng, 0).ok());
  form.questions[0].type = QuestionType::free_text;  // the same text, no options needed
  EXPECT_TRUE(campaign_from_builder(form, manager_keys(), rng, 0).ok());
}

}  // namespace
}  // namespace parley::client
