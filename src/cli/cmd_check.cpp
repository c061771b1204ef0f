// `claimcheck check PATH...`: the main job. Reads the inputs file by file, extracts their facts
// on every core and stores them, checks the database (only the fact partitions the new
// articles touch, when the database was checked before with the same rules), and writes the
// report. The database writes are one transaction. A bad input (a file, a JSONL line) is
// reported and skipped, the rest is checked, and the exit status is 2 (as ripgrep does);
// --fail-fast makes the first one fail the run, leaving the database as it was (and a database
// this run created, not there at all).
// The work is src/pipeline's (AddAndCheck, PrintReport); this file parses the flags.
#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/parallel.h"
#include "core/text.h"
#include "pipeline/report.h"
#include "pipeline/rules.h"
#include "pipeline/run.h"

namespace po = boost::program_options;

namespace cc::cli {

namespace {

// Where a database this run creates is built: beside it, with this process's id.
std::string BuildingName(const std::string& db) { return fmt::format("{}.claimcheck-new-{}", db, ::getpid()); }

// The files a killed run building `db` left, the process that made them gone.
void RemoveAbandoned(const std::string& db) {
  std::error_code ec;
  const std::filesystem::path p(db);
  const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  const std::string prefix = p.filename().string() + ".claimcheck-new-";
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const int pid = std::atoi(name.c_str() + prefix.size());
    if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM)) continue;  // still building
    std::filesystem::remove(e.path(), ec);
  }
}

}  // namespace

