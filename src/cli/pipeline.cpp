#include "cli/pipeline.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_map>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "check/corroborate.h"
#include "core/hash.h"
#include "core/text.h"
#include "resolve/resolve.h"
#include "rules/loader.h"

namespace cc::cli {
namespace fs = std::filesystem;

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("CLAIMCHECK_RULES"); env && *env) return env;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto share = exe.parent_path().parent_path() / "share" / "claimcheck" / "rules";
    if (fs::is_directory(share, ec)) return share.string();
  }
#ifdef CLAIMCHECK_DEFAULT_RULES
  if (fs::is_directory(CLAIMCHECK_DEFAULT_RULES, ec)) return CLAIMCHECK_DEFAULT_RULES;
#endif
  return "";
}

Result<Rules> LoadRules(const std::vector<std::string>& extra, bool no_defaults) {
  auto missing = [](const char* message) {
    Diagnostic d;
    d.code = "missing-rules";
    d.message = message;
    return std::vector{std::move(d)};
  };
  std::vector<std::string> dirs;
  if (!no_defaults) {
    std::string d = DefaultRulesDir();
    if (d.empty()) return missing("cannot find the shipped rules; set CLAIMCHECK_RULES or pass --rules DIR");
    dirs.push_back(d);
  }
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  if (dirs.empty()) return missing("no rules: --no-default-rules needs --rules DIR");
  // Each language's extractors are compiled when an article in it first comes (most runs meet
  // one or two languages; compiling the others was a third of the start-up).
  auto pack = rules::LoadRules(dirs, {.defer_languages = true});
  if (!pack.ok()) return pack.diagnostics();
  Rules r;
  r.pack = std::make_unique<RulePack>(std::move(pack.value()));
  auto engine = extract::Engine::Build(*r.pack);
  if (!engine.ok()) return engine.diagnostics();
  r.engine = engine.value();
  auto checks = check::MakeChecks(*r.pack);
  if (!checks.ok()) return checks.diagnostics();
  r.checks = std::move(checks.value());
  r.segment = ingest::MakeSegmentConfig(*r.pack);
  r.fingerprint = RulesFingerprint(*r.pack);
  return r;
}

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

// A running count on a terminal is rewritten at most five times a second.
class ProgressClock {
 public:
  bool Due() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ <= std::chrono::milliseconds(200)) return false;
    last_ = now;
    return true;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
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

std::vector<Fact> ProcessArticle(Article& a, const Rules& rules) {
  if (a.origin.empty()) ingest::Normalize(a, a.body_begin);  // read with Normalized::kLater
  ingest::Segment(a, rules.segment);
  auto facts = rules.engine->Extract(a);
  if (a.published.empty()) a.published = resolve::DetectPublished(facts);  // stored and reported
  resolve::Resolve(a, facts);
  return facts;
}

std::string RulesFingerprint(const RulePack& pack) {
  Hasher h;
  for (const auto& file : pack.files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    h.Add(file).Add(content.str());
  }
  // Data the rules read (iso-codes' tables and catalogs): a new version of the package changes
  // its files' size or time.
  for (const auto& file : pack.data_files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
    h.Add(file).Add(std::to_string(size)).Add(std::to_string(time));
  }
  return h.Hex();
}

bool CanCheckInPlace(const store::Store& db, const Rules& rules) { return db.Meta("checks") == rules.fingerprint; }

namespace {

// The checks' context: articles' labels and published dates, read from the store when a
// check asks (most facts are in no finding and no tally); `written` first, when given.
check::Context MakeContext(const Rules& rules, const store::Store& db, const ArticleLabels* written = nullptr) {
  check::Context ctx;
  ctx.gazetteer = &rules.engine->gazetteer();
  ctx.lookup = [&db, written](const std::string& id, std::string& label, std::string& published) {
    std::string path;
    auto it = written ? written->find(id) : ArticleLabels::const_iterator();
    if (written && it != written->end()) {
      path = it->second.first;
      published = it->second.second;
    } else if (!db.LabelAndPublished(id, path, published)) {
      return false;
    }
    label = ShortName(path);
    return true;
  };
  return ctx;
}

// Runs the checks of a full check on worker threads while the calling thread reads the facts:
// batches go out in chunks of a few thousand facts, and the findings of each chunk are handed
// back in the order the chunks went out, so they are stored as one thread would store them.
// A worker reads articles' labels through its own read-only connection (SQLite connections
// are not shared between threads), and those of this run's articles, not committed yet, from
// `written`.
// When this run has stored no facts, the workers can read as well: the calling thread cuts the
// facts into key slices (AddRange) and each worker reads and checks a slice through its own
// connection, which then sees what the writer sees.
class CheckPool {
 public:
  using Sink = std::function<void(std::vector<Finding>&)>;

