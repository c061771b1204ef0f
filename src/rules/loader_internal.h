// Internal to src/rules (the interface is loader.h): the Loader, which reads rule files into a
// RulePack, and what its files share. parse.cpp reads YAML and typed fields with diagnostics;
// lexicons.cpp, extractors.cpp and checks.cpp load one part of a rule file each; macros.cpp
// expands {names}; compile.cpp compiles the patterns on every core; loader.cpp loads the files
// in order, checks across them and holds the public entry points.
#pragma once

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/rulepack.h"
#include "core/types.h"
#include "rules/iso3166.h"
#include "rules/loader.h"

namespace cc::rules::internal {

// "RU", "ID-JK", "FR-75C": an ISO 3166 code (a country's alpha-2, then a subdivision part).
bool IsIsoCode(const std::string& s);

// The allowed values of a key, "a, b, c", for messages.
std::string OneOf(const std::set<std::string>& s);

// A rule file read and parsed as YAML, before any rule in it is looked at. Parsing is the
// slow half of loading (yaml-cpp takes ~1,500 instructions a byte), and files parse
// independently, so LoadAll parses them all at once on every core.
struct ParsedFile {
  std::string file, pack;
  YAML::Node root;
  std::optional<Diagnostic> error;  // not UTF-8, or not YAML
};
// Parses the text `t` of rule file `file` (of pack `pack`); never throws.
ParsedFile Parse(std::string file, std::string pack, const std::string& t);

// An extractor's expanded pattern, to compile: its index in the pack and its language.
struct ExtractorPattern {
  size_t index;
  std::string lang;
  std::string pattern;
};

// The options of every rule pattern: errors are returned, never logged.
RE2::Options RegexOptions();
// A memory budget too small for any program: RE2 parses the pattern (every syntax error, and
// the named groups) and gives up compiling it at the first instruction. The RE2 returned
// answers NamedCapturingGroups() and must not be matched with.
RegexPtr ParseOnly(const std::string& pattern);

// Compiles the extractors' patterns inside FilteredRE2s, and `patterns` (every other regex)
// alongside, into `done` (those from `parse_only_from` on only parsed: ParseOnly), on every
// core. Each language's extractors are dealt out to filters (Add compiles one pattern after
// another) in proportion to its share of `pack_extractors`:
// about one filter per core in all; every filter and every other pattern is one job. A filter
// more costs little per sentence: the engine's prefilter scans each atom once and keeps what a
// filter allowed for the atoms found (on the Indonesian news, 2 filters took 0.1 % more
// instructions than 1). `groups` (positions in `patterns`, before `parse_only_from`) compile
// together, one FilteredRE2 each, into `group_filters` (their ids -> positions in `patterns`;
// kElsewhere for a pattern without atoms). A pure function of its arguments: the loader calls
// it for the languages it compiles at once, and RulePack::compile_language for the others, on
// first use.
RulePack::CompiledLanguage CompileExtractors(const std::vector<ExtractorPattern>& extractors, size_t pack_extractors,
                                             const std::vector<std::string>& patterns = {},
                                             std::vector<RegexPtr>* done = nullptr,
                                             size_t parse_only_from = static_cast<size_t>(-1),
                                             const std::vector<std::vector<size_t>>& groups = {},
                                             std::vector<PatternFilter>* group_filters = nullptr);

// ISO 3166's tables as read (ReadIso3166), or why they could not be.
struct IsoRead {
  std::optional<IsoTables> tables;
  std::string error;
};

class Loader {
 public:
  explicit Loader(LoadOptions options = {}) : options_(options) {}
  void LoadFile(const ParsedFile& parsed);
  // Rules loaded after this override same-id rules loaded before it (a user's --rules pack over
  // the shipped ones); inside one layer a repeated id is an error.
  void NextLayer() { ++layer_; }
  LoadOutcome Finish();

