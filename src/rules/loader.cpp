#include "rules/loader.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/numbers.h"
#include "core/parallel.h"
#include "core/text.h"

namespace cc::rules {
namespace fs = std::filesystem;

const std::vector<std::string>& KnownRoles() {
  static const std::vector<std::string> kRoles = {
      "subject", "subject2", "weekday", "day",     "month",     "year",   "day_end",
      "month_end", "year_end", "number", "unit",   "bound",     "place",  "transport",
      "qualifier", "time",     "measure", "source", "span",     "value",  "as_of", "relative"};
  return kRoles;
}

const std::vector<std::string>& ExampleFields() {
  static const std::vector<std::string> kFields = {
      "subject", "predicate", "type",  "value", "unit",  "number", "bound", "qualifier", "modality",
      "source",  "weekday",   "date",  "anchor", "event", "as_of", "text"};
  return kFields;
}

const std::set<std::string>& BuiltinLexicons() {
  static const std::set<std::string> kNames = {
      "weekday", "month", "unit", "place", "entity", "transport", "transport_qualifier",
      "time_of_day", "bound", "title", "stopword", "boilerplate", "abbreviation", "org_word",
      "number_word", "number_scale", "number_format", "hedge", "attribution", "place_word", "counterpart_word", "report_verb", "relative_day"};
  return kNames;
}

const std::vector<std::string>& KnownTypes() {
  static const std::vector<std::string> kTypes = {
      "weekday", "date",  "date_range", "year",      "quantity",
      "percent", "count", "place",      "transport", "entity"};
  return kTypes;
}

namespace {

const std::set<std::string> kCheckKinds = {"agree", "tolerance", "range", "calendar", "order", "sum", "monotonic"};
const std::set<std::string> kTopKeys = {"lang", "macros", "lexicons", "extractors", "checks"};
const std::set<std::string> kLexiconKeys = {"case", "entries"};
const std::set<std::string> kEntryKeys = {"value", "forms", "kind", "parent", "op",
                                          "factor", "pattern", "reject_before", "reject_after"};
const std::set<std::string> kExtractorKeys = {
    "id", "lang", "status", "predicate", "type", "pattern", "groups", "subject_from",
    "subject", "unit", "fallback", "unless", "when", "examples", "description"};
const std::set<std::string> kExampleKeys = {"text", "expect", "none", "published"};
const std::set<std::string> kCheckKeys = {"id", "kind", "predicate", "type", "severity", "message",
                                          "abs", "rel", "min", "max", "description", "status",
                                          "examples", "by_source"};
const std::set<std::string> kCheckExampleKeys = {"expect", "severity", "facts"};
const std::set<std::string> kSubjectFallbacks = {"sentence", "article", "pair"};
const std::set<std::string> kNumberOps = {"add", "teen", "times", "scale"};

std::string OneOf(const std::set<std::string>& s) {
  std::vector<std::string> v(s.begin(), s.end());
  return Join(v, ", ");
}

// A rule file read and parsed as YAML, before any rule in it is looked at. Parsing is the
// slow half of loading (yaml-cpp takes ~1,500 instructions a byte), and files parse
// independently, so LoadAll parses them all at once on every core.
struct ParsedFile {
  std::string file, pack;
  YAML::Node root;
  std::optional<Diagnostic> error;  // not UTF-8, or not YAML
};

ParsedFile Parse(std::string file, std::string pack, const std::string& t) {
  ParsedFile p{std::move(file), std::move(pack), {}, std::nullopt};
  if (auto bad = FindInvalidUtf8(t)) {
    auto [line, col] = LineCol(t, *bad);
    p.error = Diagnostic{Severity::kError, "invalid-utf8", SourceLoc{p.file, static_cast<int>(line), static_cast<int>(col)},
                         fmt::format("rule files must be UTF-8; invalid byte 0x{:02x}", static_cast<unsigned char>(t[*bad]))};
    return p;
  }
  try {
    p.root = YAML::Load(t);
  } catch (const YAML::ParserException& e) {
    SourceLoc loc{p.file, e.mark.line + 1, e.mark.column + 1};
    // yaml-cpp notices an unclosed [ or { where the file ends; point at the bracket instead.
    bool seq = e.msg.find("end of sequence flow") != std::string::npos;
    bool map = e.msg.find("end of map flow") != std::string::npos;
    if ((seq || map) && e.mark.pos > 0) {
      char open = seq ? '[' : '{', close = seq ? ']' : '}';
      size_t end = std::min(t.size(), static_cast<size_t>(e.mark.pos));
      int depth = 0;
      for (size_t i = end; i-- > 0;) {
        if (t[i] == close) ++depth;
        if (t[i] == open && depth-- == 0) {
          auto [line, col] = LineCol(t, i);
          loc.line = static_cast<int>(line);
          loc.column = static_cast<int>(col);
          break;
        }
      }
    }
    p.error = Diagnostic{Severity::kError, "yaml-syntax", std::move(loc), e.msg};
  } catch (const YAML::Exception& e) {  // parsed on a worker thread: nothing may escape
    p.error = Diagnostic{Severity::kError, "yaml-syntax", SourceLoc{p.file, e.mark.line + 1, e.mark.column + 1}, e.msg};
  }
  return p;
}

// An extractor's expanded pattern, to compile: its index in the pack and its language.
struct ExtractorPattern {
  size_t index;
  std::string lang;
  std::string pattern;
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
  std::map<std::string, RegexPtr, std::less<>> precompiled_;
  std::map<std::string, RegexPtr, std::less<>> parsed_;
  LoadOptions options_;
  // Whether x's pattern is compiled on first use of its language (RulePack::deferred).
  bool Deferred(const ExtractorSpec& x) const { return options_.defer_languages && x.lang != "any"; }

