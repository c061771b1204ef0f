#include "extract/first_match.h"

#include <algorithm>

namespace cc::extract {

// RE2 finds where an unanchored match starts by running the pattern backwards from where the
// match ends, with a reverse program that it compiles at the pattern's first match (up to a
// millisecond for a large pattern). So a pattern's first kForwardMatches matches are found
// forwards: the DFA says whether the text has a match at all, then anchored matches are tried
// at each start from `pos`; the first start that matches is where the leftmost match starts,
// and there RE2 finds the same match and groups as unanchored. A pattern that keeps matching
// is better off with its reverse program, and a match far into a long sentence is left to RE2
// (kForwardTries). The measurements behind both bounds are in bench/RESULTS.md.
bool FirstMatch(const RE2& re, std::string_view text, size_t pos, re2::StringPiece* groups, int n,
                std::atomic<uint32_t>& matched) {
  if (matched.load(std::memory_order_relaxed) >= kForwardMatches)
    return re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n);
  if (!re.Match(text, pos, text.size(), RE2::UNANCHORED, nullptr, 0)) return false;
  matched.fetch_add(1, std::memory_order_relaxed);
  // Tried without groups first: a failed try is then the DFA's alone (asked for groups, RE2
  // may go straight to the slower engines that fill them, over the rest of the text). A match
  // that starts further in than kForwardTries bytes (a long sentence) is left to RE2: the
  // tries would cost more than the reverse program.
  const size_t last = std::min(text.size(), pos + kForwardTries);
  for (size_t start = pos; start <= last; ++start)
    if (re.Match(text, start, text.size(), RE2::ANCHOR_START, nullptr, 0))
      return re.Match(text, start, text.size(), RE2::ANCHOR_START, groups, n);
  return re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n);
}

}  // namespace cc::extract
