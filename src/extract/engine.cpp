#include "extract/engine.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <map>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <optional>
#include <stdexcept>
#include <set>

#include "core/calendar.h"
#include "core/hash.h"
#include "core/literal_set.h"
#include "core/text.h"
#include "extract/first_match.h"
#include "extract/stemmer.h"

namespace cc::extract {

namespace {

// A number no earlier call returned: tells an object from one that once lived at its address.
uint64_t NewGeneration() {
  static std::atomic<uint64_t> n{0};
  return ++n;
}

// RE2 objects are safe to share between threads, but every search takes a reader lock on the
// object's DFA cache, and new DFA states are added under its mutex: with many threads on one
// object that lock's cache line is what they wait on (google/re2#569). So the first
// kSharers threads to use a regex share the object, and every later thread
// shares it for its first kShareFirst uses, then compiles its own copy, which it has to
// itself. Two threads sharing beat two with copies, measured with -j 2 on 2 cores
// (alternating runs): 100 MB of generated articles into a database 14.1-16.7 s against
// 16.1-19.0 s, 10 MB 1.05-1.08 s against 1.13-1.30 s, all the real news 0.45 s against 0.49 s
// (median of 16): the copies' compiling, and warming a second DFA cache that the two cores'
// caches then hold apart, cost more than a lock two threads take turns at. The shared first
// uses let a run of a few articles extract on every core without compiling the regexes once
// per core (a copy costs 0.02-1.4 ms to compile).
template <typename T>
class PerThread {
 public:
  static constexpr size_t kSharers = 2;
  static constexpr uint32_t kShareFirst = 64;

  // `make` builds this thread's copy when kSharers other threads share the shared one.
  template <typename Make>
  const T& Get(const T& shared, const Make& make) const {
    auto me = std::this_thread::get_id();
    for (auto& sharer : sharers_) {
      auto id = sharer.load(std::memory_order_acquire);
      if (id == me) return shared;
      if (id == std::thread::id() && sharer.compare_exchange_strong(id, me)) return shared;
    }
    thread_local std::unordered_map<const void*, Mine> mine;
    Mine& m = mine[this];
    if (m.generation != generation_) m = Mine{generation_, 0, nullptr};  // another PerThread once lived here
    if (!m.copy) {
      if (++m.uses <= kShareFirst) return shared;
      m.copy = make();
    }
    return *m.copy;
  }

 private:
  struct Mine {  // this thread's uses of a PerThread it does not share, and its copy
    uint64_t generation = 0;
    uint32_t uses = 0;
    std::unique_ptr<T> copy;
  };
  mutable std::array<std::atomic<std::thread::id>, kSharers> sharers_{};
  const uint64_t generation_ = NewGeneration();
};

std::unique_ptr<RE2> Copy(const RE2& re) { return std::make_unique<RE2>(re.pattern(), re.options()); }

// Which extractors can match a sentence, from the literal strings ("atoms") their patterns
// cannot match without: the rule loader compiles the extractors inside RE2 FilteredRE2s,
// which work the atoms out (RulePack::filters); one LiteralSet (an Aho-Corasick DFA, built
// whole, shared by the threads) finds them in the lowercased sentence, and only extractors
// whose atoms are there (or that have none) run their own regex. It replaced a literal
// RE2::Set, whose per-search costs (its lazy DFA's lock and start, a set of matches
// allocated) were 4.4 K instructions a sentence on the real news against 2 K: 5.7 % of the
// run. Before that, the union of the whole patterns grew DFA states for megabytes (4 MB/s on
// the first 3 MB of news, against 60 MB/s for the atoms). A language's filters share one
// set; which extractors are candidates can differ from what one filter over all of them
// would say (FilteredRE2 prunes atoms shared by many patterns), but every candidate set
// holds every extractor that matches. A pattern with no literal of 3 bytes (a name, digits
// and "%") is in a loose filter of 1-byte atoms: on the real news of ../shared/corpus that
// cut the extractor runs from 153,840 to 60,221. Its atoms (digits, "%", a space) are in most
// sentences; in an RE2::Set they multiplied the DFA's states, and were found by a map of the
// bytes and byte pairs present, which let a few more regexes run. The Aho-Corasick automaton
// has a state per prefix of an atom, so they are in the one set, found exactly.
class Prefilter {
 public:
  // `filters`: those of the extractors that can run on the language. `always`: extractors
  // with a pattern that no filter holds (none, from the loader), candidates in every sentence.
  std::optional<Diagnostic> Build(const std::vector<const RulePack::PatternFilter*>& filters, std::vector<size_t> always,
                                  const std::string& lang) {
    chunks_.clear();
    atom_list_.clear();
    atom_uses_.clear();
    // Filters share atoms (a language's filters, the common rules'): the set holds each once.
    std::unordered_map<std::string, int> atom_ids;
    for (const auto* f : filters) {
      const auto chunk = static_cast<uint32_t>(chunks_.size());
      chunks_.push_back({f});
      for (size_t a = 0; a < f->atoms.size(); ++a) {
        auto [it, fresh] = atom_ids.try_emplace(f->atoms[a], static_cast<int>(atom_list_.size()));
        if (fresh) {
          atom_list_.push_back(f->atoms[a]);
          atom_uses_.emplace_back();
        }
        atom_uses_[static_cast<size_t>(it->second)].push_back({chunk, static_cast<int>(a)});
      }
    }
    always_ = std::move(always);
    generation_ = NewGeneration();
    atoms_ = AtomSet();
    if (!atoms_) return Error("regex-too-big", fmt::format("cannot compile the prefilter for '{}'", lang));
    return std::nullopt;
  }

  // Extractor indices that may match `sentence`, ascending.
  void Candidates(std::string_view sentence, std::vector<size_t>& out) const {
    out.assign(always_.begin(), always_.end());
    if (chunks_.empty()) return;
    thread_local std::string lowered;
    thread_local std::vector<int> atoms;
    thread_local std::vector<std::vector<int>> by_chunk;
    LowerInto(sentence, lowered);  // what FilteredRE2's atoms are matched against
    Memo& memos = ThreadMemo();
    atoms_->Match(lowered, atoms);
    by_chunk.resize(chunks_.size());
    for (auto& v : by_chunk) v.clear();
    for (int a : atoms)
      for (const AtomUse& u : atom_uses_[static_cast<size_t>(a)]) by_chunk[u.chunk].push_back(u.atom);
    // Without a matched atom a filter allows only the patterns it has no atom for: a loose
    // filter's (patterns with no literal at all), and for the others those of the loose
    // filters (PatternFilter::kElsewhere here), nothing to ask.
    // Sentences repeat the same few combinations of atoms: what a filter allowed for one is
    // kept (per thread; forgotten past a few thousand).
    for (size_t c = 0; c < chunks_.size(); ++c) {
      auto& found = by_chunk[c];
      if (found.empty() && !chunks_[c].pf->loose) continue;
      std::sort(found.begin(), found.end());
      const auto& allowed =
          memos.chunks[c].Get(found, [&](std::vector<size_t>& to) { Potentials(*chunks_[c].pf, found, to); });
      out.insert(out.end(), allowed.begin(), allowed.end());
    }
    std::sort(out.begin(), out.end());
  }

 private:
  static constexpr size_t kMemoSize = 4096;  // combinations kept per filter and thread

