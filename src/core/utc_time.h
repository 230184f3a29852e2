// Calendar arithmetic in UTC for request signatures and upload policies.
//
// The core has no clock: callers pass the time in (seconds since 1970 from the platform), and
// this file only converts between that count and the text forms S3 expects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace parley {

struct UtcTime {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

UtcTime utc_from_unix(std::int64_t seconds);
std::int64_t unix_from_utc(const UtcTime& t);

// "20130524T000000Z": the x-amz-date form.
std::string format_amz_date(const UtcTime& t);
// "2013-05-24T00:00:00.000Z": the form of a POST policy's expiration.
std::string format_iso8601(const UtcTime& t);

// "2013-05-24T00:00:00Z": an instant to the second (when a submission was sent, FORMAT.md).
std::string format_instant(const UtcTime& t);

// Strict parsers; Errc::bad_input for anything that is not a real instant in years 2000-9999.
Result<UtcTime> parse_amz_date(std::string_view text);
// "YYYY-MM-DD" at 00:00:00.
Result<UtcTime> parse_day(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ", exactly (format_instant's form).
Result<UtcTime> parse_instant(std::string_view text);
// "YYYY-MM-DD" of an instant.
std::string format_day(const UtcTime& t);

}  // namespace parley
