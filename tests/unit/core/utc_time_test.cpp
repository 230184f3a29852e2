#include "core/utc_time.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(UtcTime, ConvertsUnixSeconds) {
  EXPECT_EQ(format_amz_date(utc_from_unix(0)), "19700101T000000Z");
  EXPECT_EQ(format_amz_date(utc_from_unix(1369353600)), "20130524T000000Z");
  EXPECT_EQ(format_amz_date(utc_from_unix(1440938160)), "20150830T123600Z");
  EXPECT_EQ(format_iso8601(utc_from_unix(951782400)), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(format_amz_date(utc_from_unix(4102444799)), "20991231T235959Z");
  for (std::int64_t t : {0LL, 951782399LL, 951782400LL, 1369353600LL, 1709164800LL, 4102444799LL}) {
    EXPECT_EQ(unix_from_utc(utc_from_unix(t)), t);
  }
}

TEST(UtcTime, ParsesStrictly) {
  auto t = parse_amz_date("20130524T235958Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(unix_from_utc(*t), 1369353600 + 86398);
  EXPECT_EQ(unix_from_utc(*parse_day("2013-05-24")), 1369353600);
  for (const char* bad : {"", "20130524", "20130524T000000", "20130524t000000Z", "20130230T000000Z", "20130524T240000Z",
                          "20130524T006000Z", "19990101T000000Z", "2013052AT000000Z"}) {
    EXPECT_FALSE(parse_amz_date(bad).ok()) << bad;
  }
  for (const char* bad : {"2013-5-24", "2013/05/24", "2013-13-01", "2023-02-29", "2013-05-24T00"}) EXPECT_FALSE(parse_day(bad).ok()) << bad;
  EXPECT_TRUE(parse_day("2024-02-29").ok());
}

TEST(UtcTime, InstantsToTheSecond) {
  EXPECT_EQ(format_instant(utc_from_unix(1795166100)), "2026-11-20T09:15:00Z");
  EXPECT_EQ(format_day(utc_from_unix(1795166100)), "2026-11-20");
  auto t = parse_instant("2026-11-20T09:15:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(unix_from_utc(*t), 1795166100);
  for (const char* bad : {"", "2026-11-20", "2026-11-20T09:15:00", "2026-11-20T09:15:00.000Z", "2026-11-20 09:15:00Z",
                          "2026-11-20t09:15:00Z", "2026-02-29T00:00:00Z", "2026-11-20T24:00:00Z", "1999-12-31T23:59:59Z",
                          "2026-11-20T09:15:00+00:00"}) {
    EXPECT_FALSE(parse_instant(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace parley
