// Internal to src/store: the SQLite backend of Store (Store::Open makes one). Its files, by what
// they do: connection.cpp (opening, schema migrations, transactions, runs, meta, prepared
// statements), articles.cpp, facts.cpp (facts, and the partitions the checks read),
// findings.cpp (findings, their staging, reviews).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace cc::store::sqlite {

// A prepared statement with RAII and typed binds.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) throw StoreError(sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Binds without copying: `v` must outlive the statement's run (a chain that ends in Run() in
  // the same expression; Reset clears the binding). For the rows stored per article.
  Stmt& BindView(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Stmt& BindOptView(int i, const std::optional<std::string>& v) {
    if (v) BindView(i, *v);
    else sqlite3_bind_null(s_, i);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, const std::optional<double>& v) {
    if (v) sqlite3_bind_double(s_, i, *v);
    else sqlite3_bind_null(s_, i);
    return *this;
  }
  Stmt& BindOpt(int i, const std::optional<std::string>& v) {
    if (v) Bind(i, *v);
    else sqlite3_bind_null(s_, i);
    return *this;
  }
  bool Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(sqlite3_errmsg(db_));
  }
  void Run() {
    Step();
    Reset();
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string_view View(int c) const {
    auto* p = sqlite3_column_text(s_, c);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, c))) : "";
  }
  std::string Text(int c) const { return std::string(View(c)); }
  std::optional<std::string> OptText(int c) const {
    if (sqlite3_column_type(s_, c) == SQLITE_NULL) return std::nullopt;
    return Text(c);
  }
  int64_t Int(int c) const { return sqlite3_column_int64(s_, c); }
  std::optional<double> OptDouble(int c) const {
    if (sqlite3_column_type(s_, c) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(s_, c);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

// The columns of a fact, in the order ReadFact expects; "f" is the facts table.
#define CC_FACT_COLUMNS                                                                          \
  "f.id, f.article_id, f.subject, f.subject_key, f.predicate, f.value, f.type, f.unit, f.number, " \
  "f.bound, f.qualifier, f.event, f.modality, f.source, f.text, f.span_begin, f.span_end, "       \
  "f.evidence_begin, f.evidence_end, f.sentence, f.sentence_index, f.paragraph_index, f.rule, "   \
  "f.weekday, f.date, f.anchor, f.as_of, f.note, f.measure, f.context"
// The same for the checks: no sentence, qualifier, evidence or paragraph number (constants in
// their places), which no check reads; the text, a few words, is how a finding quotes a value.
#define CC_CHECK_COLUMNS                                                                         \
  "f.id, f.article_id, f.subject, f.subject_key, f.predicate, f.value, f.type, f.unit, f.number, " \
  "f.bound, '', f.event, f.modality, f.source, f.text, f.span_begin, f.span_end, "                \
  "0, 0, '', f.sentence_index, 0, f.rule, "                                                        \
  "f.weekday, f.date, f.anchor, f.as_of, f.note, f.measure, f.context"

// The columns of an article's metadata, in the order ReadArticle expects.
#define CC_ARTICLE_COLUMNS "id, path, title, source, url, published, lang, bytes, given_id"
// Facts in report order: article path, then position.
#define CC_FACT_ORDER " ORDER BY a.path, a.id, f.span_begin, f.span_end, f.predicate, f.id"
// The facts of a partition, as the checks read them.
#define CC_GROUP_SELECT "SELECT " CC_CHECK_COLUMNS " FROM facts f"

// Fills `f` in place (a batch reads straight into its last element: no move of twenty strings).
// `checks`: the row is of CC_CHECK_COLUMNS, whose constant columns are not read (a column read
// costs about a hundred instructions in SQLite, and a check reads millions of rows).
void ReadFact(const Stmt& st, Fact& f, bool checks = false);
Fact ReadFact(const Stmt& st, bool checks = false);
void ReadArticle(const Stmt& st, ArticleInfo& a);
// UTC now, or SOURCE_DATE_EPOCH when set (reproducible reports and golden files).
std::string Now();

class SqliteStore final : public Store {
 public:
  static std::unique_ptr<Store> Open(const std::string& path);
  ~SqliteStore() override;

  std::unique_ptr<Store> OpenReader() const override;
  bool InMemory() const override { return path_.empty() || path_ == ":memory:"; }
  void SetCacheMiB(size_t mib) override;
  void Begin() override;
  void Commit() override;
  void Rollback() override;
  int64_t StartRun(const std::string& command) override;
  void FinishRun(int64_t run, size_t articles, size_t facts, size_t findings) override;
  void PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run) override;
  void UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which) override;
  void ForEachArticle(const std::function<void(const ArticleInfo&)>& fn) const override;
  void ForEachArticlePath(const std::function<void(std::string_view id, std::string_view path, std::string_view label)>& fn,
                          bool labels) const override;
  bool LabelAndPublished(const std::string& id, std::string& label, std::string& published) const override;
  std::vector<ArticleInfo> ArticlesById(const std::vector<std::string>& ids) const override;
  std::string Raw(const std::string& article_id) const override;
  void ForEachRaw(const std::function<void(std::string_view id, std::string_view raw)>& fn) const override;
  void ForEachFact(const FactFilter& filter, const std::function<void(const Fact&)>& fn) const override;
  size_t FactCount() const override;
  std::vector<Fact> FactsOfSubject(const std::string& predicate, const std::string& subject_key) const override;
  std::vector<Fact> FactsOfArticles(const std::vector<std::string>& article_ids) const override;
  std::vector<Fact> FactsById(const std::vector<std::string>& ids) const override;
  std::vector<std::string> ArticlesWith(const std::vector<std::string>& predicates) const override;
  std::vector<std::string> UndatedArticles() const override;
  void ForEachGroup(bool by_article, const std::vector<std::string>& predicates, size_t chunk,
                    const std::function<void(std::vector<Fact>&)>& fn, bool sorted) const override;
  void ForEachGroupIn(const GroupRange& r, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn) const override;
  void ForEachKeyRange(const std::string& predicate, size_t facts, const std::function<void(GroupRange)>& fn) const override;
  std::vector<std::string> Predicates() const override;
  bool WroteFacts() const override { return wrote_facts_; }
  std::vector<Fact> GroupFacts(const FactGroup& g) const override;
  void ClearFindings(const std::set<std::string>* parts) override;
  void AddFindings(const std::vector<Finding>& findings, int64_t run) override;
  void BeginStaging() override;
  void StageFindings(const std::vector<Finding>& findings, int64_t run) override;
  void ReplaceWithStaged() override;
  std::map<Severity, size_t> FindingCounts() const override;
  std::string Meta(const std::string& key) const override;
  void SetMeta(const std::string& key, const std::string& value) override;
  std::vector<Finding> Findings() const override;
  void AddReview(const std::string& finding_id, const std::string& status, const std::string& note,
                 const std::string& by) override;
  std::vector<Review> History(const std::string& finding_id) const override;
  void PutEditor(const Editor& e) override;
  std::optional<Editor> GetEditor(const std::string& name) const override;
  std::vector<Editor> Editors() const override;
  std::vector<std::string> ReviewedFindings() const override;
  int SchemaVersion() const override;

 private:
  SqliteStore(sqlite3* db, std::string path);
  void Exec(const char* sql) const;
  // A statement prepared once per Store and reset before each use.
  Stmt& Cached(const char* sql) const;
  void InsertFindings(Stmt& ins, Stmt& link, const std::vector<Finding>& findings, int64_t run);
  [[noreturn]] void Fail(const std::string& what) const;
  mutable std::map<const char*, std::unique_ptr<Stmt>> cache_;
  sqlite3* db_;
  std::string path_;
  bool wrote_facts_ = false;
};

}  // namespace cc::store::sqlite
