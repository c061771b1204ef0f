// ParallelFor: start-up work that splits into independent pieces (parsing rule files,
// compiling patterns, building a language's prefilter) runs on every core.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace cc {

// How many threads ParallelFor uses for n pieces: one per core, at most 8 and at most n.
inline unsigned ParallelThreads(size_t n) {
  return static_cast<unsigned>(std::min<size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, std::max<size_t>(n, 1)}));
}

// Runs work(i) once for each i in [0, n), on ParallelThreads(n) threads, the calling thread
// among them; returns when all are done. `work` must not throw.
template <typename Work>
void ParallelFor(size_t n, const Work& work) {
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i; (i = next++) < n;) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < ParallelThreads(n); ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

}  // namespace cc
