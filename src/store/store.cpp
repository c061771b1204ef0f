#include "store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <algorithm>
#include <set>
#include <unordered_map>
#include <nlohmann/json.hpp>

namespace cc::store {
namespace {

// Migration i brings the schema from version i to i+1.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  started TEXT NOT NULL,
  finished TEXT,
  articles INTEGER, facts INTEGER, findings INTEGER);
CREATE TABLE articles(
  id TEXT PRIMARY KEY,            -- content hash of the original bytes
  path TEXT NOT NULL, title TEXT, source TEXT, url TEXT, published TEXT, lang TEXT,
  bytes INTEGER NOT NULL,
  raw TEXT NOT NULL,              -- the original text that fact spans index
  run_id INTEGER REFERENCES runs(id));
CREATE TABLE facts(
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  subject TEXT, subject_key TEXT, predicate TEXT NOT NULL, value TEXT NOT NULL, type TEXT,
  unit TEXT, number REAL, bound TEXT, qualifier TEXT, event TEXT, modality TEXT, source TEXT,
  text TEXT NOT NULL, span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL,
  evidence_begin INTEGER, evidence_end INTEGER, sentence TEXT, sentence_index INTEGER,
  paragraph_index INTEGER, rule TEXT, weekday TEXT, date TEXT, anchor TEXT);
CREATE INDEX facts_group ON facts(predicate, subject_key, event);
CREATE INDEX facts_article ON facts(article_id);
CREATE TABLE findings(
  id TEXT PRIMARY KEY, rule TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  subject TEXT, predicate TEXT, event TEXT, vals TEXT NOT NULL, message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', run_id INTEGER REFERENCES runs(id));
CREATE TABLE finding_facts(
  finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  PRIMARY KEY(finding_id, fact_id));
)sql",
    // v2: the moment a running tally is given for.
    "ALTER TABLE facts ADD COLUMN as_of TEXT;",
    // v3: a caution about how a value is written (the wire-copy report day).
    "ALTER TABLE facts ADD COLUMN note TEXT;",
    // v4: editorial review. Decisions are appended, never updated; they refer to findings by
    // id without a foreign key, so they outlive the findings table being rebuilt each run.
    R"sql(
ALTER TABLE findings ADD COLUMN fingerprint TEXT;
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY,
  finding_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('open', 'confirmed', 'dismissed', 'needs-info')),
  note TEXT NOT NULL DEFAULT '',
  by TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  fingerprint TEXT NOT NULL,   -- of the finding when decided
  vals TEXT NOT NULL,          -- its values then (JSON)
  message TEXT NOT NULL);      -- its message then
CREATE INDEX reviews_finding ON reviews(finding_id, id);
)sql",
    // v5: incremental checking. A finding names the fact partition it was made from, so that
    // adding an article re-checks (and replaces the findings of) only the partitions it touches;
    // `meta` remembers which checks made the findings.
    R"sql(
ALTER TABLE findings ADD COLUMN part TEXT;
CREATE INDEX findings_part ON findings(part);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    // v6: the links between findings and facts carry no foreign keys. Only the store writes
    // them, from facts read in the same transaction, and it deletes them with their findings
    // (ClearFindings); a run that re-stores an article re-checks every partition its old facts
    // were in, so their links go with those findings. SQLite checked both parents row by row:
    // inserting a full check's 890K links took 11 s on 10M facts; without the checks, and in
    // key order, 1.5 s.
    R"sql(
CREATE TABLE finding_facts_v6(
  finding_id TEXT NOT NULL,
  fact_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  PRIMARY KEY(finding_id, fact_id));
INSERT INTO finding_facts_v6(finding_id, fact_id, ord) SELECT finding_id, fact_id, ord FROM finding_facts;
DROP TABLE finding_facts;
ALTER TABLE finding_facts_v6 RENAME TO finding_facts;
)sql",
};

// UTC now, or SOURCE_DATE_EPOCH when set (reproducible reports and golden files).
std::string Now() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) t = static_cast<std::time_t>(std::atoll(e));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

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

