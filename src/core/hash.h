// Stable content hashes for ids (articles, facts, findings). Not cryptographic: 64-bit
// FNV-1a, printed as 16 lowercase hex digits. Stable across platforms and runs.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cc {

// Inline: segmentation hashes every word it looks up and every paragraph, word by word.
inline uint64_t Fnv1a64(std::string_view data, uint64_t seed = 14695981039346656037ULL) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// A hash of a short run of ints, for a FlatTable keyed by one (the extraction prefilter's memo:
// the atoms a sentence has). Its low bits vary.
inline uint64_t HashInts(std::span<const int> v) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ v.size();
  for (int x : v) h = (h ^ static_cast<uint32_t>(x)) * 0xFF51AFD7ED558CCDULL;
  return h ^ (h >> 29);
}

// Hashes the parts with a separator that cannot occur in UTF-8 text (0xFF), so that
// ("ab","c") and ("a","bc") differ.
class Hasher {
 public:
  Hasher& Add(std::string_view part);
  Hasher& Add(uint64_t n);
  std::string Hex() const;  // 16 hex digits
  uint64_t Value() const { return h_; }

 private:
  uint64_t h_ = 14695981039346656037ULL;
};

}  // namespace cc
