// The JSON report is written element by element (never the whole document in memory); its
// bytes must still be exactly nlohmann's dump(2) of the whole document, which other tools and
// the golden files rely on.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "check/corroborate.h"
#include "pipeline/report.h"
#include "core/text.h"
#include "report/report.h"
#include "store/store.h"

using namespace cc;
using J = nlohmann::ordered_json;

namespace {
std::string Json(const report::Report& r) {
  std::ostringstream out;
  report::WriteJson(r, out);
  return out.str();
}
// What dump(2) of the parsed document writes: the layout the streamed writer must match.
std::string Redumped(const std::string& s) { return J::parse(s).dump(2) + "\n"; }
}  // namespace

TEST_CASE("an empty JSON report has every key, with empty arrays", "[report]") {
  std::string out = Json(report::Report{});
  CHECK(out == "{\n  \"version\": 1,\n  \"articles\": [],\n  \"facts\": [],\n  \"findings\": [],\n  \"claims\": []\n}\n");
  CHECK(out == Redumped(out));
}

TEST_CASE("the streamed JSON report is byte for byte dump(2) of the document", "[report]") {
  report::Report r;
  r.articles.push_back({"a1", "dir/one.txt", "Judul \"satu\"", "Harian", "https://x.test/1", "2023-09-12", "id", 120});
  r.articles.push_back({"a2", "dir/two.txt", "Two", "", "", "", "en", 80});
  r.duplicate_of["a2"] = "a1";
  Fact f;
  f.id = "f1";
  f.article = "a1";
  f.subject = "Menteri Luar Negeri";
  f.predicate = "departure_day";
  f.value = "tuesday";
  f.type = "weekday";
  f.text = "Selasa";
  f.span = {10, 16};
  f.sentence = "Ia berangkat\npada Selasa — kata \"sumber\".";  // a newline and quotes inside a string
  f.rule = "id.departure.weekday";
  f.date = "2023-09-12";
  f.number = 2.5;
  r.facts.push_back(f);
  f.id = "f2";
  f.article = "a2";
  f.value = "sunday";
  f.date.reset();
  f.number.reset();
  f.modality = Modality::kHedged;
  r.facts.push_back(f);
  Finding x;
  x.id = "x1";
  x.rule = "agree.departure";
  x.kind = "agree";
  x.subject = f.subject;
  x.predicate = f.predicate;
  x.values = {"sunday", "tuesday"};
  x.facts = {"f1", "f2"};
  x.message = "two days";
  r.findings.push_back(x);
  Claim c;
  c.subject = f.subject;
  c.predicate = f.predicate;
  Claim::Support s;
  s.value = "tuesday";
  s.facts = {"f1"};
  s.articles = {"a1"};
  s.independent = 1;
  s.asserted = 1;
  c.values.push_back(s);
  c.notes = {"a note"};
  c.summary = "tuesday: 1 independent article";
  r.claims.push_back(c);

  std::string out = Json(r);
  CHECK(out == Redumped(out));
  J doc = J::parse(out);
  REQUIRE(doc["articles"].size() == 2);
  CHECK(doc["articles"][1]["duplicate_of"] == "a1");
  CHECK(doc["articles"][1]["published"].is_null());
  REQUIRE(doc["facts"].size() == 2);
  CHECK(doc["facts"][0]["sentence"] == f.sentence);
  CHECK(doc["facts"][0]["span"] == J::array({10, 16}));
  CHECK(doc["facts"][0]["number"] == 2.5);
  CHECK(doc["facts"][1]["date"].is_null());
  CHECK(doc["facts"][1]["modality"] == "hedged");
  CHECK(doc["findings"][0]["facts"] == J::array({"f1", "f2"}));
  CHECK(doc["claims"][0]["values"][0]["articles"] == J::array({"a1"}));
  // Keys in contract order.
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"version", "articles", "facts", "findings", "claims"});
}

namespace {
Fact Made(const std::string& id, const std::string& article, const std::string& predicate, const std::string& subject,
          const std::string& value, uint32_t at) {
  Fact f;
  f.id = id;
  f.article = article;
  f.predicate = predicate;
  f.subject = subject;
  f.subject_key = Fold(subject);
  f.value = value;
  f.type = "weekday";
  f.text = value;
  f.span = {at, at + 5};
  return f;
}
std::vector<std::string> Ids(const std::vector<Fact>& facts) {
  std::vector<std::string> out;
  for (const auto& f : facts) out.push_back(f.id);
  return out;
}
}  // namespace

