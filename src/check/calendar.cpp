// Kind `calendar`: a weekday written with a date must be that date's weekday ("Rabu, 24 April
// 2019" is right; "Senin, 5 Juli 2023" is not). A date written without its year ("Selasa (14/3)")
// is checked with the year resolve gave it from the sentence, the paragraph, the published
// date or (an article with no published date) the story's other articles, one severity lower,
// and the finding says where the year came from; a year chosen to fit the weekday is not checked.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "check/common.h"
#include "core/calendar.h"

namespace cc::check {
namespace {

class Calendar : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    // One finding per article and mismatch: the same wrong weekday and date written twice in
    // an article (a lead and a caption) is one slip, with both places as its evidence.
    struct Mismatch {
      const Fact* first;
      std::vector<std::string> ids;
      int actual, year;
      bool inferred;
    };
    std::vector<Mismatch> found;
    std::map<std::tuple<std::string, std::string, std::string, bool>, size_t> index;
    for (const auto& fact : facts) {
      // A weekday written with its date, or the end weekday of an event whose dates are given
      // elsewhere with their year.
      if (!Applies(fact) || !fact.weekday || !fact.date) continue;
      const bool written = fact.anchor == "explicit" || fact.anchor == "period";
      const bool inferred = fact.anchor == "sentence" || fact.anchor == "paragraph" || fact.anchor == "published" ||
                            fact.anchor == "story";
      if (!written && !inferred) continue;
      auto d = ParseIso(*fact.date);
      auto wd = WeekdayIndex(*fact.weekday);
      if (!d || !wd || !d->year || !d->month || !d->day) continue;
      int actual = Weekday(d->year, d->month, d->day);
      if (actual == *wd) continue;
      auto [it, fresh] = index.emplace(std::make_tuple(fact.article, *fact.weekday, *fact.date, inferred), found.size());
      if (fresh) found.push_back({&fact, {}, actual, d->year, inferred});
      found[it->second].ids.push_back(fact.id);
    }
    std::vector<Finding> out;
    for (const Mismatch& m : found) {
      const Fact& fact = *m.first;
      std::string details = fmt::format("{} gives {} for {}, which is a {}", ctx.Label(fact.article), *fact.weekday,
                                        *fact.date, WeekdayName(m.actual));
      if (m.ids.size() > 1) details += fmt::format(" (written so {} times)", m.ids.size());
      if (m.inferred && fact.anchor == "story")
        details += fmt::format(" (the year is not written and the article has no published date: {} is the year the "
                               "story's other articles give that day)", m.year);
      else if (m.inferred)
        details += fmt::format(" (the year is not written: {} is the {}'s)", m.year,
                               fact.anchor == "published" ? "published date" : fact.anchor);
      Finding f = SingleFactFinding(*this, fact, {std::string(*fact.weekday), *fact.date}, details,
                                    "weekday does not match the date: {details}");
      f.facts = m.ids;
      if (m.inferred) f.severity = Lower(f.severity);
      out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeCalendar(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Calendar>(spec);
}

}  // namespace cc::check
