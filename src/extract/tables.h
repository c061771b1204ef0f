// Internal to src/extract: the engine's tables, built once from the rule pack (Engine::Build)
// and read by every article's extraction: per language, the lexicon forms, number
// conventions, hedge and attribution patterns, titles and word lists, and the prefilters; per
// extractor, its regex and the roles of its groups.
#pragma once

#include <re2/re2.h>

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "core/numbers.h"
#include "core/rulepack.h"
#include "extract/engine.h"
#include "extract/per_thread.h"
#include "extract/prefilter.h"

namespace cc::extract {

// A lexicon's form as a key of Engine::Impl::Lang::forms, into `key`: the lexicon's name, a
// NUL, the form.
inline void FormKey(std::string_view lexicon, std::string_view form, std::string& key) {
  key.assign(lexicon).push_back('\0');
  key.append(form);
}

struct Engine::Impl {
  // The lexicons whose words start a breakdown (breakdown.cpp), one bit each.
  static constexpr std::pair<const char*, uint8_t> kBreakdownCues[] = {
      {"part_word", 1}, {"remainder_word", 2}, {"each_word", 4}, {"total_word", 8}, {"change_word", 16}};
  enum WordClass : uint8_t { kBarrier = 1, kSoft = 2, kRelative = 4, kAuxiliary = 8, kSource = 16, kLink = 32 };
  // Where a frame's trigger may start: the extractor and which of its triggers.
  struct TriggerRef {
    size_t xi;
    size_t trigger;
  };
  struct FrameIndex {
    std::unordered_map<std::string, std::vector<TriggerRef>> first_words;  // a trigger's first word, folded
    std::unordered_map<std::string, std::vector<TriggerRef>> stems;        // a one-word trigger's stem
    std::unordered_set<std::string> stem_starts;  // the first three letters of those triggers
  };
  struct Lang {
    // The prefilter is built on the first article in the language (most runs meet one or two
    // of the pack's languages); `once` makes that safe between worker threads.
    mutable std::once_flag once;
    mutable Prefilter prefilter;
    std::string lang;
    // FormKey(lexicon name, folded and squeezed form) -> the first entry with that form; and
    // per lexicon with forms, its longest form in bytes.
    std::unordered_map<std::string, const LexiconEntry*> forms;
    std::map<std::string, size_t, std::less<>> longest_form;
    std::map<std::string, size_t, std::less<>> longest_words;  // per lexicon: the most words in a form
    std::unordered_set<std::string> first_words;  // FormKey(lexicon, a form's first word): where LookupWithin tries
    // A form's first word (folded) -> the breakdown lexicons with a form that begins with it
    // (kBreakdownCues bits): a breakdown's words are looked up only where a sentence has one.
    std::unordered_map<std::string, uint8_t> breakdown_cues;
    NumberConventions numbers;
    std::unique_ptr<RE2> hedge;
    std::vector<const LexiconEntry*> attribution;
    // Per entry of `attribution`: how many of its matches FirstMatch found forwards.
    mutable std::unique_ptr<std::atomic<uint32_t>[]> attribution_matches;
    // The attribution lexicons' filters, their ids mapped to positions in `attribution`, and
    // the positions no filter holds (always run). The prefilter is built with `prefilter`.
    std::vector<PatternFilter> attribution_filters;
    std::vector<size_t> attribution_always;
    mutable Prefilter attribution_prefilter;
    std::vector<std::string> titles;  // folded, longest first
    std::array<std::vector<uint32_t>, 256> titles_by_first;  // first byte -> indices into titles
    std::vector<std::string> title_complements;  // folded, longest first: "keuangan", "luar negeri"
    std::vector<std::string> ratio_words;  // folded: "out of", "in", "dari" ("eight out of 10")
    std::set<std::string, std::less<>> org_words;
    std::set<std::string, std::less<>> stopwords;
    // Words a name is framed with, not its own (titles, heads, weekdays, months...), folded:
    // the generic names keep the others as the words that may be misspelled.
    std::unordered_set<std::string> name_frame_words;
    // Words that open a sentence, not a name ("Menurut", "Namun", "Sementara"), folded.
    std::unordered_set<std::string> name_openers;
    // The lexicons whose entries name someone or something (not weekdays, units, titles...),
    // in name order: where a name that the gazetteer lacks is looked up (PackName).
    std::vector<std::string> name_lexicons;
    std::set<std::string, std::less<>> negation;      // "tidak", "not": a frame's trigger after one is denied
    std::set<std::string, std::less<>> particles;     // "nya", "lah": endings that keep a trigger's meaning
    std::set<std::string, std::less<>> link_words;    // "sebesar", "of": between a measured thing and its number
    std::vector<std::string> verb_prefixes;           // "me", "ber": a word after a number that is no counted noun
    std::vector<std::string> passive_prefixes;        // "di": of the passive voice
    // Folded word -> its kWordClass bits, from the clause_break, soft_break, relative_word,
    // auxiliary and source_word lexicons (frames.cpp and claims.cpp say what each does).
    std::unordered_map<std::string, uint8_t> word_classes;
    // The first words of the forms of several words there ("ahead" of "ahead of"), and the most
    // words one has: Classes reads such forms from their first word.
    std::unordered_set<std::string> class_phrase_starts;
    size_t class_phrase_words = 1;
    FrameIndex frame_index;  // the triggers of the frames of this language (and "any")  // "sementara", "while": a slot is not looked for past one
  };
  std::map<std::string, Lang, std::less<>> langs;
  // Per extractor: its RE2 (null until its language is compiled, when the pack defers it) and
  // (role, group index) pairs. A deferred language's entries are written once, under its
  // Deferred::once, before any article in it reads them.
  mutable std::vector<RegexPtr> regexes;
  mutable std::vector<std::vector<std::pair<std::string, int>>> roles;
  std::vector<PerThread<RE2>> regex_copies;  // per extractor

