// The SQLite store: migrations, round trips, refusal of foreign files and newer schemas.
#include <algorithm>
#include <set>

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "core/text.h"
#include "pipeline/add.h"
#include "store/store.h"
#include "support/support.h"

using namespace cc;

namespace {

// Article "a1" at `path` with three facts of predicate p: "x", "y" and "z".
void PutXyz(store::Store& db, int64_t run, const std::string& path, const std::string& published = "") {
  Article art;
  art.id = "a1", art.path = path, art.published = published, art.raw = "text";
  std::vector<Fact> facts;
  for (const char* id : {"x", "y", "z"}) {
    Fact f;
    f.id = id, f.article = "a1", f.predicate = "p", f.value = id, f.text = id;
    facts.push_back(f);
  }
  db.PutArticle(art, facts, run);
}

}  // namespace

TEST_CASE("articles, facts and findings round-trip through the store", "[store]") {
  auto db = store::Store::Open(":memory:");
  CHECK(db->SchemaVersion() == store::kSchemaVersion);
  auto e = test::ExtractText("Presiden Joko Widodo berangkat ke Tokyo pada Senin pagi.", "id");
  db->Begin();
  auto run = db->StartRun("test");
  db->PutArticle(e.article, e.facts, run);
  Finding f;
  f.id = "f1";
  f.rule = "r";
  f.kind = "agree";
  f.values = {"monday"};
  f.facts = {e.facts[0].id};
  f.message = "m";
  db->ReplaceFindings({f}, run, nullptr);
  db->Commit();
  auto facts = db->Facts();
  REQUIRE(facts.size() == e.facts.size());
  CHECK(facts[0].text == e.facts[0].text);
  CHECK(facts[0].span == e.facts[0].span);
  CHECK(db->Findings().at(0).facts == f.facts);
  CHECK(db->Raw(e.article.id) == e.article.raw);
  // Re-putting the same article replaces its facts rather than duplicating them.
  db->Begin();
  db->PutArticle(e.article, e.facts, run);
  db->Commit();
  CHECK(db->Facts().size() == e.facts.size());
  // The article has no published date: it is among the undated; given one, it is not.
  CHECK(db->UndatedArticles() == std::vector<std::string>{e.article.id});
  Article dated = e.article;
  dated.published = "2024-05-06";
  db->Begin();
  db->PutArticle(dated, e.facts, run);
  db->Commit();
  CHECK(db->UndatedArticles().empty());
}

TEST_CASE("editors are added, replaced by name and listed, and an unknown role is refused", "[store]") {
  auto db = store::Store::Open(":memory:");
  CHECK(!db->GetEditor("ana"));
  db->PutEditor({"ana", "$argon2id$one", "editor"});
  db->PutEditor({"budi", "$argon2id$two", "guest"});
  db->PutEditor({"ana", "$argon2id$three", "guest"});
  auto ana = db->GetEditor("ana");
  REQUIRE(ana);
  CHECK(ana->hash == "$argon2id$three");
  CHECK(ana->role == "guest");
  REQUIRE(db->Editors().size() == 2);
  CHECK(db->Editors()[1].name == "budi");
  CHECK_THROWS_AS(db->PutEditor({"citra", "$argon2id$x", "admin"}), store::StoreError);
}

TEST_CASE("a file that is not SQLite, or from a newer schema, is refused", "[store]") {
  std::string dir = test::TempDir("store");
  test::WriteFile(dir + "/notes.db", "these are my notes, not a database, and they are long enough to look like one\n");
  CHECK_THROWS_WITH(store::Store::Open(dir + "/notes.db"), Catch::Contains("not a database"));
  { auto db = store::Store::Open(dir + "/new.db"); }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open((dir + "/new.db").c_str(), &raw) == SQLITE_OK);
  sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  CHECK_THROWS_WITH(store::Store::Open(dir + "/new.db"), Catch::Contains("newer"));
}

