// LiteralSet: which of a set of literal strings occur in a text, in one pass over its bytes
// (an Aho-Corasick automaton, made a full DFA). It answers what an RE2::Set of the literals
// (RE2::Options::set_literal, unanchored) answers, without RE2's per-search work: a DFA
// built lazily under a lock, a set of matches allocated per search. The extraction prefilter
// asks it for the atoms of every sentence. Immutable once made; safe to share between
// threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

class LiteralSet {
 public:
  // The literals' ids are their positions in `literals`. An empty literal is in every text.
  explicit LiteralSet(const std::vector<std::string>& literals);

  // The ids of the literals that occur in `text`, each once, ascending, into `ids`
  // (replacing what it held).
  void Match(std::string_view text, std::vector<int>& ids) const;

  size_t states() const { return rows_ / classes_; }

 private:
  // Transition table entries: the next state's row (its index times classes_), with kOutput
  // set when a literal ends there.
  static constexpr uint32_t kOutput = 1u << 31;
  std::vector<uint16_t> class_of_ = std::vector<uint16_t>(256, 0);  // byte -> column
  uint32_t classes_ = 1;  // column 0: the bytes of no literal
  uint32_t shift_ = 0;    // classes_ == 1 << shift_
  uint32_t rows_ = 0;     // states times classes_
  std::vector<uint32_t> next_;
  std::vector<uint32_t> out_begin_;  // per state: its literals, in out_ids_ (own and suffixes')
  std::vector<int> out_ids_;
  std::vector<int> always_;  // the empty literals
  size_t out_words_ = 0;     // 64-bit words for a bit per literal
};

}  // namespace cc