namespace {

// The columns of a fact, in the order ReadFact expects; "f" is the facts table.
#define CC_FACT_COLUMNS                                                                          \
  "f.id, f.article_id, f.subject, f.subject_key, f.predicate, f.value, f.type, f.unit, f.number, " \
  "f.bound, f.qualifier, f.event, f.modality, f.source, f.text, f.span_begin, f.span_end, "       \
  "f.evidence_begin, f.evidence_end, f.sentence, f.sentence_index, f.paragraph_index, f.rule, "   \
  "f.weekday, f.date, f.anchor, f.as_of, f.note"
// The same for the checks: no text, sentence, qualifier, evidence or sentence and paragraph
// numbers (constants in their places), which no check reads.
#define CC_CHECK_COLUMNS                                                                         \
  "f.id, f.article_id, f.subject, f.subject_key, f.predicate, f.value, f.type, f.unit, f.number, " \
  "f.bound, '', f.event, f.modality, f.source, '', f.span_begin, f.span_end, "                    \
  "0, 0, '', 0, 0, f.rule, "                                                                      \
  "f.weekday, f.date, f.anchor, f.as_of, f.note"

// Fills `f` in place (a batch reads straight into its last element: no move of twenty strings).
// `checks`: the row is of CC_CHECK_COLUMNS, whose constant columns are not read (a column read
// costs about a hundred instructions in SQLite, and a check reads millions of rows).
void ReadFact(const Stmt& st, Fact& f, bool checks = false) {
  f.id.assign(st.View(0));
  f.article.assign(st.View(1));
  f.subject.assign(st.View(2));
  f.subject_key.assign(st.View(3));
  f.predicate.assign(st.View(4));
  f.value.assign(st.View(5));
  f.type.assign(st.View(6));
  f.unit.assign(st.View(7));
  f.number = st.OptDouble(8);
  std::string_view b = st.View(9);
  f.bound = b == "at_least" ? Bound::kAtLeast : b == "at_most" ? Bound::kAtMost : b == "approx" ? Bound::kApprox : Bound::kExact;
  f.event.assign(st.View(11));
  f.modality = ParseModality(st.View(12)).value_or(Modality::kAsserted);
  f.source.assign(st.View(13));
  f.span = {static_cast<uint32_t>(st.Int(15)), static_cast<uint32_t>(st.Int(16))};
  f.rule.assign(st.View(22));
  f.weekday = st.OptText(23);
  f.date = st.OptText(24);
  f.anchor.assign(st.View(25));
  f.as_of.assign(st.View(26));
  f.note.assign(st.View(27));
  if (checks) {
    f.qualifier.clear();
    f.text.clear();
    f.evidence = {0, 0};
    f.sentence.clear();
    f.sentence_index = 0;
    f.paragraph_index = 0;
    return;
  }
  f.qualifier.assign(st.View(10));
  f.text.assign(st.View(14));
  f.evidence = {static_cast<uint32_t>(st.Int(17)), static_cast<uint32_t>(st.Int(18))};
  f.sentence.assign(st.View(19));
  f.sentence_index = static_cast<uint32_t>(st.Int(20));
  f.paragraph_index = static_cast<uint32_t>(st.Int(21));
}

Fact ReadFact(const Stmt& st, bool checks = false) {
  Fact f;
  ReadFact(st, f, checks);
  return f;
}

}  // namespace

void Store::Fail(const std::string& what) const {
  throw StoreError(fmt::format("{}: {}", path_, what));
}

void Store::Exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    Fail(msg);
  }
}

namespace {

// Opens a connection or throws with SQLite's reason.
sqlite3* Connect(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "cannot open database";
    sqlite3_close(db);
    throw StoreError(fmt::format("{}: {}", path, msg));
  }
  return db;
}

}  // namespace

