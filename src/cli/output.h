// What the commands write beyond their reports' bytes: diagnostics on stderr, an output file
// written whole or not at all, and what is left for the process's exit to free.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/types.h"
#include "pipeline/progress.h"

namespace cc::cli {

// Leaves `x` to be freed by the process's exit instead of by its destructor: a command's
// last step, for what is large and needs no closing (the rules' compiled regexes and their
// DFA caches, an in-memory database), whose freeing piece by piece is a measurable part of a
// short run. Reachable to the end: no leak is reported.
template <typename T>
void KeepUntilExit(T x) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<T>(std::move(x)));
}

// Prints diagnostics to stderr as "claimcheck: file:line:col: error[code]: message".
void PrintDiagnostics(const std::vector<Diagnostic>& diags);

// Streams what `write` writes to `path` atomically (a temp file, renamed when complete; removed
// if `write` throws), or to stdout for "" or "-". A path that is a device, pipe or symbolic
// link (/dev/null) is written in place, never replaced. Reports of millions of facts are written as
// they are made, never held whole in memory.
void WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& write);

// Prints the pipeline's running counts on stderr, each rewritten in place ("\rclaimcheck: 120
// articles, 3400 facts") at most five times a second, and a stage's last count on a line of
// its own (a report's only when a running count was shown).
pipeline::ProgressFn TerminalProgress();

}  // namespace cc::cli
