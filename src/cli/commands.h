// Subcommands of the claimcheck binary. Each parses its own options (Boost.Program_options),
// prints its own --help, and returns the process exit status: 0 ok, 1 findings at or above
// --fail-on (check), 2 usage or input error.
#pragma once

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

namespace cc::store {
class Store;
}

namespace cc::cli {

using Args = std::vector<std::string>;  // arguments after the subcommand name

int RunCheck(const Args& args);
int RunFacts(const Args& args);
int RunFindings(const Args& args);
int RunRules(const Args& args);  // lint, test, explain, list
int RunReview(const Args& args);  // list, show, set, history, next
int RunReport(const Args& args);
int RunServe(const Args& args);    // review in the browser
int RunEditors(const Args& args);  // add, list: who may sign in to serve

// Parses `args` against `opts` (which should have "help,h") with every bare argument collected
// into `positional`. Returns -1 to go on; otherwise the exit status to return: 0 after printing
// --help, 2 after a usage error.
int ParseOptions(const std::string& cmd, const boost::program_options::options_description& opts, const Args& args,
                 boost::program_options::variables_map& vm, std::vector<std::string>& positional);

// Opens an existing database for the reading commands (facts, findings, review, report);
// nullptr after saying why (no --db, no such file).
std::unique_ptr<store::Store> OpenExisting(const std::string& cmd, const std::string& db);

// A usage error: printed as "claimcheck: <cmd>: <message>" with a pointer to --help.
int UsageError(const std::string& cmd, const std::string& message);
bool StdoutIsTerminal();
bool StderrIsTerminal();
// Running counts on stderr for a report written to `output` ("" or "-": stdout): when stderr
// is a terminal the report is not being written to.
bool ShowReportProgress(const std::string& output);

}  // namespace cc::cli
