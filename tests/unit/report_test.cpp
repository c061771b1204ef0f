// The JSON report is written element by element (never the whole document in memory); its
// bytes must still be exactly nlohmann's dump(2) of the whole document, which other tools and
// the golden files rely on.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "report/report.h"

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
