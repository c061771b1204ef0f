#include "resolve/resolve.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "core/calendar.h"
#include "core/text.h"

namespace cc::resolve {
namespace {

bool Full(const PartialDate& d) { return d.year && d.month && d.day; }

// Whether a claim speaks of what is to come: hedged ("akan", "is expected to"), unless hedged in
// the perfect ("diduga telah berangkat"): then its weekday lies ahead of the day it counts from.
bool ToCome(const Fact& f) { return f.modality == Modality::kHedged && !f.done_hedged; }

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
  auto d = ParseIso(f.date->substr(0, f.date->find('/')));  // a range: its start
  if (!d || !d->year) return "";
  PartialDate ym{d->year, d->month, 0};
  return ToIso(ym);
}

std::string DetectPublished(const std::vector<Fact>& facts) {
  for (const auto& f : facts) {
    if (f.predicate != "published_date" || f.paragraph_index > 3 || !f.date) continue;
    if (auto d = ParseIso(*f.date); d && Full(*d)) return *f.date;
  }
  return "";
}

void Resolve(const Article& a, std::vector<Fact>& facts) {
  std::optional<PartialDate> pub;
  if (auto p = ParseIso(a.published); p && Full(*p)) pub = p;
  else if (auto d = ParseIso(DetectPublished(facts)); d && Full(*d)) pub = d;
  int latest_year = 0;
  for (const auto& f : facts) {
    if (!f.date) continue;
    auto d = ParseIso(*f.date);
    if (d && d->year && (!pub || d->year <= pub->year)) latest_year = std::max(latest_year, d->year);
  }
  // A full date in the same sentence, then the same paragraph: the first of each, by sentence
  // and by paragraph. Only a year written with its date lends it (not one the loop below gave a
  // day), so they are known before it.
  std::map<uint32_t, int> sentence_year, paragraph_year;
  for (const auto& g : facts) {
    if (!g.date || g.anchor != "explicit") continue;
    auto d = ParseIso(*g.date);
    if (d && d->year && d->month) {
      sentence_year.emplace(g.sentence_index, d->year);
      paragraph_year.emplace(g.paragraph_index, d->year);
    }
  }
  auto year_near = [&](const Fact& f, const char*& how) -> int {
    if (auto it = sentence_year.find(f.sentence_index); it != sentence_year.end()) return how = "sentence", it->second;
    if (auto it = paragraph_year.find(f.paragraph_index); it != paragraph_year.end()) return how = "paragraph", it->second;
    return 0;
  };
  // "kemarin", "yesterday": counted from the published day; "tahun lalu", "last year": from its
  // year. Without a published date, no fact.
  std::vector<Fact> kept;
  for (auto& f : facts) {
    if (f.year_offset) {
      if (!pub) continue;
      f.value = std::to_string(pub->year + *f.year_offset);
      f.date = f.value;
      f.anchor = "published";
      f.year_offset.reset();
      kept.push_back(std::move(f));
      continue;
    }
    if (!f.day_offset) {
      kept.push_back(std::move(f));
      continue;
    }
    if (!pub) continue;
    long z = DaysFromCivil(pub->year, pub->month, pub->day) + *f.day_offset;
    PartialDate d = CivilFromDays(z);
    f.date = ToIso(d);
    f.value = std::string(WeekdayName(Weekday(d.year, d.month, d.day)));
    f.weekday = f.value;
    f.anchor = "published";
    f.day_offset.reset();
    kept.push_back(std::move(f));
  }
  facts = std::move(kept);
  // Per weekday, the facts that give it with a day (a month and a day), in order: where a
  // weekday alone borrows its date. Kept up to date as the loop below dates facts (a weekday, a
  // tally's moment).
  std::map<std::string, std::set<size_t>> dated_weekdays;
  auto note_dated = [&](size_t i) {
    const Fact& g = facts[i];
    if (!g.weekday || !g.date) return;
    if (auto gd = ParseIso(*g.date); gd && gd->month && gd->day) dated_weekdays[*g.weekday].insert(i);
  };
  for (size_t i = 0; i < facts.size(); ++i) note_dated(i);
  for (size_t i = 0; i < facts.size(); ++i) {
    Fact& f = facts[i];
    std::optional<PartialDate> d = f.date ? ParseIso(*f.date) : std::nullopt;
    if (f.type == FactType::kDateRange || f.type == FactType::kYear) continue;
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
        // A day far from publication may be the year before or after: with its weekday written,
        // the neighbouring year where the weekday fits ("Senin (2/12)" in October 2025: December
        // 2024). Near publication the year is the published one, and a weekday that does not fit
        // is the writer's slip, for the calendar check.
        long days = DaysFromCivil(pub->year, d->month, std::min(d->day, DaysInMonth(pub->year, d->month))) -
                    DaysFromCivil(pub->year, pub->month, pub->day);
        if (f.weekday && std::labs(days) > 30) {
          int wd = *WeekdayIndex(*f.weekday);
          if (d->day <= DaysInMonth(pub->year, d->month) && Weekday(pub->year, d->month, d->day) != wd)
            for (int cand : {pub->year - 1, pub->year + 1})
              if (d->day <= DaysInMonth(cand, d->month) && Weekday(cand, d->month, d->day) == wd) {
                d->year = cand;
                f.anchor = "weekday";
                break;
              }
        }
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
      if (f.type == FactType::kDate) f.value = f.date.value();
      continue;
    }
    if (!f.date && !f.as_of.empty() && pub) {
      // "Hingga pukul 18.00 WIB" with no day: the day the article was published.
      f.date = ToIso(*pub);
      f.anchor = "published";
      note_dated(i);
      continue;
    }
    if (f.type == FactType::kWeekday && !f.date) {
      // The same weekday given with a date elsewhere in the article: the first such fact.
      if (f.weekday)
        if (auto it = dated_weekdays.find(*f.weekday); it != dated_weekdays.end())
          for (size_t g : it->second)
            if (g != i) {
              f.date = facts[g].date;
              f.anchor = "article";
              break;
            }
      if (!f.date && pub) {
        bool future = ToCome(f);
        f.date = ToIso(NearestWeekday(*pub, *WeekdayIndex(f.value), future));
        f.anchor = "published";
      }
      note_dated(i);
    }
  }
  // Second pass: dates borrowed before their source got a year, from the last fact that gives
  // the weekday with a full date (the one before, for that fact itself).
  std::map<std::string, std::pair<size_t, size_t>> last_full;  // weekday -> (last, the one before)
  constexpr size_t kNone = SIZE_MAX;
  for (size_t i = 0; i < facts.size(); ++i)
    if (facts[i].weekday && facts[i].date && facts[i].date->size() == 10) {
      auto [it, fresh] = last_full.try_emplace(*facts[i].weekday, kNone, kNone);
      it->second = {i, it->second.first};
    }
  for (size_t i = 0; i < facts.size(); ++i) {
    Fact& f = facts[i];
    if (f.type != FactType::kWeekday || f.anchor != "article" || !f.date || !f.weekday) continue;
    auto it = last_full.find(*f.weekday);
    if (it == last_full.end()) continue;
    size_t g = it->second.first != i ? it->second.first : it->second.second;
    if (g != kNone) f.date = facts[g].date;
  }
  // No published date: the first day the article gives with its weekday ("Rabu (24 April)",
  // now 2019-04-24) stands in for it. Other weekdays fall in the week around it: the last such
  // day on or before it, or for a hedged (future) claim the first on or after it.
  if (!pub) {
    std::optional<PartialDate> ref;
    for (const auto& f : facts) {
      if (!f.weekday || !f.date || f.type == FactType::kDateRange) continue;
      auto d = ParseIso(*f.date);
      if (d && Full(*d)) {
        ref = d;
        break;
      }
    }
    if (ref) {
      for (auto& f : facts) {
        if (f.type != FactType::kWeekday || f.date) continue;
        f.date = ToIso(NearestWeekday(*ref, *WeekdayIndex(f.value), ToCome(f)));
        f.anchor = "article";
      }
    }
  }
  // A weekday claim read from a date alone ("left on 24 May"): its weekday once the date has its
  // year; with none, no fact.
  std::erase_if(facts, [](Fact& f) {
    if (f.type != FactType::kWeekday || !f.value.empty()) return false;
    auto d = f.date ? ParseIso(*f.date) : std::nullopt;
    if (!d || !Full(*d)) return true;
    f.value = std::string(WeekdayName(Weekday(d->year, d->month, d->day)));
    return false;
  });
  for (auto& f : facts) f.event = EventKey(f);
  // A fact with no day of its own is about its sentence's occasion: the one date or year the
  // sentence gives ("Pada 2019, Kim bertemu Putin di Vladivostok": 2019); a count also takes that
  // day as its moment (anchor `sentence`). With none, a sentence that speaks of an earlier occasion
  // ("sebelumnya", "last year") puts it in the event "earlier", which the story's own never joins.
  std::map<uint32_t, std::set<std::string>> sentence_events;
  std::map<uint32_t, std::set<std::string>> sentence_days;
  for (const auto& f : facts) {
    if (f.event.empty()) continue;
    sentence_events[f.sentence_index].insert(f.event);
    if (f.date && f.date->size() == 10 && (f.type == FactType::kDate || f.type == FactType::kWeekday)) sentence_days[f.sentence_index].insert(*f.date);
  }
  // A day of the date layer with the words around it (generic claims are on) is compared by
  // check `align` with the days of the same month (any year: "7/10/2024" against "7/10/2025");
  // a month written without its day ("gagal pada Februari 2023") with the other such months,
  // unless it is the rest of a day in its sentence ("Tuesday, 14 August 1951").
  auto within_a_day = [&](const Fact& f) {
    auto days = sentence_days.find(f.sentence_index);
    if (days == sentence_days.end()) return false;
    return std::any_of(days->second.begin(), days->second.end(), [&](const std::string& day) { return StartsWith(day, *f.date); });
  };
  for (auto& f : facts)
    if (f.predicate == "mentions_date" && !f.context.empty() && f.subject_key.empty() && f.date) {
      auto d = ParseIso(*f.date);
      if (d && d->month && (d->day || !within_a_day(f))) f.subject_key = d->day ? fmt::format("day:--{:02d}", d->month) : "month";
    }
  for (auto& f : facts) {
    if (!f.event.empty() || f.date) continue;
    auto ev = sentence_events.find(f.sentence_index);
    if (ev != sentence_events.end() && ev->second.size() == 1) {
      f.event = *ev->second.begin();
      auto days = sentence_days.find(f.sentence_index);
      if (f.number && days != sentence_days.end() && days->second.size() == 1) {
        f.date = *days->second.begin();
        f.anchor = "sentence";
      }
    } else if (f.occasion == "earlier") {
      f.event = "earlier";
    }
  }
}

