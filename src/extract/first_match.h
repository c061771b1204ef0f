// The first match of a pattern in a sentence, with its groups, as RE2 finds it unanchored, but
// without the reverse program RE2 compiles for that while the pattern is new (first_match.cpp
// says why). The engine finds every extractor and attribution match through it.
#pragma once

#include <re2/re2.h>

#include <atomic>
#include <cstdint>
#include <string_view>

namespace cc::extract {

// How many matches of a pattern FirstMatch finds forwards before leaving them to RE2's own
// unanchored search (and its reverse program).
inline constexpr uint32_t kForwardMatches = 64;
// How many bytes past the search's start FirstMatch tries a match from before it leaves that
// match to RE2: a try costs a few hundred instructions, a reverse program up to a few million.
inline constexpr size_t kForwardTries = 256;

// What re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n) returns and fills in.
// `matched` counts the pattern's matches found forwards (one counter per pattern, shared by
// threads; only how the match is found depends on it).
bool FirstMatch(const RE2& re, std::string_view text, size_t pos, re2::StringPiece* groups, int n,
                std::atomic<uint32_t>& matched);

}  // namespace cc::extract
