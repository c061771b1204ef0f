// Eight bytes at a time in one 64-bit word ("SIMD within a register"), for the scans that
// touch every byte of the news: UTF-8 validation, lowercasing, normalizing, the paragraph
// hash, sentence ends and the words of language detection. Each mask below is exact: a flag
// is set for a byte only when that byte has the property, and no sum carries from one byte
// into the next. The tests of each scan put every case at every offset of the eight-byte
// steps.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cc::swar {

inline constexpr uint64_t kOnes = 0x0101010101010101ULL;  // 0x01 in every byte
inline constexpr uint64_t kHigh = 0x8080808080808080ULL;  // every byte's high bit
inline constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;  // every byte's low seven bits

// The eight bytes at p, the first in the lowest byte whatever the machine's byte order.
inline uint64_t Load(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return x;
}

// Stores x at p as Load read it.
inline void Store(char* p, uint64_t x) {
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  std::memcpy(p, &x, 8);
}

// The high bit of each byte of x equal to c.
inline uint64_t Equal(uint64_t x, unsigned char c) {
  const uint64_t y = x ^ (kOnes * c);
  return ~(((y & kLow7) + kLow7) | y | kLow7);
}

// The high bit of each byte of x from lo to hi (both below 0x80).
inline uint64_t InRange(uint64_t x, unsigned char lo, unsigned char hi) {
  const uint64_t low7 = x & kLow7;
  return (low7 + kOnes * (0x80 - lo)) & ~(low7 + kOnes * (0x7F - hi)) & ~x & kHigh;
}

// The same for x with no byte from 0x80 up (plain ASCII): two operations fewer.
inline uint64_t InRangeAscii(uint64_t x, unsigned char lo, unsigned char hi) {
  return (x + kOnes * (0x80 - lo)) & ~(x + kOnes * (0x7F - hi)) & kHigh;
}

// Nonzero when some byte of x is below c (c at most 0x80); which bytes, it does not say.
inline uint64_t AnyBelow(uint64_t x, unsigned char c) { return (x - kOnes * c) & ~x & kHigh; }

// The first byte (0 to 7) whose high bit `mask` has.
inline size_t First(uint64_t mask) { return static_cast<size_t>(std::countr_zero(mask)) / 8; }

}  // namespace cc::swar
