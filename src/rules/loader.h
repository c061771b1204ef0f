// Loads rule packs from YAML into a validated, compiled RulePack. Every problem in every file
// is collected as a Diagnostic with file:line:col taken from the YAML node; when any error is
// found, no RulePack is returned and nothing runs.
//
// A rules directory is either one pack (a folder of *.yaml) or a folder of packs (rules/ with
// common/, id/, en/). Directories load in the order given, each one a layer; inside a layer
// `common` first, then the files in sorted order. A rule (extractor or check) whose id repeats
// one from an earlier layer overrides it (a user pack over the shipped ones); a repeat inside
// one layer is an error.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/rulepack.h"
#include "core/types.h"

namespace cc::rules {

struct LoadOptions {
  // Compile each language's extractors on first use rather than now (RulePack::deferred;
  // `any` extractors are compiled now). Their patterns are parsed and their groups checked
  // now; only a pattern too large to compile is found later, when its language is met.
  bool defer_languages = false;
  // Where Debian's iso-codes package is installed, for rule files that ask for ISO 3166 places
  // (`iso_3166:`): its tables under <share_dir>/iso-codes/json, its catalogs under
  // <share_dir>/locale. Empty: /usr/share.
  std::string share_dir;
};

Result<RulePack> LoadRules(const std::vector<std::string>& dirs, LoadOptions options = {});

// Everything that loaded, with every diagnostic: for `rules lint`, which goes on checking what
// it can after errors. The pack may be incomplete (rules with errors have no regex).
struct LoadOutcome {
  RulePack pack;
  std::vector<Diagnostic> diagnostics;
};
LoadOutcome LoadAll(const std::vector<std::string>& dirs, LoadOptions options = {});
LoadOutcome LoadAllFromString(const std::string& yaml, const std::string& file,
                              const std::string& pack = "test", LoadOptions options = {});

// Loads one YAML document given as text (for tests and fuzzing); `file` names it in messages.
Result<RulePack> LoadRulesFromString(const std::string& yaml, const std::string& file,
                                     const std::string& pack = "test", LoadOptions options = {});

// The roles a named group may take, and the fact types an extractor may produce.
const std::vector<std::string>& KnownRoles();
const std::vector<std::string>& KnownTypes();
// The fact fields an extractor example may expect (value, subject, unit, as_of, ...).
const std::vector<std::string>& ExampleFields();
// The lexicons the engine and the segmenter read by name (a pack need not reference them).
const std::set<std::string>& BuiltinLexicons();

}  // namespace cc::rules
