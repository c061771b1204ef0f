// Golden files: each directory under tests/golden/<case>/ holds articles/, optionally
// decisions.tsv (finding id prefix, status, reviewer, note: applied with `review set`), and the
// expected reports expected.{txt,json,md,html,csv,claimreview.json}, written by
// `claimcheck report` from a database that `check --db` filled. SOURCE_DATE_EPOCH fixes the
// decision times. On a mismatch the actual output is written beside it as actual.*;
// UPDATE_GOLDEN=1 accepts it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/support.h"

namespace fs = std::filesystem;

namespace {
// Reports name article paths as given; strip the case directory so they are relative.
std::string Normalize(std::string s, const std::string& dir) {
  for (size_t p; (p = s.find(dir + "/")) != std::string::npos;) s.erase(p, dir.size() + 1);
  return s;
}
const std::vector<std::string> kEnv = {"SOURCE_DATE_EPOCH=1790000000"};
}  // namespace

TEST_CASE("golden reports in every format", "[golden]") {
  fs::path root = fs::path(CC_SOURCE_DIR) / "tests" / "golden";
  bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory() || !fs::is_directory(entry.path() / "articles")) continue;
    ++cases;
    std::string db = cc::test::TempDir("golden-" + entry.path().filename().string()) + "/golden.db";
    auto c = cc::test::Run({"check", (entry.path() / "articles").string(), "--db", db, "--fail-on", "never"}, kEnv);
    REQUIRE(c.status == 0);
    std::ifstream decisions(entry.path() / "decisions.tsv");
    for (std::string line; std::getline(decisions, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, '\t');) f.push_back(cell);
      REQUIRE(f.size() == 4);
      auto s = cc::test::Run({"review", "set", f[0], "--status", f[1], "--by", f[2], "--note", f[3], "--db", db}, kEnv);
      INFO(s.err);
      REQUIRE(s.status == 0);
    }
    for (const char* fmt : {"text", "json", "md", "html", "csv", "claimreview"}) {
      std::string f(fmt);
      std::string ext = f == "text" ? "txt" : f == "claimreview" ? "claimreview.json" : f;
      auto r = cc::test::Run({"report", "--db", db, "--format", fmt}, kEnv);
      REQUIRE(r.status == 0);
      std::string actual = Normalize(r.out, entry.path().string());
      fs::path expected = entry.path() / ("expected." + ext);
      if (update) cc::test::WriteFile(expected.string(), actual);
      std::string want = cc::test::ReadFile(expected.string());
      INFO(entry.path().filename().string() << " " << fmt << ": see actual." << ext);
      if (actual != want) cc::test::WriteFile((entry.path() / ("actual." + ext)).string(), actual);
      else fs::remove(entry.path() / ("actual." + ext));
      CHECK(actual == want);
    }
  }
  CHECK(cases >= 1);
}
