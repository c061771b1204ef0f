#include "resolve/resolve.h"

#include <algorithm>

#include "core/calendar.h"

namespace cc::resolve {
namespace {

bool Full(const PartialDate& d) { return d.year && d.month && d.day; }

// Most recent `weekday` on or before `ref` (forward when `future`).
PartialDate NearestWeekday(const PartialDate& ref, int weekday, bool future) {
  long z = DaysFromCivil(ref.year, ref.month, ref.day);
  int wd = Weekday(ref.year, ref.month, ref.day);
  long delta = future ? (weekday - wd + 7) % 7 : -((wd - weekday + 7) % 7);
  return CivilFromDays(z + delta);
}

}  // namespace

std::string EventKey(const Fact& f) {
  if (!f.date) return "";
  auto d = ParseIso(*f.date);
  if (!d || !d->year) return "";
  PartialDate ym{d->year, d->month, 0};
  return ToIso(ym);
}

void Resolve(const Article& a, std::vector<Fact>& facts) {
  std::optional<PartialDate> pub;
  if (auto p = ParseIso(a.published); p && Full(*p)) pub = p;
  int latest_year = 0;
  for (const auto& f : facts) {
    if (!f.date) continue;
    auto d = ParseIso(*f.date);
    if (d && d->year && (!pub || d->year <= pub->year)) latest_year = std::max(latest_year, d->year);
  }
  auto year_near = [&](const Fact& f, const char*& how) -> int {
    // A full date in the same sentence, then the same paragraph.
    for (const char* scope : {"sentence", "paragraph"}) {
      for (const auto& g : facts) {
        if (&g == &f || !g.date) continue;
        bool same = scope[0] == 's' ? g.sentence_index == f.sentence_index : g.paragraph_index == f.paragraph_index;
        if (!same) continue;
        auto d = ParseIso(*g.date);
        if (d && d->year && d->month) {
          how = scope;
          return d->year;
        }
      }
    }
    return 0;
  };
  for (auto& f : facts) {
    std::optional<PartialDate> d = f.date ? ParseIso(*f.date) : std::nullopt;
    if (f.type == "date_range" || f.type == "year") continue;
    if (d && Full(*d)) continue;
    if (d && !d->year && d->month && d->day) {
      const char* how = "";
      int y = year_near(f, how);
      if (y) {
        d->year = y;
        f.anchor = how;
      } else if (pub) {
        d->year = pub->year;
        f.anchor = "published";
      } else if (f.weekday && latest_year) {
        // The first year, from the latest year the article mentions, where this day falls
        // on the weekday the article gives.
        int wd = *WeekdayIndex(*f.weekday);
        for (int cand = latest_year; cand <= latest_year + 11; ++cand) {
          if (d->day <= DaysInMonth(cand, d->month) && Weekday(cand, d->month, d->day) == wd) {
            d->year = cand;
            f.anchor = "weekday";
            break;
          }
        }
      }
      f.date = ToIso(*d);
      if (f.type == "date") f.value = f.date.value();
      continue;
    }
    if (!f.date && !f.as_of.empty() && pub) {
      // "Hingga pukul 18.00 WIB" with no day: the day the article was published.
      f.date = ToIso(*pub);
      f.anchor = "published";
      continue;
    }
    if (f.type == "weekday" && !f.date) {
      // The same weekday given with a date elsewhere in the article.
      for (const auto& g : facts) {
        if (&g == &f || !g.date || g.weekday != f.weekday) continue;
        if (auto gd = ParseIso(*g.date); gd && gd->month && gd->day) {
          f.date = g.date;
          f.anchor = "article";
          break;
        }
      }
      if (!f.date && pub) {
        bool future = f.modality == Modality::kHedged;
        f.date = ToIso(NearestWeekday(*pub, *WeekdayIndex(f.value), future));
        f.anchor = "published";
      }
    }
  }
  // Second pass: dates borrowed before their source got a year.
  for (auto& f : facts) {
    if (f.type != "weekday" || f.anchor != "article" || !f.date) continue;
    for (const auto& g : facts)
      if (&g != &f && g.weekday == f.weekday && g.date && g.date->size() == 10) f.date = g.date;
  }
  for (auto& f : facts) f.event = EventKey(f);
}

}  // namespace cc::resolve
