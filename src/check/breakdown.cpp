// Kind `breakdown`: the sums one article does for the reader must come out. The members of a
// breakdown (facts of src/extract/breakdown.cpp: role in `subject`, the breakdown in `measure`,
// the place of the last written digit in `context`) are each a range, as written: "20,88 juta"
// is 20.875 to 20.885 million; "30,04 juta lebih" 30.04 million up to a tenth more; "sekitar"
// a tenth either way. A finding when
//   all      the parts' sum cannot be the whole (no overlap);
//   some     the parts' sum exceeds the whole;
//   product  count × each cannot be the total (the factor is named when it is a power of ten:
//            a scale word left out, "Rp 2,4" for "Rp 2,4 juta");
//   change   the rate the figures give ((to - from) / from, or by / from) cannot be the rate
//            written, up or down.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <map>

#include "check/common.h"
#include "core/numbers.h"
#include "core/text.h"

namespace cc::check {
namespace {

struct Range {
  double lo = 0, hi = 0;
};

Range RangeOf(const Fact& f) {
  const double x = *f.number;
  const double place = f.context.empty() ? 0 : std::strtod(f.context.c_str(), nullptr);
  const double loose = std::max(place, std::fabs(x) * 0.1);
  switch (f.bound) {
    case Bound::kAtLeast: return {x - place / 2, x + loose};
    case Bound::kAtMost: return {x - loose, x + place / 2};
    case Bound::kApprox: return {x - loose, x + loose};
    default: return {x - place / 2, x + place / 2};
  }
}

// `value` written as `like` is ("20,88 juta", "Rp 343 juta", "1.250", "$1.2bn"): its words before
// and after the number, its scale, its decimal mark and digit grouping, so that a sum reads as
// the figures it adds ("35,03 juta", not 35030000). FormatNumber's form when `like` has no number.
std::string AsWritten(double value, double like_value, std::string_view like) {
  const size_t b = like.find_first_of("0123456789");
  if (b == std::string_view::npos || like_value == 0) return FormatNumber(value);
  size_t e = b;
  while (e < like.size() && (std::isdigit(static_cast<unsigned char>(like[e])) || like[e] == '.' || like[e] == ',')) ++e;
  while (e > b && !std::isdigit(static_cast<unsigned char>(like[e - 1]))) --e;  // "30,04," ends at its digit
  std::string_view number = like.substr(b, e - b);
  // The last mark is a decimal one when other than three digits follow it ("30,04", "2,4").
  const size_t mark = number.find_last_of(".,");
  const bool decimal = mark != std::string_view::npos && number.size() - mark - 1 != 3;
  const char point = decimal ? number[mark] : (number.find(',') != std::string_view::npos ? '.' : ',');
  const char group = decimal ? (point == ',' ? '.' : ',') : (mark != std::string_view::npos ? number[mark] : 0);
  const int decimals = decimal ? static_cast<int>(number.size() - mark - 1) : 0;
  double written = 0;
  for (char c : number)
    if (std::isdigit(static_cast<unsigned char>(c))) written = written * 10 + (c - '0');
  written /= std::pow(10.0, decimals);
  const double scale = std::pow(10.0, std::round(std::log10(like_value / written)));
  if (written == 0 || std::fabs(like_value / written / scale - 1) > 1e-6) return FormatNumber(value);
  if (std::fabs(value / scale) < std::pow(10.0, -decimals)) return FormatNumber(value);  // it would read 0
  std::string digits = fmt::format("{:.{}f}", value / scale, std::max(decimals, 0));
  // Group the whole part as the figure does, and write its decimal mark.
  std::string whole = digits.substr(0, digits.find('.')), frac = digits.find('.') == std::string::npos ? "" : digits.substr(digits.find('.') + 1);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (group && i && (whole.size() - i) % 3 == 0 && std::isdigit(static_cast<unsigned char>(whole[i - 1]))) grouped += group;
    grouped += whole[i];
  }
  return std::string(like.substr(0, b)) + grouped + (frac.empty() ? "" : std::string(1, point) + frac) + std::string(like.substr(e));
}

class Breakdown : public Check {
 public:
  using Check::Check;
  Partition partition() const override { return Partition::kArticle; }
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::map<std::pair<std::string, std::string>, std::vector<const Fact*>> groups;  // (article, breakdown)
    for (const auto& f : facts)
      if (Applies(f) && f.number && !f.measure.empty()) groups[{f.article, f.measure}].push_back(&f);
    std::vector<Finding> out;
    for (const auto& group : groups) {
      const auto& key = group.first;
      const std::vector<const Fact*>& members = group.second;  // a lambda below reads it: no structured binding
      const std::string relation = key.second.substr(key.second.rfind(' ') + 1);
      auto role = [&](const char* r) {
        std::vector<const Fact*> v;
        for (const Fact* f : members)
          if (f->subject == r) v.push_back(f);
        return v;
      };
      auto quote = [](const Fact* f) { return f->text.empty() ? DisplayValue(*f) : f->text; };
      std::string details;
      std::vector<const Fact*> quoted;
      if (relation == "change") {
        auto from = role("from"), to = role("to"), by = role("by"), rate = role("rate");
        if (from.size() != 1 || rate.size() != 1 || to.size() + by.size() != 1) continue;
        Range a = RangeOf(*from[0]), p = RangeOf(*rate[0]);
        if (a.lo <= 0) continue;
        // The rate the figures give, as a fraction: (to - from) / from, or by / from; either
        // way up or down, since "turun 5%" and "-5%" are both written. Between two shares, the
        // difference in points may be what is meant (the extractor reads no change between
        // shares; a rule author's facts may give one).
        Range r, points{0, 0};
        const bool shares = from[0]->unit == "%";
        if (!to.empty()) {
          Range b = RangeOf(*to[0]);
          r = {b.lo / a.hi - 1, b.hi / a.lo - 1};
          points = {b.lo - a.hi, b.hi - a.lo};
        } else {
          Range x = RangeOf(*by[0]);
          r = {x.lo / a.hi, x.hi / a.lo};
        }
        auto meets = [](Range x, double lo, double hi) { return x.hi >= lo && x.lo <= hi; };
        const double plo = p.lo / 100, phi = p.hi / 100;
        if (meets(r, plo, phi) || meets(r, -phi, -plo)) continue;
        if (shares && !to.empty() && (meets(points, p.lo, p.hi) || meets(points, -p.hi, -p.lo))) continue;
        const Fact* last = to.empty() ? by[0] : to[0];
        const double got = to.empty() ? *by[0]->number / *from[0]->number * 100 : (*to[0]->number / *from[0]->number - 1) * 100;
        details = fmt::format("{} {} {} is {}%, not {}", to.empty() ? quote(by[0]) : fmt::format("from {}", quote(from[0])),
                              to.empty() ? "of" : "to", to.empty() ? quote(from[0]) : quote(to[0]),
                              FormatNumber(std::round(got * 100) / 100), quote(rate[0]));
        quoted = {from[0], last, rate[0]};
      } else if (relation == "product") {
        auto count = role("count"), each = role("each"), total = role("total");
        if (count.size() != 1 || each.size() != 1 || total.size() != 1) continue;
        Range c = RangeOf(*count[0]), e = RangeOf(*each[0]), t = RangeOf(*total[0]);
        if (c.lo < 0 || e.lo < 0) continue;
        Range product{c.lo * e.lo, c.hi * e.hi};
        if (product.hi >= t.lo && product.lo <= t.hi) continue;
        const double got = *count[0]->number * *each[0]->number;
        std::string why;
        if (int k = PowerOfTenApart(got, *total[0]->number))
          why = fmt::format(" ({}× apart: a scale word left out?)", FormatNumber(std::pow(10.0, k)));
        details = fmt::format("{} × {} is {}, not the total {}{}", quote(count[0]), quote(each[0]),
                              AsWritten(got, *each[0]->number, quote(each[0])), quote(total[0]), why);
        quoted = {count[0], each[0], total[0]};
      } else {
        auto whole = role("whole"), parts = role("part");
        if (whole.size() != 1 || parts.empty()) continue;
        Range w = RangeOf(*whole[0]), sum;
        double written = 0;
        std::vector<std::string> shown;
        for (const Fact* p : parts) {
          Range r = RangeOf(*p);
          sum.lo += r.lo;
          sum.hi += r.hi;
          written += *p->number;
          shown.push_back(quote(p));
        }
        const bool wrong = relation == "all" ? (sum.hi < w.lo || sum.lo > w.hi) : sum.lo > w.hi;
        if (!wrong) continue;
        details = fmt::format("{} make {}, {} {}", Join(shown, " + "), AsWritten(written, *whole[0]->number, quote(whole[0])),
                              relation == "all" ? "but the whole is" : "more than the whole,", quote(whole[0]));
        quoted = whole;
        quoted.insert(quoted.end(), parts.begin(), parts.end());
      }
      Finding f;
      f.rule = spec_.id;
      f.kind = spec_.kind;
      f.severity = spec_.severity;
      f.predicate = quoted.front()->predicate;
      f.subject = ctx.Label(key.first);
      f.about = fmt::format("{}\x1f{}", key.first, key.second);
      for (const Fact* x : quoted) {
        f.facts.push_back(x->id);
        f.values.push_back(quote(x));
      }
      f.message = Render(spec_.message.empty() ? "{subject}: the figures do not add up: {details}" : spec_.message, f, details);
      out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeBreakdown(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Breakdown>(spec);
}

}  // namespace cc::check
