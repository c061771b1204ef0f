// ParallelFor: start-up work that splits into independent pieces (parsing rule files,
// compiling patterns, building a language's prefilter) runs on every core. ParallelForInOrder
// also hands each piece's result, in order, to the calling thread (loading the parsed files).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sched.h>
#endif

namespace cc {

// The cores this process may run on: those of its CPU affinity (taskset, a container's
// cpuset), which std::thread::hardware_concurrency() does not count; at least 1.
inline unsigned UsableCores() {
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
#endif
  return std::max(1u, std::thread::hardware_concurrency());
}

// How many threads ParallelFor uses for n pieces: one per core, at most 8 and at most n.
inline unsigned ParallelThreads(size_t n) {
  static const unsigned cores = UsableCores();
  return static_cast<unsigned>(std::min<size_t>({cores, 8, std::max<size_t>(n, 1)}));
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

// Runs work(i) once for each i in [0, n) as ParallelFor does, and consume(i) on the calling
// thread in order of i, each as soon as work(i) is done: the calling thread consumes what is
// ready and works on the rest while it waits, so consuming overlaps the work. The other
// threads take the pieces in the order of `first` (the indices, each once; empty: 0, 1, 2...),
// the largest first balancing the threads best; the calling thread takes the piece it is to
// consume next when no thread has it yet, else the next of `first`. `work` must not throw; if
// `consume` throws, the other threads finish the pieces left before the exception leaves.
template <typename Work, typename Consume>
void ParallelForInOrder(size_t n, const Work& work, const Consume& consume, const std::vector<size_t>& first = {}) {
  std::mutex m;
  std::condition_variable cv;
  std::vector<char> taken(n, 0), done(n, 0);  // guarded by m
  size_t cursor = 0;                          // into `first` (or 0..n); guarded by m
  auto at = [&](size_t k) { return first.empty() ? k : first[k]; };
  // The next piece in `first` order that no thread has taken (n: none left); called locked.
  auto take_next = [&] {
    while (cursor < n && taken[at(cursor)]) ++cursor;
    if (cursor == n) return n;
    taken[at(cursor)] = 1;
    return at(cursor);
  };
  auto run = [&](size_t i) {
    work(i);
    {
      std::lock_guard<std::mutex> lock(m);
      done[i] = 1;
    }
    cv.notify_all();
  };
  std::vector<std::jthread> pool;  // joined when this returns or throws
  for (unsigned t = 1; t < ParallelThreads(n); ++t)
    pool.emplace_back([&] {
      for (;;) {
        size_t i;
        {
          std::lock_guard<std::mutex> lock(m);
          i = take_next();
        }
        if (i == n) return;
        run(i);
      }
    });
  for (size_t c = 0; c < n; ++c) {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(m);
        if (done[c]) break;
        if (!taken[c]) {
          taken[c] = 1;
          i = c;
        } else {
          i = take_next();
        }
        if (i == n) {
          cv.wait(lock, [&] { return done[c] != 0; });
          break;
        }
      }
      run(i);
    }
    consume(c);
  }
}

}  // namespace cc
