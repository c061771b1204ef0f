// The one table of check kinds. A new kind is one file plus one line here.
#include <algorithm>

#include "check/common.h"

namespace cc::check {

std::unique_ptr<Check> MakeAgree(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeTolerance(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeRange(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeCalendar(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeOrder(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeSum(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeMonotonic(const CheckSpec&, std::vector<Diagnostic>&);

const std::map<std::string, Factory>& Registry() {
  static const std::map<std::string, Factory> kRegistry = {
      {"agree", &MakeAgree},
      {"tolerance", &MakeTolerance},
      {"range", &MakeRange},
      {"calendar", &MakeCalendar},
      {"order", &MakeOrder},
      {"sum", &MakeSum},
      {"monotonic", &MakeMonotonic},
  };
  return kRegistry;
}

Result<std::vector<std::unique_ptr<Check>>> MakeChecks(const RulePack& pack) {
  std::vector<std::unique_ptr<Check>> out;
  std::vector<Diagnostic> diags;
  for (const auto& spec : pack.checks) {
    auto it = Registry().find(spec.kind);
    if (it == Registry().end()) {
      diags.push_back({Severity::kError, "unknown-kind", spec.loc, "unknown check kind '" + spec.kind + "'"});
      continue;
    }
    out.push_back(it->second(spec, diags));
  }
  if (!diags.empty()) return diags;
  return out;
}

std::vector<Finding> RunChecks(const std::vector<std::unique_ptr<Check>>& checks,
                               const std::vector<Fact>& facts, const Context& ctx) {
  std::vector<Finding> out;
  for (const auto& c : checks) {
    auto found = c->Run(facts, ctx);
    for (auto& f : found) {
      f.id = FindingId(f);
      f.fingerprint = Fingerprint(f);
      out.push_back(std::move(f));
    }
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.Key() < b.Key(); });
  return out;
}

}  // namespace cc::check
