// Checking a store: named events resolved across the articles, then the checks run one fact
// partition at a time (all of them, or those a run touched), on worker threads when asked, and
// the findings stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "core/types.h"
#include "pipeline/add.h"
#include "pipeline/progress.h"
#include "pipeline/rules.h"
#include "store/store.h"

namespace cc::pipeline {

// Whether the store's findings were made by these rules, so that a run may re-check only the
// partitions it touches.
bool CanCheckInPlace(const store::Store& db, const Rules& rules);

struct CheckResult {
  std::map<Severity, size_t> counts;  // findings in the store afterwards, by severity
  size_t total = 0;
  bool incremental = false;       // only the touched partitions were re-checked
  size_t partitions = 0;          // fact partitions checked
};
struct CheckOptions {
  // The facts added or replaced by this run (with the old facts of replaced articles): when
  // given and the store's findings were made by the same rules, only the partitions of those
  // facts (and of facts re-resolved) are re-checked, and their findings replaced.
  const std::vector<Fact>* touched = nullptr;
  // Threads for a check of every partition: the calling thread reads the facts, the others
  // run the checks. The findings are the same, in the same order, for any number.
  unsigned jobs = 1;
  // The articles this run stored (not yet committed): the checking threads read the other
  // articles' labels from a connection of their own, which cannot see them.
  const ArticleLabels* written = nullptr;
  ProgressFn progress;  // running counts of the facts read (kChecking), for a full check
};
// Whether a check of every partition of `db` runs on worker threads: a database file (a
// second connection to ":memory:" is another database) and more than one job. Such a check
// needs the labels of the articles its run stored (CheckOptions::written).
bool ChecksOnThreads(const store::Store& db, unsigned jobs);
// Resolves named events across the store, then runs the checks one fact partition at a time
// (check::Partition) and stores the findings: those of the touched partitions (see
// CheckOptions) or of every partition. Call inside a transaction.
CheckResult CheckStore(store::Store& db, const Rules& rules, int64_t run, const CheckOptions& opt = {});

}  // namespace cc::pipeline
