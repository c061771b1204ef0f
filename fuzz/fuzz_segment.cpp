// Normalization and segmentation with the shipped packs' boilerplate and abbreviations:
// paragraphs and sentences lie inside the text, in order.
#include <string>

#include "fuzz/fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = cc::ingest::ReadBuffer("fuzz.txt", std::string(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  for (auto& a : r.value()) {
    cc::ingest::Segment(a, cc::fuzz::Shipped().segment);
    uint32_t last = 0;
    for (const auto& s : a.sentences) {
      CC_FUZZ_ASSERT(s.span.begin <= s.span.end && s.span.end <= a.text.size());
      CC_FUZZ_ASSERT(s.span.begin >= last);
      CC_FUZZ_ASSERT(s.paragraph < a.paragraphs.size());
      last = s.span.end;
    }
  }
  return 0;
}