TEST_CASE("facts stream to the checks one partition at a time, findings are replaced by part", "[store]") {
  auto db = store::Store::Open(":memory:");
  db->Begin();
  auto run = db->StartRun("test");
  // Three articles: two subjects with two facts each, and five facts with no subject.
  for (int a = 0; a < 3; ++a) {
    Article art;
    art.id = "a" + std::to_string(a);
    art.path = art.id + ".txt";
    art.raw = "text";
    std::vector<Fact> facts;
    for (int i = 0; i < 3; ++i) {
      Fact f;
      f.article = art.id;
      f.id = art.id + "-" + std::to_string(i);
      f.predicate = i < 2 ? "departure_day" : "mentions_date";
      f.subject_key = i < 2 ? (i == 0 ? "x" : "y") : "";
      f.value = "monday";
      f.type = cc::FactType::kWeekday;
      f.text = "t";
      f.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)};
      facts.push_back(f);
    }
    db->PutArticle(art, facts, run);
  }
  std::vector<std::vector<std::string>> batches;
  db->ForEachGroup(false, {}, 2, [&](std::vector<Fact>& b) {
    std::vector<std::string> ids;
    for (const auto& f : b) ids.push_back(f.id);
    batches.push_back(ids);
  }, /*sorted=*/true);
  // departure_day/x, departure_day/y (each whole, in article order), then the subjectless
  // facts in chunks of at most 2.
  REQUIRE(batches.size() == 4);
  CHECK(batches[0] == std::vector<std::string>{"a0-0", "a1-0", "a2-0"});
  CHECK(batches[1] == std::vector<std::string>{"a0-1", "a1-1", "a2-1"});
  CHECK(batches[2].size() == 2);
  CHECK(batches[3].size() == 1);
  CHECK(db->GroupFacts({"departure_day", "y", false}).size() == 3);
  CHECK(db->GroupFacts({"mentions_date", "a1", true}).size() == 1);

  Finding f1, f2;
  f1.id = "f1", f1.rule = "r", f1.kind = "agree", f1.message = "m", f1.part = "p1", f1.facts = {"a0-0"};
  f2.id = "f2", f2.rule = "r", f2.kind = "agree", f2.message = "m", f2.part = "p2", f2.facts = {"a0-1"};
  db->ReplaceFindings({f1, f2}, run, nullptr);
  Finding f3 = f1;
  f3.id = "f3";
  std::set<std::string> parts = {"p1"};
  db->ReplaceFindings({f3}, run, &parts);  // p1 re-made: f1 goes, f3 comes, f2 stays
  std::vector<std::string> ids;
  for (const auto& f : db->Findings()) ids.push_back(f.id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"f2", "f3"});
  CHECK(db->FindingCounts().at(Severity::kError) == 2);
  db->Commit();
}

TEST_CASE("staged findings replace the old ones at the end and go with a rollback", "[store]") {
  std::string dir = test::TempDir("store-staged");
  auto db = store::Store::Open(dir + "/s.db");
  auto finding = [](const std::string& id, const std::vector<std::string>& facts) {
    Finding f;
    f.id = id, f.rule = "r", f.kind = "agree", f.message = "m " + id, f.facts = facts;
    return f;
  };
  db->Begin();
  auto run = db->StartRun("test");
  PutXyz(*db, run, "dir/one.txt", "2023-09-01");
  db->AddFindings({finding("old", {"x"})}, run);
  // A second connection sees only what is committed: not yet the article.
  auto reader = db->OpenReader();
  REQUIRE(reader);
  std::string label, published;
  CHECK(!reader->LabelAndPublished("a1", label, published));
  db->Commit();
  CHECK(reader->LabelAndPublished("a1", label, published));
  CHECK(label == "one");  // no id of its own: the file's short name
  CHECK(published == "2023-09-01");
  CHECK(!store::Store::Open(":memory:")->OpenReader());

  auto ids = [&] {
    std::vector<std::string> out;
    for (const auto& f : db->Findings()) out.push_back(f.id + ":" + Join(f.facts, ","));
    return out;
  };
  db->Begin();
  db->BeginStaging();
  db->StageFindings({finding("n2", {"z", "x"})}, run);
  db->StageFindings({finding("n1", {"y"})}, run);
  CHECK(ids() == std::vector<std::string>{"old:x"});  // nothing replaced while staging
  db->ReplaceWithStaged();
  db->Commit();
  // Each with its facts in their order.
  CHECK(ids() == std::vector<std::string>{"n1:y", "n2:z,x"});

  db->Begin();
  db->BeginStaging();
  db->StageFindings({finding("gone", {"x"})}, run);
  db->Rollback();
  db->Begin();
  db->ReplaceWithStaged();  // the rollback took the staged finding with it
  db->Commit();
  CHECK(ids().empty());
}

