// Kind `agree`: one value per subject, predicate and event. Two places disagree only when the
// gazetteer knows both and neither contains the other (Pier 33 and Vladivostok agree;
// Vladivostok and Khabarovsk do not). When it does not know one of them it cannot tell: the
// pair is reported at severity info at most, with a note that says so. Anything else that
// differs is a conflict.
#include "check/common.h"

namespace cc::check {
namespace {

Conflict ComparePlaces(const Gazetteer& g, const std::string& a, const std::string& b) {
  // A site with its town and the site alone agree ("Kementerian PU, Jakarta Selatan").
  auto site = [](const std::string& p) { return std::string_view(p).substr(0, p.find(", ")); };
  if (site(a) == site(b)) return {};
  if (g.Known(a) && g.Known(b)) return {!g.Compatible(a, b)};
  return {true, Severity::kInfo, UnknownPlaceNote(g, a, b)};
}

class Agree : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    for (const auto& [key, group] : GroupFacts(facts, *this)) {
      auto found = PairwiseFindings(*this, group, ctx, [&](const Fact& a, const Fact& b) -> Conflict {
        if (a.value == b.value) return {};
        if (a.type == FactType::kPlace && ctx.gazetteer) return ComparePlaces(*ctx.gazetteer, a.value, b.value);
        return {true};
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