  // A frame's trigger, ready to match: its words folded; for one word, its stem and the
  // beginning a word with that stem must keep (frames.cpp, TriggerAt).
  struct Trigger {
    std::vector<std::string> words;
    std::string stem, prefix;
  };
  struct Frame {
    std::vector<Trigger> triggers;
    std::set<std::string, std::less<>> negation;  // folded; the frame's, else the language's
  };
  std::vector<Frame> frames;  // per extractor (empty for a pattern)
  std::vector<size_t> generic;        // the extractors of generic claims (ExtractorSpec::generic)
  std::vector<size_t> generic_names;  // of them, those of `generic: names`
  // Per language: literal atoms of the frames' triggers, each making its frame a candidate.
  std::map<std::string, std::vector<std::pair<std::string, size_t>>, std::less<>> frame_atoms;
  // Per extractor: how many of its matches FirstMatch found forwards (all threads).
  mutable std::unique_ptr<std::atomic<uint32_t>[]> forward_matches;

  const RE2& Regex(size_t xi) const {
    return regex_copies[xi].Get(*regexes[xi], [&] { return Copy(*regexes[xi]); });
  }

  // A language of RulePack::deferred: compiled by the first article that needs it.
  struct Deferred {
    std::once_flag once;
    std::vector<RulePack::PatternFilter> filters;
  };
  mutable std::map<std::string, Deferred, std::less<>> deferred;

  void SetRegex(const ExtractorSpec& x, size_t xi, RegexPtr re) const {
    std::vector<std::pair<std::string, int>> r;
    if (re)
      for (const auto& [name, index] : re->NamedCapturingGroups()) {
        auto it = x.groups.find(name);
        if (it != x.groups.end()) r.emplace_back(it->second, index);
      }
    roles[xi] = std::move(r);
    regexes[xi] = std::move(re);
  }

  // Compiles deferred language `lang` once; throws when one of its patterns does not compile.
  void CompileDeferred(Deferred& d, const std::string& lang, const RulePack& pack) const {
    std::call_once(d.once, [&] {
      RulePack::CompiledLanguage c = pack.compile_language(lang);
      std::vector<bool> done(pack.extractors.size());
      for (auto& [xi, re] : c.regexes) {
        done[xi] = true;
        SetRegex(pack.extractors[xi], xi, std::move(re));
      }
      for (size_t xi = 0; xi < pack.extractors.size(); ++xi) {
        const ExtractorSpec& x = pack.extractors[xi];
        if (x.lang == lang && !x.pattern.empty() && !done[xi])
          throw std::runtime_error(Diagnostic{Severity::kError, "regex-too-big", x.pattern_loc,
                                              fmt::format("extractor '{}': pattern too large to compile", x.id)}
                                       .Format());
      }
      d.filters = std::move(c.filters);
    });
  }

  const Lang& For(std::string_view lang) const {
    auto it = langs.find(lang);
    return it != langs.end() ? it->second : langs.at("");
  }

  // Builds L's prefilter from the extractors of its language (and "any"); the "" language
  // has every extractor.
  std::optional<Diagnostic> BuildPrefilter(const Lang& L, const RulePack& pack) const {
    auto applies = [&](const std::string& lang) { return L.lang.empty() || lang == "any" || lang == L.lang; };
    std::vector<const RulePack::PatternFilter*> filters;
    for (const auto& f : pack.filters)
      if (applies(f.lang)) filters.push_back(&f);
    for (auto& [lang, d] : deferred) {
      if (!applies(lang)) continue;
      CompileDeferred(d, lang, pack);
      for (const auto& f : d.filters) filters.push_back(&f);
    }
    std::vector<bool> filtered(pack.extractors.size());
    for (const RulePack::PatternFilter* f : filters)
      for (size_t i : f->extractors)
        if (i != RulePack::PatternFilter::kElsewhere) filtered[i] = true;
    // Only the regexes of L's languages are read: another thread may be compiling another
    // language's into `regexes` (those of L's are done: compiled at load, or under the
    // once_flags waited on above).
    std::vector<size_t> always;
    for (size_t i = 0; i < pack.extractors.size(); ++i)
      if (applies(pack.extractors[i].lang) && regexes[i] && !filtered[i]) always.push_back(i);
    std::vector<std::pair<std::string, size_t>> direct;
    for (const auto& [lang, atoms] : frame_atoms)
      if (applies(lang)) direct.insert(direct.end(), atoms.begin(), atoms.end());
    if (auto err = L.prefilter.Build(filters, std::move(always), L.lang, direct)) return err;
    std::vector<const PatternFilter*> attribution;
    for (const auto& f : L.attribution_filters) attribution.push_back(&f);
    return L.attribution_prefilter.Build(attribution, L.attribution_always, L.lang, {});
  }

  // L's prefilter, built on first use.
  const Prefilter& PrefilterFor(const Lang& L, const RulePack& pack) const {
    std::call_once(L.once, [&] {
      auto t0 = std::chrono::steady_clock::now();
      auto err = BuildPrefilter(L, pack);
      prefilter_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
      if (err) throw std::runtime_error(err->Format());
    });
    return L.prefilter;
  }
  mutable std::atomic<int64_t> prefilter_ns{0};
};

}  // namespace cc::extract