namespace {

int64_t Count(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  return n;
}

}  // namespace

TEST_CASE("a version 5 database keeps its links when upgraded, and a part's findings take theirs along", "[store]") {
  std::string dir = test::TempDir("store-v5");
  std::string file = dir + "/old.db";
  auto finding = [](const std::string& id, const std::string& part, const std::vector<std::string>& facts) {
    Finding f;
    f.id = id, f.rule = "r", f.kind = "agree", f.message = "m", f.part = part, f.facts = facts;
    return f;
  };
  {
    auto db = store::Store::Open(file);
    db->Begin();
    auto run = db->StartRun("test");
    PutXyz(*db, run, "one.txt");
    db->AddFindings({finding("f1", "p1", {"y", "x"}), finding("f2", "p2", {"z"})}, run);
    db->Commit();
  }
  // Give the file the links table of schema version 5, with its two foreign keys.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, R"sql(
CREATE TABLE ff_v5(
  finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  fact_id TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  PRIMARY KEY(finding_id, fact_id));
INSERT INTO ff_v5 SELECT * FROM finding_facts;
DROP TABLE finding_facts;
ALTER TABLE ff_v5 RENAME TO finding_facts;
ALTER TABLE facts DROP COLUMN measure;
ALTER TABLE facts DROP COLUMN context;
ALTER TABLE articles DROP COLUMN given_id;
DROP TABLE editors;
PRAGMA user_version = 5;)sql", nullptr, nullptr, nullptr) == SQLITE_OK);
  REQUIRE(Count(raw, "SELECT count(*) FROM pragma_foreign_key_list('finding_facts')") == 2);
  sqlite3_close(raw);

  auto db = store::Store::Open(file);
  CHECK(db->SchemaVersion() == store::kSchemaVersion);
  std::vector<std::string> got;
  for (const auto& f : db->Findings()) got.push_back(f.id + ":" + Join(f.facts, ","));
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"f1:y,x", "f2:z"});

  // Re-making part p1 deletes f1 and its links; f2 keeps its own.
  db->Begin();
  std::set<std::string> parts = {"p1"};
  db->ReplaceFindings({}, 1, &parts);
  db->Commit();
  REQUIRE(sqlite3_open(file.c_str(), &raw) == SQLITE_OK);
  CHECK(Count(raw, "SELECT count(*) FROM pragma_foreign_key_list('finding_facts')") == 0);
  CHECK(Count(raw, "SELECT count(*) FROM finding_facts WHERE finding_id = 'f1'") == 0);
  CHECK(Count(raw, "SELECT count(*) FROM finding_facts WHERE finding_id = 'f2'") == 1);
  sqlite3_close(raw);
}

