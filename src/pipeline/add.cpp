#include "pipeline/add.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "pipeline/article.h"
#include "pipeline/progress.h"

namespace cc::pipeline {

namespace {

// Articles in input order, extracted by `jobs` worker threads while the caller reads more and
// stores the finished ones in order: reading and storing overlap with extraction. At most
// `window_articles` articles per job are in memory, and `window_bytes` of original text per
// job (past that, only the one being stored: AddOptions). An article waiting to be stored
// keeps only its original text, its metadata and its facts (see Run). With one job there are
// no threads: Push extracts at once.
class ExtractQueue {
 public:
  using Store = std::function<void(Article&, std::vector<Fact>&)>;
  ExtractQueue(const Rules& rules, unsigned jobs, size_t window_articles, size_t window_bytes, Store store)
      : rules_(rules),
        store_(std::move(store)),
        jobs_(jobs),
        window_(std::max<size_t>(1, window_articles) * std::max(1u, jobs)),
        window_bytes_(window_bytes * std::max(1u, jobs)) {}
  ~ExtractQueue() { Stop(); }

  void Push(Article a) {
    auto slot = std::make_unique<Slot>();
    slot->article = std::move(a);
    if (workers_.empty() && jobs_ > 1)
      for (unsigned t = 0; t < jobs_; ++t) workers_.emplace_back([this] { Work(); });
    if (workers_.empty()) {
      peak_articles_ = std::max<size_t>(peak_articles_, 1);
      peak_bytes_ = std::max(peak_bytes_, slot->article.raw.size());
      extract_seconds_ += Run(*slot);
      Finish(*slot);
      return;
    }
    std::unique_lock<std::mutex> lock(m_);
    while (!slots_.empty() && (slots_.size() >= window_ || bytes_ + slot->article.raw.size() > window_bytes_))
      StoreHead(lock, true);
    bytes_ += slot->article.raw.size();
    slots_.push_back(std::move(slot));
    peak_articles_ = std::max(peak_articles_, slots_.size());
    peak_bytes_ = std::max(peak_bytes_, bytes_);
    ++pushed_;
    work_.notify_one();
    while (!slots_.empty() && slots_.front()->done) StoreHead(lock, false);
  }

  // Stores everything still queued, in order; rethrows an extraction error.
  void Drain() {
    std::unique_lock<std::mutex> lock(m_);
    while (!slots_.empty()) StoreHead(lock, true);
  }

  // Workers may still be running (after a bad input nothing is drained).
  double extract_seconds() {
    std::lock_guard<std::mutex> lock(m_);
    return extract_seconds_;
  }
  double store_seconds() const { return store_seconds_; }
  // The most articles, and bytes of their original text, in the window at once.
  size_t peak_articles() const { return peak_articles_; }
  size_t peak_bytes() const { return peak_bytes_; }

 private:
  struct Slot {
    Article article;
    std::vector<Fact> facts;
    std::exception_ptr error;
    bool done = false;
  };

