// The in-memory form of the rule packs (rules/<pack>/*.yaml): lexicons, extractors and checks,
// already validated and with every pattern compiled. src/rules builds it from YAML; extract,
// resolve and check read it. Plain data: the loader owns all validation.
#pragma once

#include <re2/re2.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/types.h"

namespace cc {

using RegexPtr = std::shared_ptr<const re2::RE2>;

}  // namespace cc
namespace re2 {
class FilteredRE2;
}
namespace cc {

// One word or phrase class member: a weekday, a month, a unit, a hedge cue, a place...
struct LexiconEntry {
  std::string value;               // canonical value ("sunday", "km", "Vladivostok")
  std::vector<std::string> forms;  // surface forms ("Minggu", "Ahad"); may hold spaces
  std::string kind;                // entity/place kind: person, org, city, country, ...
  std::string parent;              // places: the canonical name of the containing place
  std::vector<std::string> iso;    // places: the ISO 3166 codes of the places it is ("RU",
                                   // "ID-JK"): their names become its forms (rules/places.cpp)
  std::string op;                  // number words: add|teen|times|scale
  double factor = 1;               // units: multiply to get the canonical unit
  std::string pattern;             // pattern lexicons (boilerplate, attribution): a regex
  RegexPtr regex;                  // compiled `pattern`
  RegexPtr reject_before;          // the form is not this class when the text before matches
  RegexPtr reject_after;           // ... or the text after matches (anchored at the form)
  SourceLoc loc;
};

// Patterns compiled inside one RE2 FilteredRE2, which also works out the literal "atoms" each
// cannot match without: the engine's prefilter (src/extract) picks the patterns to run on a
// sentence from the atoms it holds, without compiling the patterns again.
struct PatternFilter {
  static constexpr size_t kElsewhere = static_cast<size_t>(-1);
  std::string lang;                          // of its patterns: "id", "en", "any", ...
  std::shared_ptr<const re2::FilteredRE2> filter;  // compiled (FilteredRE2::Compile done)
  std::vector<size_t> extractors;            // the filter's regexp id -> index into
                                             // RulePack::extractors (a lexicon's filter: into
                                             // its entries), or kElsewhere: another filter
                                             // holds it, or it has no atom (runs always)
  std::vector<std::string> atoms;            // what FilteredRE2::Compile returned
  bool loose = false;                        // its atoms are 1 byte and up (the later filter)
};

struct Lexicon {
  std::string name;   // weekday, month, number_word, unit, hedge, ...
  std::string lang;   // "id", "en", or "any"
  int layer = 0;      // which rules directory it came from, as ExtractorSpec::layer
  bool case_sensitive = false;
  std::vector<LexiconEntry> entries;
  // An attribution lexicon's patterns are compiled in one FilteredRE2: a sentence needs the
  // atoms of one ("said", "menurut", ...) before its regex runs. For other lexicons (and a
  // lexicon whose patterns all failed to compile) `filter.filter` is null.
  PatternFilter filter;
  SourceLoc loc;
};

// An inline example carried by an extractor or check.
struct RuleExample {
  std::string text;                          // a sentence (extractor examples)
  std::string published;                     // the article's published date, when it matters
  bool none = false;                         // must produce no fact of this rule
  std::map<std::string, std::string> expect; // fact fields that must match (subject, value, ...)
  SourceLoc loc;
};

// An inline example carried by a check: a handful of facts, and whether they must yield a
// finding (optionally of a given severity) or none.
struct CheckExample {
  std::vector<std::map<std::string, std::string>> facts;  // fact fields: article, value, ...
  bool finding = false;
  std::string severity;  // when set, the finding must have this severity
  SourceLoc loc;
};

// A slot of a frame: what kind of mention fills one field of the fact, and where it may stand
// relative to the trigger.
struct SlotSpec {
  // day (a weekday, a date or "kemarin"), date, date_range, time (a clock time), place, number
  // (with a unit or a counted noun), person, party (the people meeting), name (a known person,
  // organization or place), or lexicon:NAME (a form of that lexicon)
  std::string kind;
  enum class Side { kAny, kBefore, kAfter } side = Side::kAny;
  uint32_t within = 10;                   // at most this many words from the trigger
  uint32_t within_before = UINT32_MAX;    // before the trigger, at most this many (else `within`)
  std::vector<std::string> preceded_by;   // the word before it must be one of these (folded)
  std::vector<std::string> not_preceded_by;
  std::vector<std::string> units;         // number: canonical units it may have; empty = any
  bool required = false;
  SourceLoc loc;
  bool empty() const { return kind.empty(); }
};

// A predicate read as a frame: a trigger word, and typed slots filled from what the sentence
// mentions (days, times, places, numbers, names) in any order around it. A one-word trigger
// also matches the words with the same Snowball stem that keep its beginning ("berangkat":
// "berangkatnya"; "leave": "leaving"), not those with another prefix ("mengangkat").
struct FrameSpec {
  std::vector<std::string> triggers;   // words or phrases, as written
  SlotSpec value;                      // the fact's value (required)
  SlotSpec subject;                    // who or what it is about (else the extractor's subject_from)
  SlotSpec as_of;                      // the moment a running figure is given for
  std::vector<std::string> negation;   // a trigger right after one of these is denied
  bool denied_is_zero = false;         // a denied count trigger ("tidak ada korban jiwa") is a count of 0
  SourceLoc loc;
};

struct ExtractorSpec {
  std::string id;
  std::string pack;       // directory name the rule came from ("id", "common", a user pack)
  int layer = 0;          // which rules directory: the shipped rules, then each --rules in order
  std::string lang;       // "id", "en", "any"
  std::string status;     // experimental|stable
  std::string predicate;
  FactType type = FactType::kEntity;
  std::string pattern;    // as written ("" for a frame)
  SourceLoc pattern_loc;  // where the pattern is written
  std::optional<FrameSpec> frame;  // a frame instead of a pattern
  std::string generic;    // "quantities" (every quantity no other extractor claims), "names", "breakdowns"
  std::string expanded;   // after {macro} expansion
  RegexPtr regex;
  std::map<std::string, std::string> groups;  // named group -> role
  std::vector<std::string> subject_from;      // fallbacks when no subject group matched
  std::string subject;                        // a fixed subject, if any
  std::string unit;                           // a fixed unit (when the pattern has none)
  bool fallback = false;  // generic (mentions_date): yields to specific extractors
  std::vector<RegexPtr> unless;               // drop the match when the sentence matches
  std::vector<RegexPtr> when;                 // keep it only when the sentence matches one
  bool when_in_article = false;               // `when_in: article`: or when the article does,
  std::vector<RegexPtr> when_article_sentence;  // and then the sentence matches one of these
  std::vector<RuleExample> examples;
  std::string description;
  SourceLoc loc;
  SourceLoc overrides;  // where the shipped rule this one replaces was defined, if any
};

struct CheckSpec {
  std::string id;
  std::string pack;
  std::string kind;                         // agree|tolerance|range|order|sum|calendar
  std::vector<std::string> predicates;      // empty = every predicate (calendar, range by type)
  std::optional<FactType> type;             // restrict to facts of this type ("percent")
  Severity severity = Severity::kError;
  std::string message;                      // template: {subject} {predicate} {values} ...
  std::map<std::string, double> params;     // abs, rel, min, max
  bool by_source = false;                   // compare only values attributed to the same source
  bool timeless = false;                    // a lasting property (a border's length): undated values are one
  std::string status;                       // experimental|stable
  std::string description;
  std::vector<CheckExample> examples;
  SourceLoc loc;
  SourceLoc overrides;
};

struct RulePack {
  std::vector<Lexicon> lexicons;
  std::vector<ExtractorSpec> extractors;
  std::vector<CheckSpec> checks;
  std::map<std::string, std::string> macros;  // name -> regex fragment
  std::vector<std::string> files;             // every file loaded, in load order
  std::vector<std::string> data_files;        // other files the rules read (iso-codes' tables)
  // The places of ISO 3166 a rule file asked for (`iso_3166:`), merged with the rule files'
  // (rules/places.cpp): the gazetteer's places with the `place` lexicons' entries, but not a
  // lexicon themselves: {place} in a pattern and `lexicon:place` do not expand to thousands of
  // countries and subdivisions, and the extraction engine's word tables leave them out.
  std::vector<LexiconEntry> iso_places;

