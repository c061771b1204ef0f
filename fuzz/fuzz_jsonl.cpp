// The JSONL reader: per-line errors, articles with their text.
#include <string>

#include "fuzz/fuzz_common.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = cc::ingest::ReadBuffer("fuzz.jsonl", std::string(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  for (const auto& a : r.value()) CC_FUZZ_ASSERT(a.origin.size() == a.text.size() + 1);
  return 0;
}
