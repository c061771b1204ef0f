// Kind `sum`: the shares one source gives for exclusive options must not add up to more than
// `max` (plus `abs` for rounding): one poll's candidates cannot total 119 %. Facts are grouped
// by article, predicate, source and event; an option (subject) counts once, with its first
// value, so "naik dari 38 persen" later in the article does not add up.
#include <fmt/format.h>

#include <map>
#include <set>

#include "check/common.h"
#include "core/numbers.h"
#include "core/text.h"

namespace cc::check {
namespace {

class Sum : public Check {
 public:
  using Check::Check;
  Partition partition() const override { return Partition::kArticle; }
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<const Fact*>> groups;
    for (const auto& f : facts)
      if (Applies(f) && f.number && f.bound == Bound::kExact)
        groups[{f.article, f.predicate, f.source, f.event}].push_back(&f);
    double max = spec_.params.at("max");
    double slack = spec_.params.count("abs") ? spec_.params.at("abs") : 0;
    std::vector<Finding> out;
    for (const auto& [key, group] : groups) {
      std::set<std::string> seen;
      std::vector<const Fact*> counted;
      double total = 0;
      for (const Fact* f : group) {
        if (!seen.insert(f->subject_key).second) continue;
        counted.push_back(f);
        total += *f->number;
      }
      if (counted.size() < 2 || total <= max + slack) continue;
      Finding f;
      f.rule = spec_.id;
      f.kind = spec_.kind;
      f.severity = spec_.severity;
      f.predicate = std::get<1>(key);
      f.subject = std::get<2>(key).empty() ? ctx.Label(std::get<0>(key)) : std::get<2>(key);
      f.event = std::get<3>(key);
      f.about = fmt::format("{}\x1f{}\x1f{}\x1f{}", std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key));
      std::vector<std::string> parts;
      for (const Fact* x : counted) {
        f.facts.push_back(x->id);
        f.values.push_back(DisplayValue(*x));
        parts.push_back(fmt::format("{} {}", x->subject, DisplayValue(*x)));
      }
      std::string unit = counted.front()->unit == "%" ? "%" : "";
      std::string details = fmt::format("{} gives {} — {}{} in total, more than {}{}", ctx.Label(std::get<0>(key)),
                                        Join(parts, ", "), FormatNumber(total), unit, FormatNumber(max), unit);
      f.message = Render(spec_.message.empty() ? "{predicate}: shares add up to more than the whole: {details}" : spec_.message, f, details);
      out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeSum(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  if (!spec.params.count("max"))
    diags.push_back({Severity::kError, "missing-field", spec.loc, fmt::format("check '{}' of kind sum needs 'max'", spec.id)});
  return std::make_unique<Sum>(spec);
}

}  // namespace cc::check
