#include "core/utc_time.h"

#include <cstdio>

namespace parley {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, no tables, no time zone database.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool digits(std::string_view s, std::size_t from, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool plausible(const UtcTime& t) {
  return t.year >= 2000 && t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= days_in_month(t.year, t.month) && t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

}  // namespace

UtcTime utc_from_unix(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  UtcTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
  t.hour = static_cast<int>(rest / 3600);
  t.minute = static_cast<int>(rest % 3600 / 60);
  t.second = static_cast<int>(rest % 60);
  return t;
}

std::int64_t unix_from_utc(const UtcTime& t) {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

std::string format_amz_date(const UtcTime& t) {
  char out[32];
  std::snprintf(out, sizeof out, "%04d%02d%02dT%02d%02d%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return out;
}

std::string format_iso8601(const UtcTime& t) {
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", t.year, t.month, t.day, t.hour, t.minute,
                t.second);
  return out;
}

std::string format_instant(const UtcTime& t) {
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return out;
}

std::string format_day(const UtcTime& t) {
  char out[24];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", t.year, t.month, t.day);
  return out;
}

Result<UtcTime> parse_amz_date(std::string_view s) {
  UtcTime t;
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z' || !digits(s, 0, 4, t.year) || !digits(s, 4, 2, t.month) ||
      !digits(s, 6, 2, t.day) || !digits(s, 9, 2, t.hour) || !digits(s, 11, 2, t.minute) ||
      !digits(s, 13, 2, t.second) || !plausible(t)) {
    return make_error(Errc::bad_input, "A signing time must be a real UTC instant written YYYYMMDDTHHMMSSZ.");
  }
  return t;
}

Result<UtcTime> parse_day(std::string_view s) {
  UtcTime t;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, t.year) || !digits(s, 5, 2, t.month) ||
      !digits(s, 8, 2, t.day) || !plausible(t)) {
    return make_error(Errc::bad_input, "A day must be a real date written YYYY-MM-DD.");
  }
  return t;
}

Result<UtcTime> parse_instant(std::string_view s) {
  UtcTime t;
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
      !digits(s, 0, 4, t.year) || !digits(s, 5, 2, t.month) || !digits(s, 8, 2, t.day) || !digits(s, 11, 2, t.hour) ||
      !digits(s, 14, 2, t.minute) || !digits(s, 17, 2, t.second) || !plausible(t)) {
    return make_error(Errc::bad_input, "An instant must be a real UTC time written YYYY-MM-DDTHH:MM:SSZ.");
  }
  return t;
}

}  // namespace parley
