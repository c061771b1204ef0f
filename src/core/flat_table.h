// FlatTable: a hash table for the hot look-ups (the stopwords of language detection, the
// extraction prefilter's memo). Open addressing over a power of two of slots, at most half
// full, linear probing; each slot keeps its key's hash, so a look-up reads one slot and compares
// keys only when the hashes are equal: no division to pick a bucket and no node to follow, where
// std::unordered_map has both. With `max_entries`, it is a memo: adding a key when that many
// are held forgets them all first, and the slots keep their memory for the next ones (a
// power of two wastes none: the slots are then twice max_entries).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

namespace cc {

// `Hash` maps a key (and any type `Find` and `Insert` are given instead, such as a
// std::string_view for std::string keys) to 64 bits whose low bits vary: they pick the slot.
// `Equal` compares a held key with a given one.
template <typename Key, typename Value, typename Hash, typename Equal = std::equal_to<>>
class FlatTable {
 public:
  explicit FlatTable(size_t max_entries = std::numeric_limits<size_t>::max(), Hash hash = {}, Equal equal = {})
      : max_entries_(max_entries), hash_(std::move(hash)), equal_(std::move(equal)) {}

  // The value of `key`, or null. Valid until the next Insert or Clear.
  template <typename K>
  const Value* Find(const K& key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = Tag(hash_(key));
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.hash) return nullptr;
      if (s.hash == h && equal_(s.key, key)) return &s.value;
    }
  }
  template <typename K>
  Value* Find(const K& key) {
    return const_cast<Value*>(std::as_const(*this).Find(key));
  }

  // The value of `key`, and whether it was added now: a new entry's value is empty (Value{},
  // or a container cleared, its memory kept). Valid until the next Insert or Clear.
  template <typename K>
  std::pair<Value*, bool> Insert(const K& key) {
    const uint64_t h = Tag(hash_(key));
    if (!slots_.empty()) {
      const size_t mask = slots_.size() - 1;
      for (size_t i = h & mask; slots_[i].hash; i = (i + 1) & mask)
        if (slots_[i].hash == h && equal_(slots_[i].key, key)) return {&slots_[i].value, false};
    }
    if (size_ >= max_entries_) Clear();
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Slot& s = Free(h);
    s.hash = h;
    s.key = key;
    if constexpr (requires(Value& v) { v.clear(); })
      s.value.clear();
    else
      s.value = Value{};
    ++size_;
    return {&s.value, true};
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Forgets every entry; the slots keep their memory.
  void Clear() {
    for (Slot& s : slots_) s.hash = 0;
    size_ = 0;
  }

  // Calls fn(key, value) for every entry, in no set order.
  template <typename Fn>
  void ForEach(const Fn& fn) const {
    for (const Slot& s : slots_)
      if (s.hash) fn(s.key, s.value);
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // Tag()ged: 0 marks a free slot
    Key key{};
    Value value{};
  };

  // The top bit set: a hash is never 0. The low bits, which pick the slot, are the hash's own.
  static uint64_t Tag(uint64_t h) { return h | (uint64_t{1} << 63); }

  Slot& Free(uint64_t h) {
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i].hash) i = (i + 1) & mask;
    return slots_[i];
  }

  // Doubles the slots (at least 64).
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    for (Slot& s : old)
      if (s.hash) Free(s.hash) = std::move(s);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t max_entries_;
  Hash hash_;
  Equal equal_;
};

}  // namespace cc