  void LoadRoot(const YAML::Node& root);
  void LoadLexicons(const YAML::Node& n, const std::string& lang);
  void LoadExtractor(const YAML::Node& n, const std::string& lang);
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
};

bool Loader::Define(const std::string& id, const YAML::Node& where, SourceLoc& overrides) {
  auto prev = rules_.find(id);
  if (prev != rules_.end() && prev->second.layer == layer_) {
    Error(where, "duplicate-id",
          fmt::format("rule id '{}' is already defined at {}:{}:{} (pack '{}'); ids must be unique across the packs of one rules directory",
                      id, prev->second.loc.file, prev->second.loc.line, prev->second.loc.column, prev->second.pack));
    return false;
  }
  if (prev != rules_.end()) overrides = prev->second.loc;
  rules_[id] = {layer_, pack_, Loc(where)};
  return true;
}

void Loader::CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                       std::string_view what) {
  for (const auto& kv : map) {
    auto key = kv.first.as<std::string>("");
    if (!allowed.count(key))
      Error(kv.first, "unknown-key",
            fmt::format("unknown key '{}' in {} (expected one of: {})", key, what, OneOf(allowed)));
  }
}

bool Loader::Scalar(const YAML::Node& map, const char* key, std::string& out, bool required,
                    std::string_view what) {
  const YAML::Node n = map[key];
  if (!n) {
    if (required) Error(map, "missing-field", fmt::format("{} has no '{}'", what, key));
    return false;
  }
  if (!n.IsScalar()) {
    Error(n, "wrong-type", fmt::format("'{}' in {} must be a string", key, what));
    return false;
  }
  out = n.as<std::string>();
  return true;
}

bool Loader::Number(const YAML::Node& map, const char* key, double& out) {
  const YAML::Node n = map[key];
  if (!n) return false;
  try {
    out = n.as<double>();
    return true;
  } catch (const YAML::Exception&) {
    Error(n, "wrong-type", fmt::format("'{}' must be a number", key));
    return false;
  }
}

std::vector<std::string> Loader::StringList(const YAML::Node& n, std::string_view what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        Error(item, "wrong-type", fmt::format("{} must be a list of strings", what));
        continue;
      }
      out.push_back(item.as<std::string>());
    }
  } else {
    Error(n, "wrong-type", fmt::format("{} must be a string or a list of strings", what));
  }
  return out;
}

// Extractor patterns per FilteredRE2: a pack with fewer than this per core is compiled on
// fewer cores.
constexpr size_t kPatternsPerFilter = 8;
// The shortest literal FilteredRE2 keeps as an atom. 3 took the fewest instructions on real
// news (2 and 4 took 3-5 % more): shorter atoms occur in most sentences and prove nothing.
constexpr int kMinAtomLength = 3;
// The same for a pattern that has no literal that long (a name, digits and "%"): without atoms
// it would run on every sentence, and "%" or a digit proves more than nothing.
constexpr int kLooseAtomLength = 1;
// RE2's memory budget for parsing a pattern without compiling it: two thirds of it go to the
// program, and any budget no larger than the program's header leaves room for no instruction
// (0 would mean no limit).
constexpr int64_t kParseOnlyMem = 64;

RE2::Options RegexOptions() {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  return opt;
}

// A memory budget too small for any program: RE2 parses the pattern (every syntax error, and
// the named groups) and gives up compiling it at the first instruction. The RE2 returned
// answers NamedCapturingGroups() and must not be matched with.
RegexPtr ParseOnly(const std::string& pattern) {
  RE2::Options parse = RegexOptions();
  parse.set_max_mem(kParseOnlyMem);
  return std::make_shared<const RE2>(pattern, parse);
}

// One FilteredRE2 being filled: the extractors it holds, as positions in the list compiled.
struct FilterJob {
  explicit FilterJob(const std::string& lang) { pf.lang = lang; }
  RulePack::PatternFilter pf;
  std::vector<size_t> members;     // positions in `extractors`
  std::vector<RegexPtr> compiled;  // per member; null when FilteredRE2 refused the pattern
  std::vector<size_t> member_of;   // the filter's regexp id -> index into `members`
};

