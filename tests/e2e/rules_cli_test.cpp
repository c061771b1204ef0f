// `claimcheck rules lint|test|explain|list` end to end, and the disaster beat on articles we
// wrote.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/support.h"

using cc::test::Run;
namespace fs = std::filesystem;

namespace {
const std::string kSource = CC_SOURCE_DIR;
const std::string kLintDir = kSource + "/tests/data/lint";

struct Expect {
  std::string severity, code, file;
  int line = 0, column = 0;
};

// Each broken rule file (or the one file of a broken directory that says so) starts with
// "# expect: error[code] at LINE:COL".
std::optional<Expect> ReadExpect(const fs::path& path) {
  std::vector<fs::path> files;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::recursive_directory_iterator(path))
      if (e.is_regular_file()) files.push_back(e.path());
  } else {
    files.push_back(path);
  }
  static const std::regex kExpect(R"(^# expect: (error|warning)\[([a-z0-9-]+)\] at (\d+):(\d+))");
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string first;
    std::getline(in, first);
    std::smatch m;
    if (std::regex_search(first, m, kExpect))
      return Expect{m[1], m[2], f.string(), std::stoi(m[3]), std::stoi(m[4])};
  }
  return std::nullopt;
}
}  // namespace

TEST_CASE("rules lint: each broken rule file gets its diagnostic at the right place", "[e2e][rules][lint]") {
  std::set<std::string> codes;
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(kLintDir)) {
    auto want = ReadExpect(entry.path());
    INFO(entry.path().string());
    REQUIRE(want);
    ++cases;
    codes.insert(want->code);
    auto r = Run({"rules", "lint", "--no-default-rules", "--format", "json", entry.path().string()});
    INFO(r.out << r.err);
    CHECK(r.status == (want->severity == "error" ? 2 : 0));
    auto j = nlohmann::json::parse(r.out);
    // One diagnostic of that code at exactly that place (a cycle A->B->A may also report B).
    bool found = false;
    for (const auto& d : j["diagnostics"]) {
      if (d["code"] != want->code) continue;
      CHECK(d["severity"] == want->severity);
      CHECK_FALSE(d["message"].get<std::string>().empty());
      CHECK_FALSE(d["hint"].get<std::string>().empty());
      found = found || (fs::equivalent(d["file"].get<std::string>(), want->file) && d["line"] == want->line &&
                        d["column"] == want->column);
    }
    CHECK(found);
  }
  CHECK(cases >= 12);
  CHECK(codes.size() >= 12);  // one problem class per file
}

TEST_CASE("rules lint prints like a compiler: location, source line, caret, hint, summary", "[e2e][rules][lint]") {
  auto r = Run({"rules", "lint", "--no-default-rules", "--color", "never", kLintDir + "/05-bad-regex.yaml"});
  CHECK(r.status == 2);
  CHECK(r.out.find("05-bad-regex.yaml:7:36: error[bad-regex]: extractor 't.day': unexpected )") != std::string::npos);
  CHECK(r.out.find(" 7 |     pattern: 'left on (?P<d>Monday))'\n   |" + std::string(36, ' ') + "^\n") != std::string::npos);
  CHECK(r.out.find("= hint: ") != std::string::npos);
  CHECK(r.out.find("1 error, 1 warning in 1 rule file") != std::string::npos);
}

TEST_CASE("rules lint reports every problem of a file in one run", "[e2e][rules][lint]") {
  auto dir = cc::test::TempDir("lint-many");
  cc::test::WriteFile(dir + "/many.yaml", R"(lang: en
lexicons:
  unused_words:
    entries: [a, b]
extractors:
  - id: x.one
    status: stable
    predicate: p
    type: weekday
    pattern: '(?P<d>Monday'
    groups: {d: weekday}
  - id: x.two
    predicate: p
    type: count
    pattern: '(?P<n>\d*)'
    groups: {n: number, who: subject}
    colour: red
)");
  auto r = Run({"rules", "lint", "--no-default-rules", "--format", "json", dir});
  CHECK(r.status == 2);
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> codes;
  for (const auto& d : j["diagnostics"]) codes.insert(d["code"]);
  for (const char* c : {"bad-regex", "unknown-key", "missing-group", "unused-lexicon"}) {
    INFO(c);
    CHECK(codes.count(c));
  }
  CHECK(j["errors"].get<int>() >= 3);
}

TEST_CASE("the shipped rules lint clean and pass their examples", "[e2e][rules]") {
  auto lint = Run({"rules", "lint"});
  INFO(lint.out);
  CHECK(lint.status == 0);
  CHECK(lint.out.find("0 errors, 0 warnings") != std::string::npos);
  auto test = Run({"rules", "test"});
  INFO(test.out);
  CHECK(test.status == 0);
  CHECK(std::regex_search(test.out, std::regex(R"(\n?\d+ passed, 0 failed\n$)")));
}

