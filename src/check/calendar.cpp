// Kind `calendar`: a weekday written with a full date must be that date's weekday
// ("Rabu, 24 April 2019" is right; "Selasa (4/7/2023)" is right; "Senin, 5 Juli 2023" is not).
#include <fmt/format.h>

#include "check/common.h"
#include "core/calendar.h"

namespace cc::check {
namespace {

class Calendar : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    for (const auto& fact : facts) {
      // A weekday written with its date, or the end weekday of an event whose dates are given
      // elsewhere with their year.
      if (!Applies(fact) || !fact.weekday || !fact.date || (fact.anchor != "explicit" && fact.anchor != "period")) continue;
      auto d = ParseIso(*fact.date);
      auto wd = WeekdayIndex(*fact.weekday);
      if (!d || !wd || !d->year || !d->month || !d->day) continue;
      int actual = Weekday(d->year, d->month, d->day);
      if (actual == *wd) continue;
      std::string details = fmt::format("{} gives {} for {}, which is a {}", ctx.Label(fact.article), *fact.weekday,
                                        *fact.date, WeekdayName(actual));
      out.push_back(SingleFactFinding(*this, fact, {std::string(*fact.weekday), *fact.date}, details,
                                      "weekday does not match the date: {details}"));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeCalendar(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Calendar>(spec);
}

}  // namespace cc::check
