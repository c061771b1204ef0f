// The one table of check kinds. A new kind is one file plus one line here.
#include <algorithm>
#include <map>
#include <set>

#include "check/common.h"

namespace cc::check {

std::unique_ptr<Check> MakeAgree(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeTolerance(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeRange(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeCalendar(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeOrder(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeSum(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeMonotonic(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeTally(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeAlign(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeSpelling(const CheckSpec&, std::vector<Diagnostic>&);
std::unique_ptr<Check> MakeBreakdown(const CheckSpec&, std::vector<Diagnostic>&);

const std::map<std::string, Factory>& Registry() {
  static const std::map<std::string, Factory> kRegistry = {
      {"agree", &MakeAgree},
      {"tolerance", &MakeTolerance},
      {"range", &MakeRange},
      {"calendar", &MakeCalendar},
      {"order", &MakeOrder},
      {"sum", &MakeSum},
      {"monotonic", &MakeMonotonic},
      {"tally", &MakeTally},
      {"align", &MakeAlign},
      {"spelling", &MakeSpelling},
      {"breakdown", &MakeBreakdown},
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

std::string PartKey(Partition p, const Fact& f) {
  if (p == Partition::kArticle) return "a\x1f" + f.predicate + "\x1f" + f.article;
  if (f.subject_key.empty()) return "e\x1f" + f.predicate + "\x1f" + f.article;
  return "s\x1f" + f.predicate + "\x1f" + f.subject_key;
}

std::optional<PartGroup> ParsePartKey(const std::string& part) {
  if (part.size() < 3 || part[1] != '\x1f') return std::nullopt;
  size_t sep = part.find('\x1f', 2);
  if (sep == std::string::npos) return std::nullopt;
  PartGroup g{Partition::kSubject, part.substr(2, sep - 2), part.substr(sep + 1), false, false};
  switch (part[0]) {
    case 's': break;
    case 'a': g.partition = Partition::kArticle; g.by_article = true; break;
    case 'e': g.by_article = g.subjectless = true; break;
    default: return std::nullopt;
  }
  return g;
}

std::vector<Finding> RunPartition(const std::vector<std::unique_ptr<Check>>& checks, Partition p,
                                  const std::vector<Fact>& facts, const Context& ctx) {
  std::vector<Finding> out;
  std::map<std::string_view, const Fact*> by_id;
  std::set<std::string> ids;
  for (const auto& c : checks) {
    if (c->partition() != p) continue;
    auto found = c->Run(facts, ctx);
    if (found.empty()) continue;
    if (by_id.empty())
      for (const auto& f : facts) by_id.emplace(f.id, &f);
    // Groups a check tells apart only by their facts (the same `about`) take their facts into
    // their ids, every one of them: which comes first changes as articles are added.
    std::map<std::string, int> seen;
    for (auto& f : found) ++seen[f.id = FindingId(f)];
    for (auto& f : found) {
      if (seen[f.id] > 1 || ids.count(f.id)) {
        std::vector<std::string> sorted = f.facts;
        std::sort(sorted.begin(), sorted.end());
        for (const auto& id : sorted) f.about += "\x1f" + id;
        f.id = FindingId(f);
      }
      ids.insert(f.id);
      f.fingerprint = Fingerprint(f);
      auto it = f.facts.empty() ? by_id.end() : by_id.find(f.facts.front());
      if (it != by_id.end()) f.part = PartKey(p, *it->second);
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<Finding> RunChecks(const std::vector<std::unique_ptr<Check>>& checks,
                               const std::vector<Fact>& facts, const Context& ctx) {
  std::vector<Finding> out;
  for (Partition p : {Partition::kSubject, Partition::kArticle}) {
    auto found = RunPartition(checks, p, facts, ctx);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.Key() < b.Key(); });
  return out;
}

}  // namespace cc::check
