// The rules a run uses: the rule packs loaded (the shipped ones, then any the user adds), the
// extraction engine, the checks and the segmenter's configuration built from them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/check.h"
#include "core/rulepack.h"
#include "core/types.h"
#include "extract/engine.h"
#include "ingest/ingest.h"

namespace cc::pipeline {

// Where the shipped rule packs are: $CLAIMCHECK_RULES, then <prefix>/share/claimcheck/rules
// beside the binary, then the source tree the binary was built from.
std::string DefaultRulesDir();

struct Rules {
  std::unique_ptr<RulePack> pack;
  std::shared_ptr<const extract::Engine> engine;
  std::vector<std::unique_ptr<check::Check>> checks;
  ingest::SegmentConfig segment;
  std::string fingerprint;  // a hash of every rule file's content (RulesFingerprint)
};
// Loads the default rules (unless `no_defaults`) and then each of `extra` over them.
Result<Rules> LoadRules(const std::vector<std::string>& extra, bool no_defaults);

// A hash of every rule file's content: findings made under other rules are re-made whole.
std::string RulesFingerprint(const RulePack& pack);

}  // namespace cc::pipeline