void CompileFilter(FilterJob& job, const std::vector<ExtractorPattern>& extractors, int min_atom_len) {
  auto filter = std::make_shared<re2::FilteredRE2>(min_atom_len);
  std::vector<int> ids;
  for (size_t m : job.members) {
    int id = -1;
    ids.push_back(filter->Add(extractors[m].pattern, RegexOptions(), &id) == RE2::NoError ? id : -1);
  }
  if (std::none_of(ids.begin(), ids.end(), [](int id) { return id >= 0; })) return;  // nothing compiled
  filter->Compile(&job.pf.atoms);
  job.pf.filter = filter;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < 0) {  // a bad pattern: the loader reports it from a standalone RE2
      job.compiled.push_back(nullptr);
      continue;
    }
    // Shares ownership of the filter, which owns the RE2.
    job.compiled.push_back(RegexPtr(job.pf.filter, &filter->GetRE2(ids[i])));
    // Its named groups are walked out of the pattern once (RE2 keeps them): here, in
    // parallel, rather than by the loader's and the engine's single thread afterwards.
    job.compiled.back()->NamedCapturingGroups();
    auto id = static_cast<size_t>(ids[i]);
    job.pf.extractors.resize(id + 1);
    job.member_of.resize(id + 1);
    job.pf.extractors[id] = extractors[job.members[i]].index;
    job.member_of[id] = i;
  }
}

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
                                             std::vector<PatternFilter>* group_filters = nullptr) {
  std::map<std::string, std::vector<size_t>> by_lang;  // lang -> positions in `extractors`
  for (size_t i = 0; i < extractors.size(); ++i) by_lang[extractors[i].lang].push_back(i);
  std::vector<FilterJob> jobs;
  const size_t threads = ParallelThreads(pack_extractors / kPatternsPerFilter);
  for (const auto& [lang, members] : by_lang) {
    size_t first = jobs.size(), k = std::max<size_t>(1, (threads * members.size() + pack_extractors / 2) / pack_extractors);
    for (size_t c = 0; c < k; ++c) jobs.emplace_back(lang);
    // Longest pattern first to the filter with the least so far: the filters take about
    // as long to compile (the length stands in for the cost).
    std::vector<size_t> order = members, load(k, 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return extractors[a].pattern.size() > extractors[b].pattern.size();
    });
    for (size_t m : order) {
      size_t c = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
      load[c] += extractors[m].pattern.size();
      jobs[first + c].members.push_back(m);
    }
    for (size_t c = 0; c < k; ++c) std::sort(jobs[first + c].members.begin(), jobs[first + c].members.end());
  }
  std::vector<ExtractorPattern> grouped;  // index: the position in `patterns`
  std::vector<FilterJob> group_jobs;
  std::vector<bool> in_group(patterns.size());
  for (const auto& g : groups) {
    FilterJob& job = group_jobs.emplace_back("");
    for (size_t k : g) {
      job.members.push_back(grouped.size());
      grouped.push_back({k, "", patterns[k]});
      in_group[k] = true;
    }
  }
  if (done) done->assign(patterns.size(), nullptr);
  ParallelFor(jobs.size() + group_jobs.size() + patterns.size(), [&](size_t j) {
    if (j < jobs.size())
      CompileFilter(jobs[j], extractors, kMinAtomLength);
    else if (j < jobs.size() + group_jobs.size())
      CompileFilter(group_jobs[j - jobs.size()], grouped, kMinAtomLength);
    else if (size_t k = j - jobs.size() - group_jobs.size(); in_group[k])
      return;
    else {
      (*done)[k] = k >= parse_only_from ? ParseOnly(patterns[k]) : std::make_shared<const RE2>(patterns[k], RegexOptions());
      (*done)[k]->NamedCapturingGroups();  // worked out here, on every core, not when the loader asks
    }
  });
  for (FilterJob& job : group_jobs) {
    for (size_t i = 0; i < job.members.size(); ++i) {
      const size_t k = grouped[job.members[i]].index;
      // A pattern FilteredRE2 refused: its own RE2 says why (Loader::Compile reports it).
      (*done)[k] = i < job.compiled.size() && job.compiled[i] ? job.compiled[i]
                                                            : std::make_shared<const RE2>(patterns[k], RegexOptions());
    }
    if (job.pf.filter) {
      std::vector<int> unfiltered;
      job.pf.filter->AllPotentials({}, &unfiltered);
      for (int id : unfiltered) job.pf.extractors[static_cast<size_t>(id)] = PatternFilter::kElsewhere;
    }
    if (group_filters) group_filters->push_back(std::move(job.pf));
  }
  // The patterns a filter found no atom for (it would pass them on every sentence) go to one
  // more filter per language, with shorter atoms; the first filter's id for them points
  // nowhere (PatternFilter::kElsewhere), and their RE2 is the new filter's.
  std::map<std::string, FilterJob> loose;
  for (auto& job : jobs) {
    if (!job.pf.filter) continue;
    std::vector<int> unfiltered;
    job.pf.filter->AllPotentials({}, &unfiltered);
    for (int id : unfiltered) {
      auto u = static_cast<size_t>(id);
      FilterJob& l = loose.try_emplace(job.pf.lang, job.pf.lang).first->second;
      l.members.push_back(job.members[job.member_of[u]]);
      job.pf.extractors[u] = RulePack::PatternFilter::kElsewhere;
    }
  }
  std::vector<FilterJob*> second;
  for (auto& [lang, job] : loose) {
    job.pf.loose = true;
    second.push_back(&job);
  }
  ParallelFor(second.size(), [&](size_t j) { CompileFilter(*second[j], extractors, kLooseAtomLength); });
  for (FilterJob* job : second) jobs.push_back(std::move(*job));
  RulePack::CompiledLanguage out;
  std::map<size_t, RegexPtr> regexes;  // the loose filter's RE2 replaces the first one's
  for (auto& job : jobs) {
    for (size_t i = 0; i < job.members.size(); ++i)
      if (job.compiled.size() > i && job.compiled[i]) regexes[extractors[job.members[i]].index] = job.compiled[i];
    if (job.pf.filter) out.filters.push_back(std::move(job.pf));
  }
  out.regexes.assign(regexes.begin(), regexes.end());
  return out;
}

std::vector<PatternFilter> Loader::Precompile(std::vector<std::string> patterns, const std::vector<ExtractorPattern>& extractors,
                                              const std::vector<std::string>& parse_only,
                                              const std::vector<std::vector<size_t>>& groups) {
  std::vector<RegexPtr> done;
  std::vector<PatternFilter> group_filters;
  const size_t compiled_patterns = patterns.size();
  patterns.insert(patterns.end(), parse_only.begin(), parse_only.end());
  RulePack::CompiledLanguage compiled =
      CompileExtractors(extractors, out_.extractors.size(), patterns, &done, compiled_patterns, groups, &group_filters);
  for (auto& f : compiled.filters) out_.filters.push_back(std::move(f));
  std::map<size_t, const std::string*> pattern_of;
  for (const auto& x : extractors) pattern_of[x.index] = &x.pattern;
  for (auto& [index, re] : compiled.regexes) precompiled_.insert_or_assign(*pattern_of.at(index), std::move(re));
  for (size_t i = 0; i < patterns.size(); ++i)
    (i < compiled_patterns ? precompiled_ : parsed_).emplace(patterns[i], std::move(done[i]));
  return group_filters;
}

