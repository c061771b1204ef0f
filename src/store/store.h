// The SQLite store: articles, facts, findings and their facts, runs. Schema migrations by
// PRAGMA user_version; WAL; foreign keys; prepared statements only. A run's writes happen in
// one transaction (Begin/Commit), so a failed run leaves the database as it was.
// Errors throw StoreError with a message fit for the user ("db.sqlite: file is not a database").
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

struct sqlite3;

namespace cc::store {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr int kSchemaVersion = 6;

using ArticleInfo = ArticleMeta;

// One editorial decision on a finding, as recorded (never changed afterwards).
struct Review {
  int64_t id = 0;
  std::string finding, status, note, by, at;  // at: UTC, ISO 8601
  std::string fingerprint;                    // the finding's facts when decided
  std::vector<std::string> values;            // its values then
  std::string message;                        // its message then
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

class Stmt;

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
  // Opens (creating if needed) and migrates. ":memory:" gives a private in-memory database.
  static std::unique_ptr<Store> Open(const std::string& path);
  // A second, read-only connection to the same file, for another thread. It sees what was
  // committed, not the open transaction of this connection. Null for an in-memory database.
  std::unique_ptr<Store> OpenReader() const;
  bool InMemory() const { return path_.empty() || path_ == ":memory:"; }
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The page cache for this connection (default 64 MiB): a bulk load of millions of rows
  // with random keys wants its indexes in memory.
  void SetCacheMiB(size_t mib);

  void Begin();
  void Commit();
  void Rollback();

  int64_t StartRun(const std::string& command);
  void FinishRun(int64_t run, size_t articles, size_t facts, size_t findings);
  // Inserts or updates the article and replaces its facts.
  void PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run);
  // Writes back what corpus-wide resolution changed: value, date, anchor, event.
  void UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which);

  // Every article, in report order (path, then id), one at a time.
  void ForEachArticle(const std::function<void(const ArticleInfo&)>& fn) const;
  // Only their ids and paths, in the same order.
  void ForEachArticlePath(const std::function<void(std::string_view id, std::string_view path)>& fn) const;
  // An article's path and published date; false if there is no such article.
  bool LabelAndPublished(const std::string& id, std::string& path, std::string& published) const;
  // These articles (those that exist), in the given order.
  std::vector<ArticleInfo> ArticlesById(const std::vector<std::string>& ids) const;
  // The original text of an article (what fact spans index); "" if unknown.
  std::string Raw(const std::string& article_id) const;
  // Every article's id and original text, one at a time, in no set order.
  void ForEachRaw(const std::function<void(std::string_view id, std::string_view raw)>& fn) const;
  std::vector<Fact> Facts(const FactFilter& filter = {}) const;
  // The facts of Facts(filter), in its order, one at a time: never all in memory.
  void ForEachFact(const FactFilter& filter, const std::function<void(const Fact&)>& fn) const;
  size_t FactCount() const;
  // Every fact of one predicate with one subject key, sentence and text included, in the
  // order of Facts().
  std::vector<Fact> FactsOfSubject(const std::string& predicate, const std::string& subject_key) const;
  // Every fact of these articles, in the order of Facts().
  std::vector<Fact> FactsOfArticles(const std::vector<std::string>& article_ids) const;
  // These facts (those that exist), in the given order.
  std::vector<Fact> FactsById(const std::vector<std::string>& ids) const;
  // The articles with a fact of one of these predicates.
  std::vector<std::string> ArticlesWith(const std::vector<std::string>& predicates) const;

  // For the checks, which do not need a fact's sentence or text (left empty here): every fact
  // of `predicates` (all when empty), handed to `fn` one batch at a time and never all at
  // once. By subject: the facts of one (predicate, subject key) come in one batch, in article
  // id then position order; facts with no subject key come in batches of at most `chunk`. By
  // article: the facts of one (predicate, article) come in one batch.
  // With `sorted` false, a batch comes in index order and whoever takes it sorts it
  // (SortGroup), for instance on another thread.
  void ForEachGroup(bool by_article, const std::vector<std::string>& predicates, size_t chunk,
                    const std::function<void(std::vector<Fact>&)>& fn, bool sorted = true) const;
  // ForEachGroup over one slice; batches come sorted, as from ForEachGroup. The slices of
  // ForEachKeyRange, read in their order, give the batches of ForEachGroup over the same
  // predicate.
  void ForEachGroupIn(const GroupRange& r, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn) const;
  // Cuts one predicate's subject keys into slices of about `facts` facts each, in key order,
  // never inside a group. Walks the group index once; `fn` may start on a slice at once.
  void ForEachKeyRange(const std::string& predicate, size_t facts, const std::function<void(GroupRange)>& fn) const;
  // The predicates that have facts, in order (a seek in the group index for each).
  std::vector<std::string> Predicates() const;
  // Whether this connection's open transaction has stored or changed facts or articles,
  // which other connections do not see until it commits.
  bool WroteFacts() const { return wrote_facts_; }
  // The facts of one group (without sentence and text), in article id then position order.
  std::vector<Fact> GroupFacts(const FactGroup& g) const;

  // Replaces every finding (`parts` null), or only the findings of these parts.
  void ReplaceFindings(const std::vector<Finding>& findings, int64_t run, const std::set<std::string>* parts);
  // The two halves of ReplaceFindings, for writing findings as they are made.
  void ClearFindings(const std::set<std::string>* parts);
  void AddFindings(const std::vector<Finding>& findings, int64_t run);
  // Findings staged in a temporary table, for a check that makes them while it reads every
  // fact: written straight into the database they would grow the write-ahead log under the
  // reads, and every page read searches the log (7.5 % of a check of 10M facts). Staged
  // rows live in SQLite's temporary file, not in memory, and belong to the transaction.
  void BeginStaging();  // empties the staging tables
  void StageFindings(const std::vector<Finding>& findings, int64_t run);
  // Replaces every finding by the staged ones, in the order they were staged.
  void ReplaceWithStaged();
  // How many findings there are of each severity.
  std::map<Severity, size_t> FindingCounts() const;
  // A small key/value table for what the next run must know ("checks": what made the findings).
  std::string Meta(const std::string& key) const;
  void SetMeta(const std::string& key, const std::string& value);
  // Findings with their latest review (status, note, by, at, changed since review).
  std::vector<Finding> Findings() const;
  // Appends a decision on a current finding; throws StoreError for an unknown id or status.
  void AddReview(const std::string& finding_id, const std::string& status, const std::string& note,
                 const std::string& by);
  // Every decision on a finding, oldest first (also for findings no longer produced).
  std::vector<Review> History(const std::string& finding_id) const;
  std::vector<std::string> ReviewedFindings() const;
  int SchemaVersion() const;

 private:
  Store(sqlite3* db, std::string path);
  void Exec(const char* sql) const;
  // A statement prepared once per Store and reset before each use.
  Stmt& Cached(const char* sql) const;
  void InsertFindings(Stmt& ins, Stmt& link, const std::vector<Finding>& findings, int64_t run);
  mutable std::map<const char*, std::unique_ptr<Stmt>> cache_;
  [[noreturn]] void Fail(const std::string& what) const;
  sqlite3* db_;
  std::string path_;
  bool wrote_facts_ = false;
};

}  // namespace cc::store