TEST_CASE("key slices read in order give the batches of one pass over the predicate", "[store]") {
  auto db = store::Store::Open(":memory:");
  db->Begin();
  CHECK(!db->WroteFacts());
  auto run = db->StartRun("test");
  // Predicate p: five facts with no subject, then keys of 1 to 4 facts; predicate q: one key.
  const std::vector<std::pair<std::string, int>> keys = {{"", 5}, {"alpha", 1}, {"beta", 4}, {"delta", 2},
                                                         {"gamma", 1}, {"omega", 3}, {"zeta", 1}};
  Article art;
  art.id = "a1", art.path = "a1.txt", art.raw = "text";
  std::vector<Fact> facts;
  for (const auto& [key, n] : keys)
    for (int i = 0; i < n; ++i) {
      Fact f;
      f.article = "a1", f.id = "p/" + key + "/" + std::to_string(i), f.predicate = "p", f.subject_key = key;
      f.value = "v", f.text = "t", f.span = {static_cast<uint32_t>(facts.size()), static_cast<uint32_t>(facts.size() + 1)};
      facts.push_back(f);
    }
  Fact q = facts.back();
  q.id = "q/x", q.predicate = "q", q.subject_key = "x";
  facts.push_back(q);
  db->PutArticle(art, facts, run);
  CHECK(db->WroteFacts());
  CHECK(db->Predicates() == std::vector<std::string>{"p", "q"});

  auto ids = [](const std::vector<Fact>& batch) {
    std::vector<std::string> out;
    for (const auto& f : batch) out.push_back(f.id);
    return out;
  };
  std::vector<std::vector<std::string>> whole;
  db->ForEachGroup(false, {"p"}, 2, [&](std::vector<Fact>& b) { whole.push_back(ids(b)); }, /*sorted=*/true);
  REQUIRE(whole.size() == 9);  // the subject-less five in batches of 2, 2, 1; six keys
  for (size_t per : {1, 2, 3, 4, 7, 100}) {
    std::vector<store::GroupRange> slices;
    db->ForEachKeyRange("p", per, [&](store::GroupRange r) { slices.push_back(std::move(r)); });
    std::vector<std::vector<std::string>> joined;
    for (const auto& r : slices) db->ForEachGroupIn(r, 2, [&](std::vector<Fact>& b) { joined.push_back(ids(b)); });
    INFO("facts per slice: " << per << ", slices: " << slices.size());
    CHECK(joined == whole);
    CHECK(!slices.back().to);
    if (per <= 4) CHECK(slices.size() >= 4);
    for (size_t i = 1; i < slices.size(); ++i) CHECK(slices[i].from == *slices[i - 1].to);
  }
  db->Commit();
  CHECK(!db->WroteFacts());
}

TEST_CASE("articles waiting to be stored stay within the window of articles and bytes", "[store][pipeline]") {
  // 24 articles of about 3 KB (one of 20 KB), written for this test; reading them is faster
  // than extracting them, so the window fills and holds the reading back.
  auto dir = test::TempDir("window");
  size_t largest = 0;
  for (int i = 0; i < 24; ++i) {
    std::string body;
    const size_t want = i == 7 ? 20000 : 3000;
    for (int k = 0; body.size() < want; ++k)
      body += "Kapal nomor " + std::to_string(i) + " berangkat dari Surabaya pada Senin, " + std::to_string(k % 28 + 1) +
              " Maret, membawa " + std::to_string(100 + k) + " penumpang. ";
    largest = std::max(largest, body.size());
    test::WriteFile(dir + "/a" + std::to_string(100 + i) + ".txt", body);
  }
  auto add = [&](unsigned jobs, size_t articles, size_t bytes) {
    auto db = store::Store::Open(":memory:");
    pipeline::AddOptions opt;
    opt.jobs = jobs;
    opt.window_articles = articles;
    opt.window_bytes = bytes;
    auto added = pipeline::AddInputs(*db, {dir}, test::ShippedRules(), opt, db->StartRun("check"));
    REQUIRE(added.ok());
    return added.value();
  };
  const auto all = add(1, 2048, size_t{32} << 20);
  REQUIRE(all.articles == 24);
  CHECK(all.peak_articles == 1);  // one job: each article is extracted and stored as it is read
  CHECK(all.peak_bytes == largest);
  // Two jobs, 8000 bytes each: past 16000 bytes only the article being stored is held.
  const auto by_bytes = add(2, 2048, 8000);
  CHECK(by_bytes.articles == 24);
  CHECK(by_bytes.facts == all.facts);
  CHECK(by_bytes.peak_bytes <= std::max<size_t>(16000, largest));
  CHECK(by_bytes.peak_articles <= 16000 / 3000 + 1);
  // Two jobs, one article each.
  const auto by_count = add(2, 1, size_t{32} << 20);
  CHECK(by_count.articles == 24);
  CHECK(by_count.facts == all.facts);
  CHECK(by_count.peak_articles <= 2);
  CHECK(by_count.peak_articles >= 1);
}
