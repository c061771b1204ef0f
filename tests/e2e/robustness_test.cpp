// Hostile input, limits, a database from the future, and two editors at once: every class ends
// in a defined way (skip or exit 2 with one clear line, nothing written) and never a crash.
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "support/support.h"

using cc::test::Run;
namespace fs = std::filesystem;

namespace {
const std::string kSource = CC_SOURCE_DIR;
}  // namespace

TEST_CASE("bad input classes: NUL bytes, binary, a 200 MB file, broken JSONL", "[e2e][bad-input]") {
  std::string dir = cc::test::TempDir("classes");
  cc::test::WriteFile(dir + "/nul/a.txt", std::string("Kim Jong Un left on Tuesday.\0\0more", 35));
  cc::test::ExpectInputError(Run({"check", dir + "/nul"}), "NUL bytes");
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 97 + 13) % 256);
  cc::test::WriteFile(dir + "/bin/photo.txt", binary);
  cc::test::ExpectInputError(Run({"check", dir + "/bin"}), "photo.txt");
  // 200 MB on one line (sparse: the size check comes before reading).
  fs::create_directories(dir + "/huge");
  { std::ofstream(dir + "/huge/a.txt") << "x"; }
  fs::resize_file(dir + "/huge/a.txt", 200ull << 20);
  cc::test::ExpectInputError(Run({"check", dir + "/huge"}), "over the limit of 67108864 bytes");
  cc::test::ExpectInputError(Run({"check", kSource + "/examples/en-wire.txt", "--max-article-bytes", "100"}), "over the limit of 100 bytes");
  cc::test::WriteFile(dir + "/jsonl/a.jsonl", "{\"text\": \"Kim left on Tuesday.\"}\nnot json at all\n{\"title\": \"no text\"}\n");
  auto j = Run({"check", dir + "/jsonl", "--fail-fast"});
  cc::test::ExpectInputError(j, "a.jsonl:2: error[bad-jsonl]: line is not a JSON object");
  CHECK(j.err.find("a.jsonl:3: error[bad-jsonl]: object has no string field \"text\"") != std::string::npos);
  // Without --fail-fast the good line is checked and the bad ones listed; still exit 2.
  auto k = Run({"check", dir + "/jsonl", "-f", "json"});
  CHECK(k.status == 2);
  CHECK(nlohmann::json::parse(k.out)["articles"].size() == 1);
  CHECK(k.err.find("a.jsonl:2: error[bad-jsonl]") != std::string::npos);
}

TEST_CASE("a header block without a blank line is text, not a header", "[e2e][bad-input]") {
  std::string dir = cc::test::TempDir("header");
  cc::test::WriteFile(dir + "/a.txt", "title: Not a header\nsource: nowhere\nKim Jong Un left Pyongyang for Russia on Tuesday, KCNA said.\n");
  auto r = Run({"check", dir, "--format", "json", "--fail-on", "never"});
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["articles"][0]["source"] == "");
  bool departure = false;
  for (const auto& f : doc["facts"]) departure = departure || f["predicate"] == "departure_day";
  CHECK(departure);
}

