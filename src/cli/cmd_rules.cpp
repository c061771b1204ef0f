// `claimcheck rules lint|test|explain|list`: the rule author's commands (src/authoring does
// the work; this file parses options and sets the exit status).
#include <fmt/format.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>

#include "authoring/authoring.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "pipeline/rules.h"
#include "core/hash.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "rules/loader.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace cc::cli {
namespace {

const char* kRulesUsage = R"(usage: claimcheck rules <command> [options]

Tools for rule authors (rules/README.md is the guide).

commands:
  lint [PATH...]         check rule files for mistakes (schema, regexes, groups, unused
                         lexicons, untested stable rules); every problem with file:line:col
  test [PATH...]         run every inline example of extractors and checks; ends with
                         'N passed, N failed'
  explain TEXT|FILE      show, sentence by sentence, what the extractors matched, the facts
                         made, and what was dropped and why
  list                   list packs and rules with status and example counts

PATH is a rule pack directory or a rule file, loaded over the shipped rules; lint and test then
report on PATH only. Run 'claimcheck rules <command> --help' for options.
)";

struct Common {
  std::vector<std::string> rules, positional;
  bool no_defaults = false;
  std::string color = "auto", format = "text", lang;
  bool verbose = false;
};

// Parses the options every `rules` subcommand shares plus `extra`; returns -1 to go on, else an
// exit status (help printed or usage error).
int Parse(const std::string& name, const std::string& synopsis, const Args& args, Common& c,
          po::options_description extra = po::options_description()) {
  po::options_description opts(synopsis + "\n\noptions");
  opts.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&c.rules)->composing(), "add a rule pack directory over the shipped rules (repeatable)")
      ("no-default-rules", "do not load the shipped rules");
  opts.add(extra);
  po::variables_map vm;
  if (int rc = ParseOptions("rules " + name, opts, args, vm, c.positional); rc >= 0) return rc;
  c.no_defaults = vm.count("no-default-rules") > 0;
  c.verbose = vm.count("verbose") > 0;
  if (c.color != "auto" && c.color != "always" && c.color != "never")
    return UsageError("rules " + name, fmt::format("unknown --color '{}' (expected auto, always or never)", c.color));
  return -1;
}

bool Color(const Common& c) { return c.color == "always" || (c.color == "auto" && StdoutIsTerminal()); }

std::vector<std::string> Dirs(const Common& c) {
  std::vector<std::string> dirs;
  if (!c.no_defaults) {
    std::string d = pipeline::DefaultRulesDir();
    if (!d.empty()) dirs.push_back(d);
  }
  dirs.insert(dirs.end(), c.rules.begin(), c.rules.end());
  dirs.insert(dirs.end(), c.positional.begin(), c.positional.end());
  return dirs;
}

// Loads the rules for test/explain/list; prints what is wrong and returns nullopt on errors.
std::optional<pipeline::Rules> Load(const Common& c) {
  std::vector<std::string> extra = c.rules;
  extra.insert(extra.end(), c.positional.begin(), c.positional.end());
  auto r = pipeline::LoadRules(extra, c.no_defaults);
  if (!r.ok()) {
    authoring::PrintDiagnostics(std::cerr, r.diagnostics(), StderrIsTerminal());
    std::cerr << "claimcheck: the rules have errors; run 'claimcheck rules lint' for details\n";
    return std::nullopt;
  }
  return std::move(r.value());
}