TEST_CASE("rules test shows expected against got for a failing example, exit 1", "[e2e][rules]") {
  auto dir = cc::test::TempDir("rules-test-fail");
  cc::test::WriteFile(dir + "/toll.yaml", R"(lang: en
extractors:
  - id: t.toll
    predicate: deaths
    type: count
    pattern: 'toll of (?P<n>\d+)'
    groups: {n: number}
    subject: quake
    examples:
      - text: "A toll of 12 was confirmed."
        expect: {value: "13"}
)");
  auto r = Run({"rules", "test", dir});
  CHECK(r.status == 1);
  CHECK(r.out.find("FAIL  t.toll") != std::string::npos);
  CHECK(r.out.find("- expected: value=13") != std::string::npos);
  CHECK(r.out.find("+ got:      t.toll: value=12") != std::string::npos);
  CHECK(r.out.find("0 passed, 1 failed") != std::string::npos);
}

TEST_CASE("rules explain shows matches, groups, facts and drops", "[e2e][rules]") {
  auto r = Run({"rules", "explain", "--lang", "id",
                "Hingga pukul 18.00 WIB, korban meninggal dunia akibat gempa mencapai 321 orang. "
                "Delegasi itu berangkat dua Minggu lalu."});
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.find("id.disaster.deaths matched") != std::string::npos);
  // A frame shows its trigger and what filled each slot.
  CHECK(r.out.find("trigger = \"korban meninggal\"") != std::string::npos);
  CHECK(r.out.find("value (number) = \"321 orang\"") != std::string::npos);
  CHECK(r.out.find("as_of (time) = \"pukul 18.00 WIB\"") != std::string::npos);
  CHECK(r.out.find("=> fact deaths = 321") != std::string::npos);
  CHECK(r.out.find("as_of=18:00") != std::string::npos);
  CHECK(r.out.find("negative cue before 'Minggu'") != std::string::npos);
  // Two rules on the same words make one fact; the one dropped names the one kept.
  auto same = Run({"rules", "explain", "--lang", "en", "Only 34% of Russians see North Korea as a friendly country."});
  INFO(same.out);
  CHECK(same.out.find("en.poll.share_group matched") != std::string::npos);
  CHECK(same.out.find("same words and predicate as en.poll.share's fact, which is kept") != std::string::npos);
  // One poll_share fact (and the generic name "North Korea").
  size_t shares = 0;
  for (size_t at = same.out.find("=> fact poll_share"); at != std::string::npos; at = same.out.find("=> fact poll_share", at + 1)) ++shares;
  CHECK(shares == 1);
  CHECK(same.out.find("=> fact name = North Korea") != std::string::npos);
  // A file works too, and a missing argument is a usage error.
  CHECK(Run({"rules", "explain", kSource + "/examples/en-wire.txt"}).status == 0);
  CHECK(Run({"rules", "explain"}).status == 2);
}

TEST_CASE("rules list shows packs, status and example counts", "[e2e][rules]") {
  auto r = Run({"rules", "list"});
  CHECK(r.status == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(disaster\s+extractor\s+id\.disaster\.deaths\s+id\s+stable\s+deaths\s+\+\d+ -\d+)")));
  CHECK(std::regex_search(r.out, std::regex(R"(common\s+check:agree\s+departure-day-agree)")));
  for (const char* sub : {"lint", "test", "explain", "list"}) {
    INFO(sub);
    auto h = Run({"rules", sub, "--help"});
    CHECK(h.status == 0);
    CHECK(h.out.find(std::string("claimcheck rules ") + sub) != std::string::npos);
  }
  CHECK(Run({"rules", "frob"}).status == 2);
}

TEST_CASE("a user pack overrides a shipped rule by id, and --no-default-rules starts empty", "[e2e][rules]") {
  auto dir = cc::test::TempDir("layer");
  cc::test::WriteFile(dir + "/mine.yaml", R"(checks:
  - id: disaster-deaths-tolerance
    kind: tolerance
    predicate: deaths
    rel: 0.10
    severity: warning
)");
  auto list = Run({"rules", "list", "--rules", dir});
  CHECK(std::regex_search(list.out, std::regex(R"(disaster-deaths-tolerance.*overrides .*disaster\.yaml)")));
  // 321 vs 305 is within 10 %: no finding with the user's looser rule.
  auto r = Run({"check", kSource + "/tests/data/disaster/same-moment", "--rules", dir});
  CHECK(r.status == 0);
  CHECK(r.out.find("0 findings") != std::string::npos);
  auto empty = Run({"rules", "list", "--no-default-rules", "--rules", dir});
  CHECK(empty.out.find("0 extractors, 1 checks") != std::string::npos);
}

TEST_CASE("disaster beat: same moment, different tolls is a finding, an update is not", "[e2e][disaster]") {
  auto r = Run({"check", kSource + "/tests/data/disaster/same-moment", "--format", "json"});
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "disaster-deaths-tolerance");
  CHECK(f["severity"] == "error");
  CHECK(f["subject"] == "earthquake");
  CHECK(f["event"] == "2026-03");
  CHECK(f["values"] == nlohmann::json({"305 people", "321 people"}));

  auto u = Run({"check", kSource + "/tests/data/disaster/updates", "--format", "json"});
  CHECK(u.status == 0);
  auto ju = nlohmann::json::parse(u.out);
  CHECK(ju["findings"].empty());
  std::set<std::string> moments;
  for (const auto& fact : ju["facts"])
    if (fact["predicate"] == "deaths") moments.insert(fact["as_of"].get<std::string>());
  CHECK(moments == std::set<std::string>{"12:00", "18:00"});
}

