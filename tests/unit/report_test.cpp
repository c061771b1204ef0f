// Reports: the JSON printer is fed element by element (never the whole document in memory), and
// its bytes must still be exactly nlohmann's dump(2) of the whole document, which other tools and
// the golden files rely on; a store's report holds what its findings quote and streams the rest.
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
std::string Json(const report::Report& r, const report::Listing& all = {}) {
  std::ostringstream out;
  report::Print(r, all, *report::JsonPrinter(out));
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
  report::Listing all;
  all.articles.push_back({"a1", "dir/one.txt", "Judul \"satu\"", "Harian", "https://x.test/1", "2023-09-12", "id", 120});
  all.articles.push_back({"a2", "dir/two.txt", "Two", "", "", "", "en", 80});
  r.duplicate_of["a2"] = "a1";
  Fact f;
  f.id = "f1";
  f.article = "a1";
  f.subject = "Menteri Luar Negeri";
  f.predicate = "departure_day";
  f.value = "tuesday";
  f.type = cc::FactType::kWeekday;
  f.text = "Selasa";
  f.span = {10, 16};
  f.sentence = "Ia berangkat\npada Selasa — kata \"sumber\".";  // a newline and quotes inside a string
  f.rule = "id.departure.weekday";
  f.date = "2023-09-12";
  f.number = 2.5;
  all.facts.push_back(f);
  f.id = "f2";
  f.article = "a2";
  f.value = "sunday";
  f.date.reset();
  f.number.reset();
  f.modality = Modality::kHedged;
  all.facts.push_back(f);
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
  all.claims.push_back(c);

  std::string out = Json(r, all);
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
  f.type = cc::FactType::kWeekday;
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

namespace {
// Records what a printer is fed, asking for what `needs` says.
struct Recorder final : report::Printer {
  Needs wants;
  report::Report report;
  std::vector<std::string> articles;
  std::vector<Fact> facts;
  std::vector<std::string> positions;  // of each fact, from the article and text it came with
  std::vector<Claim> claims;
  bool ended = false;
  explicit Recorder(Needs n) : wants(n) {}
  Needs needs() const override { return wants; }
  void Begin(const report::Report& r) override { report = r; }
  void OnArticle(const ArticleMeta& a) override { articles.push_back(a.id); }
  void OnFact(const Fact& f, const ArticleMeta* a, const std::string* raw) override {
    facts.push_back(f);
    positions.push_back(report::Position(f, a, raw));
  }
  void OnClaim(const Claim& c) override { claims.push_back(c); }
  void End() override { ended = true; }
};
}  // namespace

TEST_CASE("a database's report holds what its findings quote, streams the rest, and makes claims a subject at a time", "[report]") {
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
  arts[0].facts[0].date = "2023-09-12";  // f1, f4, f7: the days a timeline places
  arts[1].facts[0].date = "2023-09-10";
  arts[2].facts[0].date = "2023-09-12";
  for (const auto& a : arts) {
    Article art;
    art.id = a.id, art.path = a.path, art.raw = std::string(100, 'x') + a.id, art.published = "2023-09-13";
    db->PutArticle(art, a.facts, run);
  }
  Finding x;
  x.id = "x1", x.rule = "agree", x.kind = "agree", x.message = "m", x.part = "p", x.facts = {"f4", "f1"};
  db->ReplaceFindings({x}, run, nullptr);

  report::Printer::Needs lists;
  lists.articles = lists.facts = lists.fact_texts = lists.claims = true;
  Recorder rec(lists);
  report::Report returned = pipeline::PrintReport(*db, rec);
  CHECK(rec.ended);
  const report::Report& r = rec.report;
  CHECK(returned.findings.size() == 1);
  // Every fact streams, in report order (path, then position); the count is the store's.
  CHECK(Ids(rec.facts) == std::vector<std::string>{"f4", "f5", "f6", "f7", "f8", "f1", "f2", "f3"});
  CHECK(r.fact_count == 8);
  CHECK(Ids(rec.facts) == Ids(db->Facts()));
  // Held: the finding's facts, in report order, and their articles and texts.
  CHECK(Ids(r.facts) == std::vector<std::string>{"f4", "f1"});
  CHECK(r.FactById("f1") != nullptr);
  CHECK(r.FactById("f7") == nullptr);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a2");
  CHECK(r.articles[1].id == "a1");
  CHECK(r.Article("a3") == nullptr);
  CHECK(r.raw.size() == 2);
  CHECK(*r.Raw("a1") == std::string(100, 'x') + "a1");
  CHECK(r.Raw("a3") == nullptr);
  // A streamed fact comes with its article and text, held or not: f7 is at offset 0 of a3 (m.txt).
  CHECK(rec.positions[3] == "m:1:1");
  CHECK(rec.positions[0] == "a:1:6");
  // Articles: every one streams in report order (path).
  CHECK(rec.articles == std::vector<std::string>{"a2", "a3", "a1"});
  CHECK(r.article_count == 3);
  // Not asked for: no copies, corroborated claims or timelines.
  CHECK(r.duplicate_of.empty());
  CHECK(r.corroborated.empty());
  CHECK(r.timelines.empty());

  // The claims are those of Corroborate over every fact at once.
  check::Context ctx;
  db->ForEachArticlePath(
      [&](std::string_view id, std::string_view, std::string_view label) {  // as the report labels them
        ctx.article_label.emplace(id, label);
      },
      true);
  std::map<std::string, std::string> raw;
  db->ForEachRaw([&](std::string_view id, std::string_view text) { raw.emplace(id, text); });
  auto all = check::Corroborate(db->Facts(), check::DuplicateGroups(raw), ctx);
  report::Listing want, got;
  want.claims = all;
  got.claims = rec.claims;
  CHECK(Json({}, got) == Json({}, want));
  REQUIRE(rec.claims.size() == all.size());
  const Claim* dep = nullptr;
  const Claim* period = nullptr;
  for (const auto& c : rec.claims) {
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

  // A finding's timeline places every fact of its subject and predicate (in its event), read
  // with their articles, held or not: f7 is from a3, which the report does not hold.
  report::Printer::Needs shows;
  shows.timelines = shows.corroborated = true;
  report::Report charted = pipeline::MakeReport(*db, shows);
  REQUIRE(charted.timelines.count("x1") == 1);
  const report::Timeline& t = charted.timelines.at("x1");
  CHECK_FALSE(t.numeric);
  REQUIRE(t.points.size() == 3);
  CHECK(t.points[0].label == "sunday · a");
  CHECK(t.points[1].label == "tuesday · m");
  CHECK(t.points[2].label == "tuesday · z");
  CHECK(t.points[0].conflict);
  CHECK_FALSE(t.points[1].conflict);
  CHECK(t.points[2].conflict);
  CHECK(t.points[0].y < t.points[1].y);  // the 10th before the 12th
  CHECK(charted.Article("a3") == nullptr);
  std::vector<Claim> worth;
  for (const auto& c : all)
    if (report::Corroborated(c)) worth.push_back(c);
  report::Listing w, g;
  w.claims = worth;
  g.claims = charted.corroborated;
  CHECK(Json({}, g) == Json({}, w));
  db->Commit();
}

TEST_CASE("the printers need no store: a report and a listing made by hand", "[report]") {
  report::Report r;
  r.article_count = 1;
  r.fact_count = 1;
  ArticleMeta a{"a1", "news/one.txt", "One", "Harian", "", "2023-09-12", "id", 20};
  Fact f = Made("f1", "a1", "departure_day", "Joko Widodo", "tuesday", 6);
  f.span = {6, 13};
  Finding x;
  x.id = "x1", x.rule = "agree", x.kind = "agree", x.severity = Severity::kWarning, x.message = "two days",
  x.predicate = "departure_day", x.subject = "Joko Widodo", x.facts = {"f1"};
  r.findings = {x};
  r.facts = {f};
  r.articles = {a};
  r.raw["a1"] = "Pergi tuesday pagi.\nLain.";
  report::Listing all;
  all.articles = {a};
  all.facts = {f};
  all.raw = r.raw;
  auto text = [&](bool facts) {
    std::ostringstream out;
    report::WriteOptions opt;
    opt.show_facts = facts;
    report::Print(r, all, *report::TextPrinter(out, opt));
    return out.str();
  };
  CHECK(text(false) == "warning[agree]: two days\n  --> departure_day of Joko Widodo, event unresolved, id x1\n"
                       "   | tuesday  one:1:7  [asserted]\n   |   Pergi [tuesday] pagi.\n\n"
                       "claimcheck: 1 article, 1 fact, 1 finding (1 warning)\n");
  CHECK(text(true).find("facts:\n  one:1:7 ") != std::string::npos);
  std::ostringstream md, csv;
  report::Print(r, all, *report::MarkdownPrinter(md));
  CHECK(md.str().find("| one | One | Harian | 2023-09-12 | id |\n") != std::string::npos);
  report::Print(r, all, *report::CsvPrinter(csv));
  CHECK(csv.str().find("\"x1\",\"agree\",\"warning\"") != std::string::npos);
}
