// Loads rule packs from YAML into a validated, compiled RulePack. Every problem in every file
// is collected as a Diagnostic with file:line:col taken from the YAML node; when any error is
// found, no RulePack is returned and nothing runs.
//
// A rules directory is either one pack (a folder of *.yaml) or a folder of packs (rules/ with
// common/, id/, en/). Packs load in the order given, files in sorted order. A rule (extractor
// or check) whose id repeats one from an earlier pack overrides it; a repeat inside one pack
// is an error.
#pragma once

#include <string>
#include <vector>

#include "core/rulepack.h"
#include "core/types.h"

namespace cc::rules {

Result<RulePack> LoadRules(const std::vector<std::string>& dirs);

// Loads one YAML document given as text (for tests and fuzzing); `file` names it in messages.
Result<RulePack> LoadRulesFromString(const std::string& yaml, const std::string& file,
                                     const std::string& pack = "test");

// The roles a named group may take, and the fact types an extractor may produce.
const std::vector<std::string>& KnownRoles();
const std::vector<std::string>& KnownTypes();

}  // namespace cc::rules