  // What a filter allowed, by the ids of the atoms found (sorted): an open-addressing table
  // (linear probing, a power of two in size) that keeps each key's hash, so a look-up reads
  // one slot and compares ids only when the hash matches; forgotten past kMemoSize keys. A
  // std::unordered_map of string keys spent most of the prefilter's own time on the division
  // that picks a bucket and on following its nodes.
  class AllowedMemo {
   public:
    // What `found` allowed, made by make(allowed) the first time. Valid until the next Get.
    template <typename Make>
    const std::vector<size_t>& Get(const std::vector<int>& found, const Make& make) {
      uint64_t h = 0x9E3779B97F4A7C15ULL ^ found.size();
      for (int v : found) h = (h ^ static_cast<uint32_t>(v)) * 0xFF51AFD7ED558CCDULL;
      h ^= h >> 29;
      if (!slots_.empty())
        for (size_t i = h & (slots_.size() - 1); slots_[i].used; i = (i + 1) & (slots_.size() - 1))
          if (slots_[i].hash == h && slots_[i].key == found) return slots_[i].allowed;
      if (2 * (used_ + 1) > slots_.size()) Grow();
      Slot& s = Empty(h);
      s.used = true;
      s.hash = h;
      s.key = found;
      s.allowed.clear();
      make(s.allowed);
      ++used_;
      return s.allowed;
    }

   private:
    struct Slot {
      bool used = false;
      uint64_t hash = 0;
      std::vector<int> key;
      std::vector<size_t> allowed;
    };
    Slot& Empty(uint64_t h) {
      size_t i = h & (slots_.size() - 1);
      while (slots_[i].used) i = (i + 1) & (slots_.size() - 1);
      return slots_[i];
    }
    void Grow() {
      if (used_ >= kMemoSize) {  // forget them all (the slots keep their memory)
        for (Slot& s : slots_) s.used = false;
        used_ = 0;
        return;
      }
      std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
      old.swap(slots_);
      for (Slot& s : old)
        if (s.used) Empty(s.hash) = std::move(s);
    }
    std::vector<Slot> slots_;
    size_t used_ = 0;
  };

  // This thread's memo of what each filter allowed.
  struct Memo {
    std::vector<AllowedMemo> chunks;
  };
  Memo& ThreadMemo() const {
    thread_local std::unordered_map<const void*, std::pair<uint64_t, Memo>> memos;
    // The prefilter asked last: mostly the extractors', which every sentence asks.
    thread_local const void* last = nullptr;
    thread_local uint64_t last_generation = 0;
    thread_local Memo* last_memo = nullptr;
    if (last == this && last_generation == generation_) return *last_memo;
    if (memos.size() > 16 && !memos.count(this)) memos.clear();  // prefilters of packs long gone
    auto& [gen, memo] = memos[this];
    if (gen != generation_) {  // built again, or another Prefilter once lived at this address
      memo.chunks.assign(chunks_.size(), {});
      gen = generation_;
    }
    last = this;
    last_generation = generation_;
    last_memo = &memo;
    return memo;
  }

  // Appends the extractors of `pf` that its matched atoms allow.
  static void Potentials(const RulePack::PatternFilter& pf, const std::vector<int>& matched, std::vector<size_t>& out) {
    thread_local std::vector<int> regexps;
    regexps.clear();
    pf.filter->AllPotentials(matched, &regexps);
    for (int r : regexps)
      if (size_t x = pf.extractors[static_cast<size_t>(r)]; x != RulePack::PatternFilter::kElsewhere) out.push_back(x);
  }

  static Diagnostic Error(const char* code, std::string message) {
    Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    return d;
  }

  // The atoms as one set of literals; null if there are too many for one.
  std::unique_ptr<LiteralSet> AtomSet() const {
    try {
      return std::make_unique<LiteralSet>(atom_list_);
    } catch (const std::length_error&) {
      return nullptr;
    }
  }

  struct Chunk {
    const RulePack::PatternFilter* pf;
  };
  std::vector<Chunk> chunks_;
  struct AtomUse {  // an atom of the set is this atom of this chunk's filter
    uint32_t chunk;
    int atom;
  };
  std::vector<std::vector<AtomUse>> atom_uses_;  // per atom of the set
  uint64_t generation_ = 0;  // of the last Build
  std::vector<size_t> always_;
  std::unique_ptr<LiteralSet> atoms_;
  std::vector<std::string> atom_list_;
};

enum class CharClass { kUpper, kNameChar, kSpace, kOther };

// The class of the code point at `i` and its length.
CharClass ClassAt(std::string_view s, size_t i, size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    if (c >= 'A' && c <= 'Z') return CharClass::kUpper;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '.' || c == '-') return CharClass::kNameChar;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return CharClass::kSpace;
    return CharClass::kOther;
  }
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    len = 1;
    return CharClass::kOther;
  }
  len = static_cast<size_t>(n);
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: return CharClass::kUpper;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return CharClass::kNameChar;
    default: return CharClass::kOther;
  }
}
}  // namespace

std::vector<std::string_view> CapitalizedRuns(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, len = 0;
  // The end of the word starting at the capital at `b`.
  auto word_end = [&](size_t b) {
    ClassAt(s, b, len);
    size_t e = b + len;
    while (e < s.size()) {
      CharClass k = ClassAt(s, e, len);
      if (k != CharClass::kUpper && k != CharClass::kNameChar) break;
      e += len;
    }
    return e;
  };
  while (i < s.size()) {
    if (ClassAt(s, i, len) != CharClass::kUpper) {
      i += len;
      continue;
    }
    size_t b = i, e = word_end(i);
    for (;;) {  // (?:\s+(?:bin |binti |van |de |al-)?\p{Lu}...)*
      size_t k = e;
      while (k < s.size() && ClassAt(s, k, len) == CharClass::kSpace) k += len;
      if (k == e || k >= s.size()) break;
      size_t w = k;
      for (std::string_view particle : {"bin ", "binti ", "van ", "de ", "al-"})
        if (s.substr(k, particle.size()) == particle) {
          w = k + particle.size();
          break;
        }
      if (w >= s.size() || ClassAt(s, w, len) != CharClass::kUpper) break;
      e = word_end(w);
    }
    out.push_back(s.substr(b, e - b));
    i = e;
  }
  return out;
}

// A lexicon's form as a key of Engine::Impl::Lang::forms, into `key`: the lexicon's name, a
// NUL, the form.
void FormKey(std::string_view lexicon, std::string_view form, std::string& key) {
  key.assign(lexicon).push_back('\0');
  key.append(form);
}

struct Engine::Impl {
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
    std::set<std::string, std::less<>> org_words;
    std::set<std::string, std::less<>> stopwords;
    // The lexicons whose entries name someone or something (not weekdays, units, titles...),
    // in name order: where a name that the gazetteer lacks is looked up (PackName).
    std::vector<std::string> name_lexicons;
  };
  std::map<std::string, Lang, std::less<>> langs;
  // Per extractor: its RE2 (null until its language is compiled, when the pack defers it) and
  // (role, group index) pairs. A deferred language's entries are written once, under its
  // Deferred::once, before any article in it reads them.
  mutable std::vector<RegexPtr> regexes;
  mutable std::vector<std::vector<std::pair<std::string, int>>> roles;
  std::vector<PerThread<RE2>> regex_copies;  // per extractor
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
    if (auto err = L.prefilter.Build(filters, std::move(always), L.lang)) return err;
    std::vector<const PatternFilter*> attribution;
    for (const auto& f : L.attribution_filters) attribution.push_back(&f);
    return L.attribution_prefilter.Build(attribution, L.attribution_always, L.lang);
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

Engine::~Engine() = default;

double Engine::prefilter_seconds() const { return static_cast<double>(impl_->prefilter_ns.load()) / 1e9; }

