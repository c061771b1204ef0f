#include "pipeline/check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "core/ordered_pool.h"
#include "core/text.h"
#include "resolve/resolve.h"

namespace cc::pipeline {

bool CanCheckInPlace(const store::Store& db, const Rules& rules) { return db.Meta("checks") == rules.fingerprint; }

namespace {

// The checks' context: articles' labels and published dates, read from the store when a
// check asks (most facts are in no finding and no tally); `written` first, when given.
check::Context MakeContext(const Rules& rules, const store::Store& db, const ArticleLabels* written = nullptr) {
  check::Context ctx;
  ctx.gazetteer = &rules.engine->gazetteer();
  ctx.lookup = [&db, written](const std::string& id, std::string& label, std::string& published) {
    auto it = written ? written->find(id) : ArticleLabels::const_iterator();
    if (written && it != written->end()) {
      label = it->second.first;
      published = it->second.second;
      return true;
    }
    return db.LabelAndPublished(id, label, published);
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
    // Chunks waiting to be handed over, at most 4 per worker past the one being added: memory
    // stays bounded however far ahead the reading thread is.
    OrderedPool<Chunk>::Options options;
    options.threads = workers;
    options.max_items = 4 * size_t{workers} + 1;
    pool_ = std::make_unique<OrderedPool<Chunk>>(
        options, [this](Chunk& c, unsigned worker) { Work(c, *readers_[worker]); },
        [this](Chunk& c) {
          facts_ += c.facts;
          groups_ += c.groups;
          sink_(c.found);
        });
  }

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
    pool_->Drain();
  }

 private:
  static constexpr size_t kChunkFacts = 4096;
  struct Chunk {
    check::Partition partition = check::Partition::kSubject;
    std::vector<std::vector<Fact>> batches;
    std::optional<store::GroupRange> range;  // read by the worker instead
    size_t facts = 0, groups = 0;
    std::vector<Finding> found;
  };

  void Send() {
    if (!open_) return;
    pool_->Push(std::move(*open_));
    open_.reset();
  }

  // Checks one chunk on a worker thread, reading through the worker's connection.
  void Work(Chunk& c, const store::Store& reader) const {
    // One context per chunk: the labels a chunk looks up are cached for the chunk.
    check::Context ctx = MakeContext(rules_, reader, written_);
    auto run = [&](std::vector<Fact>& batch) {
      auto found = check::RunPartition(rules_.checks, c.partition, batch, ctx);
      c.found.insert(c.found.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    };
    if (c.range) {
      reader.ForEachGroupIn(*c.range, kChunkFacts, [&](std::vector<Fact>& batch) {
        c.facts += batch.size();
        ++c.groups;
        run(batch);
      });
    } else {
      c.groups = c.batches.size();
      for (auto& batch : c.batches) {
        store::SortGroup(batch);
        run(batch);
      }
    }
    c.batches.clear();
  }

  const Rules& rules_;
  const ArticleLabels* written_;
  Sink sink_;
  std::vector<std::unique_ptr<store::Store>> readers_;
  std::unique_ptr<Chunk> open_;
  size_t facts_ = 0, groups_ = 0;
  std::unique_ptr<OrderedPool<Chunk>> pool_;  // last: its threads stop before the rest goes
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
  // Days without a year in articles with no published date, from the story's other articles:
  // the date layer's days of the same months (their partitions).
  std::vector<std::string> undated = db.UndatedArticles();
  if (undated.empty()) return out;
  std::vector<Fact> yearless;
  std::set<std::string> months;
  for (Fact& f : db.FactsOfArticles(undated))
    if (f.date && f.date->size() == 7 && StartsWith(*f.date, "--")) {
      months.insert(f.date->substr(2, 2));
      yearless.push_back(std::move(f));
    }
  std::vector<Fact> others;
  for (const auto& m : months)
    for (Fact& f : db.GroupFacts({"mentions_date", "day:--" + m, false})) others.push_back(std::move(f));
  auto story = resolve::ResolveStoryYears(yearless, others);
  db.UpdateResolution(yearless, story);
  for (size_t i : story) out.push_back(yearless[i]);
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
    auto show = [&] {
      if (opt.progress) opt.progress({Progress::Stage::kChecking, slices ? pool->facts() : facts, 0, 0, false});
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
    if (opt.progress && facts) opt.progress({Progress::Stage::kChecking, facts, 0, 0, true});
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
  // The places the checks knew, for reports written later without the rules (PrintReport):
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

}  // namespace cc::pipeline
