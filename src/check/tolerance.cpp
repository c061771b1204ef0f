// Kind `tolerance`: numbers for the same subject, predicate and event must agree within
// `abs` (same unit) or `rel` (fraction of the larger). Bounds are honoured: "at least 40"
// and 45 agree; "about 2,500" widens the tolerance to at least 10 %.
#include "check/common.h"

namespace cc::check {
namespace {

class Tolerance : public Check {
 public:
  explicit Tolerance(const CheckSpec& spec)
      : Check(spec),
        abs_(spec.params.count("abs") ? spec.params.at("abs") : 0),
        rel_(spec.params.count("rel") ? spec.params.at("rel") : 0) {}

  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    for (const auto& [key, group] : GroupFacts(facts, *this)) {
      auto found = PairwiseFindings(*this, group, ctx,
                                    [&](const Fact& a, const Fact& b) { return NumbersConflict(a, b, abs_, rel_); });
      for (auto& f : found) out.push_back(std::move(f));
    }
    return out;
  }

 private:
  double abs_, rel_;
};

}  // namespace

std::unique_ptr<Check> MakeTolerance(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  for (const char* k : {"abs", "rel"}) {
    auto it = spec.params.find(k);
    if (it != spec.params.end() && it->second < 0)
      diags.push_back({Severity::kError, "bad-value", spec.loc, std::string("check '") + spec.id + "': '" + k + "' must not be negative"});
  }
  return std::make_unique<Tolerance>(spec);
}

}  // namespace cc::check
