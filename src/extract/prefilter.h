// Internal to src/extract: which extractors can match a sentence, from the literal strings
// ("atoms") their patterns cannot match without. The rule loader compiles the extractors inside
// RE2 FilteredRE2s, which work the atoms out (RulePack::filters); one LiteralSet (an
// Aho-Corasick automaton, shared by the threads) finds them in the lowercased sentence, and
// only the extractors whose atoms are there (or that have none) run their own regex. Every
// candidate set holds every extractor that matches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/literal_set.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::extract {

class Prefilter {
 public:
  // `filters`: those of the extractors that can run on the language. `always`: extractors
  // with a pattern that no filter holds, candidates in every sentence. `direct`: literals
  // that make an extractor a candidate on their own (a frame's triggers). Fails when the atoms
  // are too many for one set.
  std::optional<Diagnostic> Build(const std::vector<const RulePack::PatternFilter*>& filters, std::vector<size_t> always,
                                  const std::string& lang, const std::vector<std::pair<std::string, size_t>>& direct);

  // Extractor indices that may match `sentence`, ascending.
  void Candidates(std::string_view sentence, std::vector<size_t>& out) const;

 private:
  struct Chunk {
    const RulePack::PatternFilter* pf;
  };
  struct AtomUse {  // an atom of the set is this atom of this chunk's filter (kDirect: extractor `atom`)
    uint32_t chunk;
    int atom;
  };
  static constexpr uint32_t kDirect = UINT32_MAX;
  std::vector<Chunk> chunks_;
  std::vector<std::vector<AtomUse>> atom_uses_;  // per atom of the set
  uint64_t generation_ = 0;                      // of the last Build: tells the threads' memos apart
  std::vector<size_t> always_;
  std::unique_ptr<LiteralSet> atoms_;
  std::vector<std::string> atom_list_;
};

}  // namespace cc::extract
