// Corroboration: support per value (once per article, copies once), ranking, near-duplicates.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "check/corroborate.h"

using namespace cc;

namespace {
Fact F(const std::string& article, const std::string& value, Modality m = Modality::kAsserted, const std::string& source = "") {
  Fact f;
  f.id = article + "/" + value + "/" + std::to_string(static_cast<int>(m));
  f.article = article;
  f.subject = "Joko Widodo";
  f.subject_key = "joko widodo";
  f.predicate = "departure_day";
  f.type = cc::FactType::kWeekday;
  f.value = value;
  f.modality = m;
  f.source = source;
  return f;
}
const std::string kPara1 = "Presiden berangkat ke Tokyo pada Senin malam dengan pesawat kepresidenan dari Halim.";
const std::string kPara2 = "Kunjungan itu membahas kerja sama energi dan perdagangan antara kedua negara tahun ini.";
const std::string kPara3 = "Di Tokyo, presiden dijadwalkan bertemu perdana menteri dan para pemimpin usaha setempat.";
}  // namespace

TEST_CASE("near-duplicate articles are grouped by shared paragraphs", "[corroborate]") {
  std::map<std::string, std::string> texts = {
      {"a", kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3},
      {"b", "Baca juga: lain\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\nEditor: X"},  // a copy with chrome
      {"c", kPara1 + "\n\nSeluruhnya berbeda dari artikel lain, dengan kalimat yang ditulis sendiri oleh redaksi kami."},
      {"d", "Artikel yang sama sekali lain tentang banjir di kota yang jauh dan tidak berkaitan sama sekali."}};
  auto g = check::DuplicateGroups(texts);
  CHECK(g["a"] == "a");
  CHECK(g["b"] == "a");
  CHECK(g["c"] == "c");  // shares one of two paragraphs: 50 % < 60 %
  CHECK(g["d"] == "d");
}

TEST_CASE("duplicates found one article at a time: any order, the smallest id first, only copies listed", "[corroborate]") {
  // Two groups: {b, d, e} through chains of shared paragraphs, and {c, f}; a is alone.
  const std::string p4 = "Harga beras di pasar induk naik dua kali dalam sebulan menurut para pedagang setempat.";
  const std::string p5 = "Pemerintah daerah berjanji menggelar operasi pasar mulai pekan depan di tiga kecamatan.";
  std::map<std::string, std::string> texts = {
      {"a", "Artikel yang sama sekali lain tentang banjir di kota yang jauh dan tidak berkaitan sama sekali."},
      {"e", kPara1 + "\n" + kPara2},
      {"d", kPara2 + "\n" + kPara3},
      {"b", kPara1 + "\n" + kPara2 + "\n" + kPara3},
      {"f", p4 + "\n" + p5 + "\nPendek saja."},  // the short line is not a paragraph that counts
      {"c", p4 + "\n" + p5},
  };
  std::map<std::string, std::string> want = {{"d", "b"}, {"e", "b"}, {"f", "c"}};
  for (bool reversed : {false, true}) {
    check::DuplicateFinder finder;
    if (reversed)
      for (auto it = texts.rbegin(); it != texts.rend(); ++it) finder.Add(it->first, it->second);
    else
      for (const auto& [id, text] : texts) finder.Add(id, text);
    CHECK(finder.Copies() == want);
  }
  auto all = check::DuplicateGroups(texts);  // every article, itself when it copies none
  CHECK(all == std::map<std::string, std::string>{{"a", "a"}, {"b", "b"}, {"c", "c"}, {"d", "b"}, {"e", "b"}, {"f", "c"}});
}

TEST_CASE("a paragraph carried by very many articles is boilerplate, not a sign of copying", "[corroborate]") {
  std::map<std::string, std::string> texts;
  const std::string closing = "Ikuti terus perkembangan berita terbaru hanya di portal berita kesayangan Anda setiap hari.";
  for (int i = 0; i < 100; ++i)
    texts[fmt::format("a{:03d}", i)] = fmt::format("Berita nomor {} hari ini.\n\n{}", i, closing);  // one counted paragraph each
  auto g = check::DuplicateGroups(texts);
  for (const auto& [id, first] : g) CHECK(first == id);
}

TEST_CASE("support counts articles once and copies once, ranking says why", "[corroborate]") {
  std::vector<Fact> facts = {F("a", "monday"), F("a", "monday"),  // repeated in one article
                             F("b", "monday"),                    // a copy of a
                             F("c", "monday", Modality::kReported, "Antara"),
                             F("d", "sunday"), F("e", "sunday", Modality::kHedged)};
  std::map<std::string, std::string> groups = {{"a", "a"}, {"b", "a"}, {"c", "c"}, {"d", "d"}, {"e", "e"}};
  check::Context ctx;
  auto claims = check::Corroborate(facts, groups, ctx);
  REQUIRE(claims.size() == 1);
  const auto& c = claims[0];
  REQUIRE(c.values.size() == 2);
  // monday: 3 articles, 2 independent; sunday: 2 independent but one hedged.
  CHECK(c.values[0].value == "monday");
  CHECK(c.values[0].articles.size() == 3);
  CHECK(c.values[0].independent == 2);
  CHECK(c.values[0].reported == 1);
  CHECK(c.values[0].sources == std::vector<std::string>{"Antara"});
  CHECK(c.values[1].value == "sunday");
  CHECK(c.values[1].independent == 2);
  CHECK(c.values[1].hedged == 1);
  CHECK(c.summary.find("monday: 2 independent articles, 1 more that copy them") != std::string::npos);
  CHECK(c.summary.find("monday and sunday have equal support; monday is stated more firmly") != std::string::npos);
}

TEST_CASE("generic date mentions are not claims", "[corroborate]") {
  Fact f = F("a", "2019-04-24");
  f.predicate = "mentions_date";
  check::Context ctx;
  CHECK(check::Corroborate({f}, {{"a", "a"}}, ctx).empty());
}