TEST_CASE("a directory loop through symlinks is read once and ends", "[e2e][bad-input]") {
  std::string dir = cc::test::TempDir("loop");
  cc::test::WriteFile(dir + "/corpus/a.txt", "Kim Jong Un left Pyongyang for Russia on Tuesday.\n");
  fs::create_directory_symlink(dir + "/corpus", dir + "/corpus/again");
  auto r = Run({"check", dir + "/corpus", "--format", "json", "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["articles"].size() == 1);
}

TEST_CASE("an unreadable file is a clear error", "[e2e][bad-input]") {
  if (::geteuid() == 0) {
    WARN("skipped: running as root, which reads any file");
    return;
  }
  std::string dir = cc::test::TempDir("unreadable");
  cc::test::WriteFile(dir + "/a.txt", "Kim left on Tuesday.\n");
  fs::permissions(dir + "/a.txt", fs::perms::none);
  cc::test::ExpectInputError(Run({"check", dir}), "a.txt");
}

TEST_CASE("a database from a newer claimcheck is refused and left alone", "[e2e][bad-input][db]") {
  std::string dir = cc::test::TempDir("newer");
  std::string db = dir + "/future.db";
  REQUIRE(Run({"check", kSource + "/examples", "--db", db, "--fail-on", "never"}).status == 0);
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  auto size = fs::file_size(db);
  cc::test::ExpectInputError(Run({"check", kSource + "/examples", "--db", db}), "newer than this claimcheck supports");
  cc::test::ExpectInputError(Run({"review", "list", "--db", db}), "newer than this claimcheck supports");
  CHECK(fs::file_size(db) == size);
}

TEST_CASE("a rule file of valid YAML in the wrong shape stops the run", "[e2e][bad-input][rules]") {
  std::string dir = cc::test::TempDir("shape");
  cc::test::WriteFile(dir + "/rules/x.yaml", "extractors:\n  id: not-a-list\nchecks: 7\n");
  auto r = Run({"check", kSource + "/examples", "--rules", dir + "/rules"});
  CHECK(r.status == 2);
  CHECK(r.err.find("x.yaml:2:3: error[wrong-type]: 'extractors' must be a list") != std::string::npos);
  CHECK(r.err.find("x.yaml:3:9: error[wrong-type]: 'checks' must be a list") != std::string::npos);
}

TEST_CASE("a page with no full stops is cut into bounded sentences", "[e2e][limits]") {
  std::string dir = cc::test::TempDir("long");
  std::string text = "Kim Jong Un left Pyongyang for Russia on Tuesday";
  for (int i = 0; i < 20000; ++i) text += " and more words";
  cc::test::WriteFile(dir + "/a.txt", text + "\n");
  auto r = Run({"check", dir, "--format", "json", "--fail-on", "never", "--max-sentence-bytes", "4096"});
  REQUIRE(r.status == 0);
  auto doc = nlohmann::json::parse(r.out);
  bool departure = false;
  for (const auto& f : doc["facts"]) departure = departure || f["predicate"] == "departure_day";
  CHECK(departure);
  CHECK(Run({"check", dir, "--max-sentence-bytes", "10"}).status == 2);
}

TEST_CASE("a pathological pattern on a long input stays linear (RE2)", "[e2e][limits]") {
  std::string dir = cc::test::TempDir("redos");
  cc::test::WriteFile(dir + "/rules/evil.yaml", "lang: en\nextractors:\n  - id: evil\n    predicate: p\n    type: count\n"
                                                "    pattern: '(?P<n>(?:x+x+)+y)'\n    groups: {n: number}\n    subject: s\n");
  cc::test::WriteFile(dir + "/in/a.txt", "lang: en\n\n" + std::string(200000, 'x') + "\n");
  // A backtracking engine would not finish this in the lifetime of the test run.
  auto r = Run({"check", dir + "/in", "--rules", dir + "/rules", "--fail-on", "never"});
  INFO(r.err);
  CHECK(r.status == 0);
}

TEST_CASE("an editor's review set succeeds while a check is writing", "[e2e][db][concurrency]") {
  std::string dir = cc::test::TempDir("concurrent");
  std::string db = dir + "/desk.db";
  REQUIRE(Run({"check", kSource + "/examples", "--db", db, "--fail-on", "never"}).status == 0);
  std::string id = Run({"review", "list", "--db", db}).out.substr(0, 16);
  {
    std::ofstream big(dir + "/big.jsonl");
    for (int i = 0; i < 1500; ++i)
      big << nlohmann::json({{"text", "Minister Number " + std::to_string(i) + " left for Tokyo on Monday evening aboard a plane."},
                             {"lang", "en"}}).dump()
          << "\n";
  }
  auto check = cc::test::Start({"check", dir + "/big.jsonl", "--db", db, "--fail-on", "never"});
  int sets = 0, failed = 0;
  const char* statuses[] = {"confirmed", "needs-info"};
  do {
    auto r = Run({"review", "set", id, "--status", statuses[sets % 2], "--note", "while checking", "--db", db});
    if (r.status != 0) {
      ++failed;
      if (failed == 1) std::cerr << "review set failed: status " << r.status << ": " << r.err << "\n";
    }
    ++sets;
  } while (cc::test::Running(check) && sets < 500);
  auto done = cc::test::Wait(check);
  INFO(done.err);
  CHECK(done.status == 0);
  CHECK(failed == 0);
  CHECK(sets >= 2);
  auto history = Run({"review", "history", id, "--db", db});
  CHECK(static_cast<int>(std::count(history.out.begin(), history.out.end(), '\n')) == 2 * sets);  // none lost
}

TEST_CASE("hostile shapes end in bounded time and memory: one huge sentence of facts, one long article", "[e2e][bad-input][scale]") {
  std::string dir = cc::test::TempDir("shapes");
  // One sentence of 60,000 weekday mentions (no full stop): cut into pieces for matching, and
  // the facts over the cap are left out with a line saying so.
  const char* days[] = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};
  std::string s = "Rapat digelar pada ";
  for (int i = 0; i < 60000; ++i) s += std::string(i ? ", " : "") + days[i % 7];
  cc::test::WriteFile(dir + "/one-sentence.txt", s + ".\n");
  auto r = Run({"check", dir + "/one-sentence.txt", "--max-article-facts", "10000", "--db", dir + "/s.db", "--no-report"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.find("warning[too-many-facts]: 60000 facts, over the limit of 10000: the first 10000 are kept") != std::string::npos);
  CHECK(r.err.find("1 sentence longer than 8192 bytes (no full stop) matched in pieces") != std::string::npos);
  CHECK(r.err.find("10000 facts") != std::string::npos);
  // A fact of a long sentence shows the words around it, not the whole piece.
  auto facts = Run({"facts", "--db", dir + "/s.db", "-f", "json"});
  auto j = nlohmann::json::parse(facts.out);
  REQUIRE(j["facts"].size() == 10000);
  for (const auto& f : j["facts"]) CHECK(f["sentence"].get<std::string>().size() < 1200);
  // Many short sentences in one paragraph-less article: read like many articles.
  std::string article;
  for (int i = 0; article.size() < (3u << 20); ++i)
    article += "Menteri Sari Wulan bertemu Menteri Tomi Haraka di Kota Bogor pada Senin (" + std::to_string(i % 28 + 1) + "/3/2024). ";
  cc::test::WriteFile(dir + "/long.txt", article + "\n");
  auto l = Run({"check", dir + "/long.txt", "--no-report", "--fail-on", "never"});
  INFO(l.err);
  CHECK(l.status == 0);
}

TEST_CASE("a check killed mid-run leaves no new database, an existing one as it was, and the next run clears what it left",
          "[e2e][db][kill]") {
  std::string dir = cc::test::TempDir("killed");
  {
    std::ofstream big(dir + "/big.jsonl");
    for (int i = 0; i < 40000; ++i)
      big << nlohmann::json({{"text", "Minister Number " + std::to_string(i) + " left for Tokyo on Monday evening aboard a plane. "
                                      "The talks with Prime Minister Aki Tanabe were held in Osaka on Tuesday."},
                             {"lang", "en"}}).dump()
          << "\n";
  }
  auto building = [&](const std::string& name) {  // the files a run creating `name` builds
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().rfind(name + ".claimcheck-new-", 0) == 0) found.push_back(e.path().string());
    return found;
  };
  // Killed once it has begun writing: the waits are bounds against a hang, not timings.
  auto kill_when = [&](cc::test::Started& run, const std::function<bool()>& writing) {
    for (int i = 0; i < 600 && cc::test::Running(run) && !writing(); ++i) ::usleep(50 * 1000);
    ::usleep(300 * 1000);
    const bool alive = cc::test::Running(run);
    if (alive) ::kill(run.pid, SIGKILL);
    cc::test::Wait(run);
    return alive;
  };

  // A new database: nothing at its name.
  const std::string fresh = dir + "/new.db";
  auto first = cc::test::Start({"check", dir + "/big.jsonl", "--db", fresh, "--no-report", "-j", "1"});
  REQUIRE(kill_when(first, [&] { return !building("new.db").empty(); }));
  CHECK_FALSE(fs::exists(fresh));
  CHECK_FALSE(building("new.db").empty());  // what the killed run left, under another name
  // The next run that creates it clears that, and its database takes the name.
  REQUIRE(Run({"check", kSource + "/examples", "--db", fresh, "--fail-on", "never", "--no-report"}).status == 0);
  CHECK(fs::exists(fresh));
  CHECK(building("new.db").empty());

  // An existing database: its articles, facts and findings as they were.
  const std::string db = dir + "/desk.db";
  REQUIRE(Run({"check", kSource + "/examples", "--db", db, "--fail-on", "never", "--no-report"}).status == 0);
  const std::string facts = Run({"facts", "--db", db}).out, findings = Run({"review", "list", "--db", db}).out;
  auto second = cc::test::Start({"check", dir + "/big.jsonl", "--db", db, "--no-report", "-j", "1"});
  REQUIRE(kill_when(second, [&] { return fs::exists(db + "-wal") && fs::file_size(db + "-wal") > 0; }));
  CHECK(Run({"facts", "--db", db}).out == facts);
  CHECK(Run({"review", "list", "--db", db}).out == findings);
}
