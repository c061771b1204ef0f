// Kind `agree`: one value per subject, predicate and event. Places agree when one contains
// the other (Pier 33 and Vladivostok); anything else that differs is a conflict.
#include "check/common.h"

namespace cc::check {
namespace {

class Agree : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    for (const auto& [key, group] : GroupFacts(facts, *this)) {
      auto found = PairwiseFindings(*this, group, ctx, [&](const Fact& a, const Fact& b) {
        if (a.value == b.value) return false;
        if (a.type == FactType::kPlace && ctx.gazetteer && ctx.gazetteer->Compatible(a.value, b.value)) return false;
        return true;
      });
      for (auto& f : found) out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeAgree(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Agree>(spec);
}

}  // namespace cc::check
