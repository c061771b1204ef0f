#include "core/hash.h"

#include <fmt/format.h>

namespace cc {

uint64_t Fnv1a64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Hasher& Hasher::Add(std::string_view part) {
  h_ = Fnv1a64(part, h_);
  h_ = Fnv1a64("\xff", h_);
  return *this;
}

Hasher& Hasher::Add(uint64_t n) { return Add(fmt::format("{}", n)); }

std::string Hasher::Hex() const { return fmt::format("{:016x}", h_); }

}  // namespace cc
