// The binary end to end: help, exit codes, bad input (one clear line, exit 2, nothing
// written), the database, the span invariant on our example corpus.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "support/support.h"

using cc::test::Run;
namespace fs = std::filesystem;

namespace {
const std::string kExamples = std::string(CC_SOURCE_DIR) + "/examples";
}  // namespace

TEST_CASE("every command has --help", "[e2e]") {
  for (const char* cmd : {"check", "facts", "findings"}) {
    auto r = Run({cmd, "--help"});
    INFO(cmd);
    CHECK(r.status == 0);
    CHECK(r.out.find("claimcheck " + std::string(cmd)) != std::string::npos);
  }
  CHECK(Run({"--help"}).status == 0);
  auto bad = Run({"frobnicate"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("unknown command") != std::string::npos);
  CHECK(Run({"check"}).status == 2);
  CHECK(Run({"check", kExamples, "--format", "pdf"}).status == 2);
}

TEST_CASE("check on the examples: exit 1 on errors, 0 with --fail-on never", "[e2e]") {
  auto r = Run({"check", kExamples});
  CHECK(r.status == 1);
  CHECK(r.out.find("departure-day-agree") != std::string::npos);
  CHECK(Run({"check", kExamples, "--fail-on", "never"}).status == 0);
}

TEST_CASE("the README's sample of check on the examples is what check prints", "[e2e][docs]") {
  // The block after "$ build/claimcheck check examples": each line but "..." is a line of the
  // output, in the same order.
  std::istringstream readme(cc::test::ReadFile(std::string(CC_SOURCE_DIR) + "/README.md"));
  std::vector<std::string> sample;
  bool in = false;
  for (std::string line; std::getline(readme, line);) {
    if (line == "$ build/claimcheck check examples") {
      in = true;
    } else if (in && line.rfind("```", 0) == 0) {
      break;
    } else if (in && line.find_first_not_of(' ') != std::string::npos &&
               line.substr(line.find_first_not_of(' ')) != "...") {
      sample.push_back(line);
    }
  }
  REQUIRE(sample.size() >= 3);
  auto r = Run({"check", kExamples});
  REQUIRE(r.status == 1);
  std::istringstream out(r.out);
  size_t next = 0;
  for (std::string line; next < sample.size() && std::getline(out, line);)
    if (line == sample[next]) ++next;
  INFO("first README line not printed (in order): " << (next < sample.size() ? sample[next] : ""));
  CHECK(next == sample.size());
}

TEST_CASE("JSON report follows the contract and spans index the original files", "[e2e][json]") {
  std::string dir = cc::test::TempDir("json");
  auto r = Run({"check", kExamples, "--format", "json", "-o", dir + "/out.json"});
  REQUIRE(r.status == 1);
  auto j = nlohmann::json::parse(cc::test::ReadFile(dir + "/out.json"));
  CHECK(j["version"] == 1);
  std::map<std::string, std::string> paths;
  for (const auto& a : j["articles"]) {
    for (const char* k : {"id", "path", "title", "source", "published", "lang"}) CHECK(a.contains(k));
    paths[a["id"]] = a["path"];
  }
  REQUIRE(j["facts"].size() > 10);
  for (const auto& f : j["facts"]) {
    for (const char* k : {"id", "article", "subject", "predicate", "value", "type", "unit", "event", "modality", "text",
                          "span", "sentence", "rule", "date", "anchor"})
      CHECK(f.contains(k));
    std::string file = cc::test::ReadFile(paths[f["article"]]);
    size_t b = f["span"][0], e = f["span"][1];
    CHECK(file.substr(b, e - b) == f["text"].get<std::string>());
  }
  std::set<std::string> kinds;
  for (const auto& f : j["findings"]) {
    for (const char* k : {"id", "rule", "kind", "severity", "subject", "predicate", "event", "values", "facts", "message", "status"})
      CHECK(f.contains(k));
    kinds.insert(f["kind"]);
  }
  CHECK(kinds == std::set<std::string>{"agree", "tolerance", "range", "calendar"});
}

TEST_CASE("the database keeps articles, facts and findings, facts and findings read it", "[e2e][db]") {
  std::string dir = cc::test::TempDir("db");
  std::string db = dir + "/cc.db";
  REQUIRE(Run({"check", kExamples, "--db", db, "-o", dir + "/r.txt"}).status == 1);
  auto facts = Run({"facts", "--db", db, "--predicate", "departure_day"});
  CHECK(facts.status == 0);
  CHECK(facts.out.find("departure_day") != std::string::npos);
  CHECK(facts.out.find("mentions_date") == std::string::npos);
  auto findings = Run({"findings", "--db", db, "--format", "json"});
  CHECK(findings.status == 0);
  CHECK(nlohmann::json::parse(findings.out)["findings"].size() >= 4);
  // Running again on the same corpus gives the same finding ids.
  auto first = nlohmann::json::parse(findings.out)["findings"];
  REQUIRE(Run({"check", kExamples, "--db", db, "-o", dir + "/r2.txt"}).status == 1);
  auto again = nlohmann::json::parse(Run({"findings", "--db", db, "--format", "json"}).out)["findings"];
  CHECK(first == again);
  cc::test::ExpectInputError(Run({"facts", "--db", dir + "/missing.db"}), "no such database");
}

TEST_CASE("report --db writes the report check wrote, the places' notes included", "[e2e][db]") {
  // A claim whose values are a city and its country agree ("Vladivostok lies in Russia"): the
  // note needs the rules' places, which `report` does not load; the database keeps them.
  std::string dir = cc::test::TempDir("places");
  fs::create_directories(dir + "/in");
  cc::test::WriteFile(dir + "/in/a.txt", "Summit set for the east\n\nKim Jong Un will meet Vladimir Putin in the port city of "
                                         "Vladivostok next week, officials said on Monday.\n");
  cc::test::WriteFile(dir + "/in/b.txt", "Leaders to meet\n\nKim Jong Un will meet Vladimir Putin in Russia next week, the "
                                         "Kremlin said on Monday.\n");
  cc::test::WriteFile(dir + "/in/c.txt", "Talks planned\n\nKim Jong Un will meet Vladimir Putin in the port city of Vladivostok, "
                                         "according to a statement released on Tuesday.\n");
  std::string db = dir + "/cc.db";
  REQUIRE(Run({"check", dir + "/in", "--db", db, "-f", "json", "-o", dir + "/check.json"}).status == 0);
  std::string from_check = cc::test::ReadFile(dir + "/check.json");
  CHECK(from_check.find("Vladivostok lies in Russia: they agree") != std::string::npos);
  REQUIRE(Run({"report", "--db", db, "-f", "json", "-o", dir + "/report.json"}).status == 0);
  CHECK(cc::test::ReadFile(dir + "/report.json") == from_check);
  auto findings = Run({"findings", "--db", db, "-f", "json"});
  CHECK(findings.out == from_check);
}

TEST_CASE("report output: a file is replaced atomically, a device or link is written in place", "[e2e][db]") {
  std::string dir = cc::test::TempDir("output");
  std::string db = dir + "/cc.db";
  REQUIRE(Run({"check", kExamples + "/en-wire.txt", "--db", db, "--fail-on", "never", "-o", dir + "/first.txt"}).status == 0);
  // /dev/null: a rename over it would make it a regular file (the scale test did so as root).
  auto r = Run({"report", "--db", db, "-f", "json", "-o", "/dev/null"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(fs::is_character_file("/dev/null"));
  // A link: the file it points to gets the report; the link stays.
  cc::test::WriteFile(dir + "/target.json", "old");
  fs::create_symlink(dir + "/target.json", dir + "/link.json");
  CHECK(Run({"report", "--db", db, "-f", "json", "-o", dir + "/link.json"}).status == 0);
  CHECK(fs::is_symlink(dir + "/link.json"));
  CHECK(nlohmann::json::parse(cc::test::ReadFile(dir + "/target.json"))["version"] == 1);
  // A regular file is replaced whole; no temporary file is left beside it.
  cc::test::WriteFile(dir + "/r.json", std::string(100000, 'x'));
  CHECK(Run({"report", "--db", db, "-f", "json", "-o", dir + "/r.json"}).status == 0);
  CHECK(nlohmann::json::parse(cc::test::ReadFile(dir + "/r.json"))["version"] == 1);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("bad input: one clear line, exit 2, nothing written", "[e2e][bad-input]") {
  std::string dir = cc::test::TempDir("bad");
  std::string db = dir + "/cc.db";
  // A first good run, so that we can see that bad runs leave the database as it was.
  REQUIRE(Run({"check", kExamples + "/en-wire.txt", "--db", db, "-o", dir + "/ok.txt"}).status == 0);
  auto before = Run({"facts", "--db", db}).out;

  cc::test::ExpectInputError(Run({"check", dir + "/no-such-dir", "--db", db}), "no such file or directory");
  fs::create_directories(dir + "/empty-dir");
  cc::test::WriteFile(dir + "/empty-dir/notes.md", "not an article");
  cc::test::ExpectInputError(Run({"check", dir + "/empty-dir", "--db", db}), "no article files");
  // 0x81 is no character in Windows-1252 either: not text at all.
  cc::test::WriteFile(dir + "/utf8/a.txt", std::string("Presiden berangkat \x81\x8d pada Senin.\n"));
  cc::test::ExpectInputError(Run({"check", dir + "/utf8", "--db", db}), "invalid UTF-8");
  cc::test::WriteFile(dir + "/empty/a.txt", "");
  cc::test::ExpectInputError(Run({"check", dir + "/empty", "--db", db}), "file is empty");
  cc::test::WriteFile(dir + "/rules-bad-yaml/x.yaml", "extractors: [\n");
  cc::test::ExpectInputError(Run({"check", kExamples, "--rules", dir + "/rules-bad-yaml", "--db", db}), "x.yaml:1:13: error[yaml-syntax]");
  cc::test::WriteFile(dir + "/rules-bad-regex/x.yaml",
                      "lang: id\nextractors:\n  - id: user.x\n    predicate: p\n    type: weekday\n"
                      "    pattern: '(?P<d>{weekday}'\n    groups: {d: weekday}\n");
  cc::test::ExpectInputError(Run({"check", kExamples, "--rules", dir + "/rules-bad-regex", "--db", db}), "x.yaml:6:15: error[bad-regex]");
  cc::test::WriteFile(dir + "/notdb.db", "plain text, not a database; plain text, not a database; plain text\n");
  cc::test::ExpectInputError(Run({"check", kExamples, "--db", dir + "/notdb.db"}), "not a database");
  CHECK(cc::test::ReadFile(dir + "/notdb.db").rfind("plain text", 0) == 0);

  CHECK(Run({"facts", "--db", db}).out == before);
}

TEST_CASE("one bad input among good ones is reported and skipped, the rest checked, exit 2, and --fail-fast checks nothing",
          "[e2e][bad-input]") {
  std::string dir = cc::test::TempDir("skip");
  cc::test::WriteFile(dir + "/in/a.txt", "Foreign Minister Lena Moru left for Oslo on Monday (4/3/2024), aides said.\n");
  cc::test::WriteFile(dir + "/in/b.txt", std::string("Foreign Minister Lena Moru arrived in Oslo \x81 on Tuesday.\n"));
  cc::test::WriteFile(dir + "/in/c.jsonl", "{\"id\": \"w-1\", \"text\": \"Lena Moru left for Oslo on Sunday (3/3/2024).\"}\n"
                                            "{\"id\": \"w-2\", \"text\": \"broken\n");
  // Latin-1 text is read as such, with a warning, and counts as read.
  cc::test::WriteFile(dir + "/in/d.txt", std::string("Foreign Minister Lena Moru met the caf\xe9 owners in Oslo on Monday.\n"));
  auto r = Run({"check", dir + "/in", "--db", dir + "/skip.db", "-f", "json", "--fail-on", "never"});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("b.txt:1:44: error[invalid-utf8]") != std::string::npos);
  CHECK(r.err.find("c.jsonl:2: error[bad-jsonl]") != std::string::npos);
  CHECK(r.err.find("d.txt:1:39: warning[not-utf8]") != std::string::npos);
  CHECK(r.err.find("2 bad inputs skipped") != std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["articles"].size() == 3);  // a.txt, c.jsonl's first line, d.txt
  bool departure = false;
  for (const auto& f : j["findings"]) departure = departure || f["rule"] == "departure-day-agree";
  CHECK(departure);  // Monday against Sunday: the good inputs were checked together
  // --fail-fast: the first bad input fails the run; the database it would have created is not left.
  auto ff = Run({"check", dir + "/in", "--db", dir + "/ff.db", "--fail-fast"});
  cc::test::ExpectInputError(ff, "invalid UTF-8");
  CHECK_FALSE(fs::exists(dir + "/ff.db"));
  // Every input bad: the same, without the flag.
  auto bad = Run({"check", dir + "/in/b.txt", "--db", dir + "/bad.db"});
  cc::test::ExpectInputError(bad, "invalid UTF-8");
  CHECK_FALSE(fs::exists(dir + "/bad.db"));
}

TEST_CASE("findings name articles by their own ids: a JSONL line's id, a text file's id header", "[e2e][labels]") {
  std::string dir = cc::test::TempDir("labels");
  cc::test::WriteFile(dir + "/news.jsonl",
                      R"({"id": "wire-0017", "published": "2024-05-06", "text": "Foreign Minister Lena Moru left for Oslo on Monday, his office said."})"
                      "\n"
                      R"({"id": 88, "published": "2024-05-06", "text": "Foreign Minister Lena Moru left for Oslo on Sunday, state radio said."})"
                      "\n");
  cc::test::WriteFile(dir + "/desk.txt",
                      "id: desk-note-3\npublished: 2024-05-06\n\nForeign Minister Lena Moru left for Oslo on Saturday, aides said.\n");
  auto r = Run({"check", dir + "/news.jsonl", dir + "/desk.txt", "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("(wire-0017") != std::string::npos);
  CHECK(r.out.find("(88") != std::string::npos);
  CHECK(r.out.find("(desk-note-3") != std::string::npos);
  CHECK(r.out.find("news:1") != std::string::npos);  // the evidence line keeps file:line
}

TEST_CASE("generic claims: one story told two ways, with no predicate for most of what differs", "[e2e][claims]") {
  // Our own two articles: the length of the talks, the month an earlier round failed, a ship's
  // top speed and the day of arrival differ; each is worded differently in the other article,
  // and each article names its source in its own way.
  std::string dir = cc::test::TempDir("generic");
  cc::test::WriteFile(dir + "/story.jsonl",
      R"({"id":"x-1","title":"Dua menteri bertemu di Bogor","published":"2024-06-12T09:00","text":"Perundingan Menteri Luar Negeri Sari Wulan dan Menteri Luar Negeri Tomi Haraka di Kota Bogor berlangsung selama dua jam, kata juru bicara kementerian.\n\nRombongan Tomi Haraka tiba di Bogor pada Senin (10/6) malam.\n\nPembicaraan serupa sebelumnya kandas pada Januari 2024.\n\nKapal patroli itu mampu melaju dengan kecepatan 25 knot."})"
      "\n"
      R"({"id":"y-1","title":"Sari Wulan terima Tomi Haraka","published":"2024-06-12T15:00","text":"Menurut kantor berita Antara, pertemuan Menteri Luar Negeri Sari Wulan dan Menteri Luar Negeri Tomi Haraka di Kota Bogor berlangsung 45 menit.\n\nRombongan Tomi Haraka tiba di Bogor Selasa (11/6) dini hari.\n\nPembicaraan serupa sebelumnya gagal pada April 2024.\n\nKapal patroli itu memiliki kecepatan maksimal 40 knot."})"
      "\n");
  auto r = Run({"check", dir + "/story.jsonl", "-f", "json", "--fail-on", "never"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> found;
  for (const auto& f : j["findings"]) {
    std::vector<std::string> values = f["values"];
    found.insert(f["rule"].get<std::string>() + " " + f["predicate"].get<std::string>() + " " + values.front() + " " + values.back());
  }
  for (const auto& x : found) UNSCOPED_INFO(x);
  CHECK(found.count("claims-agree claim.duration 0.75 h 2 h"));
  CHECK(found.count("claims-agree claim.speed 46.3 km/h 74.08 km/h"));
  CHECK(found.count("dates-agree mentions_date 2024-01 2024-04"));
  CHECK(found.count("arrival-day-agree arrival_day monday tuesday"));
  CHECK(found.size() == 4);
}

TEST_CASE("a weekday and date in an article with no published date is checked with the story's year", "[e2e][calendar]") {
  std::string dir = cc::test::TempDir("story-year");
  cc::test::WriteFile(dir + "/flood.jsonl",
      R"({"id":"f-1","title":"Banjir di Kota Lama","published":"2023-03-15T10:00","text":"Banjir merendam tiga kelurahan di Kota Lama pada Selasa (14/3) dini hari."})"
      "\n"
      R"({"id":"f-2","title":"Banjir Kota Lama surut","text":"Air yang merendam tiga kelurahan di Kota Lama sejak Kamis (14/3) dini hari mulai surut."})"
      "\n");
  auto r = Run({"check", dir + "/flood.jsonl", "-f", "json", "--fail-on", "never"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "weekday-matches-date");
  CHECK(f["severity"] == "warning");
  CHECK(f["message"].get<std::string>().find("2023 is the year the story's other articles give that day") != std::string::npos);
}

TEST_CASE("copies of one article with the same slip make one finding in the report, naming the copies", "[e2e][copies]") {
  std::string dir = cc::test::TempDir("copies");
  const std::string body =
      "Menteri Perhubungan Sari Wulan meresmikan dermaga baru di Pelabuhan Tanjung Emas, Semarang, pada Senin (20/10/2026) "
      "pagi.\\n\\nDermaga sepanjang 420 meter itu dapat melayani dua kapal peti kemas sekaligus, kata Sari dalam sambutannya.\\n\\n"
      "Pembangunan dermaga dimulai pada awal tahun lalu dan menelan biaya Rp 1,2 triliun dari anggaran negara.";
  // Each copy ends with its own line, as syndicated copies do.
  auto line = [&](const std::string& id, const std::string& tail) {
    return R"({"id":")" + id + R"(","title":"Dermaga baru diresmikan","published":"2025-10-20T10:00","text":")" + body + "\\n\\n" + tail + "\"}\n";
  };
  cc::test::WriteFile(dir + "/port.jsonl", line("port-1", "Simak berita lainnya di kanal ekonomi kami.") +
                                               line("port-2", "Artikel ini telah tayang di portal mitra kami.") +
                                               line("port-3", "Ikuti kabar terbaru soal pelabuhan setiap hari."));
  auto r = Run({"check", dir + "/port.jsonl", "-f", "json", "--fail-on", "never"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> calendar;
  for (const auto& f : j["findings"])
    if (f["rule"] == "weekday-matches-date") calendar.push_back(f);
  REQUIRE(calendar.size() == 1);
  CHECK(calendar[0]["facts"].size() == 3);
  CHECK(calendar[0]["merged"].size() == 2);
  // The kept finding is the copy group's first article's (by id); the message names the others.
  const std::string message = calendar[0]["message"];
  INFO(message);
  auto copies_at = message.find(" (the same in its copies ");
  REQUIRE(copies_at != std::string::npos);
  int named = 0;
  for (const char* label : {"port-1", "port-2", "port-3"}) named += message.find(label, copies_at) != std::string::npos;
  CHECK(named == 2);
  // The store keeps each copy's finding, for review.
  auto t = Run({"check", dir + "/port.jsonl", "--db", dir + "/port.db", "--fail-on", "never"});
  REQUIRE(t.status == 0);
  auto listed = Run({"findings", "--db", dir + "/port.db", "-f", "json"});
  auto all = nlohmann::json::parse(listed.out);
  size_t stored = 0;
  for (const auto& f : all["findings"]) stored += f["rule"] == "weekday-matches-date";
  CHECK(stored == 1);  // the report of the store merges them too
}