TEST_CASE("poll beat: shares over 100 %, fieldwork out of order, one pollster reported two ways", "[e2e][poll]") {
  auto r = Run({"check", kSource + "/tests/data/poll", "--format", "json"});
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_rule;
  for (const auto& f : j["findings"]) by_rule[f["rule"]] = f;
  REQUIRE(by_rule.count("poll-shares-sum"));
  CHECK(by_rule["poll-shares-sum"]["severity"] == "error");
  CHECK(by_rule["poll-shares-sum"]["message"].get<std::string>().find("119% in total") != std::string::npos);
  REQUIRE(by_rule.count("poll-fieldwork-order"));
  CHECK(by_rule["poll-fieldwork-order"]["values"] == nlohmann::json({"2026-05-20/2026-05-12"}));
  REQUIRE(by_rule.count("candidate-share-tolerance"));
  CHECK(by_rule["candidate-share-tolerance"]["subject"] == "Rina Wulandari");
  CHECK(by_rule["candidate-share-tolerance"]["values"] == nlohmann::json({"52%", "58%"}));
  // The same margin of error in both articles: no finding about it.
  CHECK_FALSE(by_rule.count("poll-margin-agree"));
  std::set<std::string> sources;
  for (const auto& f : j["facts"])
    if (f["predicate"] == "candidate_share") sources.insert(f["source"].get<std::string>());
  CHECK(sources == std::set<std::string>{"Indikator Politik Indonesia"});
}

TEST_CASE("the guide's worked example lints clean and passes its examples", "[e2e][rules][guide]") {
  const std::string quake = kSource + "/tests/data/guide";
  auto lint = Run({"rules", "lint", quake});
  INFO(lint.out);
  CHECK(lint.status == 0);
  CHECK(lint.out.find("0 errors, 0 warnings in 1 rule file") != std::string::npos);
  auto test = Run({"rules", "test", quake});
  INFO(test.out);
  CHECK(test.out == "9 passed, 0 failed\n");
  // The guide quotes the file's rules; they must still be there.
  std::string guide = cc::test::ReadFile(kSource + "/rules/README.md");
  std::string file = cc::test::ReadFile(quake + "/quake.yaml");
  for (const char* line : {"id: quake.id.deaths", "id: quake.en.deaths", "id: quake-deaths-tolerance", "subject_from: [topic:hazard]"}) {
    INFO(line);
    CHECK(guide.find(line) != std::string::npos);
    CHECK(file.find(line) != std::string::npos);
  }
  // Every pattern of the file is the one the guide shows.
  std::istringstream lines(file);
  for (std::string l; std::getline(lines, l);) {
    if (l.find("pattern: ") == std::string::npos) continue;
    INFO(l);
    CHECK(guide.find(l) != std::string::npos);
  }
}

TEST_CASE("disaster beat: a toll that goes down over time is flagged", "[e2e][disaster]") {
  auto r = Run({"check", kSource + "/tests/data/disaster/decrease", "--format", "json"});
  CHECK(r.status == 0);  // a warning
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "disaster-tally-decreases");
  CHECK(f["severity"] == "warning");
  CHECK(f["message"].get<std::string>().find("2026-02-03T18:00, then 19 people") != std::string::npos);
}

TEST_CASE("a layer may override a shipped frame extractor by its id", "[e2e][rules]") {
  // A newsroom's own copy of a shipped frame rule, with one trigger more: it replaces the rule.
  auto dir = cc::test::TempDir("override-frame");
  cc::test::WriteFile(dir + "/trips.yaml", R"(lang: en
extractors:
  - id: en.departure.day
    predicate: departure_day
    type: weekday
    frame:
      trigger: [left, departed, set out]
      value: {slot: day, within: 12}
      subject: {slot: person, side: before, within: 10}
    subject_from: [sentence, article]
    examples:
      - text: "Foreign Minister Lena Moru set out for Oslo on Monday."
        expect: {subject: Lena Moru, value: monday}
)");
  auto lint = Run({"rules", "lint", "--rules", dir});
  INFO(lint.out << lint.err);
  CHECK(lint.status == 0);
  auto test = Run({"rules", "test", "--rules", dir});
  INFO(test.out << test.err);
  CHECK(test.status == 0);
}