namespace {

std::string Key(std::string_view s) {
  std::string k;
  FoldKey(s, k);  // Fold(Squeeze(s))
  return k;
}

// Trailing dots, dashes and apostrophes belong to the sentence, not the name.
std::string_view TrimName(std::string_view name) {
  while (!name.empty() && (name.back() == '.' || name.back() == '-' || name.back() == '\'')) name.remove_suffix(1);
  return name;
}

std::string Alternation(std::vector<std::string> forms) {
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string alt;
  for (const auto& f : forms) {
    if (!alt.empty()) alt += '|';
    alt += RE2::QuoteMeta(f);
  }
  return alt;
}

}  // namespace

Result<std::shared_ptr<const Engine>> Engine::Build(const RulePack& pack) {
  std::shared_ptr<Engine> e(new Engine());
  e->pack_ = &pack;
  e->gaz_ = Gazetteer(pack);
  e->impl_ = std::make_unique<Impl>();
  Impl& impl = *e->impl_;
  std::set<std::string> langs = {""};
  for (const auto& x : pack.extractors)
    if (x.lang != "any") langs.insert(x.lang);
  for (const auto& lex : pack.lexicons)
    if (lex.lang != "any") langs.insert(lex.lang);
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(256 << 20);
  for (const auto& lang : langs) {
    Impl::Lang& L = impl.langs[lang];
    L.lang = lang;
    for (const auto& lex : pack.lexicons) {
      if (!(lang.empty() || lex.lang == "any" || lex.lang == lang)) continue;
      for (const auto& entry : lex.entries)
        for (const auto& f : entry.forms) {
          const std::string key = Key(f);
          std::string form_key;
          FormKey(lex.name, key, form_key);
          if (!L.forms.emplace(std::move(form_key), &entry).second) continue;  // the first entry with a form has it
          size_t& longest = L.longest_form[lex.name];
          longest = std::max(longest, key.size());
        }
    }
    const auto lang_key = lang.empty() ? std::string_view("") : std::string_view(lang);
    std::vector<std::string> hedges;
    for (const LexiconEntry* h : pack.Entries("hedge", lang_key))
      for (const auto& f : h->forms) hedges.push_back(f);
    if (!hedges.empty())
      L.hedge = std::make_unique<RE2>("(?i)\\b(?:" + Alternation(hedges) + ")\\b", opt);
    for (const auto& lex : pack.lexicons) {  // as pack.Entries("attribution", lang_key)
      if (lex.name != "attribution" || !(lang.empty() || lex.lang == "any" || lex.lang == lang)) continue;
      std::vector<size_t> position(lex.entries.size(), PatternFilter::kElsewhere);
      for (size_t i = 0; i < lex.entries.size(); ++i) {
        if (!lex.entries[i].regex) continue;
        position[i] = L.attribution.size();
        L.attribution.push_back(&lex.entries[i]);
      }
      std::vector<bool> held(lex.entries.size());
      if (lex.filter.filter) {
        PatternFilter pf = lex.filter;
        for (size_t& id : pf.extractors) {
          if (id == PatternFilter::kElsewhere) continue;
          held[id] = position[id] != PatternFilter::kElsewhere;
          id = position[id];
        }
        L.attribution_filters.push_back(std::move(pf));
      }
      for (size_t i = 0; i < lex.entries.size(); ++i)
        if (!held[i] && position[i] != PatternFilter::kElsewhere) L.attribution_always.push_back(position[i]);
    }
    L.attribution_matches = std::make_unique<std::atomic<uint32_t>[]>(L.attribution.size());
    for (const LexiconEntry* t : pack.Entries("title", lang_key))
      for (const auto& f : t->forms) L.titles.push_back(Key(f));
    std::sort(L.titles.begin(), L.titles.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (uint32_t i = 0; i < L.titles.size(); ++i)
      if (!L.titles[i].empty()) L.titles_by_first[static_cast<unsigned char>(L.titles[i][0])].push_back(i);
    for (const LexiconEntry* w : pack.Entries("org_word", lang_key))
      for (const auto& f : w->forms) L.org_words.insert(Key(f));
    for (const LexiconEntry* w : pack.Entries("stopword", lang_key))
      for (const auto& f : w->forms) L.stopwords.insert(Key(f));
    for (const auto& [name, longest] : L.longest_form)
      if (name != "weekday" && name != "month" && name != "number_word" && name != "unit" && name != "place" &&
          name != "entity" && name != "title" && name != "hedge" && name != "stopword")
        L.name_lexicons.push_back(name);
    // Number conventions: Indonesian-style unless the pack says otherwise.
    L.numbers.decimal = lang == "en" ? '.' : ',';
    L.numbers.thousands = lang == "en" ? ',' : '.';
    for (const LexiconEntry* f : pack.Entries("number_format", lang_key)) {
      if (f->forms.empty() || f->forms[0].empty()) continue;
      if (f->value == "decimal") L.numbers.decimal = f->forms[0][0];
      if (f->value == "thousands") L.numbers.thousands = f->forms[0][0];
    }
    for (const LexiconEntry* w : pack.Entries("number_scale", lang_key)) {
      NumberWord nw{std::strtod(w->value.c_str(), nullptr), NumberOp::kScale};
      for (const auto& f : w->forms) L.numbers.words[Fold(f)] = nw;
    }
    for (const LexiconEntry* w : pack.Entries("number_word", lang_key)) {
      NumberWord nw;
      nw.value = std::strtod(w->value.c_str(), nullptr);
      nw.op = w->op == "teen" ? NumberOp::kTeen : w->op == "times" ? NumberOp::kTimes
            : w->op == "scale" ? NumberOp::kScale : NumberOp::kAdd;
      for (const auto& f : w->forms) L.numbers.words[Fold(f)] = nw;
    }
  }
  std::vector<PerThread<RE2>>(pack.extractors.size()).swap(impl.regex_copies);
  impl.forward_matches = std::make_unique<std::atomic<uint32_t>[]>(pack.extractors.size());
  impl.regexes.resize(pack.extractors.size());
  impl.roles.resize(pack.extractors.size());
  for (size_t xi = 0; xi < pack.extractors.size(); ++xi) impl.SetRegex(pack.extractors[xi], xi, pack.extractors[xi].regex);
  for (const auto& lang : pack.deferred) impl.deferred[lang];
  return std::shared_ptr<const Engine>(e);
}

namespace {

// What the engine knows about the article while extracting: the people and places named.
struct Mention {
  uint32_t sentence;
  uint32_t offset;  // in the sentence
  std::string canonical;
  std::string kind;
  bool place;
  bool person;
};

struct Candidate {
  Fact fact;
  int layer = 0;  // of the extractor: a later --rules layer wins a tie on the same words
  Span weekday;  // sentence-relative span of the weekday words, if any
  Span value;    // sentence-relative value span
  bool valid = true;
};

class ArticleExtractor {
 public:
  ArticleExtractor(const Engine& e, const Engine::Impl& impl, const Article& a, std::vector<cc::extract::Match>* trace)
      : e_(e), impl_(impl), a_(a), L_(impl.For(a.lang)), trace_(trace) {}

  std::vector<Fact> Run();

 private:
  // The people and places named in the article, found on first need: many articles make no
  // fact that needs a subject resolved, and the scan costs a sixth of extraction.
  void EnsureMentions() const;
  // The capitalized runs of sentence `si` (CapitalizedRuns), found once.
  const std::vector<std::string_view>& Runs(uint32_t si) const {
    if (runs_.empty()) runs_.resize(a_.sentences.size());
    auto& r = runs_[si];
    if (!r) r = CapitalizedRuns(a_.Text(a_.sentences[si].span));
    return *r;
  }
  mutable std::vector<std::optional<std::vector<std::string_view>>> runs_;
  struct Person {
    std::string name;
    bool strong;
  };
  std::optional<Person> ResolvePerson(std::string_view name, uint32_t sentence, bool allow_unknown) const;
  std::optional<std::string> SentencePerson(uint32_t si) const;
  const std::string& SentenceSource(uint32_t si);
  std::vector<std::optional<std::string>> sources_;  // per sentence, once asked
  std::vector<size_t> attribution_candidates_;       // SentenceSource's, reused
  bool AfterWord(std::string_view lexicon, std::string_view sent, uint32_t off) const;
  bool ReportDay(std::string_view sent, Span value) const;
  std::optional<std::string> Principal() const;
  std::optional<std::string> CountryPair() const;
  std::string StripTitles(std::string_view name, bool* stripped) const;
  void MatchExtractor(size_t xi, uint32_t si, std::vector<Candidate>& out);
  bool BuildFact(const ExtractorSpec& x, size_t xi, uint32_t si, std::string_view sent,
                 const std::vector<re2::StringPiece>& groups, Candidate& c, std::string& why);
  const LexiconEntry* Lookup(std::string_view lexicon, std::string_view text) const;
  bool Rejected(const LexiconEntry* e, std::string_view sent, Span s, std::string& why) const;
  void Discard(const std::string& rule, uint32_t si, std::string_view text, std::string why,
               std::vector<std::pair<std::string, std::string>> groups = {}) {
    if (trace_) trace_->push_back({rule, si, std::string(text), std::move(groups), std::move(why)});
  }
  const LexiconEntry* LookupWithin(std::string_view lexicon, std::string_view text) const;
  std::optional<std::string> LexiconSubject(const std::string& name, uint32_t si, bool topic);
  std::optional<std::string> NearestSubject(const std::string& name, uint32_t si);
  // The canonical name of a place, person or organization: the gazetteer's, else the value of
  // the lexicon entry written this way ("Indikator" -> Indikator Politik Indonesia).
  std::optional<std::string> CanonicalName(std::string_view text) const;
  // The value of the entry of a pack lexicon (not the gazetteer, not the engine's word lists)
  // written this way.
  std::optional<std::string> PackName(std::string_view text) const;
  std::map<std::string, std::optional<std::string>> topic_;  // lexicon -> the article's topic

  const Engine& e_;
  const Engine::Impl& impl_;
  const Article& a_;
  const Engine::Impl::Lang& L_;
  std::vector<cc::extract::Match>* trace_;
  mutable bool mentions_found_ = false;
  mutable std::vector<Mention> mentions_;
  mutable std::map<std::string, int> person_count_, country_count_;
};

const LexiconEntry* ArticleExtractor::Lookup(std::string_view lexicon, std::string_view text) const {
  thread_local std::string folded, key;  // Key(text) and its FormKey, reused
  FoldKey(text, folded);
  FormKey(lexicon, folded, key);
  auto find = [&](const Engine::Impl::Lang& L) -> const LexiconEntry* {
    auto it = L.forms.find(key);
    return it == L.forms.end() ? nullptr : it->second;
  };
  if (const LexiconEntry* e = find(L_)) return e;
  // A month or weekday in another language ("Mar 16, 2019" in an Indonesian page's header).
  if (lexicon == "month" || lexicon == "weekday") return find(impl_.For(""));
  return nullptr;
}

// " words of the text " folded, with punctuation as spaces, for whole-word search.
std::string Words(std::string_view text) {
  std::string k = Key(text);
  for (auto& c : k)
    if (std::ispunct(static_cast<unsigned char>(c)) && c != '-' && c != '%') c = ' ';
  return " " + Squeeze(k) + " ";
}

// The longest form of the lexicon found as whole words inside `text` ("pukul 4 sore" -> sore);
// of those as long, the first in byte order. Each run of words up to the longest form is
// looked up, rather than each form searched for.
const LexiconEntry* ArticleExtractor::LookupWithin(std::string_view lexicon, std::string_view text) const {
  auto longest = L_.longest_form.find(lexicon);
  if (longest == L_.longest_form.end()) return nullptr;
  const std::string padded = Words(text);  // " word word ... "
  thread_local std::string key;
  const LexiconEntry* best = nullptr;
  std::string_view best_form;
  // Every stretch between two spaces (a space, then words, then a space) of a form's length.
  for (size_t a = padded.find(' '); a != std::string::npos; a = padded.find(' ', a + 1))
    for (size_t b = padded.find(' ', a + 1); b != std::string::npos && b - a - 1 <= longest->second;
         b = padded.find(' ', b + 1)) {
      const std::string_view form = std::string_view(padded).substr(a + 1, b - a - 1);
      if (form.empty() || form.size() < best_form.size()) continue;
      FormKey(lexicon, form, key);
      auto it = L_.forms.find(key);
      if (it == L_.forms.end()) continue;
      if (form.size() > best_form.size() || form < best_form) {
        best = it->second;
        best_form = std::string_view(it->first).substr(lexicon.size() + 1);
      }
    }
  return best;
}

// subject_from `nearest:NAME`: the lexicon's entry named in the sentence, else the last one
// named before it in the same paragraph or the one before ("The poll interviewed 1,200
// respondents" after "a survey by Litbang Kompas").
std::optional<std::string> ArticleExtractor::NearestSubject(const std::string& name, uint32_t si) {
  uint32_t para = a_.sentences[si].paragraph;
  for (uint32_t i = si + 1; i-- > 0;) {
    if (a_.sentences[i].paragraph + 1 < para) break;
    if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[i].span))) return e->value;
  }
  return std::nullopt;
}

