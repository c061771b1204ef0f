// The store: articles, facts, findings and their facts, runs, reviews. Store is the interface
// every backend implements: SQLite now (store/sqlite/, the embedded default), PostgreSQL for a
// newsroom's shared server later. A run's writes happen in one transaction (Begin/Commit), so a
// failed run leaves the database as it was. Errors throw StoreError with a message fit for the
// user ("db.sqlite: file is not a database").
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/types.h"

namespace cc::store {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr int kSchemaVersion = 9;

using ArticleInfo = ArticleMeta;

// One editorial decision on a finding, as recorded (never changed afterwards).
struct Review {
  int64_t id = 0;
  std::string finding, status, note, by, at;  // at: UTC, ISO 8601
  std::string fingerprint;                    // the finding's facts when decided
  std::vector<std::string> values;            // its values then
  std::string message;                        // its message then
};

// Someone who may sign in to `claimcheck serve`: an editor decides, a guest reads.
struct Editor {
  std::string name;
  std::string hash;  // the password's Argon2id hash, in libsodium's string form
  std::string role;  // "editor" or "guest"
};

struct FactFilter {
  std::string predicate, subject, article;
};

// A partition of the facts, the unit the checks run on (see check::PartKey): the facts of one
// predicate with one subject key (`by_article` false), or of one predicate in one article.
struct FactGroup {
  std::string predicate, key;
  bool by_article = false;
};

// A slice of one predicate's facts that one connection can check while others check the
// rest. By subject: subject keys from `from` (inclusive) to `to` (exclusive; the last slice
// has none). By article: the whole predicate.
struct GroupRange {
  bool by_article = false;
  std::string predicate, from;
  std::optional<std::string> to;
};

// Sorts facts by `less`: sorts their indices, then moves each fact once (a Fact is some twenty
// strings, too many to swap). Facts already in order are left as they are.
template <typename Less>
void SortFacts(std::vector<Fact>& facts, Less less) {
  std::vector<uint32_t> order(facts.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto by_index = [&](uint32_t i, uint32_t j) { return less(facts[i], facts[j]); };
  if (std::is_sorted(order.begin(), order.end(), by_index)) return;
  std::sort(order.begin(), order.end(), by_index);
  std::vector<Fact> sorted;
  sorted.reserve(facts.size());
  for (uint32_t i : order) sorted.push_back(std::move(facts[i]));
  facts = std::move(sorted);
}

// Puts the facts of a group in the order the checks see them: article id, then position.
void SortGroup(std::vector<Fact>& facts);

class Store {
 public:
  // Opens (creating if needed) and migrates the database at `path` (SQLite, the one backend so
  // far). ":memory:" gives a private in-memory database.
  static std::unique_ptr<Store> Open(const std::string& path);
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A second, read-only connection to the same database, for another thread. It sees what was
  // committed, not the open transaction of this connection. Null for an in-memory database.
  virtual std::unique_ptr<Store> OpenReader() const = 0;
  // Whether the database lives in this process only (a second connection is another database).
  virtual bool InMemory() const = 0;

  // The page cache for this connection (default 64 MiB): a bulk load of millions of rows
  // with random keys wants its indexes in memory.
  virtual void SetCacheMiB(size_t mib) = 0;

  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;

  virtual int64_t StartRun(const std::string& command) = 0;
  virtual void FinishRun(int64_t run, size_t articles, size_t facts, size_t findings) = 0;
  // Inserts or updates the article and replaces its facts.
  virtual void PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run) = 0;
  // Writes back what corpus-wide resolution changed: value, date, anchor, event.
  virtual void UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which) = 0;

  // Every article, in report order (path, then id), one at a time.
  virtual void ForEachArticle(const std::function<void(const ArticleInfo&)>& fn) const = 0;
  // Only their ids and paths, in the same order, and with `labels` their labels (ArticleLabel;
  // empty without).
  virtual void ForEachArticlePath(
      const std::function<void(std::string_view id, std::string_view path, std::string_view label)>& fn,
      bool labels = false) const = 0;
  // An article's label (ArticleLabel) and published date; false if there is no such article.
  virtual bool LabelAndPublished(const std::string& id, std::string& label, std::string& published) const = 0;
  // These articles (those that exist), in the given order.
  virtual std::vector<ArticleInfo> ArticlesById(const std::vector<std::string>& ids) const = 0;
  // The original text of an article (what fact spans index); "" if unknown.
  virtual std::string Raw(const std::string& article_id) const = 0;
  // Every article's id and original text, one at a time, in no set order.
  virtual void ForEachRaw(const std::function<void(std::string_view id, std::string_view raw)>& fn) const = 0;
  // The facts that pass `filter` (all by default), in report order (article path, then
  // position), one at a time: never all in memory. Facts() collects them.
  virtual void ForEachFact(const FactFilter& filter, const std::function<void(const Fact&)>& fn) const = 0;
  std::vector<Fact> Facts(const FactFilter& filter = {}) const;
  virtual size_t FactCount() const = 0;
  // Every fact of one predicate with one subject key, sentence and text included, in the
  // order of Facts().
  virtual std::vector<Fact> FactsOfSubject(const std::string& predicate, const std::string& subject_key) const = 0;
  // Every fact of these articles, in the order of Facts().
  virtual std::vector<Fact> FactsOfArticles(const std::vector<std::string>& article_ids) const = 0;
  // These facts (those that exist), in the given order.
  virtual std::vector<Fact> FactsById(const std::vector<std::string>& ids) const = 0;
  // The articles with a fact of one of these predicates.
  virtual std::vector<std::string> ArticlesWith(const std::vector<std::string>& predicates) const = 0;
  // The articles with no published date.
  virtual std::vector<std::string> UndatedArticles() const = 0;

