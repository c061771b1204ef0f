// The SQLite backend's connection: opening and migrating the schema, transactions, runs,
// the meta table, prepared statements.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "store/sqlite/sqlite_store.h"

namespace cc::store::sqlite {

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
    // v7: a generic claim's measured thing, and the stems of the words around a claim, by which
    // check `align` pairs claims of two articles.
    "ALTER TABLE facts ADD COLUMN measure TEXT; ALTER TABLE facts ADD COLUMN context TEXT;",
    // v8: the id an article's source gives it (a JSONL line's "id"), by which reports name it.
    "ALTER TABLE articles ADD COLUMN given_id TEXT NOT NULL DEFAULT '';",
    // v9: who may sign in to `claimcheck serve`, with a password hash (Argon2id) and a role.
    R"sql(
CREATE TABLE editors(
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('editor', 'guest')),
  added TEXT NOT NULL);
)sql",
};

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

std::string Now() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) t = static_cast<std::time_t>(std::atoll(e));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::unique_ptr<Store> SqliteStore::Open(const std::string& path) {
  // NOMUTEX: a Store is used by one thread at a time (each checking thread has its own).
  sqlite3* db = Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  std::unique_ptr<SqliteStore> s(new SqliteStore(db, path));
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

std::unique_ptr<Store> SqliteStore::OpenReader() const {
  if (InMemory()) return nullptr;
  sqlite3* db = Connect(path_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  std::unique_ptr<SqliteStore> s(new SqliteStore(db, path_));
  sqlite3_busy_timeout(db, 5000);
  // No mmap: its faults map 64 KiB around each page, and each reader's mapping counts as
  // resident; the readers of a re-check of 10M facts were slower and twice as large with it.
  s->Exec("PRAGMA mmap_size = 0");
  s->Exec("PRAGMA cache_size = -8192");
  return s;
}

SqliteStore::SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

SqliteStore::~SqliteStore() {
  cache_.clear();  // finalized before the connection closes
  sqlite3_close(db_);
}

void SqliteStore::Fail(const std::string& what) const {
  throw StoreError(fmt::format("{}: {}", path_, what));
}

void SqliteStore::Exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    Fail(msg);
  }
}

Stmt& SqliteStore::Cached(const char* sql) const {
  auto& slot = cache_[sql];
  if (!slot) slot = std::make_unique<Stmt>(db_, sql);
  slot->Reset();
  return *slot;
}

int SqliteStore::SchemaVersion() const {
  try {
    Stmt st(db_, "PRAGMA user_version");
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
  } catch (const StoreError& e) {
    Fail(e.what());
  }
}

void SqliteStore::Begin() {
  Exec("BEGIN IMMEDIATE");
  wrote_facts_ = false;
}
void SqliteStore::Commit() {
  Exec("COMMIT");
  wrote_facts_ = false;
}
void SqliteStore::Rollback() {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  wrote_facts_ = false;
}

int64_t SqliteStore::StartRun(const std::string& command) {
  Stmt st(db_, "INSERT INTO runs(command, started) VALUES(?, ?)");
  st.Bind(1, command).Bind(2, Now()).Run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteStore::FinishRun(int64_t run, size_t articles, size_t facts, size_t findings) {
  Stmt st(db_, "UPDATE runs SET finished=?, articles=?, facts=?, findings=? WHERE id=?");
  st.Bind(1, Now()).Bind(2, static_cast<int64_t>(articles)).Bind(3, static_cast<int64_t>(facts))
      .Bind(4, static_cast<int64_t>(findings)).Bind(5, run).Run();
}

void SqliteStore::SetCacheMiB(size_t mib) {
  Exec(fmt::format("PRAGMA cache_size = -{}", mib * 1024).c_str());
}

std::string SqliteStore::Meta(const std::string& key) const {
  Stmt& st = Cached("SELECT value FROM meta WHERE key = ?");
  st.Bind(1, key);
  std::string v = st.Step() ? st.Text(0) : "";
  st.Reset();
  return v;
}

void SqliteStore::SetMeta(const std::string& key, const std::string& value) {
  Stmt& st = Cached("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.Bind(1, key).Bind(2, value).Run();
}

}  // namespace cc::store::sqlite