std::unique_ptr<Store> Store::Open(const std::string& path) {
  // NOMUTEX: a Store is used by one thread at a time (each checking thread has its own).
  sqlite3* db = Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  std::unique_ptr<Store> s(new Store(db, path));
  sqlite3_busy_timeout(db, 5000);
  s->Exec("PRAGMA foreign_keys = ON");
  // Re-checking streams every fact through the group index: a 64 MiB page cache and reads
  // through mmap instead of a pread per page.
  s->Exec("PRAGMA cache_size = -65536");
  s->Exec("PRAGMA mmap_size = 1073741824");
  int version = s->SchemaVersion();  // fails on a file that is not a database
  constexpr int kKnown = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));
  if (version > kKnown)
    s->Fail(fmt::format("database schema version {} is newer than this claimcheck supports ({})", version, kKnown));
  if (path != ":memory:") {
    // Switching modes needs the database to itself; a database already in WAL (another
    // process may be writing it) is left as it is.
    Stmt mode(db, "PRAGMA journal_mode");
    if (!mode.Step() || mode.Text(0) != "wal") {
      mode.Reset();
      s->Exec("PRAGMA journal_mode = WAL");
    }
  }
  for (int v = version; v < kKnown; ++v) {
    s->Exec("BEGIN IMMEDIATE");
    try {
      s->Exec(kMigrations[v]);
      s->Exec(fmt::format("PRAGMA user_version = {}", v + 1).c_str());
      s->Exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
  return s;
}

std::unique_ptr<Store> Store::OpenReader() const {
  if (InMemory()) return nullptr;
  sqlite3* db = Connect(path_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  std::unique_ptr<Store> s(new Store(db, path_));
  sqlite3_busy_timeout(db, 5000);
  // No mmap: its faults map 64 KiB around each page, and each reader's mapping counts as
  // resident (10M facts: 2.27 GB instead of 1.23 when the readers only looked up labels; now
  // that they read the facts of their key slices, a 2 GiB mapping each took the re-check
  // from 16.1 to 14.2 s and to 5.2 GB resident).
  s->Exec("PRAGMA mmap_size = 0");
  s->Exec("PRAGMA cache_size = -8192");
  return s;
}

Store::Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Store::~Store() {
  cache_.clear();  // finalized before the connection closes
  sqlite3_close(db_);
}

int Store::SchemaVersion() const {
  try {
    Stmt st(db_, "PRAGMA user_version");
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
  } catch (const StoreError& e) {
    Fail(e.what());
  }
}

void Store::Begin() {
  Exec("BEGIN IMMEDIATE");
  wrote_facts_ = false;
}
void Store::Commit() {
  Exec("COMMIT");
  wrote_facts_ = false;
}
void Store::Rollback() {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  wrote_facts_ = false;
}

int64_t Store::StartRun(const std::string& command) {
  Stmt st(db_, "INSERT INTO runs(command, started) VALUES(?, ?)");
  st.Bind(1, command).Bind(2, Now()).Run();
  return sqlite3_last_insert_rowid(db_);
}

void Store::FinishRun(int64_t run, size_t articles, size_t facts, size_t findings) {
  Stmt st(db_, "UPDATE runs SET finished=?, articles=?, facts=?, findings=? WHERE id=?");
  st.Bind(1, Now()).Bind(2, static_cast<int64_t>(articles)).Bind(3, static_cast<int64_t>(facts))
      .Bind(4, static_cast<int64_t>(findings)).Bind(5, run).Run();
}

void Store::PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run) {
  wrote_facts_ = true;
  // A new article (most are) has no facts to replace: inserted, not updated, it needs no
  // DELETE (a look-up in the facts' article index per article).
  Stmt& add = Cached(R"sql(INSERT INTO articles(id, path, title, source, url, published, lang, bytes, raw, run_id)
      VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING)sql");
  // Views, not copies: every value outlives its statement's Run().
  add.BindView(1, a.id).BindView(2, a.path).BindView(3, a.title).BindView(4, a.source).BindView(5, a.url)
      .BindView(6, a.published).BindView(7, a.lang).Bind(8, static_cast<int64_t>(a.raw.size())).BindView(9, a.raw)
      .Bind(10, run).Run();
  if (sqlite3_changes(db_) == 0) {
    Stmt& up = Cached(R"sql(UPDATE articles SET path = ?, title = ?, source = ?, url = ?, published = ?, lang = ?,
        run_id = ? WHERE id = ?)sql");
    up.BindView(1, a.path).BindView(2, a.title).BindView(3, a.source).BindView(4, a.url).BindView(5, a.published)
        .BindView(6, a.lang).Bind(7, run).BindView(8, a.id).Run();
    Stmt& del = Cached("DELETE FROM facts WHERE article_id = ?");
    del.BindView(1, a.id).Run();
  }
  Stmt& ins = Cached(R"sql(INSERT INTO facts(id, article_id, subject, subject_key, predicate, value, type, unit,
      number, bound, qualifier, event, modality, source, text, span_begin, span_end, evidence_begin,
      evidence_end, sentence, sentence_index, paragraph_index, rule, weekday, date, anchor, as_of, note)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql");
  for (const auto& f : facts) {
    ins.BindView(1, f.id).BindView(2, f.article).BindView(3, f.subject).BindView(4, f.subject_key)
        .BindView(5, f.predicate).BindView(6, f.value).BindView(7, f.type).BindView(8, f.unit).Bind(9, f.number)
        .BindView(10, ToString(f.bound)).BindView(11, f.qualifier).BindView(12, f.event)
        .BindView(13, ToString(f.modality)).BindView(14, f.source).BindView(15, f.text)
        .Bind(16, static_cast<int64_t>(f.span.begin)).Bind(17, static_cast<int64_t>(f.span.end))
        .Bind(18, static_cast<int64_t>(f.evidence.begin)).Bind(19, static_cast<int64_t>(f.evidence.end))
        .BindView(20, f.sentence).Bind(21, static_cast<int64_t>(f.sentence_index))
        .Bind(22, static_cast<int64_t>(f.paragraph_index)).BindView(23, f.rule).BindOptView(24, f.weekday)
        .BindOptView(25, f.date).BindView(26, f.anchor).BindView(27, f.as_of).BindView(28, f.note).Run();
  }
}

void Store::UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which) {
  Stmt& up = Cached("UPDATE facts SET value = ?, date = ?, anchor = ?, event = ? WHERE id = ?");
  if (!which.empty()) wrote_facts_ = true;
  for (size_t i : which) {
    const Fact& f = facts[i];
    up.Bind(1, f.value).BindOpt(2, f.date).Bind(3, f.anchor).Bind(4, f.event).Bind(5, f.id).Run();
  }
}