std::optional<std::string> ArticleExtractor::CanonicalName(std::string_view text) const {
  if (auto g = e_.gazetteer().Find(text)) return g->canonical;
  return PackName(text);
}

std::optional<std::string> ArticleExtractor::PackName(std::string_view text) const {
  thread_local std::string folded, key;
  FoldKey(text, folded);  // Key(text), into a buffer
  for (const auto& lexicon : L_.name_lexicons) {
    FormKey(lexicon, folded, key);
    if (auto it = L_.forms.find(key); it != L_.forms.end() && !it->second->value.empty()) return it->second->value;
  }
  return std::nullopt;
}

// subject_from `lexicon:NAME`: the lexicon's entry named in the sentence; `topic:NAME`: that,
// else the one the article names most often (its first mention wins a tie).
std::optional<std::string> ArticleExtractor::LexiconSubject(const std::string& name, uint32_t si, bool topic) {
  if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[si].span))) return e->value;
  if (!topic) return std::nullopt;
  auto cached = topic_.find(name);
  if (cached == topic_.end()) {
    std::map<const LexiconEntry*, std::pair<int, int>> count;  // entry -> (-count, first sentence)
    for (uint32_t i = 0; i < a_.sentences.size(); ++i) {
      if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[i].span))) {
        auto [it, fresh] = count.emplace(e, std::make_pair(0, static_cast<int>(i)));
        --it->second.first;
      }
    }
    std::optional<std::string> best;
    std::pair<int, int> best_key{1, 0};
    for (const auto& [e, k] : count)
      if (k < best_key) best_key = k, best = e->value;
    cached = topic_.emplace(name, best).first;
  }
  return cached->second;
}

bool ArticleExtractor::Rejected(const LexiconEntry* e, std::string_view sent, Span s, std::string& why) const {
  if (!e) return false;
  std::string_view before = sent.substr(0, s.begin), after = sent.substr(s.end);
  if (before.size() > 60) before = before.substr(before.size() - 60);
  if (e->reject_before && RE2::PartialMatch(before, *e->reject_before)) {
    why = fmt::format("negative cue before '{}': '...{}'", sent.substr(s.begin, s.size()), before.substr(before.size() > 20 ? before.size() - 20 : 0));
    return true;
  }
  if (e->reject_after && RE2::PartialMatch(after, *e->reject_after)) {
    why = fmt::format("negative cue after '{}': '{}...'", sent.substr(s.begin, s.size()), after.substr(0, 20));
    return true;
  }
  return false;
}