int Lint(const Args& args) {
  Common c;
  po::options_description extra;
  extra.add_options()
      ("format,f", po::value(&c.format), "text or json (default: text)")
      ("color", po::value(&c.color), "auto, always, never (default: auto)");
  if (int rc = Parse("lint", "claimcheck rules lint [PATH...] [options]\n\n"
                             "Checks rule files and prints every problem as file:line:col: error|warning[code],\n"
                             "with the source line and a hint. Exit 2 when there are errors.", args, c, extra); rc >= 0)
    return rc;
  if (c.format != "text" && c.format != "json") return UsageError("rules lint", "unknown --format '" + c.format + "' (expected text or json)");
  auto dirs = Dirs(c);
  if (dirs.empty()) return UsageError("rules lint", "no rules to lint: give a PATH or drop --no-default-rules");
  auto loaded = rules::LoadAll(dirs);
  std::vector<Diagnostic> diags = loaded.diagnostics;
  auto more = authoring::Lint(loaded.pack);
  diags.insert(diags.end(), more.begin(), more.end());
  std::vector<Diagnostic> shown;
  for (auto& d : diags)
    if (d.loc.file.empty() || authoring::UnderAny(d.loc.file, c.positional)) shown.push_back(std::move(d));
  size_t errors = std::count_if(shown.begin(), shown.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (c.format == "json") {
    std::cout << authoring::DiagnosticsJson(shown);
  } else {
    authoring::PrintDiagnostics(std::cout, shown, Color(c));
    std::set<std::string> files;  // a file loaded in two layers counts once
    std::error_code ec;
    for (const auto& f : loaded.pack.files)
      if (authoring::UnderAny(f, c.positional)) files.insert(fs::weakly_canonical(f, ec).string());
    std::cout << fmt::format("{} error{}, {} warning{} in {} rule file{}\n", errors, errors == 1 ? "" : "s",
                             shown.size() - errors, shown.size() - errors == 1 ? "" : "s", files.size(),
                             files.size() == 1 ? "" : "s");
  }
  return errors > 0 ? 2 : 0;
}

int Test(const Args& args) {
  Common c;
  po::options_description extra;
  extra.add_options()("verbose,v", "list passing examples too");
  if (int rc = Parse("test", "claimcheck rules test [PATH...] [options]\n\n"
                             "Runs every inline example: extractor examples (text -> fact fields, or\n"
                             "'none: true') and check examples (facts -> a finding, or none).\n"
                             "Exit 1 when an example fails, 2 when the rules do not load.", args, c, extra); rc >= 0)
    return rc;
  auto rules = Load(c);
  if (!rules) return 2;
  auto results = authoring::RunExamples(*rules, c.positional);
  size_t failed = 0;
  for (const auto& r : results) {
    if (r.passed) {
      if (c.verbose) std::cout << fmt::format("ok    {}  {}:{}\n", r.rule, r.loc.file, r.loc.line);
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL  {}  {}:{}:{}\n", r.rule, r.loc.file, r.loc.line, r.loc.column);
    std::cout << "  example:  " << r.what << "\n";
    std::cout << "  - expected: " << r.expected << "\n";
    bool first = true;
    for (auto line : SplitLines(r.got)) {
      std::cout << (first ? "  + got:      " : "              ") << line << "\n";
      first = false;
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", results.size() - failed, failed);
  return failed > 0 ? 1 : 0;
}

int Explain(const Args& args) {
  Common c;
  po::options_description extra;
  extra.add_options()("lang", po::value(&c.lang), "language of TEXT: id, en (default: guessed)");
  if (int rc = Parse("explain", "claimcheck rules explain TEXT|FILE|- [options]\n\n"
                                "Shows what the engine does with a text, a file of articles, or standard\n"
                                "input (-): per sentence the extractors that matched, the groups they\n"
                                "captured, the facts made, and what was dropped and why.", args, c, extra); rc >= 0)
    return rc;
  if (c.positional.size() != 1) return UsageError("rules explain", "give one TEXT (quoted), FILE, or - for standard input");
  std::string arg = c.positional.front();
  c.positional.clear();
  auto rules = Load(c);
  if (!rules) return 2;
  std::vector<Article> articles;
  std::error_code ec;
  if (arg != "-" && fs::is_regular_file(arg, ec)) {
    auto read = ingest::ReadFile(arg);
    if (!read.ok()) {
      PrintDiagnostics(read.diagnostics());
      return 2;
    }
    articles = std::move(read.value());
  } else {
    Article a;
    a.path = arg == "-" ? "<stdin>" : "<text>";
    a.raw = arg == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {}) : arg;
    if (auto bad = FindInvalidUtf8(a.raw)) {
      std::cerr << fmt::format("claimcheck: {}: invalid UTF-8 at byte {}\n", a.path, *bad);
      return 2;
    }
    a.id = Hasher().Add(a.raw).Hex();
    ingest::Normalize(a, 0);
    articles.push_back(std::move(a));
  }
  for (auto& a : articles) {
    if (!c.lang.empty()) a.lang = c.lang;
    authoring::Explain(std::cout, a, *rules);
  }
  return 0;
}

int List(const Args& args) {
  Common c;
  if (int rc = Parse("list", "claimcheck rules list [options]\n\nLists packs and rules: kind, language, status, predicate, examples.", args, c); rc >= 0)
    return rc;
  auto rules = Load(c);
  if (!rules) return 2;
  authoring::List(std::cout, *rules->pack);
  return 0;
}

}  // namespace

int RunRules(const Args& args) {
  if (args.empty()) {
    std::cerr << kRulesUsage;
    return 2;
  }
  const std::string& sub = args.front();
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::cout << kRulesUsage;
    return 0;
  }
  Args rest(args.begin() + 1, args.end());
  if (sub == "lint") return Lint(rest);
  if (sub == "test") return Test(rest);
  if (sub == "explain") return Explain(rest);
  if (sub == "list") return List(rest);
  return UsageError("rules", "unknown command '" + sub + "' (expected lint, test, explain or list)");
}

}  // namespace cc::cli
