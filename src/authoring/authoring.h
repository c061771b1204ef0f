// Tools for rule authors, behind `claimcheck rules ...`: lint a pack, run its inline examples,
// explain what the engine does with a text, list what is loaded. They read rule packs through
// src/rules and run them through the same pipeline `check` uses (src/pipeline), so an example
// that passes here behaves the same in a real run.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/article.h"
#include "pipeline/rules.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::authoring {

// ---- lint -------------------------------------------------------------------------------
// Problems the loader cannot see rule by rule: a pattern that can match the empty string, a
// lexicon nothing uses, a check whose predicate no extractor produces, a stable rule without
// positive and negative examples, an experimental one with none.
std::vector<Diagnostic> Lint(const RulePack& pack);

// A short "how to fix it" for a diagnostic code, "" when there is none.
std::string_view Hint(std::string_view code);

// Prints diagnostics like a compiler: the location line, the source line with a caret under
// the column, the hint. `color` adds ANSI colours.
void PrintDiagnostics(std::ostream& out, const std::vector<Diagnostic>& diags, bool color);
// The same as a JSON document: {"diagnostics": [...], "errors": N, "warnings": N}.
std::string DiagnosticsJson(const std::vector<Diagnostic>& diags);

// ---- test -------------------------------------------------------------------------------
struct ExampleResult {
  std::string rule;
  SourceLoc loc;        // the example in its rule file
  bool passed = false;
  std::string what;     // the example: its text, or its facts in one line
  std::string expected; // "value=321 unit=people", "no fact of this rule", "a finding (error)"
  std::string got;      // what the engine made, one item per line
};
// Runs every extractor example (text -> facts of that rule with the expected fields, or none)
// and every check example (facts -> a finding of that check, or none). `only` limits the run
// to rules defined in files under those paths ("" = all).
std::vector<ExampleResult> RunExamples(const pipeline::Rules& rules, const std::vector<std::string>& only);

// True when `file` is one of `roots` or lies under one (all files when `roots` is empty): which
// rules a `rules lint|test PATH...` run reports on.
bool UnderAny(const std::string& file, const std::vector<std::string>& roots);

// A fact field by name, as written in examples (rules::ExampleFields): value, subject, unit, ...
std::string FactField(const Fact& f, const std::string& field);

// ---- explain ----------------------------------------------------------------------------
// Runs one article through segmentation, extraction and resolution and writes, per sentence,
// which extractors matched, the groups they captured, the facts made (normalized) and what was
// dropped and why; then the lines dropped as boilerplate or repeats.
void Explain(std::ostream& out, Article& article, const pipeline::Rules& rules);

// ---- list -------------------------------------------------------------------------------
// Packs, rules, status, languages and example counts, as a table.
void List(std::ostream& out, const RulePack& pack);

}  // namespace cc::authoring
