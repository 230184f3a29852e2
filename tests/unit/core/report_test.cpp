// The exported files: the CSV starts with a UTF-8 byte order mark and keeps one value per row;
// neither the CSV nor the results file carries any figure of a question fewer than k answered.
#include "core/report.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/aggregate.h"
#include "support/campaigns.h"
#include "support/rng.h"

namespace parley {
namespace {

Campaign campaign() {
  Campaign c;
  c.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  c.title = "Pulse";
  c.k = 5;
  c.questions = {Question{"mood", QuestionType::likert, "Tôi thấy an toàn — 安心", true, {}},
                 Question{"few", QuestionType::likert, "Optional", false, {}},
                 Question{"idea", QuestionType::free_text, "Ideas", false, {}}};
  return c;
}

AggregateResult six_people() {
  const Campaign c = campaign();
  Aggregator a(c);
  for (int i = 0; i < 6; ++i) {
    Submission s;
    s.kind = SubmissionKind::feedback;
    s.campaign = c.id;
    s.answers["mood"] = testing::num(i < 4 ? 5 : 2);
    if (i < 4) s.answers["few"] = testing::num(1);  // 4 of 6: below k
    s.answers["idea"] = testing::text(i == 0 ? "=SUM(A1) \"quoted\", with a comma" : "Fine " + std::to_string(i));
    a.add(s);
  }
  auto rng = testing::seeded(21);
  return a.result(rng);
}

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < csv.size()) {
    const std::size_t end = csv.find("\r\n", at);
    out.push_back(csv.substr(at, end - at));
    at = end == std::string::npos ? csv.size() : end + 2;
  }
  return out;
}

TEST(Report, CsvHasABomAndOneValuePerRow) {
  const std::string csv = aggregate_to_csv(six_people());
  ASSERT_EQ(csv.rfind(std::string(kUtf8Bom), 0), 0u);
  const auto lines = lines_of(csv.substr(kUtf8Bom.size()));
  EXPECT_EQ(lines[0], "question_id,question,type,measure,option,value");
  EXPECT_EQ(lines[1], "\"\",\"\",\"\",\"responses\",\"\",6");
  const std::string head = "\"mood\",\"Tôi thấy an toàn — 安心\",\"likert\",";
  EXPECT_NE(std::find(lines.begin(), lines.end(), head + "\"answered\",\"\",6"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), head + "\"count\",\"5\",4"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), head + "\"favourable_pct\",\"\",67"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), head + "\"unfavourable_pct\",\"\",33"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), head + "\"mean\",\"\",4"), lines.end());
  // A comment: quoted, its quotes doubled, a leading = defused.
  EXPECT_NE(std::find(lines.begin(), lines.end(), "\"idea\",\"Ideas\",\"text\",\"comment\",\"\",\"'=SUM(A1) \"\"quoted\"\", with a comma\""),
            lines.end());
}

TEST(Report, NoFigureOfAHiddenQuestionLeavesTheApp) {
  const AggregateResult r = six_people();
  const auto lines = lines_of(aggregate_to_csv(r).substr(kUtf8Bom.size()));
  std::vector<std::string> few;
  for (const auto& l : lines) {
    if (l.rfind("\"few\"", 0) == 0) few.push_back(l);
  }
  ASSERT_EQ(few.size(), 1u);
  EXPECT_EQ(few[0], "\"few\",\"Optional\",\"likert\",\"hidden\",\"\",");  // not even the 4 who answered
  const nlohmann::json file = results_file_json(campaign(), r);
  EXPECT_EQ(file["questions"][1], (nlohmann::json{{"id", "few"}, {"type", "likert"}, {"text", "Optional"}, {"visible", false}}));
  EXPECT_EQ(file["campaign"]["id"], campaign().id);
  EXPECT_EQ(file["parley_results"], 1);
  // The figures as `parley export --json` and the app's snapshot give them: the same.
  EXPECT_EQ(aggregate_to_json(r)["questions"][1], file["questions"][1]);
  EXPECT_EQ(aggregate_to_json(r)["questions"][0]["answered"], 6);
}

}  // namespace
}  // namespace parley
