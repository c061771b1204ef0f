#include "core/literal_set.h"

#include <algorithm>
#include <stdexcept>

namespace cc {

LiteralSet::LiteralSet(const std::vector<std::string>& literals) {
  for (const auto& l : literals)
    for (unsigned char c : l)
      if (!class_of_[c]) class_of_[c] = static_cast<uint16_t>(classes_++);
  // A power of two, so that a row's state is a shift away (the unused columns are never read).
  while (classes_ & (classes_ - 1)) ++classes_;
  while (uint32_t{1} << shift_ < classes_) ++shift_;
  // The trie of the literals: child[state * classes_ + column], kNone where it has no edge.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> child(classes_, kNone);
  std::vector<std::vector<int>> own(1);  // per state: the literals that end there
  for (size_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty()) {
      always_.push_back(static_cast<int>(i));
      continue;
    }
    uint32_t s = 0;
    for (unsigned char c : literals[i]) {
      const size_t edge = size_t{s} * classes_ + class_of_[c];
      if (child[edge] == kNone) {
        child[edge] = static_cast<uint32_t>(own.size());
        own.emplace_back();
        child.resize(own.size() * classes_, kNone);
      }
      s = child[edge];
    }
    own[s].push_back(static_cast<int>(i));
  }
  const size_t states = own.size();
  if (states * classes_ >= kOutput) throw std::length_error("too many literals for one LiteralSet");
  rows_ = static_cast<uint32_t>(states * classes_);
  // Breadth first, so that a state's longest proper suffix in the trie (`fail`, shallower) has
  // its row and its literals complete before the state: where the trie has no edge, the DFA
  // goes where the suffix goes, and a state ends the literals that its suffix ends too.
  std::vector<uint32_t> fail(states, 0), order;
  std::vector<uint32_t> next(rows_, 0);  // states, not yet rows
  std::vector<std::vector<int>> out(states);
  order.reserve(states);
  for (uint32_t c = 0; c < classes_; ++c)
    if (child[c] != kNone) {
      next[c] = child[c];
      order.push_back(child[c]);
    }
  for (size_t q = 0; q < order.size(); ++q) {
    const uint32_t u = order[q];
    out[u] = own[u];
    out[u].insert(out[u].end(), out[fail[u]].begin(), out[fail[u]].end());
    for (uint32_t c = 0; c < classes_; ++c) {
      const uint32_t t = child[size_t{u} * classes_ + c], via = next[size_t{fail[u]} * classes_ + c];
      if (t == kNone) {
        next[size_t{u} * classes_ + c] = via;
      } else {
        fail[t] = via;
        next[size_t{u} * classes_ + c] = t;
        order.push_back(t);
      }
    }
  }
  out_begin_.reserve(states + 1);
  for (size_t s = 0; s < states; ++s) {
    out_begin_.push_back(static_cast<uint32_t>(out_ids_.size()));
    out_ids_.insert(out_ids_.end(), out[s].begin(), out[s].end());
  }
  out_begin_.push_back(static_cast<uint32_t>(out_ids_.size()));
  out_words_ = (literals.size() + 63) / 64;
  next_.resize(rows_);
  for (size_t e = 0; e < rows_; ++e) {
    const uint32_t t = next[e];
    next_[e] = t * classes_ | (out[t].empty() ? 0 : kOutput);
  }
}

void LiteralSet::Match(std::string_view text, std::vector<int>& ids) const {
  ids.assign(always_.begin(), always_.end());
  // First the rows where a literal ends, without a branch (spaces and digits end literals at
  // unpredictable places), then their literals.
  thread_local std::vector<uint32_t> hits;
  if (hits.size() < text.size()) hits.resize(text.size());
  uint32_t* hit = hits.data();
  size_t n = 0;
  const uint32_t* next = next_.data();
  const uint16_t* column = class_of_.data();
  uint32_t row = 0;
  for (unsigned char c : text) {
    const uint32_t e = next[row + column[c]];
    row = e & ~kOutput;
    hit[n] = row;
    n += e >> 31;
  }
  // A literal is taken at its first end only: this thread's bit per id, cleared again for
  // the ids taken.
  thread_local std::vector<uint64_t> taken;
  if (taken.size() < out_words_) taken.resize(out_words_);
  uint64_t* bits = taken.data();
  for (size_t h = 0; h < n; ++h) {
    const uint32_t s = hit[h] >> shift_;
    for (uint32_t k = out_begin_[s]; k < out_begin_[s + 1]; ++k) {
      const auto id = static_cast<uint32_t>(out_ids_[k]);
      uint64_t& word = bits[id >> 6];
      const uint64_t bit = uint64_t{1} << (id & 63);
      if (word & bit) continue;
      word |= bit;
      ids.push_back(static_cast<int>(id));
    }
  }
  for (size_t k = always_.size(); k < ids.size(); ++k) bits[static_cast<uint32_t>(ids[k]) >> 6] = 0;
  if (ids.size() > 1) std::sort(ids.begin(), ids.end());
}

}  // namespace cc