int RunCheck(const Args& args) {
  po::options_description opts("claimcheck check PATH... [options]\n\n"
                               "Reads news articles (.txt with an optional header block, .jsonl, or\n"
                               "directories of them), extracts their factual claims, and reports where\n"
                               "they contradict each other, quoting each article.\n\noptions");
  std::vector<std::string> paths, rules;
  std::string db, format = "text", output, fail_on = "error", color = "auto";
  size_t max_bytes = 64u << 20, max_sentence = 8192, max_facts = pipeline::RunOptions{}.max_article_facts;
  unsigned jobs = 0;
  opts.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules)->composing(), "add a rule pack directory over the shipped rules (repeatable)")
      ("no-default-rules", "do not load the shipped rules")
      ("db", po::value(&db), "SQLite database to add the articles to and check (default: in memory)")
      ("format,f", po::value(&format), "report format: text, json, md (default: text)")
      ("output,o", po::value(&output), "write the report to FILE (default: standard output)")
      ("fail-on", po::value(&fail_on), "exit 1 when a finding is at least: error, warning, info, never (default: error)")
      ("color", po::value(&color), "color the text report: auto, always, never (default: auto)")
      ("facts", "text report: also list every fact")
      ("no-report", "write no report, only a one-line summary to standard error (for large databases; "
                    "'claimcheck report --db' writes the report later)")
      ("max-article-bytes", po::value(&max_bytes), "reject a .txt file or .jsonl line larger than this (default: 64 MiB)")
      ("max-sentence-bytes", po::value(&max_sentence), "cut longer sentences at spaces before matching (default: 8192)")
      ("max-article-facts", po::value(&max_facts), "keep at most the first N facts of an article, saying so (default: 20000)")
      ("jobs,j", po::value(&jobs), "extract and check on N threads (default: 0 = every core it may run on); the result is the same for any N")
      ("full", "re-check every fact partition, not only those the new articles touch")
      ("fail-fast", "stop at the first bad input, checking nothing (default: report each bad input, check the rest, exit 2)")
      ("timings", "print the time each stage took to standard error");
  po::variables_map vm;
  if (int rc = ParseOptions("check", opts, args, vm, paths); rc >= 0) {
    if (rc == 0)
      std::cout << "\nexit status: 0 no findings at or above --fail-on, 1 such findings, 2 usage or input error (also when\n"
                   "some inputs were skipped as bad and the rest checked)\n";
    return rc;
  }
  if (paths.empty() && db.empty())
    return UsageError("check", "no PATH given (files or directories of articles; with --db and no PATH, the database is re-checked)");
  auto fmt_kind = report::ParseFormat(format);
  if (!fmt_kind) return UsageError("check", fmt::format("unknown format '{}' (expected one of: {})", format, Join(report::FormatNames(), ", ")));
  std::optional<Severity> threshold;
  if (fail_on != "never") {
    threshold = ParseSeverity(fail_on);
    if (!threshold) return UsageError("check", fmt::format("unknown --fail-on '{}' (expected error, warning, info or never)", fail_on));
  }
  if (color != "auto" && color != "always" && color != "never")
    return UsageError("check", fmt::format("unknown --color '{}' (expected auto, always or never)", color));

  // The default in-memory database is made while the rules load: creating its schema is a few
  // milliseconds of one core, and nothing is left behind if the rules fail. A database file
  // is opened only once the rules have loaded.
  std::future<std::unique_ptr<store::Store>> in_memory;
  if (db.empty()) in_memory = std::async(std::launch::async, [] { return store::Store::Open(":memory:"); });
  auto t_rules = std::chrono::steady_clock::now();
  auto loaded = pipeline::LoadRules(rules, vm.count("no-default-rules") > 0);
  double rules_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_rules).count();
  if (!loaded.ok()) {
    PrintDiagnostics(loaded.diagnostics());
    return 2;
  }
  pipeline::Rules& r = loaded.value();
  if (max_sentence < 64) return UsageError("check", "--max-sentence-bytes must be at least 64");
  r.segment.max_sentence_bytes = max_sentence;
  if (jobs == 0) jobs = UsableCores();

  // A database file this run creates is written beside it under another name and takes its
  // name only once the run has succeeded: a failed run, or one killed, leaves no database (and
  // a next run removes what a killed one left).
  std::error_code ec;
  const bool created = !db.empty() && !std::filesystem::exists(db, ec);
  const std::string building = created ? BuildingName(db) : db;
  if (created) RemoveAbandoned(db);
  auto store = db.empty() ? in_memory.get() : store::Store::Open(building);
  pipeline::RunOptions run;
  run.paths = paths;
  run.limits = {max_bytes};
  run.jobs = jobs;
  run.full = vm.count("full") > 0;
  run.fail_fast = vm.count("fail-fast") > 0;
  if (max_facts == 0) return UsageError("check", "--max-article-facts must be at least 1");
  run.max_article_facts = max_facts;
  if (StderrIsTerminal()) run.progress = TerminalProgress();
  auto remove_building = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(building + suffix, ec);
  };
  auto forget = [&] {
    if (!created) return;
    store.reset();
    remove_building();
  };
  auto done = [&] {
    try {
      return pipeline::AddAndCheck(*store, r, run);
    } catch (...) {  // a store error (disk full, ...) is reported by main
      forget();
      throw;
    }
  }();
  if (!done.ok()) {
    PrintDiagnostics(done.diagnostics());
    forget();
    return 2;
  }
  if (created) {
    // Closed (and checkpointed), then given its name; another run that made the same file
    // meanwhile keeps it, and this one's is dropped with an error.
    store.reset();
    if (::link(building.c_str(), db.c_str()) != 0) {
      const int err = errno;
      forget();
      std::cerr << fmt::format("claimcheck: {}: cannot create the database: {}\n", db, std::strerror(err));
      return 2;
    }
    remove_building();
    store = store::Store::Open(db);
  }
  const pipeline::AddStats& stats = done.value().added;
  // The inputs read with a warning, the articles cut short, and the inputs skipped, before the
  // report: nothing is left out of it without a line saying so.
  PrintDiagnostics(stats.warnings);
  PrintDiagnostics(stats.capped);
  if (stats.cut_sentences)
    std::cerr << fmt::format("claimcheck: {} sentence{} longer than {} bytes (no full stop) matched in pieces (--max-sentence-bytes)\n",
                             stats.cut_sentences, stats.cut_sentences == 1 ? "" : "s", max_sentence);
  PrintDiagnostics(stats.skipped);
  const pipeline::CheckResult& checked = done.value().checked;
  if (vm.count("timings"))
    std::cerr << fmt::format(
        "claimcheck: timings: rules {:.3f} s, read, extract and store {:.3f} s (read {:.3f} s, extract {:.3f} s on {} threads "
        "of which {:.3f} s compiling the languages met, store {:.3f} s), check {:.3f} s ({} {} partitions); {} articles, {} bytes, {} facts\n",
        rules_seconds, done.value().add_seconds, stats.read_seconds, stats.extract_seconds, jobs, r.engine->prefilter_seconds(), stats.store_seconds,
        done.value().check_seconds, checked.partitions,
        checked.incremental ? "touched" : "all", stats.articles, stats.bytes, stats.facts);
  if (vm.count("no-report")) {
    auto n = [&](Severity s) { return checked.counts.count(s) ? checked.counts.at(s) : 0; };
    std::cerr << fmt::format("claimcheck: {} articles added, {} facts; {} findings in the database ({} errors, {} warnings, {} info)\n",
                             stats.articles, stats.facts, checked.total, n(Severity::kError), n(Severity::kWarning), n(Severity::kInfo));
  } else {
    report::WriteOptions wo;
    wo.color = color == "always" || (color == "auto" && output.empty() && StdoutIsTerminal());
    wo.show_facts = vm.count("facts") > 0;
    pipeline::ReportOptions ro;
    ro.gazetteer = &r.engine->gazetteer();
    if (ShowReportProgress(output)) ro.progress = TerminalProgress();
    report::Report rep;
    WriteOutput(output, [&](std::ostream& out) { rep = pipeline::PrintReport(*store, *report::MakePrinter(*fmt_kind, out, wo), ro); });
    if (!output.empty() && *fmt_kind != report::Format::kText) std::cerr << "claimcheck: " << report::Summary(rep) << "\n";
  }
  int status = 0;
  if (threshold)
    for (const auto& [severity, count] : checked.counts)
      if (count && severity >= *threshold) status = 1;
  if (!stats.skipped.empty()) {
    std::cerr << fmt::format("claimcheck: {} bad input{} skipped (listed above); the other articles were checked\n",
                             stats.skipped.size(), stats.skipped.size() == 1 ? "" : "s");
    status = 2;
  }
  KeepUntilExit(std::move(loaded));
  if (db.empty()) KeepUntilExit(std::move(store));  // a database file is closed (and checkpointed)
  return status;
}

}  // namespace cc::cli
