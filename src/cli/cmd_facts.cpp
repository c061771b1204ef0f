// `claimcheck facts --db FILE`: lists the stored facts, filtered, as text or JSON.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "pipeline/report.h"
#include "core/text.h"

namespace po = boost::program_options;

namespace cc::cli {

namespace {

// `facts` as text: each fact with its position, what it says and its words.
class FactList final : public report::Printer {
 public:
  explicit FactList(std::ostream& out) : out_(out) {}
  Needs needs() const override {
    Needs n;
    n.facts = n.fact_texts = true;
    return n;
  }
  void Begin(const report::Report&) override {}
  void OnFact(const Fact& f, const ArticleMeta* article, const std::string* raw) override {
    ++n_;
    std::string value = DisplayValue(f);
    out_ << fmt::format("{}  {}  {}  {}  {}{}\n    \"{}\"\n", report::Position(f, article, raw), f.predicate,
                        f.subject.empty() ? "-" : f.subject, value, ToString(f.modality), f.date ? " " + *f.date : "",
                        f.text);
  }
  void End() override { out_ << fmt::format("{} facts\n", n_); }

 private:
  std::ostream& out_;
  size_t n_ = 0;
};

}  // namespace

std::unique_ptr<store::Store> OpenExisting(const std::string& cmd, const std::string& db) {
  if (db.empty()) {
    UsageError(cmd, "--db FILE is required");
    return nullptr;
  }
  if (!std::filesystem::exists(db)) {
    std::cerr << "claimcheck: " << db << ": no such database\n";
    return nullptr;
  }
  return store::Store::Open(db);
}

int RunFacts(const Args& args) {
  po::options_description opts("claimcheck facts --db FILE [options]\n\nLists the facts stored in a database.\n\noptions");
  std::string db, format = "text";
  store::FactFilter filter;
  opts.add_options()
      ("help,h", "show this help")
      ("db", po::value(&db), "the database written by 'claimcheck check --db FILE'")
      ("predicate", po::value(&filter.predicate), "only facts with this predicate (departure_day, ...)")
      ("subject", po::value(&filter.subject), "only facts about this subject")
      ("article", po::value(&filter.article), "only facts from this article (id or path)")
      ("format,f", po::value(&format), "text or json (default: text)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError("facts", e.what());
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (format != "text" && format != "json") return UsageError("facts", "unknown format '" + format + "' (expected text or json)");
  auto st = OpenExisting("facts", db);
  if (!st) return 2;
  // The facts listed, with the articles and claims of the whole database (as JSON), no findings.
  pipeline::ReportOptions ro;
  ro.findings = false;
  ro.facts = filter;
  WriteOutput("", [&](std::ostream& out) {
    if (format == "json") {
      pipeline::PrintReport(*st, *report::JsonPrinter(out), ro);
      return;
    }
    FactList list(out);
    pipeline::PrintReport(*st, list, ro);
  });
  return 0;
}

int RunFindings(const Args& args) {
  po::options_description opts("claimcheck findings --db FILE [options]\n\nPrints the findings stored in a database as a report.\n\noptions");
  std::string db, format = "text", output;
  opts.add_options()
      ("help,h", "show this help")
      ("db", po::value(&db), "the database written by 'claimcheck check --db FILE'")
      ("format,f", po::value(&format), "report format: text, json, md (default: text)")
      ("output,o", po::value(&output), "write to FILE (default: standard output)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError("findings", e.what());
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  auto kind = report::ParseFormat(format);
  if (!kind) return UsageError("findings", "unknown format '" + format + "'");
  auto st = OpenExisting("findings", db);
  if (!st) return 2;
  report::WriteOptions wo;
  wo.color = output.empty() && StdoutIsTerminal();
  pipeline::ReportOptions ro;
  if (ShowReportProgress(output)) ro.progress = TerminalProgress();
  WriteOutput(output, [&](std::ostream& out) { pipeline::PrintReport(*st, *report::MakePrinter(*kind, out, wo), ro); });
  return 0;
}

}  // namespace cc::cli