namespace {

std::optional<std::pair<PartialDate, PartialDate>> ParseRange(const std::string& v) {
  size_t slash = v.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto a = ParseIso(v.substr(0, slash)), b = ParseIso(v.substr(slash + 1));
  if (!a || !b) return std::nullopt;
  return std::make_pair(*a, *b);
}

int YearOf(const Fact& f) {
  std::string v = f.type == FactType::kDateRange ? f.value.substr(0, f.value.find('/')) : f.date.value_or(f.type == FactType::kYear ? f.value : "");
  auto d = ParseIso(v);
  return d ? d->year : 0;
}

}  // namespace

std::vector<size_t> ResolveStoryYears(std::vector<Fact>& facts, const std::vector<Fact>& others) {
  // "--MM-DD" -> the years the other articles give that day ("" for a fact of an undated article).
  std::map<std::string, std::set<int>> years;
  for (const Fact& f : others) {
    if (!f.date || f.date->size() != 10 || (*f.date)[0] == '-' || f.anchor == "weekday" || f.anchor == "story") continue;
    auto d = ParseIso(*f.date);
    if (d && d->year) years["--" + f.date->substr(5)].insert(d->year);
  }
  std::vector<size_t> changed;
  for (size_t i = 0; i < facts.size(); ++i) {
    Fact& f = facts[i];
    if (!f.date || f.date->size() != 7 || !StartsWith(*f.date, "--")) continue;
    auto it = years.find(*f.date);
    if (it == years.end() || it->second.size() != 1) continue;
    std::string dated = fmt::format("{:04d}{}", *it->second.begin(), f.date->substr(1));
    if (f.value == *f.date) f.value = dated;
    f.date = dated;
    f.anchor = "story";
    f.event = dated.substr(0, 7);
    changed.push_back(i);
  }
  return changed;
}

