#include "core/hash.h"

#include <fmt/format.h>

namespace cc {

Hasher& Hasher::Add(std::string_view part) {
  h_ = Fnv1a64(part, h_);
  h_ = Fnv1a64("\xff", h_);
  return *this;
}

Hasher& Hasher::Add(uint64_t n) { return Add(fmt::format("{}", n)); }

std::string Hasher::Hex() const { return fmt::format("{:016x}", h_); }

}  // namespace cc
