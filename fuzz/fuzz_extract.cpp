// Extraction and resolution over arbitrary text with the shipped rules. The span invariant is
// the oracle: the original bytes at every fact's span are its text, inside the article.
#include <string>

#include "fuzz/fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = cc::ingest::ReadBuffer("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  for (auto& a : r.value()) {
    auto facts = cc::pipeline::ProcessArticle(a, cc::fuzz::Shipped());
    for (const auto& f : facts) {
      CC_FUZZ_ASSERT(f.span.begin <= f.span.end && f.span.end <= a.raw.size());
      CC_FUZZ_ASSERT(a.raw.compare(f.span.begin, f.span.size(), f.text) == 0);
      CC_FUZZ_ASSERT(!f.predicate.empty() && !f.value.empty());
    }
  }
  return 0;
}