void Store::ReplaceFindings(const std::vector<Finding>& findings, int64_t run, const std::set<std::string>* parts) {
  ClearFindings(parts);
  AddFindings(findings, run);
}

std::map<Severity, size_t> Store::FindingCounts() const {
  Stmt st(db_, "SELECT severity, count(*) FROM findings GROUP BY severity");
  std::map<Severity, size_t> out;
  while (st.Step()) out[ParseSeverity(st.Text(0)).value_or(Severity::kError)] += static_cast<size_t>(st.Int(1));
  return out;
}

void Store::ClearFindings(const std::set<std::string>* parts) {
  // The links first: they have no foreign key to cascade from their findings (schema v6).
  if (!parts) {
    Exec("DELETE FROM finding_facts");
    Exec("DELETE FROM findings");
  } else {
    Stmt& links = Cached("DELETE FROM finding_facts WHERE finding_id IN (SELECT id FROM findings WHERE part = ?)");
    Stmt& del = Cached("DELETE FROM findings WHERE part = ?");
    for (const auto& p : *parts) {
      links.Bind(1, p).Run();
      del.Bind(1, p).Run();
    }
  }
}

void Store::AddFindings(const std::vector<Finding>& findings, int64_t run) {
  InsertFindings(Cached(R"sql(INSERT INTO findings(id, rule, kind, severity, subject, predicate, event, vals, message,
      status, run_id, fingerprint, part) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?))sql"),
                 Cached("INSERT OR IGNORE INTO finding_facts(finding_id, fact_id, ord) VALUES(?,?,?)"), findings, run);
}

void Store::BeginStaging() {
  Exec(R"sql(
CREATE TEMP TABLE IF NOT EXISTS staged_findings(id, rule, kind, severity, subject, predicate, event, vals, message,
  status, run_id, fingerprint, part);
CREATE TEMP TABLE IF NOT EXISTS staged_finding_facts(finding_id, fact_id, ord);
DELETE FROM temp.staged_findings;
DELETE FROM temp.staged_finding_facts;
)sql");
}

void Store::StageFindings(const std::vector<Finding>& findings, int64_t run) {
  InsertFindings(Cached(R"sql(INSERT INTO temp.staged_findings(id, rule, kind, severity, subject, predicate, event, vals,
      message, status, run_id, fingerprint, part) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?))sql"),
                 Cached("INSERT INTO temp.staged_finding_facts(finding_id, fact_id, ord) VALUES(?,?,?)"), findings, run);
}

