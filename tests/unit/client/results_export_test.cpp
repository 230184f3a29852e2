// Exported results: CSV or JSON named after the campaign, with the figures of the aggregate, and
// no file at all while fewer than k people answered.
#include "client/results_export.h"

#include <gtest/gtest.h>

#include "core/comparison.h"
#include "core/report.h"
#include "support/campaigns.h"

namespace parley::client {
namespace {

AggregateResult aggregate(const Campaign& c, int people) {
  Aggregator a(c);
  for (int i = 0; i < people; ++i) {
    Submission s;
    s.campaign = c.id;
    s.answers["mood"] = testing::num(4);
    a.add(s);
  }
  auto rng = testing::seeded(4);
  return a.result(rng);
}

TEST(ResultsExport, NothingBeforeK) {
  const Campaign c = testing::sample_campaign(testing::campaign_keys());
  const AggregateResult hidden = aggregate(c, c.k - 1);
  ASSERT_FALSE(hidden.visible);
  EXPECT_FALSE(export_results(c, hidden, ExportFormat::csv).has_value());
  EXPECT_FALSE(export_results(c, hidden, ExportFormat::json).has_value());
}

TEST(ResultsExport, CsvAndJsonNamedAfterTheCampaign) {
  const Campaign c = testing::sample_campaign(testing::campaign_keys());
  const AggregateResult shown = aggregate(c, c.k);
  ASSERT_TRUE(shown.visible);
  const auto csv = export_results(c, shown, ExportFormat::csv);
  ASSERT_TRUE(csv.has_value());
  EXPECT_EQ(csv->name, "parley-results-" + c.id.substr(0, 8) + ".csv");
  EXPECT_EQ(csv->mime, "text/csv");
  EXPECT_NE(parley::to_string(csv->data).find(c.questions[0].text), std::string::npos);
  EXPECT_EQ(parley::to_string(csv->data).rfind("\xEF\xBB\xBFquestion_id,question,type,measure,option,value\r\n", 0), 0u);  // BOM first

  const auto json = export_results(c, shown, ExportFormat::json);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(json->name, "parley-results-" + c.id.substr(0, 8) + ".json");
  EXPECT_EQ(json->mime, "application/json");
  const auto parsed = nlohmann::json::parse(parley::to_string(json->data), nullptr, false);
  ASSERT_TRUE(parsed.is_object());
  EXPECT_EQ(parsed, results_file_json(c, shown));
  // It reads back as an earlier campaign to compare with.
  const auto back = read_results_file(parley::to_string(json->data));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->campaign_id, c.id);
  EXPECT_EQ(back->result.questions.size(), shown.questions.size());
}

}  // namespace
}  // namespace parley::client
