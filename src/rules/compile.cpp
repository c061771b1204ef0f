// Compiling rule patterns: every regex of a pack on every core, the extractors inside RE2
// FilteredRE2s (the extraction prefilter), and a bad pattern as a diagnostic at its position.
#include <fmt/format.h>
#include <re2/filtered_re2.h>

#include <algorithm>

#include "core/parallel.h"
#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

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

}  // namespace

RE2::Options RegexOptions() {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  return opt;
}

RegexPtr ParseOnly(const std::string& pattern) {
  RE2::Options parse = RegexOptions();
  parse.set_max_mem(kParseOnlyMem);
  return std::make_shared<const RE2>(pattern, parse);
}

namespace {

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

}  // namespace

RulePack::CompiledLanguage CompileExtractors(const std::vector<ExtractorPattern>& extractors, size_t pack_extractors,
                                             const std::vector<std::string>& patterns, std::vector<RegexPtr>* done,
                                             size_t parse_only_from, const std::vector<std::vector<size_t>>& groups,
                                             std::vector<PatternFilter>* group_filters) {
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

// Compiles every pattern on every core (Precompile): the extractors of the languages not
// deferred inside FilteredRE2s, each attribution lexicon's patterns in one of their own.
void Loader::PrecompileAll(const Expanded& ex) {
  const std::vector<std::string>& lexicon_expanded = ex.lexicon;
  const std::vector<std::string>& lexicon_unknown = ex.lexicon_unknown;
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

// Each lexicon pattern's regex, or the diagnostic of why it has none.
void Loader::CompileLexiconPatterns(const Expanded& ex) {
  const std::vector<std::string>& lexicon_expanded = ex.lexicon;
  const std::vector<std::string>& lexicon_unknown = ex.lexicon_unknown;
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
}

// Each extractor's regex (or, for a deferred language, the parse that checks it and the
// RulePack::compile_language that compiles it on first use), its groups checked against its
// roles.
void Loader::CompileExtractorPatterns(const Expanded& ex) {
  const std::vector<std::string>& extractor_unknown = ex.extractor_unknown;
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
}

}  // namespace cc::rules::internal
