// Golden files: each directory under tests/golden/<case>/ holds articles/ and the expected
// reports expected.txt, expected.json, expected.md. On a mismatch the actual output is written
// beside it as actual.*; UPDATE_GOLDEN=1 accepts it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "support/support.h"

namespace fs = std::filesystem;

namespace {
// Reports name article paths as given; run from the case directory so they are relative.
std::string Normalize(std::string s, const std::string& dir) {
  for (size_t p; (p = s.find(dir + "/")) != std::string::npos;) s.erase(p, dir.size() + 1);
  return s;
}
}  // namespace

TEST_CASE("golden reports", "[golden]") {
  fs::path root = fs::path(CC_SOURCE_DIR) / "tests" / "golden";
  bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory() || !fs::is_directory(entry.path() / "articles")) continue;
    ++cases;
    for (const char* fmt : {"text", "json", "md"}) {
      std::string ext = std::string(fmt) == "text" ? "txt" : fmt;
      auto r = cc::test::Run({"check", (entry.path() / "articles").string(), "--format", fmt, "--color", "never",
                              "--fail-on", "never"});
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
