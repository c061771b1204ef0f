// The matching engine: turns an article's sentences into typed Facts using the compiled
// extractors of a RulePack. Per sentence, one RE2::Set per language says which extractors can
// match; only those run their own RE2 to get the named groups. Groups become fact fields
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

// Why a match did not become a fact (for `rules explain` and tests).
struct Drop {
  std::string rule;
  uint32_t sentence = 0;
  std::string text;    // the matched text
  std::string reason;  // "negative cue: ...", "no subject", "invalid date", "yields to ..."
};

class Engine {
 public:
  // Builds the per-language prefilter sets and lookup tables. The pack must outlive the
  // Engine. Fails only when RE2::Set cannot compile (memory budget).
  static Result<std::shared_ptr<const Engine>> Build(const RulePack& pack);

  // Every fact in the article, in sentence order then position. `dropped` collects matches
  // that were rejected, when given.
  std::vector<Fact> Extract(const Article& a, std::vector<Drop>* dropped = nullptr) const;

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
