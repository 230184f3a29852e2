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

TEST(Builder, TheMediatorsNameIsSignedIntoTheManifest) {
  BuilderForm form = new_builder("2026-11-30", "https://parley.example/store/{id}");
  form.direct = true;
  ASSERT_TRUE(apply_template(form, "enps"));
  auto rng = testing::seeded(7);
  const RecipientKeyPair mediator = *generate_recipient_key(rng);
  form.mediator_label = "  Ana Costa (HR) ";
  // A name without a key names no one.
  auto orphan = campaign_from_builder(form, manager_keys(), rng, 0);
  ASSERT_FALSE(orphan.ok());
  EXPECT_NE(orphan.error().detail.find("needs the mediator's key"), std::string::npos) << orphan.error().detail;

  form.mediator_key = encode_public_key(KeyKind::recipient, mediator.public_key);
  const KeySet keys = manager_keys();
  auto c = campaign_from_builder(form, keys, rng, 0);
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_EQ(c->mediator_labels, (std::vector<std::string>{"Ana Costa (HR)"}));
  auto back = verify_manifest(sign_manifest(*c, *keys.signer).value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(mediator_label(*back, 0), "Ana Costa (HR)");

  form.mediator_label = std::string(61, 'a');
  auto long_name = campaign_from_builder(form, keys, rng, 0);
  ASSERT_FALSE(long_name.ok());
  EXPECT_NE(long_name.error().detail.find("1 to 60 characters"), std::string::npos) << long_name.error().detail;
  // No name: no labels at all, and the body has no field.
  form.mediator_label = " ";
  auto unnamed = campaign_from_builder(form, keys, rng, 0);
  ASSERT_TRUE(unnamed.ok()) << unnamed.error().detail;
  EXPECT_TRUE(unnamed->mediator_labels.empty());
}

}  // namespace
}  // namespace parley::client
