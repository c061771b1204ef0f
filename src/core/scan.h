// Named scans over text, eight bytes at a time where they can be (the masks of swar.h), for the
// loops that touch every byte of the news: normalizing, sentence ends, language detection,
// UTF-8 validation. Each returns what a byte-at-a-time loop would; the tests compare them
// with one at every offset of the eight-byte steps (tests/unit/scan_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/swar.h"

namespace cc {

// The first byte of s[from, n) with its high bit set (not ASCII), or n = s.size().
inline size_t SkipAscii(std::string_view s, size_t from) {
  const size_t n = s.size();
  size_t i = from;
  while (i + 8 <= n && !(swar::Load(s.data() + i) & swar::kHigh)) i += 8;
  while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// The first of s[from, to) that is a, b or c; `to` when there is none.
inline size_t FindAnyOf(std::string_view s, size_t from, size_t to, char a, char b, char c) {
  size_t i = from;
  for (; i + 8 <= to; i += 8) {
    const uint64_t x = swar::Load(s.data() + i);
    if (uint64_t hit = swar::Equal(x, static_cast<unsigned char>(a)) | swar::Equal(x, static_cast<unsigned char>(b)) |
                       swar::Equal(x, static_cast<unsigned char>(c)))
      return i + swar::First(hit);
  }
  while (i < to && s[i] != a && s[i] != b && s[i] != c) ++i;
  return i;
}

// The first byte of s[from, n) that is not an ASCII letter, or n = s.size().
inline size_t SkipAsciiLetters(std::string_view s, size_t from) {
  const size_t n = s.size();
  size_t i = from;
  // A byte with 0x20 set is from 'a' to 'z' exactly when it was a letter of either case.
  for (; i + 8 <= n; i += 8) {
    if (uint64_t other = ~swar::InRange(swar::Load(s.data() + i) | swar::kOnes * 0x20, 'a', 'z') & swar::kHigh)
      return i + swar::First(other);
  }
  auto letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  while (i < n && letter(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// A word of up to 7 bytes as one integer: its bytes from the lowest up (as swar::Load reads
// them) and its length in the highest byte, so that a word of a byte or more is never 0.
inline uint64_t PackShortWord(std::string_view word) {
  uint64_t key = uint64_t{word.size()} << 56;
  for (size_t k = 0; k < word.size(); ++k) key |= uint64_t{static_cast<unsigned char>(word[k])} << (8 * k);
  return key;
}

// PackShortWord of the ASCII letters p[0, len) lowercased (len from 1 to 7; eight bytes
// readable at p); `capitals` tells whether every one of them was a capital.
inline uint64_t PackShortWordLower(const char* p, size_t len, bool& capitals) {
  constexpr uint64_t kCase = swar::kOnes * 0x20;  // what a lower case letter has and a capital lacks
  const uint64_t x = swar::Load(p);
  const uint64_t mask = (uint64_t{1} << (8 * len)) - 1;
  capitals = !(x & mask & kCase);
  return ((x | kCase) & mask) | uint64_t{len} << 56;
}

// Where the run of text from s[from] ends that a normalizer copies as it is: printable ASCII
// other than '`', where no space follows a space (nor, at `from`, the byte `prev` before it when
// that is a space or a newline), and where the byte after each one is ASCII too (no combining
// mark joins it). `from` itself when s[from] is not such a byte.
inline size_t PlainAsciiRun(std::string_view s, size_t from, char prev) {
  const size_t n = s.size();
  const char* r = s.data();
  size_t j = from;
  while (j < n) {
    // Eight such bytes at a time when the byte after them is ASCII too; else one.
    if (j + 8 < n && static_cast<unsigned char>(r[j + 8]) < 0x80) {
      const uint64_t x = swar::Load(r + j);
      const uint64_t spaces = swar::Equal(x, ' ');
      if (swar::InRange(x, 0x20, 0x7E) == swar::kHigh && !swar::Equal(x, '`') && !(spaces & (spaces << 8)) &&
          !(r[j] == ' ' && (prev == ' ' || prev == '\n'))) {
        prev = r[j + 7];
        j += 8;
        continue;
      }
    }
    auto b = static_cast<unsigned char>(r[j]);
    bool copied = (b > 0x20 && b < 0x7f && b != '`') || (b == ' ' && prev != ' ' && prev != '\n');
    if (!copied || (j + 1 < n && static_cast<unsigned char>(r[j + 1]) >= 0x80)) break;
    prev = static_cast<char>(b);
    ++j;
  }
  return j;
}

}  // namespace cc
