// Shared by the fuzz targets: the shipped rules, loaded once.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "cli/pipeline.h"

namespace cc::fuzz {

inline const cli::Rules& Shipped() {
  static const cli::Rules* rules = [] {
    auto r = cli::LoadRules({}, false);
    if (!r.ok()) {
      for (const auto& d : r.diagnostics()) std::fprintf(stderr, "%s\n", d.Format().c_str());
      std::abort();
    }
    return new cli::Rules(std::move(r.value()));
  }();
  return *rules;
}

// A violated invariant is a crash the fuzzer keeps.
#define CC_FUZZ_ASSERT(cond)                                                   \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                            \
    }                                                                          \
  } while (0)

}  // namespace cc::fuzz
