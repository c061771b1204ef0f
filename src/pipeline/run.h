// `check`'s run on a store: the inputs added and the store checked, in one transaction.
#pragma once

#include <string>
#include <vector>

#include "core/types.h"
#include "ingest/ingest.h"
#include "pipeline/add.h"
#include "pipeline/check.h"
#include "pipeline/progress.h"
#include "pipeline/rules.h"
#include "store/store.h"

namespace cc::pipeline {

struct RunOptions {
  std::vector<std::string> paths;  // the inputs; none: the store is only checked again
  ingest::Limits limits;
  unsigned jobs = 1;     // threads that extract, and check (ChecksOnThreads)
  bool full = false;     // check every partition, not only those the new articles touch
  bool fail_fast = false;  // the first bad input fails the run (AddOptions::fail_fast)
  size_t max_article_facts = AddOptions{}.max_article_facts;
  ProgressFn progress;   // running counts of the articles stored and the facts checked
};

struct RunStats {
  AddStats added;
  CheckResult checked;
  double add_seconds = 0, check_seconds = 0;
};

// Adds the articles of `opt.paths` to `db` and checks it: only the partitions the new articles
// touch when the store's findings were made by these rules (and not `full`), else every one.
// One transaction, recorded as a run: a bad input (every problem is returned) or an exception
// leaves the store as it was.
Result<RunStats> AddAndCheck(store::Store& db, const Rules& rules, const RunOptions& opt);

}  // namespace cc::pipeline