std::string ArticleExtractor::StripTitles(std::string_view name, bool* stripped) const {
  // Cuts after the last title in the name: "Japanese Prime Minister Shigeru Ishiba" ->
  // "Shigeru Ishiba"; "Tuan Comrade Kim" -> "Kim".
  std::string cur = Squeeze(name);
  thread_local std::string folded;
  FoldKey(cur, folded);
  *stripped = false;
  size_t cut = 0;
  for (size_t w = 0; w < folded.size();) {
    size_t matched = 0;
    for (uint32_t ti : L_.titles_by_first[static_cast<unsigned char>(folded[w])]) {
      const std::string& t = L_.titles[ti];
      if (folded.size() > w + t.size() && folded.compare(w, t.size(), t) == 0 && folded[w + t.size()] == ' ') {
        matched = t.size() + 1;
        break;
      }
    }
    if (matched) {
      cut = w + matched;
      w = cut;
      continue;
    }
    size_t sp = folded.find(' ', w);
    if (sp == std::string::npos) break;
    w = sp + 1;
  }
  if (cut == 0 || cut >= cur.size()) return cur;
  *stripped = true;
  return cur.substr(cut);  // folding keeps ASCII byte offsets; titles are ASCII
}

void ArticleExtractor::EnsureMentions() const {
  if (mentions_found_) return;
  mentions_found_ = true;  // before the scan: ResolvePerson, used below, asks too
  const Gazetteer& g = e_.gazetteer();
  // Per run, for the second loop below, which strips and looks up the run untrimmed: when
  // trimming changed nothing, what this loop found (the same answer, worked out once).
  struct Seen {
    bool same = false;  // trimming changed nothing
    bool skip = false;  // and the bare name has a space or is known
    std::string bare;   // else the bare name
  };
  std::vector<Seen> seen;
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    std::string_view sent = a_.Text(a_.sentences[si].span);
    for (std::string_view m : Runs(si)) {
      auto off = static_cast<uint32_t>(m.data() - sent.data());
      std::string_view name(m.data(), m.size());
      name = TrimName(name);
      bool stripped = false;
      std::string bare = StripTitles(name, &stripped);
      auto found = g.Find(bare);
      Seen& sn = seen.emplace_back();
      sn.same = name.size() == m.size();
      sn.skip = found || bare.find(' ') != std::string::npos;
      if (sn.same && !sn.skip) sn.bare = bare;
      if (found) {
        Mention mm{si, off, found->canonical, found->kind, found->place, !found->place && found->kind == "person"};
        if (mm.person) ++person_count_[mm.canonical];
        if (mm.place && mm.kind == "country") ++country_count_[mm.canonical];
        mentions_.push_back(std::move(mm));
        continue;
      }
      // Known names inside a longer capitalized run: "Kim Jong Un Temui Putin" (a headline),
      // "Presiden Rusia Vladimir Putin". Longest known run first, left to right.
      std::vector<std::string_view> words;
      for (size_t b = 0; b < name.size();) {
        size_t e = name.find(' ', b);
        if (e == std::string_view::npos) e = name.size();
        if (e > b) words.push_back(name.substr(b, e - b));
        b = e + 1;
      }
      for (size_t i = 0; i < words.size();) {
        size_t matched = 0;
        if (!g.MayBegin(words[i])) {
          ++i;
          continue;
        }
        for (size_t j = std::min(words.size(), i + g.max_words()); j > i && !matched; --j) {
          std::string_view run(words[i].data(), static_cast<size_t>(words[j - 1].data() + words[j - 1].size() - words[i].data()));
          if (auto k = g.Find(run)) {
            Mention mm{si, off + static_cast<uint32_t>(words[i].data() - name.data()), k->canonical, k->kind, k->place,
                       !k->place && k->kind == "person"};
            if (mm.person) ++person_count_[mm.canonical];
            if (mm.place && mm.kind == "country") ++country_count_[mm.canonical];
            mentions_.push_back(std::move(mm));
            matched = j - i;
          }
        }
        i += matched ? matched : 1;
      }
    }
  }
  // Short names ("Kim", "Chairman Kim") are mentions of the person they refer to.
  std::vector<Mention> short_mentions;
  size_t run = 0;
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    std::string_view sent = a_.Text(a_.sentences[si].span);
    for (std::string_view m : Runs(si)) {
      const Seen& sn = seen[run++];
      if (sn.same && sn.skip) continue;
      std::string bare;
      if (sn.same) {
        bare = sn.bare;
      } else {
        std::string_view name(m.data(), m.size());
        bool stripped = false;
        bare = StripTitles(name, &stripped);
        if (bare.find(' ') != std::string::npos || g.Find(bare)) continue;
      }
      if (auto p = ResolvePerson(bare, si, false)) {
        ++person_count_[p->name];
        short_mentions.push_back({si, static_cast<uint32_t>(m.data() - sent.data()), p->name, "person", false, true});
      }
    }
  }
  mentions_.insert(mentions_.end(), short_mentions.begin(), short_mentions.end());
  std::stable_sort(mentions_.begin(), mentions_.end(), [](const Mention& x, const Mention& y) {
    return std::tie(x.sentence, x.offset) < std::tie(y.sentence, y.offset);
  });
}

