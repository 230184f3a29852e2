#include "core/privacy_hints.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

std::vector<std::pair<std::string, std::string>> hints(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& h : find_privacy_hints(text)) out.emplace_back(to_string(h.kind), h.excerpt);
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PrivacyHintsTest, GeneralTextHasNoHints) {
  EXPECT_TRUE(hints("We could plan sprints better. I often feel rushed before releases.").empty());
  EXPECT_TRUE(hints("").empty());
  EXPECT_TRUE(hints("you may want to check the backlog").empty());
}

TEST(PrivacyHintsTest, CapitalisedWordInsideASentenceIsAPossibleName) {
  EXPECT_EQ(hints("The review with Anna went badly."), (Pairs{{"name", "Anna"}}));
}

TEST(PrivacyHintsTest, CapitalisedWordAfterInOrAtIsAPossiblePlace) {
  EXPECT_EQ(hints("The offsite in Lisbon was tiring."), (Pairs{{"place", "Lisbon"}}));
}

TEST(PrivacyHintsTest, DatesInSeveralShapes) {
  EXPECT_EQ(hints("since 12/03 things changed"), (Pairs{{"date", "12/03"}}));
  EXPECT_EQ(hints("on 2026-11-03 it happened"), (Pairs{{"date", "2026-11-03"}}));
  EXPECT_EQ(hints("it was on March 3 that"), (Pairs{{"date", "March 3"}}));
  EXPECT_EQ(hints("last friday"), (Pairs{{"date", "friday"}}));
}

TEST(PrivacyHintsTest, ContactDetails) {
  EXPECT_EQ(hints("write me at someone@example.org"), (Pairs{{"contact", "someone@example.org"}}));
  EXPECT_EQ(hints("call +33 612345678"), (Pairs{{"contact", "612345678"}}));
}

TEST(PrivacyHintsTest, HabitsAreNotDatesOrNames) {
  EXPECT_TRUE(hints("Quieter Fridays, please.").empty());
  EXPECT_EQ(hints("Waiting on reviews from Marco"), (Pairs{{"name", "Marco"}}));
}

TEST(PrivacyHintsTest, SentenceStartsAreNotNames) {
  EXPECT_TRUE(hints("Meetings run long. Deadlines move. Nobody knows why.").empty());
}

TEST(PrivacyHintsTest, RepeatsAreReportedOnceAndTheListIsBounded) {
  EXPECT_EQ(hints("ask Bob. then ask Bob again").size(), 1u);
  EXPECT_EQ(find_privacy_hints("x Aa Bb Cc Dd Ee Ff Gg Hh", 3).size(), 3u);
}

TEST(PrivacyHintsTest, NonAsciiTextIsHandledWithoutHints) {
  EXPECT_TRUE(hints("Tháng 1 — Привет, всё хорошо").empty());
}

}  // namespace
}  // namespace parley