void Store::ReplaceWithStaged() {
  ClearFindings(nullptr);
  // The links in their primary key's order, so that its index is written front to back
  // (10M facts: 4.8 s in fact id order, 1.5 s in this one). A pair staged twice keeps its
  // first position.
  Exec(R"sql(
INSERT INTO findings(id, rule, kind, severity, subject, predicate, event, vals, message, status, run_id, fingerprint, part)
  SELECT id, rule, kind, severity, subject, predicate, event, vals, message, status, run_id, fingerprint, part
  FROM temp.staged_findings ORDER BY rowid;
INSERT OR IGNORE INTO finding_facts(finding_id, fact_id, ord)
  SELECT finding_id, fact_id, ord FROM temp.staged_finding_facts ORDER BY finding_id, fact_id, rowid;
DELETE FROM temp.staged_findings;
DELETE FROM temp.staged_finding_facts;
)sql");
}

void Store::InsertFindings(Stmt& ins, Stmt& link, const std::vector<Finding>& findings, int64_t run) {
  for (const auto& f : findings) {
    ins.Bind(1, f.id).Bind(2, f.rule).Bind(3, f.kind).Bind(4, std::string(ToString(f.severity))).Bind(5, f.subject)
        .Bind(6, f.predicate).Bind(7, f.event).Bind(8, nlohmann::json(f.values).dump()).Bind(9, f.message)
        .Bind(10, std::string("open")).Bind(11, run).Bind(12, f.fingerprint).Bind(13, f.part).Run();
    int64_t ord = 0;
    for (const auto& fact : f.facts) link.Bind(1, f.id).Bind(2, fact).Bind(3, ord++).Run();
  }
}

namespace {
// The columns of an article's metadata, in the order ReadArticle expects.
#define CC_ARTICLE_COLUMNS "id, path, title, source, url, published, lang, bytes"
void ReadArticle(const Stmt& st, ArticleInfo& a) {
  a.id.assign(st.View(0));
  a.path.assign(st.View(1));
  a.title.assign(st.View(2));
  a.source.assign(st.View(3));
  a.url.assign(st.View(4));
  a.published.assign(st.View(5));
  a.lang.assign(st.View(6));
  a.bytes = static_cast<uint64_t>(st.Int(7));
}
}  // namespace

void Store::ForEachArticle(const std::function<void(const ArticleInfo&)>& fn) const {
  Stmt st(db_, "SELECT " CC_ARTICLE_COLUMNS " FROM articles ORDER BY path, id");
  ArticleInfo a;
  while (st.Step()) {
    ReadArticle(st, a);
    fn(a);
  }
}

void Store::ForEachArticlePath(const std::function<void(std::string_view id, std::string_view path)>& fn) const {
  Stmt st(db_, "SELECT id, path FROM articles ORDER BY path, id");
  while (st.Step()) fn(st.View(0), st.View(1));
}

bool Store::LabelAndPublished(const std::string& id, std::string& path, std::string& published) const {
  Stmt& st = Cached("SELECT path, published FROM articles WHERE id = ?");
  st.Bind(1, id);
  bool found = st.Step();
  if (found) {
    path = st.Text(0);
    published = st.Text(1);
  }
  st.Reset();
  return found;
}

std::vector<ArticleInfo> Store::ArticlesById(const std::vector<std::string>& ids) const {
  Stmt& st = Cached("SELECT " CC_ARTICLE_COLUMNS " FROM articles WHERE id = ?");
  std::vector<ArticleInfo> out;
  for (const auto& id : ids) {
    st.Reset();
    st.Bind(1, id);
    if (st.Step()) ReadArticle(st, out.emplace_back());
  }
  st.Reset();
  return out;
}

std::string Store::Raw(const std::string& article_id) const {
  Stmt& st = Cached("SELECT raw FROM articles WHERE id = ?");
  st.BindView(1, article_id);
  std::string raw = st.Step() ? st.Text(0) : "";
  st.Reset();
  return raw;
}

void Store::ForEachRaw(const std::function<void(std::string_view id, std::string_view raw)>& fn) const {
  Stmt st(db_, "SELECT id, raw FROM articles");
  while (st.Step()) fn(st.View(0), st.View(1));
}

#define CC_FACT_ORDER " ORDER BY a.path, a.id, f.span_begin, f.span_end, f.predicate, f.id"

