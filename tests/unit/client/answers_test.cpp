// Answers between the form and the sealed contents: the urgency a mediation request carries,
// and drafts, which must load whichever version of the page saved them.
#include "client/answers.h"

#include <gtest/gtest.h>

#include "support/campaigns.h"

namespace parley::client {
namespace {

Campaign campaign() { return testing::sample_campaign(testing::campaign_keys()); }

TEST(Urgency, ContentsCarryTheWordsTheyAlwaysHave) {
  const Campaign c = campaign();
  MediationInput in;
  EXPECT_EQ(in.urgency, Urgency::normal);
  in.what = "Meetings run over every day.";
  const std::pair<Urgency, const char*> words[] = {{Urgency::low, "low"}, {Urgency::normal, "normal"}, {Urgency::urgent, "urgent"}};
  for (const auto& [urgency, word] : words) {
    in.urgency = urgency;
    EXPECT_EQ(mediation_submission(c, in, "2026-11-30").request.urgency, word);
    EXPECT_EQ(review_mediation(in).at(3).answer, word);
  }
}

TEST(Drafts, RoundTripEveryInput) {
  const Campaign c = campaign();
  auto answers = blank_answers(c);
  answers[0].number = 4;
  answers[3].picked = {false, true, false, true};
  answers[4].text = "Quiet hours help.";
  MediationInput m;
  m.what = "What happened";
  m.contact = "here";
  m.urgency = Urgency::urgent;

  auto restored = blank_answers(c);
  MediationInput m2;
  draft_from_json(draft_to_json(answers, m), c, restored, m2);
  EXPECT_EQ(restored[0].number, 4);
  EXPECT_EQ(restored[3].picked, answers[3].picked);
  EXPECT_EQ(restored[4].text, "Quiet hours help.");
  EXPECT_EQ(m2.what, "What happened");
  EXPECT_EQ(m2.contact, "here");
  EXPECT_EQ(m2.urgency, Urgency::urgent);
}

TEST(Drafts, KeepTheirJsonShape) {
  MediationInput m;
  m.urgency = Urgency::low;
  const auto j = draft_to_json({}, m);
  ASSERT_TRUE(j["mediation"]["urgency"].is_number_integer());
  EXPECT_EQ(j["mediation"]["urgency"].get<int>(), 0);
}

TEST(Drafts, ADraftSavedByAnEarlierPageStillLoads) {
  // As the page stored it before urgency was an enum: numbers 0..2, out-of-range ones clamped.
  const Campaign c = campaign();
  const auto saved = nlohmann::json::parse(R"({"answers":[{"n":5,"p":[],"t":""},{"n":-1,"p":[],"t":""},{"n":-1,"p":[],"t":""},
    {"n":-1,"p":[true,false,false,false],"t":""},{"n":-1,"p":[],"t":"kept"},{"n":-1,"p":[],"t":""}],
    "mediation":{"what":"w","who":"","outcome":"","contact":"","urgency":2}})");
  auto answers = blank_answers(c);
  MediationInput m;
  draft_from_json(saved, c, answers, m);
  EXPECT_EQ(answers[0].number, 5);
  EXPECT_EQ(answers[3].picked[0], true);
  EXPECT_EQ(answers[4].text, "kept");
  EXPECT_EQ(m.what, "w");
  EXPECT_EQ(m.urgency, Urgency::urgent);
  for (const auto& [n, urgency] : std::vector<std::pair<int, Urgency>>{{0, Urgency::low}, {1, Urgency::normal}, {7, Urgency::urgent},
                                                                      {-3, Urgency::low}}) {
    MediationInput again;
    draft_from_json({{"mediation", {{"urgency", n}}}}, c, answers, again);
    EXPECT_EQ(again.urgency, urgency) << n;
  }
}

}  // namespace
}  // namespace parley::client
