// The glue between the stages, used by the subcommands: find and load rules, read and
// process articles, store them, run the checks, build a Report. Everything that touches
// files, the database or the terminal on behalf of `check` is here or in the stage edges.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
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
  std::string fingerprint;  // a hash of every rule file's content (RulesFingerprint)
};
// Loads the default rules (unless `no_defaults`) and then each of `extra` over them.
Result<Rules> LoadRules(const std::vector<std::string>& extra, bool no_defaults);

// Leaves `x` to be freed by the process's exit instead of by its destructor: a command's
// last step, for what is large and needs no closing (the rules' compiled regexes and their
// DFA caches, an in-memory database). Freeing them piece by piece took 1 ms of the seeds'
// 50 and 4 ms of the real news' 300. Reachable to the end: no leak is reported.
template <typename T>
void KeepUntilExit(T x) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<T>(std::move(x)));
}

// Article id -> (path, published date): what the checks say about an article's source.
using ArticleLabels = std::map<std::string, std::pair<std::string, std::string>>;

struct AddOptions {
  ingest::Limits limits;
  unsigned jobs = 1;                    // worker threads for extraction
  bool progress = false;                // a running count on stderr
  std::vector<Fact>* touched = nullptr; // when given, gets the key fields (article, predicate,
                                        // subject key, type) of every fact added or replaced
  ArticleLabels* written = nullptr;     // when given, gets each stored article's path and date
  // With 2 jobs or more, the articles read but not stored yet, per job: at most this many,
  // and this much original text (past that, only the one being stored). A wide window lets
  // the extracting threads run ahead while storing is slow for a while: the 100 MB generated
  // corpus into a database on 2 cores took 12.8-13.7 s with 2048 articles per job, against
  // 13.9-17.1 s with 256.
  size_t window_articles = 2048;
  size_t window_bytes = size_t{32} << 20;
};
struct AddStats {
  size_t articles = 0, facts = 0, bytes = 0;
  double read_seconds = 0, store_seconds = 0;
  double extract_seconds = 0;  // normalizing text included; summed over the worker threads
  size_t peak_articles = 0, peak_bytes = 0;  // the most articles, and bytes of their text, held at once
};
// Reads the inputs file by file and stores each article with its facts (extracted on `jobs`
// threads while reading and storing go on, stored in input order: the result does not depend
// on `jobs`). Memory holds the window of AddOptions. Every problem with the inputs is reported
// together; the caller then rolls back what was stored. The same text twice is one article.
Result<AddStats> AddInputs(store::Store& db, const std::vector<std::string>& paths, const Rules& rules,
                           const AddOptions& opt, int64_t run);

// Normalizes (if it was read with Normalized::kLater), segments, extracts and resolves one
// article.
std::vector<Fact> ProcessArticle(Article& a, const Rules& rules);

// A hash of every rule file's content: findings made under other rules are re-made whole.
std::string RulesFingerprint(const RulePack& pack);
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
  bool progress = false;  // a running count of the facts read on stderr, for a full check
};
// Whether a check of every partition of `db` runs on worker threads: a database file (a
// second connection to ":memory:" is another database) and more than one job. Such a check
// needs the labels of the articles its run stored (CheckOptions::written).
bool ChecksOnThreads(const store::Store& db, unsigned jobs);
// Resolves named events across the store, then runs the checks one fact partition at a time
// (check::Partition) and stores the findings: those of the touched partitions (see
// CheckOptions) or of every partition. Call inside a transaction.
CheckResult CheckStore(store::Store& db, const Rules& rules, int64_t run, const CheckOptions& opt = {});

// The report of everything in the store; with the gazetteer, claims note which places lie
// in which.
// `claims` = false skips corroboration and near-duplicate detection (review commands).
// `progress`: running counts on stderr while the claims are made and the facts written (a
// report of millions of facts takes minutes).
report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer = nullptr, bool claims = true,
                           bool progress = false);

// Prints diagnostics to stderr as "claimcheck: file:line:col: error[code]: message".
void PrintDiagnostics(const std::vector<Diagnostic>& diags);

// Streams what `write` writes to `path` atomically (a temp file, renamed when complete; removed
// if `write` throws), or to stdout for "" or "-". A path that is a device, pipe or symbolic
// link (/dev/null) is written in place, never replaced. Reports of millions of facts are written as
// they are made, never held whole in memory.
void WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace cc::cli