  CheckPool(const Rules& rules, const store::Store& db, const ArticleLabels* written, unsigned workers, Sink sink)
      : rules_(rules), written_(written), sink_(std::move(sink)) {
    for (unsigned i = 0; i < workers; ++i) readers_.push_back(db.OpenReader());
    try {
      for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this, i] { Work(*readers_[i]); });
    } catch (...) {
      Stop();  // the threads started, before one failed to
      throw;
    }
  }
  ~CheckPool() { Stop(); }

  // Takes one batch of partition `p`; hands finished chunks to the sink.
  void Add(check::Partition p, std::vector<Fact>& batch) {
    if (!open_ || open_->partition != p) Send();
    if (!open_) {
      open_ = std::make_unique<Chunk>();
      open_->partition = p;
    }
    open_->facts += batch.size();
    open_->batches.push_back(std::move(batch));
    if (open_->facts >= kChunkFacts) Send();
  }

  // Facts per slice that a worker reads and checks: large enough that preparing its query is
  // nothing, small enough that the slices of a predicate spread over the workers.
  static constexpr size_t kSliceFacts = 16384;

  // Takes a slice for a worker to read and check (as Add, in order with the batches).
  void AddRange(check::Partition p, store::GroupRange r) {
    Send();
    open_ = std::make_unique<Chunk>();
    open_->partition = p;
    open_->range = std::move(r);
    Send();
  }

  // What the handed-over chunks held: facts, and groups (batches).
  size_t facts() const { return facts_; }
  size_t groups() const { return groups_; }

  // Sends what is left, waits for every chunk and hands it to the sink.
  void Finish() {
    Send();
    std::unique_lock<std::mutex> lock(m_);
    while (!chunks_.empty()) Deliver(lock, true);
  }

 private:
  static constexpr size_t kChunkFacts = 4096;
  struct Chunk {
    check::Partition partition = check::Partition::kSubject;
    std::vector<std::vector<Fact>> batches;
    std::optional<store::GroupRange> range;  // read by the worker instead
    size_t facts = 0, groups = 0;
    std::vector<Finding> found;
    std::exception_ptr error;
    bool taken = false, done = false;
  };

  void Send() {
    if (!open_) return;
    std::unique_lock<std::mutex> lock(m_);
    chunks_.push_back(std::move(open_));
    work_.notify_one();
    // Hand over what is done; wait when too much is in flight (memory stays bounded).
    const size_t in_flight = 4 * threads_.size();
    while (!chunks_.empty() && (chunks_.front()->done || chunks_.size() > in_flight))
      Deliver(lock, chunks_.size() > in_flight);
  }

  // Waits (if `wait`) for the oldest chunk and hands its findings to the sink, unlocked.
  void Deliver(std::unique_lock<std::mutex>& lock, bool wait) {
    if (wait) done_.wait(lock, [&] { return chunks_.front()->done; });
    if (!chunks_.front()->done) return;
    std::unique_ptr<Chunk> c = std::move(chunks_.front());
    chunks_.pop_front();
    lock.unlock();
    if (c->error) {
      lock.lock();
      std::rethrow_exception(c->error);
    }
    facts_ += c->facts;
    groups_ += c->groups;
    sink_(c->found);
    lock.lock();
  }

  void Work(const store::Store& reader) {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      Chunk* c = nullptr;
      work_.wait(lock, [&] {
        if (stop_) return true;
        for (auto& x : chunks_)
          if (!x->taken) return (c = x.get()) != nullptr;
        return false;
      });
      if (!c) return;  // stopping
      c->taken = true;
      lock.unlock();
      try {
        // One context per chunk: the labels a chunk looks up are cached for the chunk.
        check::Context ctx = MakeContext(rules_, reader, written_);
        auto run = [&](std::vector<Fact>& batch) {
          auto found = check::RunPartition(rules_.checks, c->partition, batch, ctx);
          c->found.insert(c->found.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        };
        if (c->range) {
          reader.ForEachGroupIn(*c->range, kChunkFacts, [&](std::vector<Fact>& batch) {
            c->facts += batch.size();
            ++c->groups;
            run(batch);
          });
        } else {
          c->groups = c->batches.size();
          for (auto& batch : c->batches) {
            store::SortGroup(batch);
            run(batch);
          }
        }
      } catch (...) {
        c->error = std::current_exception();
      }
      c->batches.clear();
      lock.lock();
      c->done = true;
      done_.notify_all();
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    work_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  const Rules& rules_;
  const ArticleLabels* written_;
  Sink sink_;
  std::vector<std::unique_ptr<store::Store>> readers_;
  std::vector<std::thread> threads_;
  std::unique_ptr<Chunk> open_;
  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::unique_ptr<Chunk>> chunks_;  // sent, in order; popped when handed over
  bool stop_ = false;
  size_t facts_ = 0, groups_ = 0;
};

// Corpus-wide resolution (named events across articles) needs only the articles that name an
// event's period or end day; returns the facts it changed, after storing them.
std::vector<Fact> ResolveStore(store::Store& db) {
  auto ids = db.ArticlesWith({"event_period", "event_end_day"});
  auto facts = db.FactsOfArticles(ids);
  std::map<std::string, std::string> published;
  for (const auto& a : db.ArticlesById(ids)) published[a.id] = a.published;
  auto changed = resolve::ResolveCorpus(facts, published);
  db.UpdateResolution(facts, changed);
  std::vector<Fact> out;
  for (size_t i : changed) out.push_back(facts[i]);
  return out;
}

}  // namespace

