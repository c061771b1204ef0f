#include "store/store.h"

#include "store/sqlite/sqlite_store.h"

namespace cc::store {

std::unique_ptr<Store> Store::Open(const std::string& path) { return sqlite::SqliteStore::Open(path); }

std::vector<Fact> Store::Facts(const FactFilter& filter) const {
  std::vector<Fact> out;
  ForEachFact(filter, [&](const Fact& f) { out.push_back(f); });
  return out;
}

void Store::ReplaceFindings(const std::vector<Finding>& findings, int64_t run, const std::set<std::string>* parts) {
  ClearFindings(parts);
  AddFindings(findings, run);
}

// A fixed order: article id, then position. (Not the path order of Facts(): that would read
// every fact's article; the checks order what they show by label.)
void SortGroup(std::vector<Fact>& facts) {
  SortFacts(facts, [](const Fact& a, const Fact& b) {
    return std::tie(a.article, a.span.begin, a.span.end, a.predicate, a.id) <
           std::tie(b.article, b.span.begin, b.span.end, b.predicate, b.id);
  });
}

}  // namespace cc::store
