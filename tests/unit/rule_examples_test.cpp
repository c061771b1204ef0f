// Runs every inline example of every shipped extractor and check through the same code as
// `claimcheck rules test`: text that must produce a fact with the given fields, text that must
// produce none; facts that must yield a finding, facts that must not.
#include <catch2/catch.hpp>

#include "authoring/authoring.h"
#include "support/support.h"

using namespace cc;

TEST_CASE("every shipped rule passes its inline examples", "[rules][examples]") {
  const auto& rules = test::ShippedRules();
  auto results = authoring::RunExamples(rules, {});
  size_t failed = 0;
  for (const auto& r : results) {
    if (r.passed) continue;
    ++failed;
    UNSCOPED_INFO(r.rule << " at " << r.loc.file << ":" << r.loc.line << ": " << r.what << "\n  expected: " << r.expected
                         << "\n  got: " << r.got);
  }
  CHECK(failed == 0);
  CHECK(results.size() >= 140);
}

TEST_CASE("every shipped stable rule has positive and negative examples", "[rules][examples]") {
  const auto& pack = *test::ShippedRules().pack;
  for (const auto& x : pack.extractors) {
    INFO(x.id);
    bool pos = false, neg = false;
    for (const auto& e : x.examples) (e.none ? neg : pos) = true;
    CHECK(pos);
    CHECK(neg);
  }
  for (const auto& c : pack.checks) {
    INFO(c.id);
    bool pos = false, neg = false;
    for (const auto& e : c.examples) (e.finding ? pos : neg) = true;
    CHECK(pos);
    CHECK(neg);
  }
}

TEST_CASE("a failing example is reported with what was expected and what was made", "[rules][examples]") {
  auto dir = test::TempDir("failing-example");
  test::WriteFile(dir + "/bad.yaml", R"(lang: en
extractors:
  - id: t.toll
    predicate: deaths
    type: count
    pattern: 'toll (?P<n>\d+)'
    groups: {n: number}
    subject: quake
    examples:
      - text: "The toll 12 was confirmed."
        expect: {value: "13"}
      - text: "The toll 12 was confirmed."
        none: true
)");
  auto loaded = pipeline::LoadRules({dir}, false);
  REQUIRE(loaded.ok());
  auto results = authoring::RunExamples(loaded.value(), {dir});
  REQUIRE(results.size() == 2);
  CHECK_FALSE(results[0].passed);
  CHECK(results[0].expected == "value=13");
  CHECK(results[0].got.find("t.toll: value=12") != std::string::npos);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].expected == "no fact of this rule");
}