 private:
  SourceLoc Loc(const YAML::Node& n) const {
    auto m = n.Mark();
    return {file_, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0};
  }
  void Error(const YAML::Node& n, std::string code, std::string msg) {
    diags_.push_back({Severity::kError, std::move(code), Loc(n), std::move(msg)});
  }
  void Error(SourceLoc loc, std::string code, std::string msg) {
    diags_.push_back({Severity::kError, std::move(code), std::move(loc), std::move(msg)});
  }
  void CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed, std::string_view what);
  bool Scalar(const YAML::Node& map, const char* key, std::string& out, bool required,
              std::string_view what);
  bool Number(const YAML::Node& map, const char* key, double& out);
  std::vector<std::string> StringList(const YAML::Node& n, std::string_view what);
  // `lang`, when given, is the language to expand {macros} in when locating an error.
  // With `parse_only`, the pattern is parsed and checked but not compiled: the RE2 returned
  // answers NamedCapturingGroups() and must not be matched with.
  RegexPtr Compile(const std::string& pattern, const YAML::Node& where, std::string_view what,
                   const std::string* lang = nullptr, bool parse_only = false);
  // Compiles the patterns on every core, for Compile to pick up: the expanded extractor and
  // lexicon patterns are most of the start-up time. The extractors (those of languages not
  // deferred) are compiled inside FilteredRE2s, which out_.filters keeps; `parse_only` (the
  // deferred languages' extractors) are only parsed, into parsed_.
  // `groups` of `patterns` compile in one FilteredRE2 each, returned in order (CompileExtractors).
  std::vector<PatternFilter> Precompile(std::vector<std::string> patterns, const std::vector<ExtractorPattern>& extractors,
                                        const std::vector<std::string>& parse_only,
                                        const std::vector<std::vector<size_t>>& groups);
  // What Finish does, in order: the checks across files, then every pattern expanded,
  // compiled on every core, and handed to its lexicon entry or extractor.
  struct Expanded {
    std::vector<std::string> lexicon, lexicon_unknown;  // per lexicon_patterns_
    std::vector<std::string> extractor_unknown;         // per pending_ (ExtractorSpec::expanded has the pattern)
  };
  void CheckPlaces();
  void CheckReferences();
  Expanded ExpandPatterns();
  void PrecompileAll(const Expanded& ex);
  void CompileLexiconPatterns(const Expanded& ex);
  void CompileExtractorPatterns(const Expanded& ex);
  std::map<std::string, RegexPtr, std::less<>> precompiled_;
  std::map<std::string, RegexPtr, std::less<>> parsed_;
  LoadOptions options_;
  // Whether x's pattern is compiled on first use of its language (RulePack::deferred).
  bool Deferred(const ExtractorSpec& x) const { return options_.defer_languages && x.lang != "any"; }

  void LoadRoot(const YAML::Node& root);
  // places.cpp: `iso_3166:` and a place's `iso:` link, and the ISO places merged with the
  // rule files' at the end (Finish).
  void LoadIsoRequest(const YAML::Node& n);
  void LoadIsoLink(const YAML::Node& n, const std::string& lexicon, LexiconEntry& entry);
  void AddIsoPlaces();
  std::optional<IsoRequest> iso_;  // what the rule files ask for, all together
  SourceLoc iso_loc_;              // where the first one asks
  bool iso_missing_ = false;       // asked for, and iso-codes is not installed (reported once)
  // The tables are read on another thread from the moment a rule file asks for them, while the
  // files after it are parsed and loaded; AddIsoPlaces waits for them (and reads them again in
  // the rare case a later file asked for more).
  std::future<IsoRead> iso_read_;
  IsoRequest iso_read_for_;
  std::string ShareDir() const { return options_.share_dir.empty() ? "/usr/share" : options_.share_dir; }
  void Warning(SourceLoc loc, std::string code, std::string msg) {
    diags_.push_back({Severity::kWarning, std::move(code), std::move(loc), std::move(msg)});
  }
  void LoadLexicons(const YAML::Node& n, const std::string& lang);
  void LoadExtractor(const YAML::Node& n, const std::string& lang);
  FrameSpec LoadFrame(const YAML::Node& n, const std::string& what);
  SlotSpec LoadSlot(const YAML::Node& n, const std::string& what);
  void LoadCheck(const YAML::Node& n);
  std::string Expand(const std::string& pattern, const std::string& lang, int depth,
                     std::string& unknown) const;
  std::string LexiconAlternation(const std::string& name, const std::string& lang) const;

  std::string file_, pack_;
  RulePack out_;
  std::vector<Diagnostic> diags_;
  struct Pending {
    size_t index;          // into out_.extractors
    YAML::Node pattern;    // for error positions
  };
  std::vector<Pending> pending_;
  // An extractor's `unless`, `when` and `when_in` patterns, compiled once every macro and lexicon
  // is known (they may name one: "\\b{pollster}\\b").
  struct PendingCondition {
    enum Which { kUnless, kWhen, kWhenArticle } which;
    std::string pattern;
    YAML::Node where;
    size_t index = 0;  // into out_.extractors, set when the extractor is stored
  };
  std::vector<PendingCondition> conditions_;
  void CompileConditions();
  struct PendingLexicon {
    size_t lexicon, entry;  // indices into out_.lexicons / its entries
    YAML::Node pattern;
    std::string file;
  };
  std::vector<PendingLexicon> lexicon_patterns_;
  struct SubjectLexicon {
    std::string name;
    SourceLoc loc;
    std::string file;
  };
  std::vector<SubjectLexicon> subject_lexicons_;  // subject_from lexicon:NAME, checked in Finish
  std::map<std::string, std::string> macro_pack_;     // macro -> pack
  struct Defined {
    int layer;
    std::string pack;
    SourceLoc loc;
  };
  std::map<std::string, Defined> rules_;  // rule id -> where it was defined
  int layer_ = 0;
  // False for a repeat inside one layer (reported); sets `overrides` for a later layer.
  bool Define(const std::string& id, const YAML::Node& where, SourceLoc& overrides);
  void LoadCheckExamples(const YAML::Node& ex, CheckSpec& c);
  void LoadExtractorExamples(const YAML::Node& ex, ExtractorSpec& x);
};

}  // namespace cc::rules::internal