RegexPtr Loader::Compile(const std::string& pattern, const YAML::Node& where, std::string_view what,
                         const std::string* lang, bool parse_only) {
  RE2::Options opt = RegexOptions();
  RegexPtr re;
  if (auto pre = precompiled_.find(pattern); pre != precompiled_.end()) {
    re = pre->second;
  } else if (parse_only) {
    auto parsed = parsed_.find(pattern);
    re = parsed != parsed_.end() ? parsed->second : ParseOnly(pattern);
    if (re->error_code() == RE2::ErrorPatternTooLarge) return re;
  } else {
    re = std::make_shared<const RE2>(pattern, opt);
  }
  if (!re->ok()) {
    SourceLoc loc = Loc(where);
    std::string src = where.IsScalar() ? where.as<std::string>() : "";
    // Point at the offending character when the pattern is written on one line: the end of
    // the shortest prefix of the pattern as written that fails the same way ("unexpected )"
    // at that parenthesis, "missing )" at the group left open).
    if (!src.empty() && src.find('\n') == std::string::npos && loc.column > 0) {
      RE2::Options quiet = opt;
      quiet.set_max_mem(8 << 20);
      std::optional<size_t> at;
      for (size_t k = 1; k <= src.size() && !at; ++k) {
        std::string prefix = src.substr(0, k), unknown;
        if (lang) prefix = Expand(prefix, *lang, 0, unknown);
        RE2 p(prefix, quiet);
        if (!p.ok() && p.error_code() == re->error_code()) at = k - 1;
      }
      if (re->error_code() == RE2::ErrorMissingParen && at) {
        // The group left open: the last '(' before the end that is not closed.
        int depth = 0;
        for (size_t i = src.size(); i-- > 0;) {
          if (i > 0 && src[i - 1] == '\\') continue;
          if (src[i] == ')') ++depth;
          if (src[i] == '(' && depth-- == 0) {
            at = i;
            break;
          }
        }
      }
      // Quoted scalars start one column before their text.
      int quote = where.Tag() == "!" ? 1 : 0;
      if (at) loc.column += quote + static_cast<int>(*at);
    }
    // RE2 writes "<what is wrong>: <fragment>"; the fragment is worth repeating only when it is
    // not the whole pattern.
    std::string err = re->error(), arg = re->error_arg();
    if (!arg.empty() && EndsWith(err, ": " + arg)) err.resize(err.size() - arg.size() - 2);
    bool whole = arg == pattern || arg == src;
    Error(loc, "bad-regex", fmt::format("{}: {}{}", what, err, arg.empty() || whole ? "" : fmt::format(" in '{}'", arg)));
    return nullptr;
  }
  return re;
}

void Loader::LoadLexicons(const YAML::Node& lexicons, const std::string& lang) {
  if (!lexicons.IsMap()) {
    Error(lexicons, "wrong-type", "'lexicons' must be a map of lexicon name to entries");
    return;
  }
  for (const auto& kv : lexicons) {
    Lexicon lex;
    lex.name = kv.first.as<std::string>("");
    lex.lang = lang;
    lex.loc = Loc(kv.first);
    // (A YAML::Node assigned to aliases the node it was made from; bind once, never assign.)
    const YAML::Node& value = kv.second;
    const YAML::Node entries = value.IsMap() ? value["entries"] : value;
    if (value.IsMap()) {
      CheckKeys(value, kLexiconKeys, fmt::format("lexicon '{}'", lex.name));
      std::string c;
      if (Scalar(value, "case", c, false, "lexicon")) {
        if (c != "sensitive" && c != "insensitive")
          Error(value["case"], "bad-value", "'case' must be 'sensitive' or 'insensitive'");
        lex.case_sensitive = c == "sensitive";
      }
      if (!entries) {
        Error(kv.second, "missing-field", fmt::format("lexicon '{}' has no 'entries'", lex.name));
        continue;
      }
    }
    if (!entries.IsSequence()) {
      Error(entries, "wrong-type", fmt::format("entries of lexicon '{}' must be a list", lex.name));
      continue;
    }
    for (const auto& e : entries) {
      LexiconEntry entry;
      entry.loc = Loc(e);
      if (e.IsScalar()) {  // a bare word: its own value and form
        entry.value = e.as<std::string>();
        entry.forms = {entry.value};
        lex.entries.push_back(std::move(entry));
        continue;
      }
      if (!e.IsMap()) {
        Error(e, "wrong-type", fmt::format("an entry of lexicon '{}' must be a string or a map", lex.name));
        continue;
      }
      std::string what = fmt::format("entry of lexicon '{}'", lex.name);
      CheckKeys(e, kEntryKeys, what);
      Scalar(e, "value", entry.value, false, what);
      if (e["forms"]) entry.forms = StringList(e["forms"], "'forms'");
      Scalar(e, "kind", entry.kind, false, what);
      Scalar(e, "parent", entry.parent, false, what);
      if (Scalar(e, "op", entry.op, false, what) && !kNumberOps.count(entry.op))
        Error(e["op"], "bad-value", fmt::format("'op' must be one of: {}", OneOf(kNumberOps)));
      Number(e, "factor", entry.factor);
      if (Scalar(e, "pattern", entry.pattern, false, what))
        lexicon_patterns_.push_back({out_.lexicons.size(), lex.entries.size(), e["pattern"], file_});
      std::string rb, ra;
      if (Scalar(e, "reject_before", rb, false, what))
        entry.reject_before = Compile("(?:" + rb + ")$", e["reject_before"], "reject_before");
      if (Scalar(e, "reject_after", ra, false, what))
        entry.reject_after = Compile("^(?:" + ra + ")", e["reject_after"], "reject_after");
      if (entry.value.empty() && !entry.forms.empty()) entry.value = entry.forms.front();
      if (entry.value.empty() && entry.pattern.empty())
        Error(e, "missing-field", fmt::format("{} has neither 'value', 'forms' nor 'pattern'", what));
      if (entry.forms.empty() && !entry.value.empty() && entry.pattern.empty())
        entry.forms = {entry.value};
      // A canonical name is also a way to write it.
      if ((lex.name == "place" || lex.name == "entity") &&
          std::find(entry.forms.begin(), entry.forms.end(), entry.value) == entry.forms.end())
        entry.forms.insert(entry.forms.begin(), entry.value);
      lex.entries.push_back(std::move(entry));
    }
    out_.lexicons.push_back(std::move(lex));
  }
}