TEST_CASE("a database's report streams its facts and makes claims a subject at a time, as over every fact", "[report]") {
  auto db = store::Store::Open(":memory:");
  db->Begin();
  auto run = db->StartRun("test");
  // Article ids sort one way (a1 < a2 < a3), paths the other (a.txt, m.txt, z.txt): the report
  // orders by path, so the first subject spelling and article order of a claim come from a2.
  struct A {
    const char* id;
    const char* path;
    std::vector<Fact> facts;
  };
  std::vector<A> arts = {
      {"a1", "z.txt",
       {Made("f1", "a1", "departure_day", "Joko Widodo", "tuesday", 10), Made("f2", "a1", "arrival_day", "Joko Widodo", "friday", 40),
        Made("f3", "a1", "event_period", "KTT ASEAN", "2023-09-05..2023-09-07", 70)}},
      {"a2", "a.txt",
       {Made("f4", "a2", "departure_day", "JOKO WIDODO", "sunday", 5), Made("f5", "a2", "departure_day", "Prabowo", "monday", 30),
        Made("f6", "a2", "event_end_day", "KTT ASEAN", "thursday", 60)}},
      {"a3", "m.txt", {Made("f7", "a3", "departure_day", "Joko Widodo", "tuesday", 0), Made("f8", "a3", "mentions_date", "", "x", 9)}},
  };
  arts[1].facts[2].date = "2023-09-07";
  arts[1].facts[2].anchor = "period";
  for (const auto& a : arts) {
    Article art;
    art.id = a.id, art.path = a.path, art.raw = std::string(100, 'x');
    db->PutArticle(art, a.facts, run);
  }
  Finding x;
  x.id = "x1", x.rule = "agree", x.kind = "agree", x.message = "m", x.part = "p", x.facts = {"f4", "f1"};
  db->ReplaceFindings({x}, run, nullptr);

  report::Report r = pipeline::BuildReport(*db);
  // Every fact streams, in report order (path, then position); the count is the store's.
  std::vector<Fact> streamed;
  r.ForEachFact([&](const Fact& f) { streamed.push_back(f); });
  CHECK(Ids(streamed) == std::vector<std::string>{"f4", "f5", "f6", "f7", "f8", "f1", "f2", "f3"});
  CHECK(r.FactCount() == 8);
  CHECK(Ids(streamed) == Ids(db->Facts()));
  // In memory: the finding's facts, in report order. Their subject's facts (for the HTML
  // chart) are read when asked for, in report order; not the other subjects'.
  CHECK(Ids(r.facts) == std::vector<std::string>{"f4", "f1"});
  CHECK(r.FactById("f1") != nullptr);
  CHECK(r.FactById("f7") == nullptr);
  CHECK(Ids(r.SubjectFacts("departure_day", "joko widodo")) == std::vector<std::string>{"f4", "f7", "f1"});
  CHECK(Ids(r.SubjectFacts("departure_day", "prabowo")) == std::vector<std::string>{"f5"});
  report::Report held;  // a report built in memory charts from its facts
  held.facts = db->Facts();
  CHECK(Ids(held.SubjectFacts("departure_day", "joko widodo")) == std::vector<std::string>{"f4", "f7", "f1"});

  // Articles: every one streams in report order (path); the finding's are held; another is
  // read when asked for.
  std::vector<std::string> listed;
  r.ForEachArticle([&](const ArticleMeta& a) { listed.push_back(a.id); });
  CHECK(listed == std::vector<std::string>{"a2", "a3", "a1"});
  CHECK(r.ArticleCount() == 3);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a2");
  CHECK(r.articles[1].id == "a1");
  REQUIRE(r.Article("a3") != nullptr);
  CHECK(r.Article("a3")->path == "m.txt");
  CHECK(r.Article("nope") == nullptr);
  CHECK(r.Article("a1")->path == "z.txt");

  // Texts: the finding's articles (a1, a2) are held; a3's is read when asked for, and one
  // fetched text is kept at a time; an article the report does not have has none.
  CHECK(r.raw.size() == 2);
  CHECK(r.raw.count("a1") == 1);
  CHECK(r.raw.count("a3") == 0);
  int fetches = 0;
  r.fetch_raw = [&fetches, from_db = r.fetch_raw](const std::string& id) {
    ++fetches;
    return from_db(id);
  };
  REQUIRE(r.Raw("a3") != nullptr);
  CHECK(*r.Raw("a3") == std::string(100, 'x'));
  CHECK(report::Position(r, streamed[3]) == "m:1:1");  // f7, at offset 0 of a3 (m.txt)
  CHECK(r.Raw("a1") != nullptr);  // held
  CHECK(r.Raw("nope") == nullptr);
  CHECK(fetches == 1);

  // The claims are those of Corroborate over every fact at once.
  check::Context ctx;
  db->ForEachArticlePath([&](std::string_view id, std::string_view path) {  // as pipeline::BuildReport labels them
    ctx.article_label.emplace(id, ShortName(path));
  });
  std::map<std::string, std::string> raw;
  for (const auto& a : r.articles) raw[a.id] = db->Raw(a.id);
  auto all = check::Corroborate(db->Facts(), check::DuplicateGroups(raw), ctx);
  std::vector<Claim> made;  // made as a writer lists them
  r.ForEachClaim([&](const Claim& c) { made.push_back(c); });
  CHECK(r.claims.empty());
  report::Report want, got;
  want.claims = all;
  got.claims = made;
  std::ostringstream a, b;
  report::WriteJson(want, a);
  report::WriteJson(got, b);
  CHECK(b.str() == a.str());
  REQUIRE(made.size() == all.size());
  const Claim* dep = nullptr;
  const Claim* period = nullptr;
  for (const auto& c : made) {
    if (c.predicate == "departure_day" && c.subject != "Prabowo") dep = &c;
    if (c.predicate == "event_period") period = &c;
  }
  REQUIRE(dep);
  CHECK(dep->subject == "JOKO WIDODO");  // a.txt's spelling: the first in report order
  CHECK(dep->values[0].value == "tuesday");
  CHECK(dep->values[0].articles == std::vector<std::string>{"a3", "a1"});  // m.txt before z.txt
  REQUIRE(period);
  REQUIRE(period->notes.size() == 1);  // the end weekday from another predicate, quoted
  CHECK(period->notes[0].find("\"thursday\"") != std::string::npos);
  db->Commit();
}