  // Extracts one article; returns the seconds it took.
  double Run(Slot& s) {
    auto t0 = std::chrono::steady_clock::now();
    try {
      s.facts = ProcessArticle(s.article, rules_);
      // Storing needs the original text, the metadata and the facts: the normalized text, its
      // byte map and the sentences go now, not when the article is stored.
      Article& a = s.article;
      std::string().swap(a.text);
      a.origin.Release();
      std::vector<Span>().swap(a.paragraphs);
      std::vector<Sentence>().swap(a.sentences);
      std::vector<Span>().swap(a.dropped);
    } catch (...) {
      s.error = std::current_exception();
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  void Finish(Slot& s) {
    if (s.error) std::rethrow_exception(s.error);
    auto t0 = std::chrono::steady_clock::now();
    store_(s.article, s.facts);
    store_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  // When the storing thread has to wait, it waits until this many slots at the head are done
  // (or all that are left, if fewer), not for each one: woken once per article, it cost ~3,000
  // context switches on the real news at -j 2.
  static constexpr size_t kStoreRun = 16;
  bool HeadRunDone() const {
    size_t n = std::min(kStoreRun, slots_.size());
    for (size_t i = 0; i < n; ++i)
      if (!slots_[i]->done) return false;
    return true;
  }

  // Stores the first slot (waiting, when `wait`, for a run of done slots, and then storing the
  // whole run), without the lock while storing.
  void StoreHead(std::unique_lock<std::mutex>& lock, bool wait) {
    if (wait) {
      waiting_ = true;
      done_.wait(lock, [&] { return HeadRunDone(); });
      waiting_ = false;
      do StoreFront(lock);
      while (!slots_.empty() && slots_.front()->done);
      return;
    }
    StoreFront(lock);
  }

  void StoreFront(std::unique_lock<std::mutex>& lock) {
    auto slot = std::move(slots_.front());
    slots_.pop_front();
    ++popped_;
    bytes_ -= slot->article.raw.size();
    lock.unlock();
    try {
      Finish(*slot);
    } catch (...) {
      lock.lock();
      throw;
    }
    lock.lock();
  }

  void Work() {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      work_.wait(lock, [&] { return stop_ || taken_ < pushed_; });
      if (taken_ == pushed_) return;  // stopping, nothing left
      Slot* s = slots_[taken_ - popped_].get();
      ++taken_;
      lock.unlock();
      double dt = Run(*s);
      lock.lock();
      extract_seconds_ += dt;
      s->done = true;
      if (waiting_ && HeadRunDone()) done_.notify_all();
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      // Work not taken yet is dropped (after an error); taken work finishes.
      pushed_ = taken_;
    }
    work_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
  }

  const Rules& rules_;
  Store store_;
  unsigned jobs_;
  size_t window_;
  std::vector<std::thread> workers_;
  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::unique_ptr<Slot>> slots_;
  size_t window_bytes_;
  size_t bytes_ = 0;  // of original text in slots_
  size_t peak_articles_ = 0, peak_bytes_ = 0;
  size_t pushed_ = 0, taken_ = 0, popped_ = 0;  // counts of slots ever pushed, taken, popped
  bool stop_ = false;
  bool waiting_ = false;  // the storing thread waits on done_
  double extract_seconds_ = 0, store_seconds_ = 0;
};

}  // namespace

Result<AddStats> AddInputs(store::Store& db, const std::vector<std::string>& paths, const Rules& rules,
                           const AddOptions& opt, int64_t run) {
  auto files = ingest::ListInputs(paths);
  if (!files.ok()) return files.diagnostics();
  AddStats stats;
  std::vector<Diagnostic> diags;
  std::set<std::string> seen;
  ProgressClock progress;
  ExtractQueue queue(rules, opt.jobs, opt.window_articles, opt.window_bytes, [&](Article& a, std::vector<Fact>& facts) {
    if (opt.touched) {
      // What this run changes: the new facts and, for an article stored before, its old ones.
      auto keep = [&](const Fact& f) {
        Fact k;
        k.article = f.article;
        k.predicate = f.predicate;
        k.subject_key = f.subject_key;
        k.type = f.type;
        opt.touched->push_back(std::move(k));
      };
      for (const auto& f : db.FactsOfArticles({a.id})) keep(f);
      for (const auto& f : facts) keep(f);
    }
    db.PutArticle(a, facts, run);
    if (opt.written) (*opt.written)[a.id] = {a.path, a.published};
    ++stats.articles;
    stats.facts += facts.size();
    stats.bytes += a.raw.size();
    if (opt.progress && progress.Due())
      std::cerr << fmt::format("\rclaimcheck: {} articles, {} facts", stats.articles, stats.facts) << std::flush;
  });
  const auto& list = files.value();
  for (size_t i = 0; i < list.size(); ++i) {
    // Articles go to the queue as they are read; after a bad input, files are read on only
    // to report every problem (the caller rolls back what was stored).
    auto t0 = std::chrono::steady_clock::now();
    double pushing = 0;
    // Normalized by ProcessArticle, on the extracting threads.
    auto found = ingest::ReadEach(list[i], opt.limits, [&](Article a) {
      if (!diags.empty() || !seen.insert(a.id).second) return;  // the same text twice is one article
      auto p0 = std::chrono::steady_clock::now();
      queue.Push(std::move(a));
      pushing += std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
    }, ingest::Normalized::kLater);
    stats.read_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() - pushing;
    diags.insert(diags.end(), found.begin(), found.end());
  }
  if (diags.empty()) queue.Drain();
  stats.extract_seconds = queue.extract_seconds();
  stats.store_seconds = queue.store_seconds();
  stats.peak_articles = queue.peak_articles();
  stats.peak_bytes = queue.peak_bytes();
  if (opt.progress && stats.articles)
    std::cerr << fmt::format("\rclaimcheck: {} articles, {} facts\n", stats.articles, stats.facts);
  if (!diags.empty()) return diags;
  return stats;
}

}  // namespace cc::pipeline
