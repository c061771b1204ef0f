// Kind `monotonic`: a running tally (deaths, injured, votes counted) must not go down over
// time. For one subject, predicate and event month (and source, with `by_source`) the facts are put in order of the moment they
// are given for — the fact's day and `as_of` time, else the article's published date and time (also
// for a figure dated to an earlier day only) — and a value lower than an earlier one (beyond `abs`/`rel`) is a finding. Facts whose moment
// is unknown, or bounded ("at least 40"), are left out; an approximate one ("sekitar 113",
// "about 800") counts, and a drop from or to it must also exceed what "about" allows.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "check/common.h"
#include "core/calendar.h"
#include "core/numbers.h"

namespace cc::check {
namespace {

// How far "about N" may be from N: a twentieth of it, or half the place of its last digit that is
// not zero ("about 2,000" is 1,500 to 2,500), whichever is more.
double ApproxMargin(double n) {
  double step = 1;
  while (n >= step * 10 && std::fmod(n, step * 10) == 0) step *= 10;
  return std::max(0.05 * n, step / 2);
}

class Monotonic : public Check {
 public:
  using Check::Check;

  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    // One series per event: the month of the moment (the event key's precision), so that the
    // toll of one earthquake is not compared with the toll of an earlier one.
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<std::pair<std::string, const Fact*>>> series;
    // A figure dated to a day only ("113 injured in Wednesday's protest", in Friday's article) is
    // the count as the article went out: it takes the published moment when that is a later day
    // and at most two days later, unless the same article gives the series a later day or an
    // undated figure ("Kini jumlahnya 268 orang"): then it is an earlier count.
    std::map<std::tuple<std::string, std::string, std::string>, std::string> latest_day;
    for (const auto& f : facts)
      if (Applies(f) && f.number) {
        std::string m = FactMoment(f, "");
        auto& d = latest_day[{f.article, f.predicate, f.subject_key}];
        d = std::max(d, m.size() >= 10 ? m.substr(0, 10) : std::string("~"));  // "~": undated, after any day
      }
    std::set<const Fact*> as_published;
    for (const auto& f : facts) {
      if (!Applies(f) || !f.number || (f.bound != Bound::kExact && f.bound != Bound::kApprox) || f.subject_key.empty()) continue;
      // The article's published date-time only when the fact lacks its own day or time.
      std::string m = FactMoment(f, "");
      std::string month = m.substr(0, 7);
      if (m.size() != 16) {
        std::string pub = FactMoment(Fact{}, ctx.Published(f.article));
        const auto day = DayNumber(m), published = DayNumber(pub);
        const long apart = m.size() == 10 && day && published ? *published - *day : -1;
        if (apart >= 1 && apart <= 2 && latest_day[{f.article, f.predicate, f.subject_key}] == m) {
          m = pub;
          as_published.insert(&f);
        } else {
          m = FactMoment(f, ctx.Published(f.article));
          month = m.substr(0, 7);
        }
      }
      if (m.size() == 16)  // known to the minute
        series[{f.predicate, f.subject_key, spec_.by_source ? f.source : "", month}].emplace_back(m, &f);
    }
    double abs = spec_.params.count("abs") ? spec_.params.at("abs") : 0;
    double rel = spec_.params.count("rel") ? spec_.params.at("rel") : 0;
    std::vector<Finding> out;
    for (auto& [key, points] : series) {
      std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      // The highest value so far against each later one.
      const Fact* peak = nullptr;
      std::string peak_at;
      for (const auto& [moment, f] : points) {
        if (peak && moment > peak_at) {
          double drop = *peak->number - *f->number;
          double margin = 0;
          if (peak->bound == Bound::kApprox) margin = ApproxMargin(*peak->number);
          if (f->bound == Bound::kApprox) margin = std::max(margin, ApproxMargin(*f->number));
          if (drop > std::max({abs, rel * *peak->number, margin})) {
            Finding x;
            x.rule = spec_.id;
            x.kind = spec_.kind;
            x.severity = spec_.severity;
            x.subject = f->subject;
            x.predicate = f->predicate;
            x.event = f->event.empty() ? std::get<3>(key) : f->event;
            x.values = {DisplayValue(*peak), DisplayValue(*f)};
            x.facts = {peak->id, f->id};
            auto at = [&](const Fact* g, const std::string& when) {
              return as_published.count(g) ? when + " (as published)" : when;
            };
            std::string details = fmt::format("{} at {}, then {} at {}", Describe(*peak, ctx), at(peak, peak_at),
                                              Describe(*f, ctx), at(f, moment));
            x.message = Render(spec_.message.empty() ? "{subject}: {predicate} went down: {details}" : spec_.message, x, details);
            out.push_back(std::move(x));
          }
        }
        if (!peak || *f->number > *peak->number) peak = f, peak_at = moment;
      }
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeMonotonic(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Monotonic>(spec);
}

}  // namespace cc::check
