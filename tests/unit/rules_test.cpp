// Rule-pack loading: every problem reported with file:line:col and a code; nothing loads then.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <re2/filtered_re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/gazetteer.h"
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

TEST_CASE("when, unless and when_in patterns expand macros and lexicons like a pattern", "[rules]") {
  auto r = rules::LoadRulesFromString(R"(lang: id
macros:
  poll_word: '(?:survei|jajak pendapat)'
lexicons:
  pollster:
    case: sensitive
    entries:
      - {value: Indikator, forms: [Indikator]}
extractors:
  - id: t.share
    predicate: poll_share
    type: percent
    pattern: '(?P<n>\d+) persen'
    groups: {n: number}
    when: '\b{pollster}\b'
    unless: '{poll_word} ulang'
    when_in: {article: 'responden'}
)", "t.yaml");
  REQUIRE(r.ok());
  const auto& x = r.value().extractors[0];
  REQUIRE(x.when.size() == 1);
  CHECK(RE2::PartialMatch("kata Indikator", *x.when[0]));
  CHECK(RE2::PartialMatch("jajak pendapat ulang", *x.unless[0]));
  CHECK(x.when_in_article);
  CHECK(x.when_article_sentence.size() == 1);
  auto bad = rules::LoadRulesFromString("extractors:\n  - id: a\n    predicate: p\n    type: weekday\n    pattern: 'x'\n    groups: {}\n    when: '{nosuch}'\n",
                                        "rules/x.yaml");
  CHECK(OnlyError(bad).code == "unknown-macro");
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

TEST_CASE("a language compiled on first use has its patterns checked at load all the same", "[rules]") {
  // Deferred (LoadOptions::defer_languages): the pattern is parsed, not compiled, at load.
  const char* ok = "lang: en\nextractors:\n  - id: a\n    predicate: p\n    type: weekday\n"
                   "    pattern: '(?P<d>Monday)'\n    groups: {d: weekday}\n";
  auto r = rules::LoadRulesFromString(ok, "x.yaml", "test", {.defer_languages = true});
  REQUIRE(r.ok());
  CHECK(r.value().deferred == std::set<std::string>{"en"});
  CHECK(r.value().extractors[0].regex == nullptr);
  REQUIRE(r.value().compile_language);
  auto compiled = r.value().compile_language("en");
  REQUIRE(compiled.regexes.size() == 1);
  CHECK(compiled.regexes[0].first == 0);
  CHECK(RE2::FullMatch("Monday", *compiled.regexes[0].second));
  CHECK(compiled.filters.size() == 1);
  CHECK(r.value().compile_language("id").regexes.empty());
  // Without the option nothing is deferred.
  auto eager = rules::LoadRulesFromString(ok, "x.yaml");
  REQUIRE(eager.ok());
  CHECK(eager.value().deferred.empty());
  CHECK(eager.value().extractors[0].regex != nullptr);
  // The same errors at the same places.
  struct Case {
    const char* pattern;
    const char* groups;
    const char* code;
    int column;
  };
  const Case cases[] = {
      {"'(?P<d>Monday'", "{d: weekday}", "bad-regex", 15},
      {"'(?P<d>Monday)'", "{e: weekday}", "missing-group", 14},
      {"'(?P<d>Monday)(?P<x>.)'", "{d: weekday}", "unmapped-group", 14},
      {"'{nosuch}'", "{}", "unknown-macro", 14},
  };
  for (const auto& c : cases) {
    std::string yaml = fmt::format("lang: en\nextractors:\n  - id: a\n    predicate: p\n    type: weekday\n"
                                   "    pattern: {}\n    groups: {}\n", c.pattern, c.groups);
    INFO(yaml);
    for (bool defer : {false, true}) {
      auto bad = rules::LoadRulesFromString(yaml, "x.yaml", "test", {.defer_languages = defer});
      const Diagnostic& d = OnlyError(bad);
      CHECK(d.code == c.code);
      CHECK(d.loc.line == 6);
      CHECK(d.loc.column == c.column);
    }
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

TEST_CASE("a rules directory parses its files together but loads them in order, errors each in its file", "[rules]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / fmt::format("cc-rules-order-{}", ::getpid());
  fs::remove_all(dir);
  auto write = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel, std::ios::binary) << text;
  };
  const std::string extractor = R"(lang: en
extractors:
  - id: t.{}
    predicate: mentions_date
    type: weekday
    pattern: '(?P<d>{})'
    groups: {{d: weekday}}
)";
  write("zeta/a.yaml", fmt::format(fmt::runtime(extractor), "zeta", "Friday"));
  write("common/b.yaml", fmt::format(fmt::runtime(extractor), "common", "Monday"));
  write("alpha/c.yaml", fmt::format(fmt::runtime(extractor), "alpha", "Sunday"));
  write("alpha/d.yaml", "extractors: [\n  - id: broken\n");  // unclosed flow sequence
  write("beta/e.yaml", std::string("lang: en\n# caf\xe9\n"));  // Latin-1, not UTF-8
  auto out = rules::LoadAll({dir.string()});
  std::vector<std::string> files;
  for (const auto& f : out.pack.files) files.push_back(fs::path(f).lexically_relative(dir).string());
  CHECK(files == std::vector<std::string>{"common/b.yaml", "alpha/c.yaml", "alpha/d.yaml", "beta/e.yaml", "zeta/a.yaml"});
  std::vector<std::string> ids;
  for (const auto& x : out.pack.extractors) ids.push_back(x.id);
  CHECK(ids == std::vector<std::string>{"t.common", "t.alpha", "t.zeta"});
  REQUIRE(out.diagnostics.size() == 2);
  CHECK(out.diagnostics[0].code == "yaml-syntax");
  CHECK(fs::path(out.diagnostics[0].loc.file).filename() == "d.yaml");
  CHECK(out.diagnostics[0].loc.line >= 1);
  CHECK(out.diagnostics[1].code == "invalid-utf8");
  CHECK(fs::path(out.diagnostics[1].loc.file).filename() == "e.yaml");
  CHECK(out.diagnostics[1].loc.line == 2);
  fs::remove_all(dir);
}

