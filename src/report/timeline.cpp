// Where a finding's values lie in time (report::Timeline), for the HTML report's charts.
#include <algorithm>
#include <optional>
#include <set>

#include "core/calendar.h"
#include "core/text.h"
#include "report/report.h"

namespace cc::report {
namespace {

// Minutes since 1970 of a fact's moment (FactMoment); nullopt without a day.
std::optional<double> Minutes(const Fact& f, const ArticleMeta* a) {
  std::string m = FactMoment(f, a ? a->published : "");
  auto d = ParseIso(m.substr(0, std::min<size_t>(10, m.size())));
  if (!d || !d->year || !d->month || !d->day) return std::nullopt;
  double minutes = static_cast<double>(DaysFromCivil(d->year, d->month, d->day)) * 1440;
  if (m.size() == 16) minutes += std::stoi(m.substr(11, 2)) * 60 + std::stoi(m.substr(14, 2));
  return minutes;
}

std::optional<double> PublishedDay(const ArticleMeta* a) {
  if (!a) return std::nullopt;
  auto d = ParseIso(a->published.substr(0, std::min<size_t>(10, a->published.size())));
  if (!d || !d->year || !d->month || !d->day) return std::nullopt;
  return static_cast<double>(DaysFromCivil(d->year, d->month, d->day)) * 1440;
}

}  // namespace

Timeline MakeTimeline(const Finding& f, const Fact& first, const std::vector<Fact>& subject_facts,
                      const std::function<const ArticleMeta*(const std::string&)>& article) {
  Timeline t;
  if (f.facts.size() < 2 || first.subject_key.empty()) return t;  // one value, or no subject: nothing moves
  std::set<std::string> in(f.facts.begin(), f.facts.end());
  t.numeric = first.number.has_value();
  for (const auto& x : subject_facts) {
    if (!in.count(x.id) && x.event != f.event) continue;
    const ArticleMeta* a = article(x.article);
    std::optional<double> px, py;
    if (t.numeric) {
      px = Minutes(x, a);
      if (x.number) py = *x.number;
    } else {
      px = PublishedDay(a);
      if (x.date) py = Minutes(x, nullptr);  // the claimed day
    }
    if (!px || !py) continue;
    t.points.push_back({*px, *py, DisplayValue(x) + " · " + (a ? ArticleLabel(a->given_id, a->path) : x.article), in.count(x.id) > 0});
  }
  return t;
}

}  // namespace cc::report
