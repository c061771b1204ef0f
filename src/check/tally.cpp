// Kind `tally`: a running count (deaths, injured, missing, displaced, arrested) is true for a
// moment: the time the sentence gives it for ("hingga pukul 17.00 WIB", "as of 6 p.m.") on the
// fact's day, else the article's published date and time. Two sources disagree only about the
// same moment: figures less than `window` hours (default 2) apart are compared as
// `tolerance` compares them; a figure given for another moment is an update, not a dispute.
// Figures known only to the day are compared on the same day, one severity lower; a figure with
// no moment at all (an undated article) is compared at most as a note. One article's own figures
// are an account of the count changing, not two sources.
#include <cstdlib>

#include "check/common.h"
#include "core/calendar.h"
#include "core/text.h"

namespace cc::check {
namespace {

// Minutes since 1970 of a moment "YYYY-MM-DDTHH:MM"; nullopt for a day or nothing.
std::optional<long> Minutes(const std::string& m) {
  if (m.size() != 16) return std::nullopt;
  auto d = ParseIso(m.substr(0, 10));
  if (!d || !d->year || !d->month || !d->day) return std::nullopt;
  long h = std::atol(m.substr(11, 2).c_str()), mi = std::atol(m.substr(14, 2).c_str());
  return DaysFromCivil(d->year, d->month, d->day) * 1440 + h * 60 + mi;
}

class Tally : public Check {
 public:
  explicit Tally(const CheckSpec& spec)
      : Check(spec),
        abs_(spec.params.count("abs") ? spec.params.at("abs") : 0),
        rel_(spec.params.count("rel") ? spec.params.at("rel") : 0),
        window_(spec.params.count("window") ? spec.params.at("window") : 2) {}

  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    auto moment = [&](const Fact& f) { return FactMoment(f, ctx.Published(f.article)); };
    const PairJudge judge = [&](const Fact& a, const Fact& b, SameEvent) -> std::optional<Severity> {
      if (a.article == b.article) return std::nullopt;  // one article's account of a change
      // Another occasion (another month's quake, "in 1998") is never the same count.
      if (!a.event.empty() && !b.event.empty() && !StartsWith(a.event, b.event) && !StartsWith(b.event, a.event))
        return std::nullopt;
      std::string ma = moment(a), mb = moment(b);
      Severity base = PairSeverity(spec_.severity, a, b);
      if (ma.empty() || mb.empty()) return Severity::kInfo;
      auto ta = Minutes(ma), tb = Minutes(mb);
      if (ta && tb) {
        if (static_cast<double>(std::labs(*ta - *tb)) >= window_ * 60) return std::nullopt;
        return base;
      }
      if (ma.substr(0, 10) != mb.substr(0, 10)) return std::nullopt;
      return Lower(base);
    };
    const std::string note = "a tally is compared only with figures given for the same moment: a later, higher figure is an update";
    for (const auto& [key, group] : GroupFacts(facts, *this)) {
      // Tallies are compared by moment, not by event key: every event key of the group is one.
      auto found = PairwiseFindings(*this, group, ctx,
                                    [&](const Fact& a, const Fact& b) { return NumbersConflict(a, b, abs_, rel_); },
                                    judge, note);
      for (auto& f : found) out.push_back(std::move(f));
    }
    return out;
  }

 private:
  double abs_, rel_, window_;
};

}  // namespace

std::unique_ptr<Check> MakeTally(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  for (const char* k : {"abs", "rel", "window"}) {
    auto it = spec.params.find(k);
    if (it != spec.params.end() && it->second < 0)
      diags.push_back({Severity::kError, "bad-value", spec.loc, std::string("check '") + spec.id + "': '" + k + "' must not be negative"});
  }
  return std::make_unique<Tally>(spec);
}

}  // namespace cc::check
