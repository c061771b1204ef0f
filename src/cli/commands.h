// Subcommands of the claimcheck binary. Each parses its own options (Boost.Program_options),
// prints its own --help, and returns the process exit status: 0 ok, 1 findings at or above
// --fail-on (check), 2 usage or input error.
#pragma once

#include <string>
#include <vector>

namespace cc::cli {

using Args = std::vector<std::string>;  // arguments after the subcommand name

int RunCheck(const Args& args);
int RunFacts(const Args& args);
int RunFindings(const Args& args);
int RunRules(const Args& args);  // lint, test, explain, list
int RunReview(const Args& args);  // list, show, set, history, next
int RunReport(const Args& args);

// A usage error: printed as "claimcheck: <cmd>: <message>" with a pointer to --help.
int UsageError(const std::string& cmd, const std::string& message);
bool StdoutIsTerminal();
bool StderrIsTerminal();

}  // namespace cc::cli
