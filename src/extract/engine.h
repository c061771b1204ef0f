// The matching engine: turns an article's sentences into typed Facts using the compiled
// extractors of a RulePack. Per sentence, a prefilter of literal atoms (RE2 FilteredRE2) says
// which extractors can match; only those run their own RE2 to get the named groups. Groups become fact fields
// through their roles (subject, weekday, day, month, number, unit, place, ...), with lexicon
// lookups, number parsing, modality (hedge cues, attribution) and subject fallbacks.
// Pure: no I/O. An Engine is immutable after Build and safe to share between threads.
#pragma once

#include <re2/set.h>

#include <memory>
#include <string>
#include <vector>

#include "core/gazetteer.h"
#include "core/numbers.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::extract {

// One match of an extractor, and what became of it (for `rules explain` and tests).
struct Match {
  std::string rule;
  uint32_t sentence = 0;
  std::string text;  // the matched text
  std::vector<std::pair<std::string, std::string>> groups;  // "name (role)" -> captured text
  // "" when the match made a fact; else why it was dropped: "negative cue ...", "no subject
  // found ...", "invalid date", "yields to ...", "duplicate of ...". A match that made a fact
  // and was dropped afterwards appears twice, the second time with the reason.
  std::string reason;
};

// Runs of capitalized words, as the names of people, places and organizations are written:
// what the regex \p{Lu}[\p{L}\p{M}\p{N}'.-]*(?:\s+(?:bin |binti |van |de |al-)?\p{Lu}[...]*)*
// finds left to right, without its cost (it ran over every sentence; this is a byte loop).
std::vector<std::string_view> CapitalizedRuns(std::string_view text);

class Engine {
 public:
  // Builds the lookup tables. The pack must outlive the Engine. Each language's prefilter is
  // built on the first article in that language, after compiling its extractors when the pack
  // defers them (RulePack::deferred); Extract throws std::runtime_error if it cannot be (the
  // atoms' set over its memory budget, a pattern too large), which `check` reports and exits 2.
  static Result<std::shared_ptr<const Engine>> Build(const RulePack& pack);

  // Time spent so far building languages' prefilters, deferred compiling included (it is part
  // of the first article's extraction in each language).
  double prefilter_seconds() const;

  // Every fact in the article, in sentence order then position. `trace`, when given, gets
  // every match of every extractor and what became of it.
  std::vector<Fact> Extract(const Article& a, std::vector<Match>* trace = nullptr) const;

  const Gazetteer& gazetteer() const { return gaz_; }
  const RulePack& pack() const { return *pack_; }

  struct Impl;  // internal tables, defined in engine.cpp
  ~Engine();

 private:
  Engine() = default;
  const RulePack* pack_ = nullptr;
  Gazetteer gaz_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::extract
