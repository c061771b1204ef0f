// The glue between the stages, used by the subcommands: find and load rules, read and
// process articles, store them, run the checks, build a Report. Everything that touches
// files, the database or the terminal on behalf of `check` is here or in the stage edges.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "core/rulepack.h"
#include "core/types.h"
#include "extract/engine.h"
#include "ingest/ingest.h"
#include "report/report.h"
#include "store/store.h"

namespace cc::cli {

// Where the shipped rule packs are: $CLAIMCHECK_RULES, then <prefix>/share/claimcheck/rules
// beside the binary, then the source tree the binary was built from.
std::string DefaultRulesDir();

struct Rules {
  std::unique_ptr<RulePack> pack;
  std::shared_ptr<const extract::Engine> engine;
  std::vector<std::unique_ptr<check::Check>> checks;
  ingest::SegmentConfig segment;
};
// Loads the default rules (unless `no_defaults`) and then each of `extra` over them.
Result<Rules> LoadRules(const std::vector<std::string>& extra, bool no_defaults);

// Reads every input; all problems are reported together and nothing is returned then.
Result<std::vector<Article>> ReadInputs(const std::vector<std::string>& paths, const ingest::Limits& limits,
                                        bool progress);

// Segments, extracts and resolves one article.
std::vector<Fact> ProcessArticle(Article& a, const Rules& rules);

// Runs the checks over every fact in the store and replaces its findings. Call inside a
// transaction.
std::vector<Finding> CheckStore(store::Store& db, const Rules& rules, int64_t run);

// The report of everything in the store; with the gazetteer, claims note which places lie
// in which.
// `claims` = false skips corroboration and near-duplicate detection (review commands).
report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer = nullptr, bool claims = true);

// Prints diagnostics to stderr as "claimcheck: file:line:col: error[code]: message".
void PrintDiagnostics(const std::vector<Diagnostic>& diags);

// Writes `content` to `path` atomically (temp file + rename), or to stdout for "" or "-".
void WriteOutput(const std::string& path, const std::string& content);

}  // namespace cc::cli