void Store::ForEachFact(const FactFilter& filter, const std::function<void(const Fact&)>& fn) const {
  Stmt st(db_, "SELECT " CC_FACT_COLUMNS R"sql(
      FROM facts f JOIN articles a ON a.id = f.article_id
      WHERE (?1 = '' OR f.predicate = ?1) AND (?2 = '' OR f.subject = ?2 OR f.subject_key = lower(?2))
        AND (?3 = '' OR f.article_id = ?3 OR a.path = ?3))sql" CC_FACT_ORDER);
  st.Bind(1, filter.predicate).Bind(2, filter.subject).Bind(3, filter.article);
  Fact f;
  while (st.Step()) {
    ReadFact(st, f);
    fn(f);
  }
}

std::vector<Fact> Store::Facts(const FactFilter& filter) const {
  std::vector<Fact> out;
  ForEachFact(filter, [&](const Fact& f) { out.push_back(f); });
  return out;
}

size_t Store::FactCount() const {
  Stmt& st = Cached("SELECT count(*) FROM facts");
  size_t n = st.Step() ? static_cast<size_t>(st.Int(0)) : 0;
  st.Reset();
  return n;
}

std::vector<Fact> Store::FactsOfSubject(const std::string& predicate, const std::string& subject_key) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f JOIN articles a ON a.id = f.article_id"
                    " WHERE f.predicate = ? AND f.subject_key = ?" CC_FACT_ORDER);
  st.Bind(1, predicate).Bind(2, subject_key);
  std::vector<Fact> out;
  while (st.Step()) out.push_back(ReadFact(st));
  st.Reset();
  return out;
}

std::vector<Fact> Store::FactsOfArticles(const std::vector<std::string>& article_ids) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f WHERE f.article_id = ?");
  std::vector<std::pair<std::string, std::string>> order;  // (path, id)
  Stmt& path = Cached("SELECT path FROM articles WHERE id = ?");
  for (const auto& id : article_ids) {
    path.Reset();
    path.Bind(1, id);
    order.emplace_back(path.Step() ? path.Text(0) : "", id);
  }
  path.Reset();
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::vector<Fact> out;
  for (const auto& [p, id] : order) {
    st.Reset();
    st.Bind(1, id);
    size_t first = out.size();
    while (st.Step()) out.push_back(ReadFact(st));
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const Fact& a, const Fact& b) {
      return std::tie(a.span.begin, a.span.end, a.predicate, a.id) < std::tie(b.span.begin, b.span.end, b.predicate, b.id);
    });
  }
  return out;
}

std::vector<Fact> Store::FactsById(const std::vector<std::string>& ids) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f WHERE f.id = ?");
  std::vector<Fact> out;
  for (const auto& id : ids) {
    st.Reset();
    st.Bind(1, id);
    if (st.Step()) out.push_back(ReadFact(st));
  }
  st.Reset();
  return out;
}

std::vector<std::string> Store::ArticlesWith(const std::vector<std::string>& predicates) const {
  Stmt& st = Cached("SELECT DISTINCT article_id FROM facts WHERE predicate = ?");
  std::set<std::string> ids;
  for (const auto& p : predicates) {
    st.Reset();
    st.Bind(1, p);
    while (st.Step()) ids.insert(st.Text(0));
  }
  return {ids.begin(), ids.end()};
}

#define CC_GROUP_SELECT "SELECT " CC_CHECK_COLUMNS " FROM facts f"

// A fixed order: article id, then position. (Not the path order of Facts(): that would read
// every fact's article; the checks order what they show by label.)
void SortGroup(std::vector<Fact>& facts) {
  SortFacts(facts, [](const Fact& a, const Fact& b) {
    return std::tie(a.article, a.span.begin, a.span.end, a.predicate, a.id) <
           std::tie(b.article, b.span.begin, b.span.end, b.predicate, b.id);
  });
}

namespace {

// Cuts the rows of a group query (ordered by predicate, then subject key or article) into
// batches, one per group; a subject-less group in batches of at most `chunk`.
void StreamGroups(Stmt& st, bool by_article, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn,
                  bool sorted) {
  std::vector<Fact> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    if (sorted) SortGroup(batch);
    fn(batch);
    batch.clear();
  };
  while (st.Step()) {
    if (!batch.empty()) {
      // Compared before the row is read into a Fact: most rows continue the group.
      const Fact& last = batch.back();
      std::string_view predicate = st.View(4), key = by_article ? st.View(1) : st.View(3);
      bool same = predicate == last.predicate &&
                  (by_article ? key == last.article
                              : key == last.subject_key && (!key.empty() || batch.size() < chunk));
      if (!same) flush();
    }
    if (batch.capacity() == 0) batch.reserve(16);  // a batch handed on leaves none
    ReadFact(st, batch.emplace_back(), true);
  }
  flush();
}

}  // namespace