bool ChecksOnThreads(const store::Store& db, unsigned jobs) { return jobs > 1 && !db.InMemory(); }

CheckResult CheckStore(store::Store& db, const Rules& rules, int64_t run, const CheckOptions& opt) {
  const std::vector<Fact>* touched = opt.touched;
  std::vector<Fact> resolved = ResolveStore(db);
  CheckResult result;
  result.incremental = touched && CanCheckInPlace(db, rules);
  if (!result.incremental) {
    db.BeginStaging();  // each batch's findings as they are made: memory stays flat
    auto stage = [&](std::vector<Finding>& found) { db.StageFindings(found, run); };
    std::unique_ptr<CheckPool> pool;
    // With no fact of its own yet to commit, a run can leave the reading to the workers too.
    const bool slices = ChecksOnThreads(db, opt.jobs) && !db.WroteFacts();
    if (ChecksOnThreads(db, opt.jobs))
      pool = std::make_unique<CheckPool>(rules, db, opt.written, slices ? opt.jobs : opt.jobs - 1, stage);
    size_t facts = 0;
    ProgressClock progress;
    auto show = [&] {
      if (opt.progress && progress.Due())
        std::cerr << fmt::format("\rclaimcheck: checking, {} facts read", slices ? pool->facts() : facts) << std::flush;
    };
    for (check::Partition p : {check::Partition::kSubject, check::Partition::kArticle}) {
      std::set<std::string> predicates;
      bool any = false, all = false;
      for (const auto& c : rules.checks) {
        if (c->partition() != p) continue;
        any = true;
        if (c->spec().predicates.empty()) all = true;
        predicates.insert(c->spec().predicates.begin(), c->spec().predicates.end());
      }
      if (!any) continue;
      std::vector<std::string> only = all ? std::vector<std::string>{} : std::vector<std::string>(predicates.begin(), predicates.end());
      if (slices) {
        for (const auto& predicate : all ? db.Predicates() : only) {
          if (p == check::Partition::kArticle) {
            pool->AddRange(p, store::GroupRange{true, predicate, "", std::nullopt});
          } else {
            db.ForEachKeyRange(predicate, CheckPool::kSliceFacts, [&](store::GroupRange r) {
              pool->AddRange(p, std::move(r));
              show();
            });
          }
        }
        continue;
      }
      db.ForEachGroup(p == check::Partition::kArticle, only, 4096, [&](std::vector<Fact>& batch) {
        ++result.partitions;
        facts += batch.size();
        show();
        if (pool) {
          pool->Add(p, batch);
        } else {
          auto found = check::RunPartition(rules.checks, p, batch, MakeContext(rules, db, opt.written));
          stage(found);
        }
      }, /*sorted=*/!pool);
    }
    if (pool) pool->Finish();
    if (slices) {
      facts = pool->facts();
      result.partitions = pool->groups();
    }
    if (opt.progress && facts) std::cerr << fmt::format("\rclaimcheck: checking, {} facts read, storing the findings\n", facts) << std::flush;
    db.ReplaceWithStaged();
  } else {
    std::vector<Finding> found;
    std::set<std::string> parts;
    auto add = [&](const Fact& f) {
      for (const auto& c : rules.checks)
        if (c->Applies(f)) parts.insert(check::PartKey(c->partition(), f));
    };
    for (const auto& f : *touched) add(f);
    for (const auto& f : resolved) add(f);
    for (const auto& part : parts) {
      auto g = check::ParsePartKey(part);
      if (!g) continue;
      auto facts = db.GroupFacts({g->predicate, g->key, g->by_article});
      if (g->subjectless)
        facts.erase(std::remove_if(facts.begin(), facts.end(), [](const Fact& f) { return !f.subject_key.empty(); }), facts.end());
      ++result.partitions;
      auto f = check::RunPartition(rules.checks, g->partition, facts, MakeContext(rules, db));
      // A partition is re-made whole: keep only what belongs to this part.
      for (auto& x : f)
        if (x.part == part) found.push_back(std::move(x));
    }
    db.ReplaceFindings(found, run, &parts);
  }
  // The places the checks knew, for reports written later without the rules (BuildReport):
  // their hierarchy, and their names (a place without a parent is known too). Written when the
  // rules (and the data they read) are not those the database last saw; not for a database in
  // memory, which no later command reads.
  if (!db.InMemory() && (db.Meta("checks") != rules.fingerprint || db.Meta("place_names").empty())) {
    db.SetMeta("places", nlohmann::json(rules.engine->gazetteer().parents()).dump());
    db.SetMeta("place_names", nlohmann::json(rules.engine->gazetteer().places()).dump());
  }
  db.SetMeta("checks", rules.fingerprint);
  result.counts = db.FindingCounts();
  for (const auto& [sev, n] : result.counts) result.total += n;
  return result;
}

