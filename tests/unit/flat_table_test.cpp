// core/flat_table.h: the open-addressing table behind the stopwords and the prefilter's memo,
// checked against std::unordered_map and as a memo that forgets past its size.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/flat_table.h"
#include "core/hash.h"

using namespace cc;

namespace {
struct WordHash {
  uint64_t operator()(std::string_view w) const { return Fnv1a64(w); }
};
// A hash with few distinct values: every look-up probes past other keys.
struct PoorHash {
  uint64_t operator()(uint64_t k) const { return k % 3; }
};
struct IntsHash {
  uint64_t operator()(const std::vector<int>& v) const { return HashInts(v); }
};
}  // namespace

TEST_CASE("FlatTable finds what was inserted, as std::unordered_map does", "[flat_table]") {
  std::mt19937_64 rng(7);
  FlatTable<uint64_t, uint64_t, PoorHash> poor;
  FlatTable<std::string, uint64_t, WordHash> words;
  std::unordered_map<uint64_t, uint64_t> want;
  std::unordered_map<std::string, uint64_t> want_words;
  for (int i = 0; i < 5000; ++i) {
    uint64_t k = rng() % 700;
    uint64_t bit = uint64_t{1} << (rng() % 64);
    auto [v, added] = poor.Insert(k);
    CHECK(added == !want.count(k));
    *v |= bit;
    want[k] |= bit;
    std::string w = "w" + std::to_string(k);
    *words.Insert(w).first |= bit;  // std::string keys
    want_words[w] |= bit;
  }
  CHECK(poor.size() == want.size());
  CHECK(words.size() == want_words.size());
  for (uint64_t k = 0; k < 800; ++k) {
    const uint64_t* v = poor.Find(k);
    REQUIRE((v != nullptr) == (want.count(k) > 0));
    if (v) CHECK(*v == want[k]);
    const std::string w = "w" + std::to_string(k);
    const uint64_t* x = words.Find(std::string_view(w));  // looked up without a std::string
    REQUIRE((x != nullptr) == (want_words.count(w) > 0));
    if (x) CHECK(*x == want_words[w]);
  }
  size_t seen = 0;
  poor.ForEach([&](uint64_t k, uint64_t v) {
    ++seen;
    CHECK(want.at(k) == v);
  });
  CHECK(seen == want.size());
  FlatTable<uint64_t, uint64_t, PoorHash> none;
  CHECK(none.Find(uint64_t{1}) == nullptr);
  CHECK(none.empty());
}

TEST_CASE("FlatTable as a memo: keyed by a run of ints, forgetting all past its size", "[flat_table]") {
  // As the prefilter keeps what each combination of atoms allowed.
  FlatTable<std::vector<int>, std::vector<size_t>, IntsHash> memo(100);
  int made = 0;
  auto get = [&](const std::vector<int>& key) -> const std::vector<size_t>& {
    auto [v, added] = memo.Insert(key);
    if (added) {
      ++made;
      CHECK(v->empty());  // a forgotten entry's value comes back cleared
      for (int x : key) v->push_back(static_cast<size_t>(x) * 2);
    }
    return *v;
  };
  CHECK(get({1, 2, 3}) == std::vector<size_t>{2, 4, 6});
  CHECK(get({1, 2, 3}) == std::vector<size_t>{2, 4, 6});
  CHECK(get({}) == std::vector<size_t>{});
  CHECK(made == 2);
  for (int i = 0; i < 100; ++i) get({i, i + 1});
  CHECK(memo.size() <= 100);
  size_t before = memo.size();
  get({7, 7, 7, 7});  // past its size: everything is forgotten, then this one is kept
  CHECK(memo.size() <= before + 1);
  for (int round = 0; round < 5; ++round)
    for (int i = 0; i < 300; ++i) {
      const auto& v = get({i});
      REQUIRE(v.size() == 1);
      CHECK(v[0] == static_cast<size_t>(i) * 2);
      CHECK(memo.size() <= 100);
    }
  FlatTable<std::vector<int>, std::vector<size_t>, IntsHash> exact(64);
  for (int i = 0; i < 64; ++i) exact.Insert(std::vector<int>{i});
  CHECK(exact.size() == 64);
  exact.Insert(std::vector<int>{64});  // the 65th forgets the 64 first
  CHECK(exact.size() == 1);
  CHECK(exact.Find(std::vector<int>{0}) == nullptr);
  memo.Clear();
  CHECK(memo.empty());
  CHECK(memo.Find(std::vector<int>{1, 2, 3}) == nullptr);
}
