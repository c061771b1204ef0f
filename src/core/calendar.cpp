#include "core/calendar.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

namespace cc {

long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

PartialDate CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(int y, int m, int d) {
  long z = DaysFromCivil(y, m, d);
  // 1970-01-01 was a Thursday (index 3).
  return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) {
    bool leap = y == 0 || ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);  // unknown year: allow 29
    return leap ? 29 : 28;
  }
  return kDays[m - 1];
}

bool IsValid(const PartialDate& d) {
  if (d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31) return false;
  if (d.day > 0 && d.month == 0) return false;
  if (d.day > 0 && d.day > DaysInMonth(d.year, d.month)) return false;
  return d.year != 0 || d.month != 0;
}

static constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

std::string_view WeekdayName(int index) { return kWeekdays.at(static_cast<size_t>(index)); }

std::optional<int> WeekdayIndex(std::string_view name) {
  for (size_t i = 0; i < kWeekdays.size(); ++i)
    if (kWeekdays[i] == name) return static_cast<int>(i);
  return std::nullopt;
}

std::string ToIso(const PartialDate& d) {
  if (d.year && d.month && d.day) return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  if (!d.year && d.month && d.day) return fmt::format("--{:02}-{:02}", d.month, d.day);
  if (d.year && d.month) return fmt::format("{:04}-{:02}", d.year, d.month);
  if (d.year) return fmt::format("{:04}", d.year);
  if (d.month) return fmt::format("--{:02}", d.month);
  return "";
}

static bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::optional<PartialDate> ParseIso(std::string_view s) {
  PartialDate d;
  if (s.size() >= 7 && s.substr(0, 2) == "--" && s[4] == '-') {
    if (!ParseInt(s.substr(2, 2), d.month) || !ParseInt(s.substr(5, 2), d.day)) return std::nullopt;
    return IsValid(d) ? std::optional(d) : std::nullopt;
  }
  if (s.size() < 4 || !ParseInt(s.substr(0, 4), d.year)) return std::nullopt;
  if (s.size() >= 7 && s[4] == '-') {
    if (!ParseInt(s.substr(5, 2), d.month)) return std::nullopt;
    if (s.size() >= 10 && s[7] == '-' && !ParseInt(s.substr(8, 2), d.day)) return std::nullopt;
  }
  return IsValid(d) ? std::optional(d) : std::nullopt;
}

std::optional<long> DayNumber(std::string_view iso) {
  auto d = ParseIso(iso);
  if (!d || !d->year || !d->month || !d->day) return std::nullopt;
  return DaysFromCivil(d->year, d->month, d->day);
}

std::optional<std::string> ParseClock(std::string_view text, std::string_view period) {
  size_t i = text.find_first_of("0123456789");
  if (i == std::string_view::npos) {
    if (period == "midday") return "12:00";
    if (period == "midnight") return "00:00";
    return std::nullopt;
  }
  int hour = 0, minute = 0, digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 5)
    hour = hour * 10 + (text[i++] - '0'), ++digits;
  if (digits > 4) return std::nullopt;
  if (digits > 2) {
    // "1830 GMT": hours and minutes written together.
    if (digits == 3 || (i < text.size() && (text[i] == '.' || text[i] == ':'))) return std::nullopt;
    minute = hour % 100, hour /= 100;
  }
  if (digits <= 2 && i + 2 < text.size() && (text[i] == '.' || text[i] == ':') && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
      std::isdigit(static_cast<unsigned char>(text[i + 2]))) {
    minute = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    i += 3;
  }
  std::string rest;
  for (; i < text.size(); ++i)
    if (std::isalpha(static_cast<unsigned char>(text[i]))) rest += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  bool pm = rest.rfind("pm", 0) == 0 || period == "afternoon" || period == "evening";
  bool am = rest.rfind("am", 0) == 0;
  if (pm && hour >= 1 && hour < 12) hour += 12;
  if (am && hour == 12) hour = 0;
  if (hour > 24 || minute > 59) return std::nullopt;
  if (hour == 24) hour = 0;
  return fmt::format("{:02d}:{:02d}", hour, minute);
}

}  // namespace cc
