// Shared by the fuzz targets: the shipped rules, loaded once.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "pipeline/article.h"
#include "pipeline/rules.h"

namespace cc::fuzz {

inline const pipeline::Rules& Shipped() {
  static const pipeline::Rules* rules = [] {
    auto r = pipeline::LoadRules({}, false);
    if (!r.ok()) {
      for (const auto& d : r.diagnostics()) std::fprintf(stderr, "%s\n", d.Format().c_str());
      std::abort();
    }
    return new pipeline::Rules(std::move(r.value()));
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
