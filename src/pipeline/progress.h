// Running counts of the long stages, for a terminal: the pipeline says how far a stage has got,
// the command that asked prints it (src/cli/output.h, TerminalProgress). Nothing here prints.
#pragma once

#include <cstddef>
#include <functional>

namespace cc::pipeline {

struct Progress {
  enum class Stage {
    kStoring,       // done: articles stored; facts: their facts
    kChecking,      // done: facts read by the checks
    kReportFacts,   // done: facts listed in the report, of total
    kReportClaims,  // done: facts read to make the claims, of total
  };
  Stage stage = Stage::kStoring;
  size_t done = 0, facts = 0, total = 0;
  bool last = false;  // the stage's final count: it is over
};
// Called on the thread that runs the stage, often (every article, every batch of facts): it
// decides how often to print. Empty: no progress.
using ProgressFn = std::function<void(const Progress&)>;

}  // namespace cc::pipeline