void Store::ForEachGroup(bool by_article, const std::vector<std::string>& predicates, size_t chunk,
                         const std::function<void(std::vector<Fact>&)>& fn, bool sorted) const {
  // By subject the index facts_group gives the order; by article SQLite sorts (the predicates
  // of `sum`-like checks are few).
  std::string sql = CC_GROUP_SELECT;
  if (!predicates.empty()) {
    sql += " WHERE f.predicate IN (";
    for (size_t i = 0; i < predicates.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  sql += by_article ? " ORDER BY f.predicate, f.article_id" : " ORDER BY f.predicate, f.subject_key";
  Stmt st(db_, sql.c_str());
  for (size_t i = 0; i < predicates.size(); ++i) st.Bind(static_cast<int>(i + 1), predicates[i]);
  StreamGroups(st, by_article, chunk, fn, sorted);
}

void Store::ForEachGroupIn(const GroupRange& r, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn) const {
  // Subject keys are never NULL (PutArticle binds a string), so `>= ''` takes them all.
  Stmt& st = r.by_article ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? ORDER BY f.article_id")
             : r.to       ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key >= ? AND f.subject_key < ?"
                                                 " ORDER BY f.subject_key")
                          : Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key >= ? ORDER BY f.subject_key");
  st.Bind(1, r.predicate);
  if (!r.by_article) st.Bind(2, r.from);
  if (!r.by_article && r.to) st.Bind(3, *r.to);
  StreamGroups(st, r.by_article, chunk, fn, true);
  st.Reset();
}

void Store::ForEachKeyRange(const std::string& predicate, size_t facts,
                            const std::function<void(GroupRange)>& fn) const {
  // The key `facts` rows on from where the slice starts; if that is still the slice's first
  // key (a large group), the next key after it.
  Stmt& at = Cached("SELECT subject_key FROM facts WHERE predicate = ? AND subject_key >= ? ORDER BY subject_key LIMIT 1 OFFSET ?");
  Stmt& next = Cached("SELECT subject_key FROM facts WHERE predicate = ? AND subject_key > ? ORDER BY subject_key LIMIT 1");
  std::string from;
  for (;;) {
    at.Bind(1, predicate).Bind(2, from).Bind(3, static_cast<int64_t>(facts));
    std::optional<std::string> to;
    if (at.Step()) to = at.Text(0);
    at.Reset();
    if (to && *to == from) {
      next.Bind(1, predicate).Bind(2, from);
      to = next.Step() ? std::optional<std::string>(next.Text(0)) : std::nullopt;
      next.Reset();
    }
    fn(GroupRange{false, predicate, from, to});
    if (!to) return;
    from = std::move(*to);
  }
}

std::vector<std::string> Store::Predicates() const {
  Stmt& st = Cached("SELECT predicate FROM facts WHERE predicate > ? ORDER BY predicate LIMIT 1");
  std::vector<std::string> out;
  std::string last;
  for (;;) {
    st.Bind(1, last);
    if (!st.Step()) break;
    last = st.Text(0);
    st.Reset();
    out.push_back(last);
  }
  st.Reset();
  return out;
}

std::vector<Fact> Store::GroupFacts(const FactGroup& g) const {
  Stmt& st = g.by_article ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.article_id = ?")
                          : Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key = ?");
  st.Bind(1, g.predicate).Bind(2, g.key);
  std::vector<Fact> facts;
  while (st.Step()) facts.push_back(ReadFact(st, true));
  SortGroup(facts);
  return facts;
}

void Store::SetCacheMiB(size_t mib) {
  Exec(fmt::format("PRAGMA cache_size = -{}", mib * 1024).c_str());
}

std::string Store::Meta(const std::string& key) const {
  Stmt& st = Cached("SELECT value FROM meta WHERE key = ?");
  st.Bind(1, key);
  std::string v = st.Step() ? st.Text(0) : "";
  st.Reset();
  return v;
}

void Store::SetMeta(const std::string& key, const std::string& value) {
  Stmt& st = Cached("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.Bind(1, key).Bind(2, value).Run();
}

Stmt& Store::Cached(const char* sql) const {
  auto& slot = cache_[sql];
  if (!slot) slot = std::make_unique<Stmt>(db_, sql);
  slot->Reset();
  return *slot;
}

std::vector<Finding> Store::Findings() const {
  // Each finding with its latest review, if any.
  Stmt st(db_, R"sql(SELECT f.id, f.rule, f.kind, f.severity, f.subject, f.predicate, f.event, f.vals, f.message,
      COALESCE(r.status, 'open'), f.fingerprint, r.note, r.by, r.at, r.fingerprint
      FROM findings f LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE finding_id = f.id))sql");
  Stmt facts(db_, "SELECT fact_id FROM finding_facts WHERE finding_id = ? ORDER BY ord");
  std::vector<Finding> out;
  while (st.Step()) {
    Finding f;
    f.id = st.Text(0);
    f.rule = st.Text(1);
    f.kind = st.Text(2);
    f.severity = ParseSeverity(st.Text(3)).value_or(Severity::kError);
    f.subject = st.Text(4);
    f.predicate = st.Text(5);
    f.event = st.Text(6);
    f.values = nlohmann::json::parse(st.Text(7)).get<std::vector<std::string>>();
    f.message = st.Text(8);
    f.status = st.Text(9);
    f.fingerprint = st.Text(10);
    f.review_note = st.Text(11);
    f.reviewed_by = st.Text(12);
    f.reviewed_at = st.Text(13);
    f.changed_since_review = !f.reviewed_at.empty() && st.Text(14) != f.fingerprint;
    facts.Bind(1, f.id);
    while (facts.Step()) f.facts.push_back(facts.Text(0));
    facts.Reset();
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.Key() < b.Key(); });
  return out;
}

