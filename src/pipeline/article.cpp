#include "pipeline/article.h"

#include "resolve/resolve.h"

namespace cc::pipeline {

std::vector<Fact> ProcessArticle(Article& a, const Rules& rules) {
  if (a.origin.empty()) ingest::Normalize(a, a.body_begin);  // read with Normalized::kLater
  ingest::Segment(a, rules.segment);
  auto facts = rules.engine->Extract(a);
  if (a.published.empty()) a.published = resolve::DetectPublished(facts);  // stored and reported
  resolve::Resolve(a, facts);
  return facts;
}

}  // namespace cc::pipeline
