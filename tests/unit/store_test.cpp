// The SQLite store: migrations, round trips, refusal of foreign files and newer schemas.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "store/store.h"
#include "support/support.h"

using namespace cc;

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
