// Kind `range`: a number must lie within [min, max] (a percentage within 0-100).
#include <fmt/format.h>

#include "check/common.h"
#include "core/numbers.h"

namespace cc::check {
namespace {

class Range : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    const auto& p = spec_.params;
    for (const auto& fact : facts) {
      if (!fact.number || !Applies(fact)) continue;
      bool low = p.count("min") && *fact.number < p.at("min");
      bool high = p.count("max") && *fact.number > p.at("max");
      if (!low && !high) continue;
      std::string details = fmt::format("{} is {} the allowed {} of {}", Describe(fact, ctx), low ? "below" : "above",
                                        low ? "minimum" : "maximum", FormatNumber(low ? p.at("min") : p.at("max")));
      out.push_back(SingleFactFinding(*this, fact, {DisplayValue(fact)}, details, "{subject}: {predicate} out of range: {details}"));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeRange(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  if (spec.params.count("min") && spec.params.count("max") && spec.params.at("min") > spec.params.at("max"))
    diags.push_back({Severity::kError, "bad-value", spec.loc, fmt::format("check '{}': min is greater than max", spec.id)});
  return std::make_unique<Range>(spec);
}

}  // namespace cc::check
