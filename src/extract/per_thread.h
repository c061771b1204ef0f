// Internal to src/extract: a regex shared by the first threads that use it, then copied per
// thread (RE2's DFA cache lock is what many threads on one object wait on; google/re2#569).
#pragma once

#include <re2/re2.h>

#include <array>
#include <atomic>
#include <memory>
#include <thread>
#include <unordered_map>

namespace cc::extract {

// A number no earlier call returned: tells an object from one that once lived at its address.
inline uint64_t NewGeneration() {
  static std::atomic<uint64_t> n{0};
  return ++n;
}

// A regex object per thread, after sharing: RE2 objects are safe to share, but every search
// takes a reader lock on the object's DFA cache (google/re2#569). The first kSharers threads to
// use it share the object; every later thread shares it for its first kShareFirst uses, then
// compiles a copy of its own. Two threads sharing beat two copies on two cores (the copies'
// compiling and cold caches cost more than the lock; bench/RESULTS.md), and a run of a few
// articles does not compile every regex once per core.
template <typename T>
class PerThread {
 public:
  static constexpr size_t kSharers = 2;
  static constexpr uint32_t kShareFirst = 64;

  // `make` builds this thread's copy when kSharers other threads share the shared one.
  template <typename Make>
  const T& Get(const T& shared, const Make& make) const {
    auto me = std::this_thread::get_id();
    for (auto& sharer : sharers_) {
      auto id = sharer.load(std::memory_order_acquire);
      if (id == me) return shared;
      if (id == std::thread::id() && sharer.compare_exchange_strong(id, me)) return shared;
    }
    thread_local std::unordered_map<const void*, Mine> mine;
    Mine& m = mine[this];
    if (m.generation != generation_) m = Mine{generation_, 0, nullptr};  // another PerThread once lived here
    if (!m.copy) {
      if (++m.uses <= kShareFirst) return shared;
      m.copy = make();
    }
    return *m.copy;
  }

 private:
  struct Mine {  // this thread's uses of a PerThread it does not share, and its copy
    uint64_t generation = 0;
    uint32_t uses = 0;
    std::unique_ptr<T> copy;
  };
  mutable std::array<std::atomic<std::thread::id>, kSharers> sharers_{};
  const uint64_t generation_ = NewGeneration();
};

inline std::unique_ptr<RE2> Copy(const RE2& re) { return std::make_unique<RE2>(re.pattern(), re.options()); }

}  // namespace cc::extract
