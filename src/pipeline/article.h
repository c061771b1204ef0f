// One article through the pure stages: normalize, segment, extract, resolve.
#pragma once

#include <vector>

#include "core/types.h"
#include "pipeline/rules.h"

namespace cc::pipeline {

// Normalizes (if it was read with Normalized::kLater), segments, extracts and resolves one
// article.
std::vector<Fact> ProcessArticle(Article& a, const Rules& rules);

}  // namespace cc::pipeline
