// Helpers shared by the tests: the shipped rules loaded once, extraction of a text we write,
// running the claimcheck binary, temporary directories.
#pragma once

#include <string>
#include <vector>

#include "pipeline/article.h"
#include "pipeline/rules.h"
#include "core/types.h"

namespace cc::test {

const pipeline::Rules& ShippedRules();

// An article made from `text` (as a .txt body without header) and its facts.
struct Extracted {
  Article article;
  std::vector<Fact> facts;
  std::vector<const Fact*> With(const std::string& predicate) const;
};
Extracted ExtractText(const std::string& text, const std::string& lang, const pipeline::Rules& rules = ShippedRules());
// The same for an article published on `published` (YYYY-MM-DD).
Extracted ExtractPublished(const std::string& text, const std::string& lang, const std::string& published);

struct RunResult {
  int status = -1;
  std::string out, err;
};
// Runs the claimcheck binary with `args` (no shell; arguments passed as is).
RunResult Run(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
// The same without waiting: Start, poll with Running, collect with Wait.
struct Started {
  int pid = -1;
  int status = -1;  // once it has ended
  std::string out_path, err_path;
};
Started Start(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
bool Running(Started& s);
RunResult Wait(Started s);
// Another program (argv[0] a path), standard input from /dev/null.
Started StartProgram(const std::vector<std::string>& argv);
// The claimcheck binary with `input` on its standard input.
RunResult RunWithInput(const std::vector<std::string>& args, const std::string& input);

// A bad-input run: exit 2, nothing on stdout, one "claimcheck: ..." message mentioning `what`.
void ExpectInputError(const RunResult& r, const std::string& what);

// A fresh empty directory under the build tree, removed at exit of the test process.
std::string TempDir(const std::string& name);
void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

// ../shared beside the project, or "" when absent (tests skip; with CI=true they fail).
std::string SharedDir();

}  // namespace cc::test