void Store::AddReview(const std::string& finding_id, const std::string& status, const std::string& note,
                      const std::string& by) {
  static const std::set<std::string> kStatuses = {"open", "confirmed", "dismissed", "needs-info"};
  if (!kStatuses.count(status))
    throw StoreError(fmt::format("unknown status '{}' (expected confirmed, dismissed, needs-info or open)", status));
  // One write transaction for the read and the insert: a read left open and then upgraded to a
  // write fails at once (SQLITE_BUSY_SNAPSHOT) when a `check` commits in between; BEGIN
  // IMMEDIATE instead waits for the writer (busy timeout) and then sees its findings.
  Exec("BEGIN IMMEDIATE");
  try {
    std::string fingerprint, vals, message;
    {
      Stmt find(db_, "SELECT fingerprint, vals, message FROM findings WHERE id = ?");
      find.Bind(1, finding_id);
      if (!find.Step()) throw StoreError(fmt::format("{}: no finding with id {}", path_, finding_id));
      fingerprint = find.Text(0), vals = find.Text(1), message = find.Text(2);
    }
    Stmt ins(db_, "INSERT INTO reviews(finding_id, status, note, by, at, fingerprint, vals, message) VALUES(?,?,?,?,?,?,?,?)");
    ins.Bind(1, finding_id).Bind(2, status).Bind(3, note).Bind(4, by).Bind(5, Now()).Bind(6, fingerprint).Bind(7, vals)
        .Bind(8, message).Run();
    Exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<Review> Store::History(const std::string& finding_id) const {
  Stmt st(db_, "SELECT id, status, note, by, at, fingerprint, vals, message FROM reviews WHERE finding_id = ? ORDER BY id");
  st.Bind(1, finding_id);
  std::vector<Review> out;
  while (st.Step()) {
    Review r;
    r.id = st.Int(0);
    r.finding = finding_id;
    r.status = st.Text(1);
    r.note = st.Text(2);
    r.by = st.Text(3);
    r.at = st.Text(4);
    r.fingerprint = st.Text(5);
    r.values = nlohmann::json::parse(st.Text(6)).get<std::vector<std::string>>();
    r.message = st.Text(7);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> Store::ReviewedFindings() const {
  Stmt st(db_, "SELECT DISTINCT finding_id FROM reviews ORDER BY finding_id");
  std::vector<std::string> out;
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

}  // namespace cc::store
