// claimcheck: finds where news articles contradict each other, with the words of each.
// main dispatches to a subcommand and is the one place exceptions are caught (exit 2).
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "store/store.h"

namespace {

const char* kUsage = R"(usage: claimcheck <command> [options]

Finds where news articles contradict each other, quoting each article.

commands:
  check PATH...   read articles, extract facts, check them, print a report
  facts           list the facts stored in a database (--db FILE)
  findings        list the findings stored in a database (--db FILE)
  review          for editors: list, show, set, history, next (decisions kept in --db FILE)
  report          write the report of a database: text, md, html, json, csv, claimreview
  serve           review the findings of a database in the browser (--db FILE)
  editors         who may sign in to serve: add, list
  rules           for rule authors: lint, test, explain, list (rules/README.md)

Run 'claimcheck <command> --help' for a command's options.

exit status: 0 no findings at or above --fail-on, 1 such findings, 2 usage or input error
)";

}  // namespace

namespace cc::cli {
int UsageError(const std::string& cmd, const std::string& message) {
  std::cerr << "claimcheck: " << (cmd.empty() ? "" : cmd + ": ") << message << "\n"
            << "Try 'claimcheck " << (cmd.empty() ? "" : cmd + " ") << "--help'.\n";
  return 2;
}
int ParseOptions(const std::string& cmd, const boost::program_options::options_description& opts, const Args& args,
                 boost::program_options::variables_map& vm, std::vector<std::string>& positional) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&positional));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("positional", -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError(cmd, e.what());
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  return -1;
}

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) != 0; }
bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) != 0; }
bool ShowReportProgress(const std::string& output) {
  return StderrIsTerminal() && !((output.empty() || output == "-") && StdoutIsTerminal());
}
}  // namespace cc::cli

int main(int argc, char** argv) {
  using namespace cc::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version") {
    std::cout << "claimcheck " << CLAIMCHECK_VERSION << "\n";
    return 0;
  }
  static const std::map<std::string, int (*)(const Args&)> kCommands = {
      {"check", &RunCheck}, {"facts", &RunFacts}, {"findings", &RunFindings}, {"rules", &RunRules}, {"review", &RunReview}, {"report", &RunReport},
      {"serve", &RunServe}, {"editors", &RunEditors}};
  auto it = kCommands.find(cmd);
  if (it == kCommands.end()) return UsageError("", "unknown command '" + cmd + "'");
  Args args(argv + 2, argv + argc);
  try {
    return it->second(args);
  } catch (const cc::store::StoreError& e) {
    std::cerr << "claimcheck: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "claimcheck: " << e.what() << "\n";
    return 2;
  }
}