  // For the checks, which do not need a fact's sentence or text (left empty here): every fact
  // of `predicates` (all when empty), handed to `fn` one batch at a time and never all at
  // once. By subject: the facts of one (predicate, subject key) come in one batch, in article
  // id then position order; facts with no subject key come in batches of at most `chunk`. By
  // article: the facts of one (predicate, article) come in one batch.
  // With `sorted` false, a batch comes in index order and whoever takes it sorts it
  // (SortGroup), for instance on another thread.
  virtual void ForEachGroup(bool by_article, const std::vector<std::string>& predicates, size_t chunk,
                            const std::function<void(std::vector<Fact>&)>& fn, bool sorted) const = 0;
  // ForEachGroup over one slice; batches come sorted, as from ForEachGroup. The slices of
  // ForEachKeyRange, read in their order, give the batches of ForEachGroup over the same
  // predicate.
  virtual void ForEachGroupIn(const GroupRange& r, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn) const = 0;
  // Cuts one predicate's subject keys into slices of about `facts` facts each, in key order,
  // never inside a group. Walks the group index once; `fn` may start on a slice at once.
  virtual void ForEachKeyRange(const std::string& predicate, size_t facts, const std::function<void(GroupRange)>& fn) const = 0;
  // The predicates that have facts, in order (a seek in the group index for each).
  virtual std::vector<std::string> Predicates() const = 0;
  // Whether this connection's open transaction has stored or changed facts or articles,
  // which other connections do not see until it commits.
  virtual bool WroteFacts() const = 0;
  // The facts of one group (without sentence and text), in article id then position order.
  virtual std::vector<Fact> GroupFacts(const FactGroup& g) const = 0;

  // Replaces every finding (`parts` null), or only the findings of these parts.
  void ReplaceFindings(const std::vector<Finding>& findings, int64_t run, const std::set<std::string>* parts);
  // The two halves of ReplaceFindings, for writing findings as they are made.
  virtual void ClearFindings(const std::set<std::string>* parts) = 0;
  virtual void AddFindings(const std::vector<Finding>& findings, int64_t run) = 0;
  // Findings staged aside, for a check that makes them while it reads every fact, and swapped
  // in at the end; they belong to the transaction. (SQLite: a temporary table, not memory;
  // written straight into the database they would grow the write-ahead log under the reads,
  // and every page read searches the log: 7.5 % of a check of 10M facts.)
  virtual void BeginStaging() = 0;  // empties the staging tables
  virtual void StageFindings(const std::vector<Finding>& findings, int64_t run) = 0;
  // Replaces every finding by the staged ones, in the order they were staged.
  virtual void ReplaceWithStaged() = 0;
  // How many findings there are of each severity.
  virtual std::map<Severity, size_t> FindingCounts() const = 0;
  // A small key/value table for what the next run must know ("checks": what made the findings).
  virtual std::string Meta(const std::string& key) const = 0;
  virtual void SetMeta(const std::string& key, const std::string& value) = 0;
  // Findings with their latest review (status, note, by, at, changed since review).
  virtual std::vector<Finding> Findings() const = 0;
  // Appends a decision on a current finding; throws StoreError for an unknown id or status.
  virtual void AddReview(const std::string& finding_id, const std::string& status, const std::string& note,
                         const std::string& by) = 0;
  // Every decision on a finding, oldest first (also for findings no longer produced).
  virtual std::vector<Review> History(const std::string& finding_id) const = 0;
  virtual std::vector<std::string> ReviewedFindings() const = 0;
  // The people who may sign in to `claimcheck serve` (schema v9): added or replaced by name.
  virtual void PutEditor(const Editor& e) = 0;
  virtual std::optional<Editor> GetEditor(const std::string& name) const = 0;
  virtual std::vector<Editor> Editors() const = 0;
  virtual int SchemaVersion() const = 0;

 protected:
  Store() = default;
};

}  // namespace cc::store