// Who a name in the text refers to. Strong: a known person, a surname of one named earlier,
// or a title with a name ("Presiden Lula"). Weak: a role ("Deputi Menlu Korea Utara") or an
// unknown multi-word name. Places, organizations and dates are not people.
std::optional<ArticleExtractor::Person> ArticleExtractor::ResolvePerson(std::string_view name, uint32_t si,
                                                                       bool allow_unknown) const {
  EnsureMentions();
  bool stripped = false;
  std::string bare = StripTitles(name, &stripped);
  if (auto f = e_.gazetteer().Find(bare)) {
    if (!f->place && f->kind == "person") return Person{f->canonical, true};
    if (stripped && allow_unknown) return Person{Squeeze(name), false};
    return std::nullopt;
  }
  if (bare.find(' ') == std::string::npos) {
    std::string word = Fold(bare);
    // News names its protagonist in full first and by surname after: the person with this
    // word in their name who is named earliest in the article.
    for (const auto& m : mentions_) {
      if (!m.person || m.sentence > si) continue;
      std::string c = Fold(m.canonical);
      size_t sp1 = c.find(' '), sp2 = c.rfind(' ');
      if (sp1 == std::string::npos) continue;
      if (c.substr(0, sp1) == word || c.substr(sp2 + 1) == word) return Person{m.canonical, true};
    }
    if (stripped && allow_unknown && !Lookup("weekday", bare) && !Lookup("month", bare)) return Person{bare, true};
    return std::nullopt;
  }
  if (!allow_unknown) return std::nullopt;
  std::string first = Fold(bare.substr(0, bare.find(' ')));
  if (L_.org_words.count(first)) return std::nullopt;
  size_t start = 0;
  while (start < bare.size()) {
    size_t sp = bare.find(' ', start);
    std::string w = bare.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (Lookup("weekday", w) || Lookup("month", w) || e_.gazetteer().Find(w))
      return stripped ? std::optional(Person{Squeeze(name), false}) : std::nullopt;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  for (size_t i = 0; i + 1 < bare.size(); ++i)
    if (bare[i] == ' ' && e_.gazetteer().Find(bare.substr(0, i)))
      return stripped ? std::optional(Person{Squeeze(name), false}) : std::nullopt;
  return Person{bare, stripped};
}

std::optional<std::string> ArticleExtractor::SentencePerson(uint32_t si) const {
  // The first strong candidate in the sentence; failing that, the first weak one.
  EnsureMentions();
  std::optional<std::pair<uint32_t, std::string>> strong, weak;
  auto offer = [](std::optional<std::pair<uint32_t, std::string>>& slot, uint32_t off, const std::string& n) {
    if (!slot || off < slot->first) slot = std::make_pair(off, n);
  };
  std::string_view sent = a_.Text(a_.sentences[si].span);
  for (const auto& mm : mentions_)
    if (mm.sentence == si && mm.person && !AfterWord("counterpart_word", sent, mm.offset)) offer(strong, mm.offset, mm.canonical);
  for (std::string_view m : Runs(si)) {
    std::string_view name(m.data(), m.size());
    name = TrimName(name);
    auto off = static_cast<uint32_t>(m.data() - sent.data());
    bool initial = off == 0 || (off <= 1 && (sent[0] == '"' || sent[0] == '\''));
    size_t sp = name.find(' ');
    if (initial && sp == std::string_view::npos) {
      // A capitalized first word is a person only as a title + name or a known surname.
      if (auto p = ResolvePerson(name, si, false)) offer(strong, off, p->name);
      continue;
    }
    auto p = ResolvePerson(name, si, true);
    if (initial && (!p || !p->strong)) {
      // "Pertemuan Kim Jong Un": the first word of a sentence is capitalized anyway.
      if (auto rest = ResolvePerson(name.substr(sp + 1), si, true); rest && rest->strong) {
        offer(strong, off + static_cast<uint32_t>(sp + 1), rest->name);
        continue;
      }
    }
    if (p && !p->strong && AfterWord("place_word", sent, off)) continue;  // "di Aula Besar Rakyat" is a place
    if (p && AfterWord("counterpart_word", sent, off)) continue;  // "bertemu Presiden Xi": the other party
    if (p) offer(p->strong ? strong : weak, off, p->name);
  }
  if (strong) return strong->second;
  if (weak) return weak->second;
  return std::nullopt;
}

// "telah berangkat menuju Rusia ..., Selasa, untuk ...", "has left for Russia, state media said
// Tuesday": in wire copy a weekday set off by commas, or right after a verb of saying, is often
// the day the news was reported.
bool ArticleExtractor::ReportDay(std::string_view sent, Span v) const {
  std::string_view before = sent.substr(0, v.begin), after = sent.substr(v.end);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  bool commas = !before.empty() && before.back() == ',' && !after.empty() && after.front() == ',';
  return commas || AfterWord("report_verb", sent, v.begin);
}

// True when the word before `off` is in `lexicon` (place_word: "di", "in"; counterpart_word:
// "bertemu", "with").
// Titles in between are skipped: "bertemu Presiden Xi Jinping".
bool ArticleExtractor::AfterWord(std::string_view lexicon, std::string_view sent, uint32_t off) const {
  std::string_view before = Trim(sent.substr(0, off));
  for (int hops = 0; hops < 4 && !before.empty(); ++hops) {
    size_t sp = before.find_last_of(' ');
    std::string_view word = sp == std::string_view::npos ? before : before.substr(sp + 1);
    if (Lookup(lexicon, word)) return true;
    if (std::find(L_.titles.begin(), L_.titles.end(), Key(word)) == L_.titles.end()) return false;
    before = sp == std::string_view::npos ? std::string_view() : Trim(before.substr(0, sp));
  }
  return false;
}

std::optional<std::string> ArticleExtractor::Principal() const {
  EnsureMentions();
  std::optional<std::string> best;
  int n = 0;
  for (const auto& [p, c] : person_count_)
    if (c > n) best = p, n = c;
  return best;
}

std::optional<std::string> ArticleExtractor::CountryPair() const {
  EnsureMentions();
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [c, n] : country_count_) v.emplace_back(-n, c);
  std::sort(v.begin(), v.end());
  if (v.size() < 2) return std::nullopt;
  std::vector<std::string> two = {v[0].second, v[1].second};
  std::sort(two.begin(), two.end());
  return two[0] + "–" + two[1];
}

Span Union(const std::map<std::string, Span>& spans, std::initializer_list<const char*> roles) {
  Span u{UINT32_MAX, 0};
  for (const char* r : roles) {
    auto it = spans.find(r);
    if (it == spans.end()) continue;
    u.begin = std::min(u.begin, it->second.begin);
    u.end = std::max(u.end, it->second.end);
  }
  if (u.begin == UINT32_MAX) return {0, 0};
  return u;
}

