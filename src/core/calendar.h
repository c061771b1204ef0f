// Proleptic Gregorian calendar arithmetic and ISO 8601 day strings. Pure.
// A PartialDate may lack its year ("24 April" is --04-24) or its day (2018-03).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cc {

struct PartialDate {
  int year = 0;   // 0 = unknown
  int month = 0;  // 1..12, 0 = unknown
  int day = 0;    // 1..31, 0 = unknown
  bool operator==(const PartialDate&) const = default;
};

// Days since 1970-01-01 (negative before). Howard Hinnant's algorithm.
long DaysFromCivil(int y, int m, int d);
PartialDate CivilFromDays(long z);
// 0 = monday ... 6 = sunday.
int Weekday(int y, int m, int d);
int DaysInMonth(int y, int m);
bool IsValid(const PartialDate& d);  // month/day in range (year may be 0)

// English lowercase weekday names, the contract's value for weekday facts.
std::string_view WeekdayName(int index);               // 0 = monday
std::optional<int> WeekdayIndex(std::string_view name);  // "tuesday" -> 1

// "2019-04-24", "--04-24" (year unknown), "2018-03" (day unknown), "2019" (year only).
std::string ToIso(const PartialDate& d);
// Parses the forms ToIso writes, and a date-time prefix ("2025-10-21T20:43" -> 2025-10-21).
std::optional<PartialDate> ParseIso(std::string_view s);
// DaysFromCivil of an ISO day or date-time ("2025-10-20", "2025-10-20T08:00"); nullopt unless
// its year, month and day are known.
std::optional<long> DayNumber(std::string_view iso);

// A clock time as "HH:MM" from what news writes: "21.00", "18:00", "9", "9 pm", "9.30 p.m.",
// "pukul 04.00 WIB". `period` is a time-of-day lexicon value (morning, midday, afternoon,
// evening, early morning): an hour 1-11 in the afternoon or evening moves by 12 hours. With no
// digits, "midday" is 12:00 and other periods have no clock time (nullopt).
std::optional<std::string> ParseClock(std::string_view text, std::string_view period = "");

}  // namespace cc