  // The extractors' patterns are compiled inside RE2 FilteredRE2s (per language; about one per
  // core in all),
  // which also work out the literal "atoms" each pattern cannot match without: the prefilter
  // that picks the extractors to run on a sentence (src/extract) is then built from them
  // without compiling the patterns again. ExtractorSpec::regex points into these. A pattern
  // with no literal of 3 bytes (a name, digits and "%") is compiled once more, in a later
  // filter of its language with 1-byte atoms: without atoms it would run on every sentence.
  using PatternFilter = cc::PatternFilter;
  std::vector<PatternFilter> filters;

  // Languages compiled on first use (rules::LoadOptions::defer_languages, which `check` asks for: most
  // runs meet one or two of the pack's languages, and the patterns of the others were a third
  // of its start-up). Their extractors' patterns were parsed and checked at load, but their
  // `regex` is null and no filter above holds them; compile_language(lang) compiles them as
  // the loader would have (a pure function of the patterns: safe on any thread) and returns
  // the filters and each extractor's RE2. An extractor missing from `regexes` did not compile
  // (a pattern too large for RE2's memory budget, which only compiling finds).
  struct CompiledLanguage {
    std::vector<PatternFilter> filters;
    std::vector<std::pair<size_t, RegexPtr>> regexes;  // index into extractors -> its RE2
  };
  std::set<std::string> deferred;
  std::function<CompiledLanguage(const std::string& lang)> compile_language;

  // Entries of lexicon `name` that apply to `lang` ("any" entries apply to all languages;
  // lang "" or "any" takes every language's).
  std::vector<const LexiconEntry*> Entries(std::string_view name, std::string_view lang) const;
  bool HasLexicon(std::string_view name) const;
};

}  // namespace cc