void Loader::LoadExtractor(const YAML::Node& n, const std::string& file_lang) {
  if (!n.IsMap()) {
    Error(n, "wrong-type", "an extractor must be a map");
    return;
  }
  ExtractorSpec x;
  x.pack = pack_;
  x.layer = layer_;
  x.loc = Loc(n);
  x.lang = file_lang;
  CheckKeys(n, kExtractorKeys, "extractor");
  Scalar(n, "id", x.id, true, "extractor");
  std::string what = x.id.empty() ? "extractor" : fmt::format("extractor '{}'", x.id);
  Scalar(n, "lang", x.lang, false, what);
  x.status = "experimental";
  if (Scalar(n, "status", x.status, false, what) && x.status != "experimental" && x.status != "stable")
    Error(n["status"], "bad-value", "'status' must be 'experimental' or 'stable'");
  Scalar(n, "predicate", x.predicate, true, what);
  if (Scalar(n, "type", x.type, true, what) &&
      std::find(KnownTypes().begin(), KnownTypes().end(), x.type) == KnownTypes().end())
    Error(n["type"], "bad-value",
          fmt::format("unknown type '{}' (expected one of: {})", x.type, Join(KnownTypes(), ", ")));
  if (Scalar(n, "pattern", x.pattern, true, what)) x.pattern_loc = Loc(n["pattern"]);
  Scalar(n, "subject", x.subject, false, what);
  Scalar(n, "unit", x.unit, false, what);
  if (n["fallback"]) {
    try {
      x.fallback = n["fallback"].as<bool>();
    } catch (const YAML::Exception&) {
      Error(n["fallback"], "wrong-type", "'fallback' must be true or false");
    }
  }
  if (n["subject_from"]) {
    x.subject_from = StringList(n["subject_from"], "'subject_from'");
    for (const auto& s : x.subject_from) {
      size_t colon = s.find(':');
      std::string how = s.substr(0, colon);
      if (colon != std::string::npos && (how == "lexicon" || how == "topic" || how == "nearest"))
        subject_lexicons_.push_back({s.substr(colon + 1), Loc(n["subject_from"]), file_});
      else if (!kSubjectFallbacks.count(s))
        Error(n["subject_from"], "bad-value",
              fmt::format("unknown subject_from '{}' (expected one of: {}, lexicon:NAME, nearest:NAME, topic:NAME)", s, OneOf(kSubjectFallbacks)));
    }
  }
  if (const YAML::Node g = n["groups"]) {
    if (!g.IsMap()) {
      Error(g, "wrong-type", "'groups' must map group names to roles");
    } else {
      for (const auto& kv : g) {
        std::string group = kv.first.as<std::string>(""), role = kv.second.as<std::string>("");
        if (std::find(KnownRoles().begin(), KnownRoles().end(), role) == KnownRoles().end())
          Error(kv.second, "bad-role",
                fmt::format("unknown role '{}' for group '{}' (expected one of: {})", role, group,
                            Join(KnownRoles(), ", ")));
        x.groups[group] = role;
      }
    }
  } else {
    Error(n, "missing-field", fmt::format("{} has no 'groups'", what));
  }
  if (const YAML::Node u = n["unless"]) {
    for (const auto& p : StringList(u, "'unless'"))
      if (auto re = Compile(p, u, fmt::format("{} unless", what))) x.unless.push_back(re);
  }
  if (const YAML::Node w = n["when"]) {
    for (const auto& p : StringList(w, "'when'"))
      if (auto re = Compile(p, w, fmt::format("{} when", what))) x.when.push_back(re);
  }
  if (const YAML::Node ex = n["examples"]) {
    if (!ex.IsSequence()) {
      Error(ex, "wrong-type", "'examples' must be a list");
    } else {
      for (const auto& e : ex) {
        RuleExample r;
        r.loc = Loc(e);
        if (!e.IsMap()) {
          Error(e, "wrong-type", "an example must be a map with 'text' and 'expect' or 'none'");
          continue;
        }
        CheckKeys(e, kExampleKeys, "example");
        Scalar(e, "text", r.text, true, "example");
        Scalar(e, "published", r.published, false, "example");
        if (e["none"]) r.none = e["none"].as<bool>(false);
        if (const YAML::Node want = e["expect"]) {
          if (!want.IsMap()) {
            Error(want, "wrong-type", "'expect' must map fact fields to values");
          } else {
            for (const auto& kv : want) {
              std::string field = kv.first.as<std::string>("");
              if (std::find(ExampleFields().begin(), ExampleFields().end(), field) == ExampleFields().end())
                Error(kv.first, "unknown-key",
                      fmt::format("unknown fact field '{}' in 'expect' (expected one of: {})", field, Join(ExampleFields(), ", ")));
              r.expect[field] = kv.second.as<std::string>("");
            }
          }
        }
        if (!r.none && r.expect.empty())
          Error(e, "missing-field", "an example needs 'expect' (fields of the fact) or 'none: true'");
        if (r.none && !r.expect.empty())
          Error(e["none"], "bad-value", "an example has both 'expect' and 'none: true'; keep one");
        x.examples.push_back(std::move(r));
      }
    }
  }
  Scalar(n, "description", x.description, false, what);
  if (x.id.empty() || !Define(x.id, n["id"], x.overrides)) return;
  // A later layer overrides an earlier rule with the same id.
  for (size_t i = 0; i < out_.extractors.size(); ++i) {
    if (out_.extractors[i].id == x.id) {
      out_.extractors[i] = std::move(x);
      for (auto& p : pending_)
        if (p.index == i) p.pattern = n["pattern"];
      return;
    }
  }
  pending_.push_back({out_.extractors.size(), n["pattern"]});
  out_.extractors.push_back(std::move(x));
}

void Loader::LoadCheckExamples(const YAML::Node& ex, CheckSpec& c) {
  static const std::set<std::string> kFactKeys = {"article", "subject", "predicate", "type", "value",
                                                  "unit", "bound", "modality", "source", "event",
                                                  "date", "weekday", "as_of", "qualifier", "anchor"};
  if (!ex.IsSequence()) {
    Error(ex, "wrong-type", "'examples' must be a list");
    return;
  }
  for (const auto& e : ex) {
    CheckExample r;
    r.loc = Loc(e);
    if (!e.IsMap()) {
      Error(e, "wrong-type", "a check example must be a map with 'expect' and 'facts'");
      continue;
    }
    CheckKeys(e, kCheckExampleKeys, "check example");
    std::string expect;
    if (Scalar(e, "expect", expect, true, "check example")) {
      if (expect != "finding" && expect != "none")
        Error(e["expect"], "bad-value", "'expect' must be 'finding' or 'none'");
      r.finding = expect == "finding";
    }
    if (Scalar(e, "severity", r.severity, false, "check example") && !ParseSeverity(r.severity))
      Error(e["severity"], "bad-value", "'severity' must be error, warning or info");
    const YAML::Node facts = e["facts"];
    if (!facts) {
      Error(e, "missing-field", "a check example needs 'facts'");
    } else if (!facts.IsSequence()) {
      Error(facts, "wrong-type", "'facts' must be a list of maps of fact fields");
    } else {
      for (const auto& f : facts) {
        if (!f.IsMap()) {
          Error(f, "wrong-type", "a fact in a check example must be a map of fact fields");
          continue;
        }
        CheckKeys(f, kFactKeys, "example fact");
        std::map<std::string, std::string> fields;
        for (const auto& kv : f) fields[kv.first.as<std::string>("")] = kv.second.as<std::string>("");
        if (!fields.count("value")) Error(f, "missing-field", "an example fact needs a 'value'");
        r.facts.push_back(std::move(fields));
      }
    }
    c.examples.push_back(std::move(r));
  }
}

