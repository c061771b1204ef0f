// Rule-pack loading: every problem reported with file:line:col and a code; nothing loads then.
#include <catch2/catch.hpp>

#include "rules/loader.h"

using namespace cc;

namespace {
const Diagnostic& OnlyError(const Result<RulePack>& r) {
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics().size() >= 1);
  return r.diagnostics().front();
}
}  // namespace

TEST_CASE("a valid rule file loads and expands lexicons into patterns", "[rules]") {
  auto r = rules::LoadRulesFromString(R"(lang: id
lexicons:
  weekday:
    case: sensitive
    entries:
      - {value: wednesday, forms: [Rabu]}
extractors:
  - id: t.day
    predicate: mentions_date
    type: weekday
    pattern: '(?P<d>{weekday})'
    groups: {d: weekday}
)", "t.yaml");
  REQUIRE(r.ok());
  CHECK(r.value().extractors[0].expanded == "(?P<d>(?:RABU|Rabu))");
  CHECK(RE2::FullMatch("Rabu", *r.value().extractors[0].regex));
}

TEST_CASE("rule errors carry file, line, column and code", "[rules]") {
  struct Case {
    const char* yaml;
    const char* code;
    int line, column;
  };
  const Case cases[] = {
      // invalid regex: the column points at the offending fragment inside the quoted pattern
      {"extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: '(?P<d>Rabu'\n    groups: {d: weekday}\n",
       "bad-regex", 5, 15},
      {"extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: 'x'\n    groups: {d: weekday}\n    colour: red\n",
       "unknown-key", 7, 5},
      {"extractors:\n  - id: a\n    type: weekday\n    pattern: 'x'\n    groups: {}\n", "missing-field", 2, 5},
      {"extractors:\n  - id: a\n    predicate: p\n    type: moon\n    pattern: 'x'\n    groups: {}\n", "bad-value", 4, 11},
      {"extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: '(?P<d>x)'\n    groups: {e: weekday}\n",
       "missing-group", 5, 14},
      {"extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: '{nosuch}'\n    groups: {}\n",
       "unknown-macro", 5, 14},
      {"checks:\n  - id: c\n    kind: vote\n", "unknown-kind", 3, 11},
      {"checks: [1, 2\n", "yaml-syntax", 1, 9},
      {"- just a list\n", "wrong-type", 1, 1},
      {"lexicons:\n  place:\n    - {value: A, parent: B}\n", "unknown-place", 3, 7},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    auto r = rules::LoadRulesFromString(c.yaml, "rules/x.yaml");
    const Diagnostic& d = OnlyError(r);
    CHECK(d.code == c.code);
    CHECK(d.loc.file == "rules/x.yaml");
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.column == c.column);
    CHECK(d.Format().rfind("rules/x.yaml:", 0) == 0);
  }
}

TEST_CASE("all problems of a file are reported in one pass", "[rules]") {
  auto r = rules::LoadRulesFromString(
      "extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: '('\n    groups: {}\n"
      "  - id: a\n    predicate: p\n    type: sun\n    pattern: 'x'\n    groups: {}\n",
      "x.yaml");
  REQUIRE_FALSE(r.ok());
  std::vector<std::string> codes;
  for (const auto& d : r.diagnostics()) codes.push_back(d.code);
  CHECK(std::find(codes.begin(), codes.end(), "bad-regex") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "duplicate-id") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "bad-value") != codes.end());
}