namespace {

// Each article's place in report order (path, then id), from 1; 0 for an unknown article.
using ArticleOrder = std::unordered_map<std::string, uint32_t>;

// Sorts facts in report order: article path, then position in the article.
void SortForReport(std::vector<Fact>& facts, const ArticleOrder& order) {
  auto place = [&](const Fact& f) {
    auto it = order.find(f.article);
    return it == order.end() ? 0 : it->second;
  };
  store::SortFacts(facts, [&](const Fact& a, const Fact& b) {
    return std::make_tuple(place(a), std::string_view(a.article), a.span.begin, a.span.end, std::string_view(a.predicate), std::string_view(a.id)) <
           std::make_tuple(place(b), std::string_view(b.article), b.span.begin, b.span.end, std::string_view(b.predicate), std::string_view(b.id));
  });
}

// The facts a report quotes: those of the findings, in report order.
std::vector<Fact> FindingFacts(const store::Store& db, const std::vector<Finding>& findings, const ArticleOrder& order) {
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.facts.begin(), f.facts.end());
  std::vector<Fact> facts = db.FactsById({ids.begin(), ids.end()});
  SortForReport(facts, order);
  return facts;
}

}  // namespace

report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer, bool claims, bool progress) {
  report::Report r;
  r.findings = db.Findings();
  // Articles stream from the store too; what is kept of each is its place in report order and
  // its label for the claims.
  auto order = std::make_shared<ArticleOrder>();
  std::unordered_map<std::string, std::string> labels;
  db.ForEachArticlePath([&](std::string_view id, std::string_view path) {
    order->emplace(id, static_cast<uint32_t>(order->size() + 1));
    if (claims) labels.emplace(id, ShortName(path));
  });
  r.article_count = order->size();
  r.each_article = [&db](const std::function<void(const ArticleMeta&)>& fn) { db.ForEachArticle(fn); };
  r.fetch_article = [&db](const std::string& id) -> std::optional<ArticleMeta> {
    auto found = db.ArticlesById({id});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  };
  // Every fact streams from the store when a writer lists them: a database can hold millions.
  r.fact_count = db.FactCount();
  r.each_fact = [&db, progress, total = r.fact_count](const std::function<void(const Fact&)>& fn) {
    ProgressClock clock;
    size_t n = 0;
    bool shown = false;
    db.ForEachFact({}, [&](const Fact& f) {
      fn(f);
      if (progress && ++n % 1024 == 0 && clock.Due()) {
        std::cerr << fmt::format("\rclaimcheck: report: {} of {} facts written", n, total) << std::flush;
        shown = true;
      }
    });
    if (shown) std::cerr << fmt::format("\rclaimcheck: report: {} of {} facts written\n", total, total);
  };
  r.facts = FindingFacts(db, r.findings, *order);
  // The articles the findings quote are kept, with their texts; any other is read when a
  // writer asks for it.
  std::set<std::string> quoted;
  for (const auto& f : r.facts) quoted.insert(f.article);
  r.articles = db.ArticlesById({quoted.begin(), quoted.end()});
  std::sort(r.articles.begin(), r.articles.end(), [&](const ArticleMeta& a, const ArticleMeta& b) { return order->at(a.id) < order->at(b.id); });
  // A chart's subject is read when the HTML writer draws it (in report order, as Facts()).
  r.fetch_subject_facts = [&db](const std::string& predicate, const std::string& key) { return db.FactsOfSubject(predicate, key); };
  for (const auto& a : r.articles) r.raw.emplace(a.id, db.Raw(a.id));
  r.fetch_raw = [&db](const std::string& id) { return db.Raw(id); };
  if (!claims) return r;
  check::DuplicateFinder copies;
  db.ForEachRaw([&copies](std::string_view id, std::string_view text) { copies.Add(id, text); });
  r.duplicate_of = copies.Copies();
  // Claims are made as a writer lists them, not held: a database has as many as subjects.
  struct ClaimMaker {
    std::shared_ptr<const ArticleOrder> order;
    std::map<std::string, std::string> groups;  // copies -> their first article
    check::Context ctx;
    std::vector<Fact> event_ends;
    Gazetteer places;  // the database's, when no rules were loaded
  };
  auto maker = std::make_shared<ClaimMaker>();
  maker->order = order;
  maker->groups = r.duplicate_of;
  maker->ctx.gazetteer = gazetteer;
  // Without rules (report, findings, facts), the places the last check knew: a claim's "lies
  // in" notes are the same whichever command writes the report.
  if (!gazetteer) {
    auto places = nlohmann::json::parse(db.Meta("places"), nullptr, /*allow_exceptions=*/false);
    try {
      if (places.is_object()) {
        auto names = nlohmann::json::parse(db.Meta("place_names"), nullptr, /*allow_exceptions=*/false);
        std::optional<std::set<std::string, std::less<>>> known;
        if (names.is_array()) known = names.get<std::set<std::string, std::less<>>>();
        maker->places = Gazetteer(places.get<std::map<std::string, std::string, std::less<>>>(), std::move(known));
        maker->ctx.gazetteer = &maker->places;
      }
    } catch (const nlohmann::json::exception&) {  // not ours: no places, as before it was kept
    }
  }
  maker->ctx.article_label = std::move(labels);
  maker->event_ends = db.Facts({"event_end_day", "", ""});
  // A claim is one (predicate, subject, event): made a subject at a time, in the store's group
  // order, which is the order of Corroborate's keys; each subject's facts in report order, as
  // Corroborate over every fact would see them. (Facts without a subject make no claim: they
  // come in batches of 4096, for nothing.)
  r.each_claim = [&db, maker, progress, total = r.fact_count](const std::function<void(const Claim&)>& fn) {
    ProgressClock clock;
    size_t read = 0;
    bool shown = false;
    db.ForEachGroup(
        false, {}, 4096,
        [&](std::vector<Fact>& batch) {
          read += batch.size();
          if (progress && clock.Due()) {
            std::cerr << fmt::format("\rclaimcheck: report: claims from {} of {} facts", read, total) << std::flush;
            shown = true;
          }
          SortForReport(batch, *maker->order);
          auto made = check::Corroborate(batch, maker->groups, maker->ctx);
          check::NoteEventEnds(made, maker->event_ends, maker->ctx);
          for (const auto& c : made) fn(c);
        },
        /*sorted=*/false);
    if (shown) std::cerr << fmt::format("\rclaimcheck: report: claims from {} of {} facts\n", read, total);
  };
  return r;
}

void PrintDiagnostics(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) std::cerr << "claimcheck: " << d.Format() << "\n";
}

void WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  std::error_code ec;
  const auto kind = fs::symlink_status(path, ec).type();
  if (kind != fs::file_type::regular && kind != fs::file_type::not_found) {
    // A device, pipe or link (-o /dev/null, a named pipe, /dev/stdout): written in place.
    // Renaming a file over it would replace it (as root, /dev/null itself).
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path));
    write(out);
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("{}: write failed", path));
    return;
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path));
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(tmp.c_str());
      throw;
    }
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(fmt::format("{}: write failed", path));
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: {}", path, ec.message()));
  }
}

}  // namespace cc::cli
