// The rule-pack loader on arbitrary bytes: every input loads or gives diagnostics.
#include <string>

#include "rules/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string yaml(reinterpret_cast<const char*>(data), size);
  auto out = cc::rules::LoadAllFromString(yaml, "fuzz.yaml");
  for (const auto& d : out.diagnostics) (void)d.Format();
  return 0;
}