std::vector<size_t> ResolveCorpus(std::vector<Fact>& facts, const std::map<std::string, std::string>& published) {
  std::set<size_t> changed;
  std::map<std::string, int> latest_year;  // article -> latest year it mentions
  for (const auto& f : facts) latest_year[f.article] = std::max(latest_year[f.article], YearOf(f));
  std::map<std::string, std::vector<size_t>> periods, ends;  // subject -> fact indices
  for (size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].predicate == "event_period" && facts[i].type == FactType::kDateRange) periods[facts[i].subject_key].push_back(i);
    if (facts[i].predicate == "event_end_day" && facts[i].type == FactType::kWeekday) ends[facts[i].subject_key].push_back(i);
  }
  // 1. Periods without a year, from an end weekday elsewhere; end-day facts get their date.
  std::map<std::string, std::pair<PartialDate, PartialDate>> window;  // end-day article -> event window
  for (auto& [subject, pis] : periods) {
    auto eit = ends.find(subject);
    if (eit == ends.end()) continue;
    for (size_t pi : pis) {
      auto range = ParseRange(facts[pi].value);
      if (!range || !range->second.month || !range->second.day) continue;
      auto& [start, end] = *range;
      for (size_t ei : eit->second) {
        Fact& e = facts[ei];
        auto wd = WeekdayIndex(e.value);
        if (!wd) continue;
        if (!end.year) {
          int from = std::max({latest_year[facts[pi].article], latest_year[e.article], 1});
          for (int y = from; y <= from + 11; ++y) {
            if (end.day <= DaysInMonth(y, end.month) && Weekday(y, end.month, end.day) == *wd) {
              end.year = y;
              start.year = y - (start.month > end.month ? 1 : 0);
              facts[pi].value = ToIso(start) + "/" + ToIso(end);
              facts[pi].date = facts[pi].value;
              facts[pi].anchor = "weekday";
              changed.insert(pi);
              break;
            }
          }
        }
        if (!end.year || e.date) continue;
        if (!start.year) start.year = end.year - (start.month > end.month ? 1 : 0);
        e.date = ToIso(end);
        e.anchor = "period";
        changed.insert(ei);
        window.emplace(e.article, std::make_pair(start, end));
      }
    }
  }
  // 2. Undated articles written while an event they name runs.
  for (const auto& [article, w] : window) {
    auto pub = published.find(article);
    if (pub != published.end() && !pub->second.empty()) continue;
    const auto& [start, end] = w;
    long s = DaysFromCivil(start.year, start.month, start.day), e = DaysFromCivil(end.year, end.month, end.day);
    for (size_t i = 0; i < facts.size(); ++i) {
      Fact& f = facts[i];
      if (f.article != article || f.predicate == "event_end_day") continue;
      if (f.type == FactType::kWeekday && !f.date) {
        auto wd = WeekdayIndex(f.value);
        if (!wd) continue;
        long z = ToCome(f) ? s + (*wd - Weekday(start.year, start.month, start.day) + 7) % 7
                                                 : e - (Weekday(end.year, end.month, end.day) - *wd + 7) % 7;
        f.date = ToIso(CivilFromDays(z));
        f.anchor = "period";
        changed.insert(i);
      } else if (f.date && f.type != FactType::kDateRange) {
        auto d = ParseIso(*f.date);
        if (!d || d->year || !d->month) continue;
        d->year = end.year - (d->month > end.month ? 1 : 0);
        f.date = ToIso(*d);
        if (f.type == FactType::kDate) f.value = *f.date;
        f.anchor = "period";
        changed.insert(i);
      }
    }
  }
  for (size_t i : changed) facts[i].event = EventKey(facts[i]);
  return {changed.begin(), changed.end()};
}

}  // namespace cc::resolve