bool ArticleExtractor::BuildFact(const ExtractorSpec& x, size_t xi, uint32_t si, std::string_view sent,
                                 const std::vector<re2::StringPiece>& groups, Candidate& c, std::string& why) {
  std::map<std::string, std::string_view> text;
  std::map<std::string, Span> span;
  for (const auto& [role, index] : impl_.roles[xi]) {
    const auto& g = groups[static_cast<size_t>(index)];
    if (g.data() == nullptr) continue;
    if (text.count(role) && !text[role].empty()) continue;  // first alternative that matched
    text[role] = std::string_view(g.data(), g.size());
    auto b = static_cast<uint32_t>(g.data() - sent.data());
    span[role] = {b, b + static_cast<uint32_t>(g.size())};
  }
  Fact& f = c.fact;
  f.rule = x.id;
  f.predicate = x.predicate;
  f.type = x.type;
  f.fallback = x.fallback;
  f.unit = x.unit;
  // Lexicon-backed roles, with their negative cues.
  std::map<std::string, const LexiconEntry*> entry;
  for (const char* role : {"weekday", "month", "month_end", "unit", "bound", "transport", "time", "qualifier", "as_of", "relative"}) {
    auto it = text.find(role);
    if (it == text.end()) continue;
    std::string lexname = role;
    if (lexname == "month_end") lexname = "month";
    if (lexname == "time" || lexname == "as_of") lexname = "time_of_day";
    if (lexname == "qualifier") lexname = "transport_qualifier";
    if (lexname == "relative") lexname = "relative_day";
    const LexiconEntry* e = Lookup(lexname, it->second);
    if (!e && lexname == "time_of_day") e = LookupWithin(lexname, it->second);  // "pukul 4 sore"
    if (e && Rejected(e, sent, span[role], why)) return false;
    entry[role] = e;
  }
  // The date parts.
  auto date_of = [&](const char* d, const char* m, const char* y, PartialDate& out) -> bool {
    if (text.count(d)) out.day = std::atoi(std::string(text[d]).c_str());
    if (text.count(m)) {
      if (entry.count(m) && entry[m]) out.month = std::atoi(entry[m]->value.c_str());
      else out.month = std::atoi(std::string(text[m]).c_str());
    }
    if (text.count(y)) {
      out.year = std::atoi(std::string(text[y]).c_str());
      if (out.year < 100) out.year += 2000;
    }
    return IsValid(out);
  };
  Span value;
  if (x.type == "weekday" && !entry["weekday"] && entry["relative"]) {
    // "kemarin", "yesterday": a day counted from publication; resolve turns it into a weekday
    // (or drops it when the article has no date).
    f.day_offset = std::atoi(entry["relative"]->value.c_str());
    value = span["relative"];
  } else if (x.type == "weekday") {
    if (!entry["weekday"]) return why = "weekday word not in the weekday lexicon", false;
    f.value = entry["weekday"]->value;
    f.weekday = f.value;
    c.weekday = span["weekday"];
    value = span["weekday"];
    PartialDate d;
    if (text.count("day") && date_of("day", "month", "year", d)) f.date = ToIso(d), f.anchor = "explicit";
  } else if (x.type == "date" || x.type == "date_range") {
    PartialDate d;
    if (!date_of("day", "month", "year", d)) return why = "invalid date", false;
    if (x.type == "date_range") {
      PartialDate end = d;
      end.day = 0;
      if (text.count("month_end")) end.month = 0;
      if (text.count("year_end")) end.year = 0;
      if (!date_of("day_end", text.count("month_end") ? "month_end" : "month",
                   text.count("year_end") ? "year_end" : "year", end))
        return why = "invalid end date", false;
      // "28 Desember hingga 5 Januari 2024": the year written once, at the end.
      if (!d.year && end.year) d.year = end.year - (d.month > end.month ? 1 : 0);
      f.value = ToIso(d) + "/" + ToIso(end);
      value = Union(span, {"weekday", "day", "month", "year", "day_end", "month_end", "year_end"});
    } else {
      f.value = ToIso(d);
      value = Union(span, {"weekday", "day", "month", "year"});
    }
    f.date = f.value;
    f.anchor = "explicit";
    if (entry.count("weekday") && entry["weekday"]) {
      f.weekday = entry["weekday"]->value;
      c.weekday = span["weekday"];
    }
  } else if (x.type == "year") {
    if (!text.count("year")) return why = "no year", false;
    f.value = std::string(text["year"]);
    f.date = f.value;
    f.anchor = "explicit";
    value = span["year"];
  } else if (x.type == "quantity" || x.type == "percent" || x.type == "count") {
    if (!text.count("number")) return why = "no number", false;
    auto n = ParseNumber(text["number"], L_.numbers);
    if (!n) return why = fmt::format("'{}' is not a number", text["number"]), false;
    double factor = 1;
    if (entry.count("unit") && entry["unit"]) {
      f.unit = entry["unit"]->value;
      factor = entry["unit"]->factor;
    } else if (text.count("unit")) {
      f.unit = Key(text["unit"]);
    }
    if (x.type == "percent") f.unit = "%";
    f.number = *n * factor;
    f.value = FormatNumber(*f.number);
    value = Union(span, {"number", "unit"});
  } else if (x.type == "place") {
    if (!text.count("place")) return why = "no place", false;
    auto p = e_.gazetteer().Find(text["place"]);
    f.value = p ? p->canonical : Squeeze(text["place"]);
    value = span["place"];
  } else if (x.type == "transport") {
    if (!entry["transport"]) return why = "transport word not in the transport lexicon", false;
    f.value = entry["transport"]->value;
    value = span["transport"];
  } else if (x.type == "entity") {
    auto it = text.count("value") ? text.find("value") : text.find("subject");
    if (it == text.end()) return why = "no value", false;
    f.value = CanonicalName(it->second).value_or(Squeeze(it->second));
    value = span[it->first];
  }
  if (span.count("span")) value = span["span"];
  // "Rabu (24 April)": close the parenthesis the date opened.
  if (value.end < sent.size() && sent[value.end] == ')') {
    std::string_view v = sent.substr(value.begin, value.size());
    if (std::count(v.begin(), v.end(), '(') > std::count(v.begin(), v.end(), ')')) ++value.end;
  }
  if (value.size() == 0) return why = "empty value", false;
  c.value = value;
  // Qualifiers.
  std::vector<std::string> quals;
  if (entry.count("time") && entry["time"]) quals.push_back(entry["time"]->value);
  if (text.count("qualifier"))
    quals.push_back(entry["qualifier"] ? entry["qualifier"]->value : Key(text["qualifier"]));
  f.qualifier = Join(quals, " ");
  if (text.count("as_of")) {
    auto clock = ParseClock(text["as_of"], entry["as_of"] ? std::string_view(entry["as_of"]->value) : "");
    f.as_of = clock ? *clock : entry["as_of"] ? entry["as_of"]->value : Key(text["as_of"]);
  }
  if (entry.count("bound") && entry["bound"]) {
    const std::string& b = entry["bound"]->value;
    f.bound = b == "at_least" ? Bound::kAtLeast : b == "at_most" ? Bound::kAtMost : b == "approx" ? Bound::kApprox : Bound::kExact;
  }
  // Subject.
  if (!x.subject.empty() && x.subject_from.empty()) {
    f.subject = x.subject;
  } else if (text.count("measure")) {
    f.subject = Key(text["measure"]);
    std::vector<std::string> stems;
    size_t start = 0;
    std::string m = f.subject;
    while (start < m.size()) {
      size_t sp = m.find(' ', start);
      std::string w = m.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!L_.stopwords.count(w)) stems.push_back(Stem(w, a_.lang));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    f.subject_key = Join(stems, " ");
  } else if (text.count("subject")) {
    std::string_view s = text["subject"];
    std::optional<std::string> p;
    // A name from one of the pack's own lexicons (a named event, a pollster) is taken as is;
    // else a person (with titles and coreference), else a place or organization.
    if (auto c = PackName(s)) p = c;
    else if (auto r = ResolvePerson(s, si, true)) p = r->name;
    if (!p) {
      auto g = e_.gazetteer().Find(s);
      if (g) p = g->canonical;
    }
    if (p && text.count("subject2")) {
      auto g2 = e_.gazetteer().Find(text["subject2"]);
      std::vector<std::string> two = {*p, g2 ? g2->canonical : Squeeze(text["subject2"])};
      std::sort(two.begin(), two.end());
      p = two[0] + "–" + two[1];
    }
    if (p) f.subject = *p;
  }
  if (f.subject.empty()) {
    for (const auto& how : x.subject_from) {
      std::optional<std::string> p;
      if (how == "sentence") p = SentencePerson(si);
      else if (how == "article") p = Principal();
      else if (how == "pair") p = CountryPair();
      else if (StartsWith(how, "lexicon:")) p = LexiconSubject(how.substr(8), si, false);
      else if (StartsWith(how, "topic:")) p = LexiconSubject(how.substr(6), si, true);
      else if (StartsWith(how, "nearest:")) p = NearestSubject(how.substr(8), si);
      if (p) {
        f.subject = *p;
        break;
      }
    }
    if (f.subject.empty()) f.subject = x.subject;  // with subject_from: the default
    bool needs_subject = !x.subject_from.empty() ||
                         std::any_of(x.groups.begin(), x.groups.end(), [](const auto& g) { return g.second == "subject"; });
    if (f.subject.empty() && needs_subject) return why = "no subject found (tried the pattern, then subject_from)", false;
  }
  if (f.subject_key.empty()) f.subject_key = Fold(f.subject);
  // Modality: a hedge cue before the value in the sentence; an attribution anywhere in it.
  if (L_.hedge) {
    re2::StringPiece before(sent.data(), value.end);
    if (RE2::PartialMatch(before, *L_.hedge)) f.modality = Modality::kHedged;
  }
  if (text.count("source")) {
    f.source = CanonicalName(text["source"]).value_or(Squeeze(text["source"]));
  } else {
    f.source = SentenceSource(si);
  }
  if (!f.source.empty() && f.modality == Modality::kAsserted) f.modality = Modality::kReported;
  if (f.type == "weekday" && ReportDay(sent, c.value))
    f.note = "written as wire copy writes the day of the report (set off by commas, or after 'said'), which may not be the day of the event";
  return true;
}

