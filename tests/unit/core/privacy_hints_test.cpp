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

// Languages whose ordinary words carry capitals: a capital alone is no name there, a name
// introduced as one ("mit Anna", "anh Minh") still is.
TEST(PrivacyHintsTest, VietnameseProperWordsAreNotNamesButNamedPeopleAre) {
  EXPECT_TRUE(hints("Cảm ơn vì Việt").empty());
  EXPECT_EQ(hints("Tôi thích làm việc ở công ty Việt Nam này, mọi người nói tiếng Việt."), (Pairs{}));
  EXPECT_EQ(hints("Cuộc họp với anh Minh rất căng thẳng."), (Pairs{{"name", "Minh"}}));
  EXPECT_EQ(hints("Tôi làm việc với Đức mỗi ngày."), (Pairs{{"name", "Đức"}}));
  EXPECT_EQ(hints("Chị Nguyễn Lan luôn giúp đỡ."), (Pairs{{"name", "Nguyễn"}, {"name", "Lan"}}));
}

TEST(PrivacyHintsTest, GermanNounsAreNotNamesButNamedPeopleAre) {
  EXPECT_TRUE(hints("Die Besprechungen dauern zu lange und die Stimmung im Team ist schlecht.").empty());
  EXPECT_TRUE(hints("Ich wünsche mir mehr Zeit für Weiterbildung und weniger Überstunden.").empty());
  EXPECT_TRUE(hints("Wir sprechen nie mit Begeisterung über die Planung, nur von Kommunikation.").empty());
  EXPECT_EQ(hints("Das Gespräch mit Anna war sehr schwierig."), (Pairs{{"name", "Anna"}}));
  EXPECT_EQ(hints("Seit Herr Müller das Projekt leitet, ist es besser."), (Pairs{{"name", "Müller"}}));
}

TEST(PrivacyHintsTest, FrenchCapitalsWithAccentsAndTitles) {
  EXPECT_TRUE(hints("Merci Madame, la réunion était très utile pour toute l'équipe.").empty());
  EXPECT_EQ(hints("La réunion avec Élodie s'est mal passée."), (Pairs{{"name", "Élodie"}}));
  EXPECT_EQ(hints("Le séminaire à Lyon était fatigant."), (Pairs{{"place", "Lyon"}}));
}

TEST(PrivacyHintsTest, PolishPoliteFormsAreNotNamesButNamesAre) {
  EXPECT_TRUE(hints("Dziękuję Panu za pomoc, współpraca z zespołem jest świetna.").empty());
  EXPECT_EQ(hints("Rozmowa z Łukaszem była trudna."), (Pairs{{"name", "Łukaszem"}}));
  EXPECT_EQ(hints("Spotkanie w Krakowie było za długie."), (Pairs{{"place", "Krakowie"}}));
}

TEST(PrivacyHintsTest, EnglishNamesStayFlaggedBesideAnAccentedWord) {
  EXPECT_EQ(hints("The café talk with Anna went badly."), (Pairs{{"name", "Anna"}}));
}

}  // namespace
}  // namespace parley
