// The SQLite store: articles, facts, findings and their facts, runs. Schema migrations by
// PRAGMA user_version; WAL; foreign keys; prepared statements only. A run's writes happen in
// one transaction (Begin/Commit), so a failed run leaves the database as it was.
// Errors throw StoreError with a message fit for the user ("db.sqlite: file is not a database").
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/types.h"

struct sqlite3;

namespace cc::store {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr int kSchemaVersion = 4;

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

class Store {
 public:
  // Opens (creating if needed) and migrates. ":memory:" gives a private in-memory database.
  static std::unique_ptr<Store> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void Begin();
  void Commit();
  void Rollback();

  int64_t StartRun(const std::string& command);
  void FinishRun(int64_t run, size_t articles, size_t facts, size_t findings);
  // Inserts or updates the article and replaces its facts.
  void PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run);
  // Writes back what corpus-wide resolution changed: value, date, anchor, event.
  void UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which);
  void ReplaceFindings(const std::vector<Finding>& findings, int64_t run);

  std::vector<ArticleInfo> Articles() const;
  // The original text of an article (what fact spans index); "" if unknown.
  std::string Raw(const std::string& article_id) const;
  std::vector<Fact> Facts(const FactFilter& filter = {}) const;
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
  explicit Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void Exec(const char* sql) const;
  [[noreturn]] void Fail(const std::string& what) const;
  sqlite3* db_;
  std::string path_;
};

}  // namespace cc::store