void Loader::LoadCheck(const YAML::Node& n) {
  if (!n.IsMap()) {
    Error(n, "wrong-type", "a check must be a map");
    return;
  }
  CheckSpec c;
  c.pack = pack_;
  c.loc = Loc(n);
  CheckKeys(n, kCheckKeys, "check");
  Scalar(n, "id", c.id, true, "check");
  std::string what = c.id.empty() ? "check" : fmt::format("check '{}'", c.id);
  if (Scalar(n, "kind", c.kind, true, what) && !kCheckKinds.count(c.kind))
    Error(n["kind"], "unknown-kind",
          fmt::format("unknown check kind '{}' (expected one of: {})", c.kind, OneOf(kCheckKinds)));
  if (n["predicate"]) c.predicates = StringList(n["predicate"], "'predicate'");
  if (Scalar(n, "type", c.type, false, what) &&
      std::find(KnownTypes().begin(), KnownTypes().end(), c.type) == KnownTypes().end())
    Error(n["type"], "bad-value",
          fmt::format("unknown type '{}' (expected one of: {})", c.type, Join(KnownTypes(), ", ")));
  std::string sev = "error";
  if (Scalar(n, "severity", sev, false, what)) {
    if (auto s = ParseSeverity(sev)) c.severity = *s;
    else Error(n["severity"], "bad-value", "'severity' must be error, warning or info");
  }
  Scalar(n, "message", c.message, false, what);
  if (n["by_source"]) {
    try {
      c.by_source = n["by_source"].as<bool>();
    } catch (const YAML::Exception&) {
      Error(n["by_source"], "wrong-type", "'by_source' must be true or false");
    }
  }
  for (const char* k : {"abs", "rel", "min", "max"}) {
    double v;
    if (Number(n, k, v)) c.params[k] = v;
  }
  if (c.kind == "tolerance" && !c.params.count("abs") && !c.params.count("rel"))
    Error(n, "missing-field", fmt::format("{} of kind tolerance needs 'abs' or 'rel'", what));
  if (c.kind == "sum" && !c.params.count("max"))
    Error(n, "missing-field", fmt::format("{} of kind sum needs 'max'", what));
  if (c.kind == "range" && !c.params.count("min") && !c.params.count("max"))
    Error(n, "missing-field", fmt::format("{} of kind range needs 'min' or 'max'", what));
  if ((c.kind == "agree" || c.kind == "tolerance") && c.predicates.empty())
    Error(n, "missing-field", fmt::format("{} needs a 'predicate'", what));
  c.status = "experimental";
  if (Scalar(n, "status", c.status, false, what) && c.status != "experimental" && c.status != "stable")
    Error(n["status"], "bad-value", "'status' must be 'experimental' or 'stable'");
  Scalar(n, "description", c.description, false, what);
  if (const YAML::Node ex = n["examples"]) LoadCheckExamples(ex, c);
  if (c.id.empty() || !Define(c.id, n["id"], c.overrides)) return;
  for (auto& existing : out_.checks) {
    if (existing.id == c.id) {
      existing = std::move(c);
      return;
    }
  }
  out_.checks.push_back(std::move(c));
}

void Loader::LoadFile(const ParsedFile& parsed) {
  file_ = parsed.file;
  pack_ = parsed.pack;
  out_.files.push_back(parsed.file);
  if (parsed.error) {
    diags_.push_back(*parsed.error);
    return;
  }
  const YAML::Node& root = parsed.root;
  if (root.IsNull()) return;  // an empty file is allowed
  if (!root.IsMap()) {
    Error(root, "wrong-type", "a rule file must be a map with lexicons, extractors or checks");
    return;
  }
  try {
    LoadRoot(root);
  } catch (const YAML::Exception& e) {  // a shape yaml-cpp refuses to walk: report, never crash
    Error(SourceLoc{file_, e.mark.line + 1, e.mark.column + 1}, "wrong-type", "cannot read this part of the file: " + e.msg);
  }
}

void Loader::LoadRoot(const YAML::Node& root) {
  CheckKeys(root, kTopKeys, "rule file");
  std::string lang = "any";
  Scalar(root, "lang", lang, false, "rule file");
  if (const YAML::Node m = root["macros"]) {
    if (!m.IsMap()) {
      Error(m, "wrong-type", "'macros' must map names to regex fragments");
    } else {
      for (const auto& kv : m) out_.macros[kv.first.as<std::string>("")] = kv.second.as<std::string>("");
    }
  }
  if (const YAML::Node l = root["lexicons"]) LoadLexicons(l, lang);
  if (const YAML::Node x = root["extractors"]) {
    if (!x.IsSequence()) Error(x, "wrong-type", "'extractors' must be a list");
    else for (const auto& e : x) LoadExtractor(e, lang);
  }
  if (const YAML::Node c = root["checks"]) {
    if (!c.IsSequence()) Error(c, "wrong-type", "'checks' must be a list");
    else for (const auto& e : c) LoadCheck(e);
  }
}

