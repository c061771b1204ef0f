#include "pipeline/run.h"

#include <chrono>

namespace cc::pipeline {

Result<RunStats> AddAndCheck(store::Store& db, const Rules& rules, const RunOptions& opt) {
  RunStats stats;
  db.Begin();
  try {
    int64_t run = db.StartRun("check");
    std::vector<Fact> touched;
    AddOptions add;
    add.limits = opt.limits;
    add.fail_fast = opt.fail_fast;
    add.max_article_facts = opt.max_article_facts;
    add.jobs = opt.jobs;
    add.progress = opt.progress;
    // The facts a run touches matter only when the findings can be updated in place.
    bool in_place = !opt.full && !opt.paths.empty() && CanCheckInPlace(db, rules);
    if (in_place) add.touched = &touched;
    // Checking on worker threads, which read labels through a connection of their own, needs
    // those of the articles this run stores (see CheckOptions::written).
    ArticleLabels written;
    if (!in_place && ChecksOnThreads(db, opt.jobs)) add.written = &written;
    auto t_add = std::chrono::steady_clock::now();
    if (!opt.paths.empty()) {
      auto added = AddInputs(db, opt.paths, rules, add, run);
      if (!added.ok()) {
        db.Rollback();
        return added.diagnostics();
      }
      stats.added = added.value();
    }
    auto t0 = std::chrono::steady_clock::now();
    stats.add_seconds = std::chrono::duration<double>(t0 - t_add).count();
    CheckOptions copt;
    copt.touched = in_place ? &touched : nullptr;
    copt.jobs = opt.jobs;
    copt.written = &written;
    copt.progress = opt.progress;
    stats.checked = CheckStore(db, rules, run, copt);
    stats.check_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    db.FinishRun(run, stats.added.articles, stats.added.facts, stats.checked.total);
    db.Commit();
  } catch (...) {
    db.Rollback();
    throw;
  }
  return stats;
}

}  // namespace cc::pipeline
