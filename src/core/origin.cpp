#include <algorithm>

#include "core/types.h"

namespace cc {

void OriginMap::Append(Span s) {
  if (s.end == s.begin + 1) {
    AppendCopy(s.begin, 1);
    return;
  }
  if (runs_.empty() || runs_.back().end != s.end || runs_.back().begin != s.begin) runs_.push_back({size_, s.begin, s.end});
  ++size_;
}

void OriginMap::AppendCopy(uint32_t from, uint32_t n) {
  if (n == 0) return;
  const bool extends = !runs_.empty() && runs_.back().end == kCopied && runs_.back().begin + (size_ - runs_.back().at) == from;
  if (!extends) runs_.push_back({size_, from, kCopied});
  size_ += n;
}

void OriginMap::PopBack() {
  --size_;
  if (runs_.back().at == size_) runs_.pop_back();
}

void OriginMap::Clear() {
  runs_.clear();
  size_ = 0;
}

void OriginMap::Release() {
  std::vector<Run>().swap(runs_);
  size_ = 0;
}

Span OriginMap::operator[](uint32_t i) const {
  // The last run that starts at or before i.
  auto it = std::upper_bound(runs_.begin(), runs_.end(), i, [](uint32_t v, const Run& r) { return v < r.at; });
  const Run& r = *(it - 1);
  if (r.end != kCopied) return {r.begin, r.end};
  const uint32_t b = r.begin + (i - r.at);
  return {b, b + 1};
}

}  // namespace cc