// Who the sentence is attributed to ("..., said Mr Kim", "menurut Kremlin"): the first
// attribution pattern that names someone. One answer per sentence, kept for its other facts.
const std::string& ArticleExtractor::SentenceSource(uint32_t si) {
  if (sources_.empty()) sources_.resize(a_.sentences.size());
  auto& slot = sources_[si];
  if (slot) return *slot;
  slot.emplace();
  std::string_view sent = a_.Text(a_.sentences[si].span);
  // Only the patterns whose atoms the sentence has, in the lexicons' order (PrefilterFor has
  // built L_'s prefilters: the article's extraction asked first).
  L_.attribution_prefilter.Candidates(sent, attribution_candidates_);
  for (size_t k : attribution_candidates_) {
    const LexiconEntry* att = L_.attribution[k];
    const RE2& re = *att->regex;
    if (re.NumberOfCapturingGroups() < 1) continue;
    int idx = 1;
    const auto& named = re.NamedCapturingGroups();
    if (auto it = named.find("source"); it != named.end()) idx = it->second;
    std::vector<re2::StringPiece> gs(static_cast<size_t>(re.NumberOfCapturingGroups() + 1));
    if (FirstMatch(re, sent, 0, gs.data(), static_cast<int>(gs.size()), L_.attribution_matches[k]) &&
        gs[static_cast<size_t>(idx)].data()) {
      std::string_view s(gs[static_cast<size_t>(idx)].data(), gs[static_cast<size_t>(idx)].size());
      while (!s.empty() && (s.back() == '.' || s.back() == ',')) s.remove_suffix(1);
      bool stripped = false;
      std::string bare = StripTitles(s, &stripped);
      if (Lookup("weekday", bare) || Lookup("month", bare)) continue;  // "said Tuesday" names a day, not a source
      auto g = CanonicalName(bare);
      if (!g) {  // "ajudan Kremlin": the last known name in the phrase
        size_t sp = bare.rfind(' ');
        if (sp != std::string::npos) g = CanonicalName(bare.substr(sp + 1));
      }
      *slot = g.value_or(bare);
      break;
    }
  }
  return *slot;
}

void ArticleExtractor::MatchExtractor(size_t xi, uint32_t si, std::vector<Candidate>& out) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  const RE2& re = impl_.Regex(xi);
  std::string_view sent = a_.Text(a_.sentences[si].span);
  std::vector<re2::StringPiece> groups(static_cast<size_t>(re.NumberOfCapturingGroups() + 1));
  size_t pos = 0;
  while (pos <= sent.size()) {
    if (!FirstMatch(re, sent, pos, groups.data(), static_cast<int>(groups.size()), impl_.forward_matches[xi])) break;
    const auto& m = groups[0];
    auto mb = static_cast<uint32_t>(m.data() - sent.data());
    pos = mb + m.size() + (m.empty() ? 1 : 0);
    std::string_view mtext(m.data(), m.size());
    bool skip = false;
    if (!x.when.empty() && std::none_of(x.when.begin(), x.when.end(), [&](const RegexPtr& w) { return RE2::PartialMatch(sent, *w); })) {
      Discard(x.id, si, mtext, "the sentence matches none of the 'when' patterns");
      continue;
    }
    for (const auto& u : x.unless) {
      if (RE2::PartialMatch(sent, *u)) {
        Discard(x.id, si, mtext, fmt::format("sentence matches 'unless' pattern {}", u->pattern()));
        skip = true;
        break;
      }
    }
    if (skip) continue;
    Candidate c;
    c.layer = x.layer;
    std::string why;
    bool made = BuildFact(x, xi, si, sent, groups, c, why);
    if (trace_) {
      std::vector<std::pair<std::string, std::string>> captured;
      for (const auto& [name, index] : re.NamedCapturingGroups()) {
        const auto& g = groups[static_cast<size_t>(index)];
        if (!g.data()) continue;
        auto role = x.groups.find(name);
        captured.emplace_back(fmt::format("{} ({})", name, role == x.groups.end() ? "?" : role->second),
                              std::string(g.data(), g.size()));
      }
      Discard(x.id, si, mtext, made ? "" : why, std::move(captured));
    }
    if (!made) continue;
    c.fact.evidence = {mb, mb + static_cast<uint32_t>(m.size())};  // sentence-relative for now
    out.push_back(std::move(c));
  }
}

std::vector<Fact> ArticleExtractor::Run() {
  std::vector<Fact> facts;
  std::vector<size_t> candidates;
  const Prefilter& prefilter = impl_.PrefilterFor(L_, e_.pack());
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    const Sentence& s = a_.sentences[si];
    std::string_view sent = a_.Text(s.span);
    prefilter.Candidates(sent, candidates);
    if (candidates.empty()) continue;
    std::vector<Candidate> cands;
    for (size_t xi : candidates) MatchExtractor(xi, si, cands);
    if (cands.empty()) continue;
    // A weekday written with a date ("Rabu (24 April)") takes that date.
    for (auto& c : cands) {
      if (c.fact.type != "weekday" || c.fact.date) continue;
      for (const auto& d : cands)
        if (d.fact.type == "date" && d.weekday.size() && d.weekday == c.weekday) {
          c.fact.date = d.fact.date;
          c.fact.anchor = "explicit";
        }
    }
    // Generic facts yield to specific ones on the same words; among generic ones the
    // longer wins; identical (predicate, span) keep the first.
    for (auto& c : cands) {
      if (!c.fact.fallback) continue;
      for (const auto& o : cands) {
        if (&o == &c || !o.valid) continue;
        bool overlaps = o.value.Overlaps(c.value);
        if (!o.fact.fallback && overlaps) {
          c.valid = false;
          Discard(c.fact.rule, si, sent.substr(c.value.begin, c.value.size()), fmt::format("yields to {}", o.fact.rule));
          break;
        }
        if (o.fact.fallback && o.value.Contains(c.value) && o.value.size() > c.value.size()) {
          c.valid = false;
          break;
        }
      }
    }
    // One fact per (predicate, words): the rule of the latest layer (a user's pack over the
    // shipped one), else the first.
    std::map<std::tuple<std::string, uint32_t, uint32_t>, size_t> keep;
    for (size_t i = 0; i < cands.size(); ++i) {
      if (!cands[i].valid) continue;
      auto [it, fresh] = keep.emplace(std::make_tuple(cands[i].fact.predicate, cands[i].value.begin, cands[i].value.end), i);
      if (!fresh && cands[i].layer > cands[it->second].layer) it->second = i;
    }
    for (size_t i = 0; i < cands.size(); ++i) {
      auto& c = cands[i];
      if (!c.valid) continue;
      size_t winner = keep[{c.fact.predicate, c.value.begin, c.value.end}];
      if (winner != i) {
        Discard(c.fact.rule, si, sent.substr(c.value.begin, c.value.size()),
                fmt::format("same words and predicate as {}'s fact, which is kept", cands[winner].fact.rule));
        continue;
      }
      Fact f = std::move(c.fact);
      c.fact.rule = f.rule;  // a later candidate on the same words names it when dropped
      Span vs{s.span.begin + c.value.begin, s.span.begin + c.value.end};
      Span ev{s.span.begin + f.evidence.begin, s.span.begin + f.evidence.end};
      f.span = a_.ToOriginal(vs);
      f.evidence = a_.ToOriginal(ev);
      f.text = std::string(a_.Raw(f.span));
      f.article = a_.id;
      f.sentence = Squeeze(sent);
      f.sentence_index = si;
      f.paragraph_index = s.paragraph;
      f.id = Hasher().Add(a_.id).Add(f.rule).Add(f.predicate).Add(f.span.begin).Add(f.span.end).Hex();
      facts.push_back(std::move(f));
    }
  }
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& x, const Fact& y) {
    return std::tie(x.span.begin, x.span.end, x.predicate) < std::tie(y.span.begin, y.span.end, y.predicate);
  });
  return facts;
}

}  // namespace

std::vector<Fact> Engine::Extract(const Article& a, std::vector<Match>* trace) const {
  return ArticleExtractor(*this, *impl_, a, trace).Run();
}

}  // namespace cc::extract