TEST_CASE("every extractor regex is the one of the filter that holds its atoms, short atoms when it has no long literal", "[rules]") {
  auto r = rules::LoadRulesFromString(R"(lang: any
lexicons:
  weekday:
    entries:
      - {value: wednesday, forms: [Rabu, Wednesday]}
extractors:
  - {id: t.id, lang: id, predicate: mentions_date, type: weekday, pattern: 'berangkat (?P<d>{weekday})', groups: {d: weekday}}
  - {id: t.en, lang: en, predicate: mentions_date, type: weekday, pattern: 'left on (?P<d>{weekday})', groups: {d: weekday}}
  - {id: t.any, predicate: mentions_date, type: year, pattern: '(?P<y>\d{4})', groups: {y: year}}
)", "t.yaml");
  REQUIRE(r.ok());
  const RulePack& pack = r.value();
  std::map<std::string, int> seen;  // extractor id -> filters holding it
  int elsewhere = 0;                // ids a filter passes on to a later one
  for (const auto& f : pack.filters) {
    REQUIRE(f.filter);
    for (size_t id = 0; id < f.extractors.size(); ++id) {
      if (f.extractors[id] == RulePack::PatternFilter::kElsewhere) {
        CHECK_FALSE(f.loose);
        ++elsewhere;
        continue;
      }
      const ExtractorSpec& x = pack.extractors[f.extractors[id]];
      ++seen[x.id];
      CHECK(x.lang == f.lang);
      CHECK(x.regex.get() == &f.filter->GetRE2(static_cast<int>(id)));  // the filter's RE2, not a copy
      // '\d{4}' has no literal of 3 bytes: without the loose filter it would run on every sentence.
      CHECK(f.loose == (x.id == "t.any"));
    }
    if (f.lang == "id") CHECK(std::find(f.atoms.begin(), f.atoms.end(), "berangkat rabu") != f.atoms.end());
    if (f.loose) {
      CHECK(std::find(f.atoms.begin(), f.atoms.end(), "7") != f.atoms.end());
      std::vector<int> none, passed;
      f.filter->AllPotentials(none, &passed);
      CHECK(passed.empty());  // no digit, no candidate
    }
  }
  CHECK(elsewhere == 1);
  CHECK(seen == std::map<std::string, int>{{"t.any", 1}, {"t.en", 1}, {"t.id", 1}});
  CHECK(RE2::PartialMatch("Mereka berangkat Rabu pagi", *pack.extractors[0].regex));
}

TEST_CASE("the gazetteer finds a name by any form, case and spacing aside", "[rules]") {
  auto r = rules::LoadRulesFromString(R"(lang: any
lexicons:
  place:
    entries:
      - {value: Vladivostok, kind: city, forms: [Wladiwostok, Pulau  Russky]}
  entity:
    entries:
      - {value: Jürgen Klöpp, kind: person, forms: [Juergen Kloepp]}
)", "t.yaml");
  REQUIRE(r.ok());
  Gazetteer g(r.value());
  for (const char* form : {"Vladivostok", "WLADIWOSTOK", "wladiwostok", "  Pulau \t Russky ", "pulau russky"}) {
    INFO(form);
    const Gazetteer::Name* n = g.Find(form);
    REQUIRE(n);
    CHECK(n->canonical == "Vladivostok");
    CHECK(n->kind == "city");
    CHECK(n->place);
  }
  for (const char* form : {"JÜRGEN KLÖPP", "Jürgen  Klöpp", "juergen kloepp"}) {
    INFO(form);
    const Gazetteer::Name* n = g.Find(form);
    REQUIRE(n);
    CHECK(n->canonical == "Jürgen Klöpp");
    CHECK_FALSE(n->place);
  }
  CHECK(g.Find("Vladivostok Timur") == nullptr);
  CHECK(g.Find("Pulau") == nullptr);
  CHECK(g.Find("") == nullptr);
  CHECK(g.Find(" ") == nullptr);
  CHECK(g.Find("Pulau Russky") == g.Find("PULAU RUSSKY"));  // the same entry, not a copy
  CHECK(g.max_words() == 2);
  // A run of words can be a name only if some form starts with its first word.
  CHECK(g.MayBegin("Pulau"));
  CHECK(g.MayBegin("JUERGEN"));
  CHECK(g.MayBegin("JÜRGEN"));
  CHECK(g.MayBegin("vladivostok"));
  CHECK_FALSE(g.MayBegin("Russky"));
  CHECK_FALSE(g.MayBegin("Kloepp"));
  CHECK_FALSE(g.MayBegin(""));
}
