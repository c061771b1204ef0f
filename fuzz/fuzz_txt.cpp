// The .txt reader (header block, UTF-8 checks, normalization with its byte map).
#include <string>

#include "fuzz/fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = cc::ingest::ReadBuffer("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  for (const auto& a : r.value()) {
    CC_FUZZ_ASSERT(a.origin.size() == a.text.size() + 1);  // one entry per byte, and the end
    for (uint32_t i = 0; i < a.origin.size(); ++i) {
      const cc::Span o = a.origin[i];
      CC_FUZZ_ASSERT(o.begin <= o.end && o.end <= a.raw.size());
    }
  }
  return 0;
}