std::string AsciiUpper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Loader::LexiconAlternation(const std::string& name, const std::string& lang) const {
  std::vector<std::string> forms;
  bool sensitive = false;
  for (const auto& lex : out_.lexicons)
    if (lex.name == name && (lang == "any" || lex.lang == "any" || lex.lang == lang))
      sensitive = sensitive || lex.case_sensitive;
  for (const LexiconEntry* e : out_.Entries(name, lang)) {
    for (const auto& f : e->forms) {
      forms.push_back(f);
      if (sensitive) forms.push_back(AsciiUpper(f));
    }
  }
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::string alt;
  for (const auto& f : forms) {
    if (!alt.empty()) alt += '|';
    std::string q = RE2::QuoteMeta(f);
    // A space in a form matches any run of whitespace.
    std::string spaced;
    for (size_t i = 0; i < q.size(); ++i) {
      if (q[i] == '\\' && i + 1 < q.size() && q[i + 1] == ' ') {
        spaced += "\\s+";
        ++i;
      } else {
        spaced += q[i];
      }
    }
    alt += spaced;
  }
  if (alt.empty()) alt = "[^\\x00-\\x{10FFFF}]";  // an empty lexicon matches nothing
  return (sensitive ? "(?:" : "(?i:") + alt + ")";
}

