// The SQLite backend's findings: replacing them (whole, by partition, or staged in a temporary
// table while a full check reads), reading them with their latest review, and reviews.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "store/sqlite/sqlite_store.h"

namespace cc::store::sqlite {

std::map<Severity, size_t> SqliteStore::FindingCounts() const {
  Stmt st(db_, "SELECT severity, count(*) FROM findings GROUP BY severity");
  std::map<Severity, size_t> out;
  while (st.Step()) out[ParseSeverity(st.Text(0)).value_or(Severity::kError)] += static_cast<size_t>(st.Int(1));
  return out;
}

void SqliteStore::ClearFindings(const std::set<std::string>* parts) {
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

void SqliteStore::AddFindings(const std::vector<Finding>& findings, int64_t run) {
  InsertFindings(Cached(R"sql(INSERT INTO findings(id, rule, kind, severity, subject, predicate, event, vals, message,
      status, run_id, fingerprint, part) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?))sql"),
                 Cached("INSERT OR IGNORE INTO finding_facts(finding_id, fact_id, ord) VALUES(?,?,?)"), findings, run);
}

void SqliteStore::BeginStaging() {
  Exec(R"sql(
CREATE TEMP TABLE IF NOT EXISTS staged_findings(id, rule, kind, severity, subject, predicate, event, vals, message,
  status, run_id, fingerprint, part);
CREATE TEMP TABLE IF NOT EXISTS staged_finding_facts(finding_id, fact_id, ord);
DELETE FROM temp.staged_findings;
DELETE FROM temp.staged_finding_facts;
)sql");
}

void SqliteStore::StageFindings(const std::vector<Finding>& findings, int64_t run) {
  InsertFindings(Cached(R"sql(INSERT INTO temp.staged_findings(id, rule, kind, severity, subject, predicate, event, vals,
      message, status, run_id, fingerprint, part) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?))sql"),
                 Cached("INSERT INTO temp.staged_finding_facts(finding_id, fact_id, ord) VALUES(?,?,?)"), findings, run);
}

void SqliteStore::ReplaceWithStaged() {
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

void SqliteStore::InsertFindings(Stmt& ins, Stmt& link, const std::vector<Finding>& findings, int64_t run) {
  for (const auto& f : findings) {
    ins.Bind(1, f.id).Bind(2, f.rule).Bind(3, f.kind).Bind(4, std::string(ToString(f.severity))).Bind(5, f.subject)
        .Bind(6, f.predicate).Bind(7, f.event).Bind(8, nlohmann::json(f.values).dump()).Bind(9, f.message)
        .Bind(10, std::string("open")).Bind(11, run).Bind(12, f.fingerprint).Bind(13, f.part).Run();
    int64_t ord = 0;
    for (const auto& fact : f.facts) link.Bind(1, f.id).Bind(2, fact).Bind(3, ord++).Run();
  }
}

std::vector<Finding> SqliteStore::Findings() const {
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

void SqliteStore::AddReview(const std::string& finding_id, const std::string& status, const std::string& note,
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

std::vector<Review> SqliteStore::History(const std::string& finding_id) const {
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

std::vector<std::string> SqliteStore::ReviewedFindings() const {
  Stmt st(db_, "SELECT DISTINCT finding_id FROM reviews ORDER BY finding_id");
  std::vector<std::string> out;
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}


void SqliteStore::PutEditor(const Editor& e) {
  if (e.role != "editor" && e.role != "guest") throw StoreError(fmt::format("unknown role '{}' (expected editor or guest)", e.role));
  Stmt st(db_, "INSERT INTO editors(name, hash, role, added) VALUES(?,?,?,?) "
               "ON CONFLICT(name) DO UPDATE SET hash = excluded.hash, role = excluded.role");
  st.Bind(1, e.name).Bind(2, e.hash).Bind(3, e.role).Bind(4, Now()).Run();
}

std::optional<Editor> SqliteStore::GetEditor(const std::string& name) const {
  Stmt st(db_, "SELECT name, hash, role FROM editors WHERE name = ?");
  st.Bind(1, name);
  if (!st.Step()) return std::nullopt;
  return Editor{st.Text(0), st.Text(1), st.Text(2)};
}

std::vector<Editor> SqliteStore::Editors() const {
  Stmt st(db_, "SELECT name, hash, role FROM editors ORDER BY name");
  std::vector<Editor> out;
  while (st.Step()) out.push_back({st.Text(0), st.Text(1), st.Text(2)});
  return out;
}

}  // namespace cc::store::sqlite