std::string Loader::Expand(const std::string& pattern, const std::string& lang, int depth,
                           std::string& unknown) const {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '{' && i + 1 < pattern.size() && (std::islower(static_cast<unsigned char>(pattern[i + 1])) || pattern[i + 1] == '_')) {
      size_t close = pattern.find('}', i);
      std::string name = close == std::string::npos ? "" : pattern.substr(i + 1, close - i - 1);
      bool ident = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
        return std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '_';
      });
      if (ident) {
        auto m = out_.macros.find(name);
        if (m != out_.macros.end()) {
          if (depth > 8) {
            unknown = name + " (macros nest too deep)";
            return pattern;
          }
          out += "(?:" + Expand(m->second, lang, depth + 1, unknown) + ")";
        } else if (out_.HasLexicon(name)) {
          out += LexiconAlternation(name, lang);
        } else {
          unknown = name;
          out += "{" + name + "}";
        }
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

LoadOutcome Loader::Finish() {
  // Place hierarchy: parents must exist and must not form a cycle.
  std::map<std::string, std::string> parent;
  std::map<std::string, SourceLoc> where;
  std::set<std::string> places;
  for (const LexiconEntry* e : out_.Entries("place", "")) places.insert(e->value);
  for (const LexiconEntry* e : out_.Entries("place", "")) {
    if (e->parent.empty()) continue;
    if (!places.count(e->parent))
      Error(e->loc, "unknown-place", fmt::format("place '{}' has unknown parent '{}'", e->value, e->parent));
    parent[e->value] = e->parent;
    where[e->value] = e->loc;
  }
  for (const auto& [p, _] : parent) {
    std::string cur = p;
    for (size_t steps = 0; steps <= parent.size(); ++steps) {
      auto it = parent.find(cur);
      if (it == parent.end()) break;
      cur = it->second;
      if (cur == p) {
        Error(where[p], "place-cycle", fmt::format("place '{}' is its own ancestor", p));
        break;
      }
    }
  }
  for (const auto& lex : out_.lexicons) {
    if (lex.name != "number_word") continue;
    for (const auto& e : lex.entries) {
      if (!ParseNumber(e.value, NumberConventions{}).has_value() && e.value.find_first_not_of("0123456789.") != std::string::npos)
        Error(e.loc, "bad-value", fmt::format("number word '{}' needs a numeric 'value'", e.value));
    }
  }
  for (const auto& s : subject_lexicons_)
    if (!out_.HasLexicon(s.name))
      Error(s.loc, "unknown-macro", fmt::format("subject_from names lexicon '{}', which does not exist", s.name));
  // Every pattern expanded once ({macros} and {lexicons}; `unknown` names one that is neither).
  std::vector<std::string> lexicon_expanded(lexicon_patterns_.size()), lexicon_unknown(lexicon_patterns_.size());
  for (size_t i = 0; i < lexicon_patterns_.size(); ++i) {
    const Lexicon& lex = out_.lexicons[lexicon_patterns_[i].lexicon];
    lexicon_expanded[i] = Expand(lex.entries[lexicon_patterns_[i].entry].pattern, lex.lang, 0, lexicon_unknown[i]);
  }
  std::vector<std::string> extractor_unknown(pending_.size());
  for (size_t i = 0; i < pending_.size(); ++i) {
    ExtractorSpec& x = out_.extractors[pending_[i].index];
    if (!x.pattern.empty()) x.expanded = Expand(x.pattern, x.lang, 0, extractor_unknown[i]);
  }
  {
    std::vector<ExtractorPattern> extractors;
    std::vector<std::string> parse_only;
    for (const auto& p : pending_) {
      const ExtractorSpec& x = out_.extractors[p.index];
      if (x.pattern.empty()) continue;
      if (Deferred(x)) parse_only.push_back(x.expanded);
      else extractors.push_back({p.index, x.lang, x.expanded});
    }
    // Each attribution lexicon's patterns in one FilteredRE2 (Lexicon::filter): the engine
    // runs one on a sentence only when the sentence has its atoms ("said", "menurut", ...).
    std::map<size_t, std::vector<size_t>> attribution;  // lexicon -> positions in lexicon_patterns_
    for (size_t i = 0; i < lexicon_patterns_.size(); ++i)
      if (lexicon_unknown[i].empty() && out_.lexicons[lexicon_patterns_[i].lexicon].name == "attribution")
        attribution[lexicon_patterns_[i].lexicon].push_back(i);
    std::vector<std::vector<size_t>> groups;
    for (const auto& [lexicon, positions] : attribution) groups.push_back(positions);
    std::vector<PatternFilter> filters = Precompile(lexicon_expanded, extractors, parse_only, groups);
    size_t g = 0;
    for (const auto& [lexicon, positions] : attribution) {
      PatternFilter& pf = filters[g++];
      for (size_t& id : pf.extractors)
        if (id != PatternFilter::kElsewhere) id = lexicon_patterns_[id].entry;
      pf.lang = out_.lexicons[lexicon].lang;
      out_.lexicons[lexicon].filter = std::move(pf);
    }
  }
  for (size_t i = 0; i < lexicon_patterns_.size(); ++i) {
    const auto& p = lexicon_patterns_[i];
    Lexicon& lex = out_.lexicons[p.lexicon];
    LexiconEntry& e = lex.entries[p.entry];
    const std::string& unknown = lexicon_unknown[i];
    const std::string& expanded = lexicon_expanded[i];
    std::string saved_file = file_;
    file_ = p.file;
    if (!unknown.empty())
      Error(p.pattern, "unknown-macro", fmt::format("lexicon '{}': '{{{}}}' is neither a macro nor a lexicon", lex.name, unknown));
    else
      e.regex = Compile(expanded, p.pattern, fmt::format("lexicon '{}'", lex.name), &lex.lang);
    file_ = saved_file;
  }
  std::map<std::string, std::vector<ExtractorPattern>> deferred;  // lang -> its extractors, parsed
  for (size_t i = 0; i < pending_.size(); ++i) {
    const auto& p = pending_[i];
    ExtractorSpec& x = out_.extractors[p.index];
    if (x.pattern.empty()) continue;
    const std::string& unknown = extractor_unknown[i];
    std::string saved_file = file_;
    file_ = x.loc.file;
    if (!unknown.empty()) {
      Error(p.pattern, "unknown-macro",
            fmt::format("extractor '{}': '{{{}}}' is neither a macro nor a lexicon", x.id, unknown));
      file_ = saved_file;
      continue;
    }
    const bool defer = Deferred(x);
    RegexPtr re = Compile(x.expanded, p.pattern, fmt::format("extractor '{}'", x.id), &x.lang, defer);
    if (defer && re) deferred[x.lang].push_back({p.index, x.lang, x.expanded});
    else x.regex = re;
    if (re) {
      const auto& named = re->NamedCapturingGroups();
      for (const auto& [group, role] : x.groups)
        if (!named.count(group))
          Error(p.pattern, "missing-group",
                fmt::format("extractor '{}' maps group '{}' but the pattern has no (?P<{}>...)", x.id, group, group));
      for (const auto& [group, _] : named)
        if (!x.groups.count(group))
          Error(p.pattern, "unmapped-group",
                fmt::format("extractor '{}': group '{}' is captured but has no role in 'groups'", x.id, group));
    }
    file_ = saved_file;
  }
  if (!deferred.empty()) {
    for (const auto& [lang, _] : deferred) out_.deferred.insert(lang);
    auto patterns = std::make_shared<const std::map<std::string, std::vector<ExtractorPattern>>>(std::move(deferred));
    // A language compiled on first use is compiled alone, on every core.
    out_.compile_language = [patterns](const std::string& lang) {
      auto it = patterns->find(lang);
      return it == patterns->end() ? RulePack::CompiledLanguage{} : CompileExtractors(it->second, it->second.size());
    };
  }
  return {std::move(out_), std::move(diags_)};
}

Result<RulePack> Strict(LoadOutcome o) {
  bool errors = std::any_of(o.diagnostics.begin(), o.diagnostics.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (errors) return std::move(o.diagnostics);
  return std::move(o.pack);
}

}  // namespace

LoadOutcome LoadAllFromString(const std::string& yaml, const std::string& file, const std::string& pack,
                              LoadOptions options) {
  Loader l(options);
  l.LoadFile(Parse(file, pack, yaml));
  return l.Finish();
}

Result<RulePack> LoadRulesFromString(const std::string& yaml, const std::string& file, const std::string& pack,
                                     LoadOptions options) {
  return Strict(LoadAllFromString(yaml, file, pack, options));
}

Result<RulePack> LoadRules(const std::vector<std::string>& dirs, LoadOptions options) {
  return Strict(LoadAll(dirs, options));
}

LoadOutcome LoadAll(const std::vector<std::string>& dirs, LoadOptions options) {
  // Every file of every layer, in load order; read and parsed in parallel, then loaded in order.
  struct Item {
    size_t layer;
    fs::path path;
    std::string pack;
  };
  std::vector<Item> items;
  std::vector<Diagnostic> diags;
  auto missing = [&diags](const std::string& where, const char* why) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.code = "missing-rules";
    d.loc.file = where;
    d.message = why;
    diags.push_back(std::move(d));
  };
  for (size_t layer = 0; layer < dirs.size(); ++layer) {
    const auto& dir = dirs[layer];
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) {  // one rule file: a pack of its own
      items.push_back({layer, dir, fs::path(dir).parent_path().filename().string()});
      continue;
    }
    if (!fs::is_directory(dir, ec)) {
      missing(dir, "rules directory not found");
      continue;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    // Packs in order: common first, then the rest sorted; files sorted within a pack.
    std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
      auto pa = a.parent_path().filename().string(), pb = b.parent_path().filename().string();
      bool ca = pa == "common", cb = pb == "common";
      if (ca != cb) return ca;
      return a < b;
    });
    if (files.empty())
      missing(dir, "no rule files (*.yaml) in this directory");
    for (const auto& f : files) items.push_back({layer, f, f.parent_path().filename().string()});
  }
  // Parsed on every core, and loaded in order on this thread as each file is ready. The other
  // threads parse the largest files first: the packs' largest files are the last loaded, and
  // one of them parsed on its own at the end kept the other cores idle.
  std::vector<size_t> largest(items.size());
  std::vector<uintmax_t> bytes(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    std::error_code ec;
    largest[i] = i;
    bytes[i] = fs::file_size(items[i].path, ec);
    if (ec) bytes[i] = 0;
  }
  std::stable_sort(largest.begin(), largest.end(), [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });
  std::vector<std::optional<ParsedFile>> parsed(items.size());
  Loader l(options);
  size_t layer = 0;
  l.NextLayer();
  ParallelForInOrder(
      items.size(),
      [&](size_t i) {
        std::ifstream in(items[i].path);
        std::stringstream ss;
        ss << in.rdbuf();
        if (!in) return;  // reported in order
        parsed[i] = Parse(items[i].path.string(), items[i].pack, ss.str());
      },
      [&](size_t i) {
        for (; layer < items[i].layer; ++layer) l.NextLayer();
        if (parsed[i]) l.LoadFile(*parsed[i]);
        else missing(items[i].path.string(), "cannot read this rule file");
      },
      largest);
  LoadOutcome out = l.Finish();
  diags.insert(diags.end(), out.diagnostics.begin(), out.diagnostics.end());
  out.diagnostics = std::move(diags);
  return out;
}

}  // namespace cc::rules
