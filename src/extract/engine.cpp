// The driver of extraction: builds the engine's tables (Engine::Build), then per article and
// sentence asks the prefilter which extractors can match, runs their regexes, turns matches
// into candidate facts (fact_builder.cpp), and keeps one fact per predicate and words.
#include "extract/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/hash.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/claim_lines.h"
#include "extract/first_match.h"
#include "extract/stemmer.h"
#include "extract/tokens.h"

namespace cc::extract {

Engine::~Engine() = default;

double Engine::prefilter_seconds() const { return static_cast<double>(impl_->prefilter_ns.load()) / 1e9; }

namespace {

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

// Each frame's triggers, folded and stemmed, and the literal atoms that make it a candidate in
// a sentence: a word with the trigger's stem keeps its beginning, so that beginning is in the
// lowered sentence.
static void BuildFrames(const RulePack& pack, Engine::Impl& impl) {
  impl.frames.resize(pack.extractors.size());
  for (size_t xi = 0; xi < pack.extractors.size(); ++xi) {
    const ExtractorSpec& x = pack.extractors[xi];
    if (!x.frame) continue;
    Engine::Impl::Frame& fr = impl.frames[xi];
    const std::string stem_lang = x.lang == "any" ? "" : x.lang;
    for (const auto& t : x.frame->triggers) {
      Engine::Impl::Trigger tr;
      for (const auto& w : Tokenize(t)) tr.words.push_back(Key(t.substr(w.span.begin, w.span.size())));
      if (tr.words.empty()) continue;
      const std::string& last = tr.words.back();
      tr.stem = Stem(last, stem_lang);
      // The beginning an inflected form keeps: the word, but a final "e" ("leave": "leaving").
      tr.prefix = last.size() > 3 && last.back() == 'e' ? last.substr(0, last.size() - 1) : last;
      fr.triggers.push_back(std::move(tr));
    }
    // The literals a sentence must hold for the frame to read it: its triggers' beginnings; for a
    // value that is a lexicon's form, that lexicon's forms, which are rarer than triggers such as
    // "dengan" or "by".
    std::vector<std::string> atoms;
    const std::string& value_kind = x.frame->value.kind;
    if (StartsWith(value_kind, "lexicon:")) {
      // A whole form: followed by a space or a stop ("KA" is not "kata").
      for (const LexiconEntry* e : pack.Entries(value_kind.substr(8), x.lang == "any" ? "" : x.lang))
        for (const auto& f : e->forms)
          for (const char* after : {" ", ",", ".", ")"}) atoms.push_back(f + after);
    } else {
      for (const auto& tr : fr.triggers) {  // every word of a phrase ("melakukan pertemuan"), the last by its beginning
        std::string atom;
        for (size_t w = 0; w + 1 < tr.words.size(); ++w) atom += tr.words[w] + " ";
        atoms.push_back(atom + tr.prefix);
      }
    }
    // At the start of a word: the prefilter matches atoms in " " + the lowered sentence, and a
    // word may follow a space, an opening quote or a parenthesis.
    for (const auto& a : atoms) {
      std::string lowered;
      LowerInto(a, lowered);
      for (const char* before : {" ", "\"", "("}) impl.frame_atoms[x.lang].emplace_back(before + lowered, xi);
    }
    for (auto& [lang, L] : impl.langs) {
      if (!(lang.empty() || x.lang == "any" || x.lang == lang)) continue;
      for (size_t ti = 0; ti < fr.triggers.size(); ++ti) {
        const auto& tr = fr.triggers[ti];
        L.frame_index.first_words[tr.words.front()].push_back({xi, ti});
        if (tr.words.size() == 1) {
          L.frame_index.stems[tr.stem].push_back({xi, ti});
          L.frame_index.stem_starts.insert(tr.words.front().substr(0, 3));
        }
      }
    }
    const auto& neg = x.frame->negation;
    if (!neg.empty()) fr.negation.insert(neg.begin(), neg.end());
    else if (auto it = impl.langs.find(x.lang == "any" ? "" : x.lang); it != impl.langs.end())
      fr.negation = it->second.negation;
  }
}

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
          std::string first_key;
          FormKey(lex.name, std::string_view(key).substr(0, key.find(' ')), first_key);
          L.first_words.insert(std::move(first_key));
          for (auto [name, bit] : Impl::kBreakdownCues)
            if (lex.name == name) L.breakdown_cues[key.substr(0, key.find(' '))] |= bit;
          size_t& most = L.longest_words[lex.name];
          most = std::max(most, static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
        }
    }
    const auto lang_key = lang.empty() ? std::string_view("") : std::string_view(lang);
    // Hedges as written, and capitalized at a sentence's start, except where that spelling is
    // a month or a weekday ("May 7" is no "may").
    std::set<std::string> calendar_words;
    for (const char* lexicon : {"month", "weekday"})
      for (const LexiconEntry* c : pack.Entries(lexicon, lang_key)) calendar_words.insert(c->forms.begin(), c->forms.end());
    std::vector<std::string> hedges;
    for (const LexiconEntry* h : pack.Entries("hedge", lang_key))
      for (const auto& f : h->forms) {
        hedges.push_back(f);
        std::string cap = f;
        if (!cap.empty() && cap[0] >= 'a' && cap[0] <= 'z') cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
        if (cap != f && !calendar_words.count(cap)) hedges.push_back(cap);
      }
    if (!hedges.empty())
      L.hedge = std::make_unique<RE2>("\\b(?:" + Alternation(hedges) + ")\\b", opt);
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
    for (const LexiconEntry* t : pack.Entries("title_complement", lang_key))
      for (const auto& f : t->forms) L.title_complements.push_back(Key(f));
    std::sort(L.title_complements.begin(), L.title_complements.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const LexiconEntry* t : pack.Entries("ratio_word", lang_key))
      for (const auto& f : t->forms) L.ratio_words.push_back(Key(f));
    for (const LexiconEntry* w : pack.Entries("org_word", lang_key))
      for (const auto& f : w->forms) L.org_words.insert(Key(f));
    for (const LexiconEntry* w : pack.Entries("stopword", lang_key))
      for (const auto& f : w->forms) L.stopwords.insert(Key(f));
    // Of every language of the pack: an English article names "Kabupaten Belasa", an Indonesian
    // one "Prime Minister ...".
    static const std::set<std::string> kFrames = {"title", "place_head", "org_word", "admin_head", "weekday", "month", "compass",
                                                  "title_complement", "currency", "abbreviation", "party_word", "group_word"};
    for (const auto& lex : pack.lexicons) {
      if (!kFrames.count(lex.name) && !(lex.name == "stopword" && (lang.empty() || lex.lang == "any" || lex.lang == lang))) continue;
      for (const auto& w : lex.entries)
        for (const auto& f : w.forms)  // each word of "Prime Minister", "Juru Bicara" too
          for (size_t b = 0, end; b < f.size(); b = end + 1) {
            end = std::min(f.find(' ', b), f.size());
            if (end > b) L.name_frame_words.insert(Key(f.substr(b, end - b)));
          }
    }
    for (const char* lexicon : {"stopword", "source_word", "attribution", "hedge", "report_verb", "auxiliary", "link_word",
                                "particle", "negation", "relative_day", "relative_word", "clause_break", "soft_break",
                                "continuation", "weekday", "month", "personal_pronoun", "part_word", "bound", "perfect_marker",
                                "list_continuation"})
      for (const LexiconEntry* w : pack.Entries(lexicon, lang_key))
        for (const auto& f : w->forms)
          if (f.find(' ') == std::string::npos) L.name_openers.insert(Key(f));
    for (const LexiconEntry* w : pack.Entries("negation", lang_key))
      for (const auto& f : w->forms) L.negation.insert(Key(f));
    for (auto [lexicon, bit] : {std::pair{"clause_break", Impl::kBarrier}, std::pair{"soft_break", Impl::kSoft},
                                std::pair{"relative_word", Impl::kRelative}, std::pair{"auxiliary", Impl::kAuxiliary},
                                std::pair{"source_word", Impl::kSource}, std::pair{"link_word", Impl::kLink}})
      for (const LexiconEntry* w : pack.Entries(lexicon, lang_key))
        for (const auto& f : w->forms) {
          const std::string k = Key(f);
          L.word_classes[k] |= bit;
          if (size_t sp = k.find(' '); sp != std::string::npos) {
            L.class_phrase_starts.insert(k.substr(0, sp));
            L.class_phrase_words = std::max<size_t>(L.class_phrase_words, std::count(k.begin(), k.end(), ' ') + 1);
          }
        }
    for (const LexiconEntry* w : pack.Entries("verb_prefix", lang_key))
      for (const auto& f : w->forms) L.verb_prefixes.push_back(Key(f));
    for (const LexiconEntry* w : pack.Entries("passive_prefix", lang_key))
      for (const auto& f : w->forms) L.passive_prefixes.push_back(Key(f));
    for (const LexiconEntry* w : pack.Entries("link_word", lang_key))
      for (const auto& f : w->forms) L.link_words.insert(Key(f));
    for (const LexiconEntry* w : pack.Entries("particle", lang_key))
      for (const auto& f : w->forms) L.particles.insert(Key(f));
    // A lexicon names someone or something when a form of it is written with a capital ("LSI",
    // "Kremlin"); word lists ("antara", "dengan") never are, and "Antara" the news agency is no
    // party word.
    auto names_things = [&](const std::string& name) {
      for (const LexiconEntry* entry : pack.Entries(name, lang_key))
        for (const auto& f : entry->forms)
          if (std::any_of(f.begin(), f.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return true;
      return false;
    };
    for (const auto& [name, longest] : L.longest_form)
      if (name != "weekday" && name != "month" && name != "number_word" && name != "unit" && name != "place" &&
          name != "entity" && name != "title" && name != "hedge" && name != "stopword" && names_things(name))
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
    for (const LexiconEntry* w : pack.Entries("number_suffix", lang_key))
      for (const auto& f : w->forms) L.numbers.suffixes[Fold(f)] = std::strtod(w->value.c_str(), nullptr);
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
  BuildFrames(pack, impl);
  // Generic claims read a sentence with a digit or a number word in it; generic names, one with
  // two capitalized words in a row (Run).
  for (size_t xi = 0; xi < pack.extractors.size(); ++xi) {
    const ExtractorSpec& x = pack.extractors[xi];
    if (x.generic.empty()) continue;
    impl.generic.push_back(xi);
    if (x.generic == "names") {  // read where HasNameRun says, not by the atoms
      impl.generic_names.push_back(xi);
      continue;
    }
    for (char d = '0'; d <= '9'; ++d) impl.frame_atoms[x.lang].emplace_back(std::string(1, d), xi);
    for (const LexiconEntry* w : pack.Entries("number_word", x.lang == "any" ? "" : x.lang))
      for (const auto& f : w->forms)
        if (f.size() >= 3) {
          std::string lowered;
          LowerInto(f, lowered);
          impl.frame_atoms[x.lang].emplace_back(" " + lowered, xi);
        }
  }
  return std::shared_ptr<const Engine>(e);
}

// A day two frames of different predicates fill ("is due to arrive on Wednesday to revive peace
// talks") belongs to one verb: the nearest before it ("left on Tuesday to meet Putin": the
// departure's), else the nearest after it ("Pada Selasa, Kim berangkat ... untuk bertemu").
void ArticleExtractor::OneVerbPerDay(uint32_t si, std::vector<Candidate>& cands, size_t first_frame) {
  auto is_day = [](const Candidate& c) {
    return c.valid && c.roles.trigger.size() > 0 && (c.fact.type == FactType::kWeekday || c.fact.type == FactType::kDate);
  };
  for (size_t i = first_frame; i < cands.size(); ++i) {
    if (!is_day(cands[i])) continue;
    size_t best = i;
    auto rank = [&](const Candidate& c) {  // before the day first, then by distance
      const bool before = c.roles.trigger.end <= c.value.begin;
      const uint32_t dist = before ? c.value.begin - c.roles.trigger.end : c.roles.trigger.begin - c.value.end;
      return std::make_pair(before ? 0 : 1, dist);
    };
    std::vector<size_t> rivals;
    for (size_t j = first_frame; j < cands.size(); ++j) {
      if (j == i || !is_day(cands[j]) || cands[j].value != cands[i].value || cands[j].fact.predicate == cands[i].fact.predicate) continue;
      rivals.push_back(j);
      if (rank(cands[j]) < rank(cands[best])) best = j;
    }
    if (rivals.empty()) continue;
    rivals.push_back(i);
    std::string_view sent = a_.Text(a_.sentences[si].span);
    for (size_t j : rivals) {
      if (j == best) continue;
      cands[j].valid = false;
      Discard(cands[j].fact.rule, si, sent.substr(cands[j].value.begin, cands[j].value.size()),
              fmt::format("the day is {}'s: its verb '{}' is nearer", cands[best].fact.predicate,
                          sent.substr(cands[best].roles.trigger.begin, cands[best].roles.trigger.size())));
    }
  }
}

// Why When said no, for `rules explain`.
static const char* WhenMissed(const ExtractorSpec& x) {
  return x.when_in_article ? "neither the sentence nor the article matches a 'when' pattern"
                           : "the sentence matches none of the 'when' patterns";
}

bool ArticleExtractor::When(const ExtractorSpec& x, uint32_t si) {
  auto any = [&](std::string_view text) {
    return std::any_of(x.when.begin(), x.when.end(), [&](const RegexPtr& w) { return RE2::PartialMatch(text, *w); });
  };
  if (x.when.empty()) return true;
  std::string_view sent = a_.Text(a_.sentences[si].span);
  // Extractors share their `when` patterns (one regex each, rules/extractors.cpp): each is asked
  // once a sentence.
  if (when_sentence_ != si) when_sentence_ = si, when_seen_.clear();
  auto in_sentence = [&](const RegexPtr& w) {
    for (const auto& [re, hit] : when_seen_)
      if (re == w.get()) return hit;
    const bool hit = RE2::PartialMatch(sent, *w);
    when_seen_.emplace_back(w.get(), hit);
    return hit;
  };
  if (std::any_of(x.when.begin(), x.when.end(), in_sentence)) return true;
  // A list that runs into the next sentence ("... Prabowo 85 persen. Disusul Teddy Indra Wijaya
  // dengan 83 persen, ..."): a continuation word opens it, and the sentence before made a fact of
  // this extractor on its own.
  if (si > 0 && OpensWithContinuation(si))
    for (auto it = made_in_.rbegin(); it != made_in_.rend() && it->si + 1 >= si; ++it)
      if (it->si + 1 == si && it->rule == x.id && !it->continued) {
        continued_.emplace_back(si, x.id);
        return true;
      }
  if (!x.when_in_article) return false;
  if (!x.when_article_sentence.empty() && std::none_of(x.when_article_sentence.begin(), x.when_article_sentence.end(), in_sentence))
    return false;
  auto [it, fresh] = when_article_.try_emplace(&x, false);
  if (fresh) it->second = any(a_.title) || any(a_.text);
  return it->second;
}

bool ArticleExtractor::OpensWithContinuation(uint32_t si) {
  const Tokens& t = SentenceTokens(si);
  size_t k = 0;
  while (k < t.size() && !t.IsWord(k)) ++k;
  for (size_t n = 3; n >= 1; --n)
    if (k + n <= t.size() && Lookup("list_continuation", t.sentence().substr(t[k].span.begin, t[k + n - 1].span.end - t[k].span.begin)))
      return true;
  return false;
}

bool ArticleExtractor::Applies(const ExtractorSpec& x, uint32_t si) {
  std::string_view sent = a_.Text(a_.sentences[si].span);
  if (!When(x, si)) {
    Discard(x.id, si, sent, WhenMissed(x));
    return false;
  }
  for (const auto& u : x.unless)
    if (RE2::PartialMatch(sent, *u)) {
      Discard(x.id, si, sent, fmt::format("sentence matches 'unless' pattern {}", u->pattern()));
      return false;
    }
  return true;
}

void ArticleExtractor::MatchExtractor(size_t xi, uint32_t si, std::vector<Candidate>& out) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  const RE2& re = impl_.Regex(xi);
  std::string_view sent = a_.Text(a_.sentences[si].span);
  // A sentence that passes no 'when' pattern makes nothing: asked once, before the pattern runs,
  // except when explaining, which says so for each match.
  const bool when_ok = When(x, si);
  if (!when_ok && !trace_) return;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(re.NumberOfCapturingGroups() + 1));
  size_t pos = 0;
  while (pos <= sent.size()) {
    if (!FirstMatch(re, sent, pos, groups.data(), static_cast<int>(groups.size()), impl_.forward_matches[xi])) break;
    const auto& m = groups[0];
    auto mb = static_cast<uint32_t>(m.data() - sent.data());
    pos = mb + m.size() + (m.empty() ? 1 : 0);
    std::string_view mtext(m.data(), m.size());
    bool skip = false;
    if (!when_ok) {
      Discard(x.id, si, mtext, WhenMissed(x));
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

namespace {

// A fact's sentence as the fact shows it: the whole sentence, squeezed (made once, in
// `squeezed`), or for a long one (a page with no full stop) the words around the fact's
// evidence, "…" marking what is left out: a fact's memory stays bounded.
std::string ShownSentence(std::string_view sent, Span evidence, std::string& squeezed) {
  constexpr size_t kWhole = 2048, kAround = 512;
  if (sent.size() <= kWhole) {
    if (squeezed.empty()) squeezed = Squeeze(sent);
    return squeezed;
  }
  size_t b = evidence.begin > kAround ? evidence.begin - kAround : 0;
  size_t e = std::min(sent.size(), static_cast<size_t>(evidence.end) + kAround);
  // Start and end at a space (whole words and code points), never inside the evidence.
  while (b > 0 && b < evidence.begin && sent[b - 1] != ' ') ++b;
  while (e < sent.size() && e > evidence.end && sent[e] != ' ') --e;
  return (b ? "… " : "") + Squeeze(sent.substr(b, e - b)) + (e < sent.size() ? " …" : "");
}

}  // namespace

// Two words in a row that begin with a capital ("Agus Andrianto", "Jalan Taruna"): a byte scan,
// so that a sentence without one costs no tokens for the generic names.
static bool HasNameRun(std::string_view s) {
  // A capital, or any letter outside ASCII ("Ömer"): a prefilter may let in more, never less.
  auto upper = [](char c) { return (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0xC3; };
  bool prev_word_upper = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < s.size() && s[e] != ' ') ++e;
    // Past the punctuation that opens it ("“Agus", "(Kemenkes").
    size_t w = i;
    while (w < e && !std::isalnum(static_cast<unsigned char>(s[w])) && static_cast<unsigned char>(s[w]) < 0xC3) ++w;
    const bool up = w < e && upper(s[w]) && e - w >= 2;
    if (up && prev_word_upper) return true;
    prev_word_upper = up;
    i = e;
  }
  return false;
}

std::vector<Fact> ArticleExtractor::Run() {
  std::vector<Fact> facts;
  std::vector<size_t> candidates;
  const Prefilter& prefilter = impl_.PrefilterFor(L_, e_.pack());
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    const Sentence& s = a_.sentences[si];
    std::string_view sent = a_.Text(s.span);
    prefilter.Candidates(sent, candidates);
    // The generic names read every sentence with two capitalized words in a row.
    if (!impl_.generic_names.empty() && HasNameRun(sent))
      for (size_t xi : impl_.generic_names) candidates.insert(std::lower_bound(candidates.begin(), candidates.end(), xi), xi);
    if (candidates.empty()) continue;
    // A line that is no claim of the article (an inline headline, a caption) still gives the
    // date layer its dates and the article its published date; nothing else.
    const Span para = a_.paragraphs[s.paragraph];
    std::string not_claim = NotAClaim(sent, Trim(a_.Text(para)) == Trim(sent));
    if (!not_claim.empty()) {
      Discard("", si, sent, "not a claim: " + not_claim);
      candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                      [&](size_t xi) {
                                        const ExtractorSpec& x = e_.pack().extractors[xi];
                                        return !x.fallback && x.predicate != "published_date";
                                      }),
                       candidates.end());
    }
    std::vector<Candidate> cands;
    for (size_t xi : candidates)
      if (!impl_.frames[xi].triggers.empty() || !e_.pack().extractors[xi].generic.empty()) continue;
      else MatchExtractor(xi, si, cands);
    // A weekday written with a date ("Rabu (24 April)") takes that date.
    for (auto& c : cands) {
      if (c.fact.type != FactType::kWeekday || c.fact.date) continue;
      for (const auto& d : cands)
        if (d.fact.type == FactType::kDate && d.weekday.size() && d.weekday == c.weekday) {
          c.fact.date = d.fact.date;
          c.fact.anchor = "explicit";
        }
    }
    // Frames, after the patterns: the date layer's days fill their day slots.
    const size_t dated = cands.size();
    for (size_t xi : candidates)
      if (!impl_.frames[xi].triggers.empty() && Applies(e_.pack().extractors[xi], si)) MatchFrame(xi, si, cands, dated);
    OneVerbPerDay(si, cands, dated);
    // Generic claims: the quantities no predicate claims (they yield, as the date layer does).
    bool generic = false;
    for (size_t xi : impl_.generic) {
      const ExtractorSpec& x = e_.pack().extractors[xi];
      if ((x.lang != "any" && x.lang != a_.lang) || !not_claim.empty()) continue;
      generic = true;
      if (!std::binary_search(candidates.begin(), candidates.end(), xi) || !Applies(x, si)) continue;
      if (x.generic == "names") GenericNames(xi, si, cands);
      else if (x.generic == "breakdowns") GenericBreakdowns(xi, si, cands, dated);
      else GenericClaims(xi, si, cands, dated);
    }
    if (cands.empty()) continue;
    // Generic facts yield to specific ones on the same words; among generic ones the
    // longer wins; identical (predicate, span) keep the first.
    for (auto& c : cands) {
      if (!c.fact.fallback) continue;
      for (const auto& o : cands) {
        if (&o == &c || !o.valid) continue;
        bool overlaps = o.value.Overlaps(c.value);
        if (!o.fact.fallback && !o.name && overlaps) {
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
    // The same value of one predicate read twice from overlapping words (a pattern's "23,000"
    // and a frame's "23,000 people") is one fact: the first made.
    for (size_t i = 0; i < cands.size(); ++i) {
      auto& c = cands[i];
      if (!c.valid || keep[{c.fact.predicate, c.value.begin, c.value.end}] != i) continue;
      for (size_t j = 0; j < i; ++j) {
        const auto& o = cands[j];
        if (!o.valid || o.fact.predicate != c.fact.predicate || o.fact.value != c.fact.value || !o.value.Overlaps(c.value) ||
            keep[{o.fact.predicate, o.value.begin, o.value.end}] != j)
          continue;
        c.valid = false;
        Discard(c.fact.rule, si, sent.substr(c.value.begin, c.value.size()),
                fmt::format("the same {} as {}'s fact, which is kept", c.fact.predicate, o.fact.rule));
        break;
      }
    }
    std::string squeezed;  // the sentence as facts show it, made once
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
      const Span evidence = f.evidence;  // in the sentence
      Span vs{s.span.begin + c.value.begin, s.span.begin + c.value.end};
      Span ev{s.span.begin + f.evidence.begin, s.span.begin + f.evidence.end};
      f.span = a_.ToOriginal(vs);
      f.evidence = a_.ToOriginal(ev);
      f.text = std::string(a_.Raw(f.span));
      f.article = a_.id;
      f.sentence = ShownSentence(sent, evidence, squeezed);
      f.sentence_index = si;
      f.paragraph_index = s.paragraph;
      // A day of the date layer, with generic claims on: the words around it, for `align`.
      if (generic && f.fallback && f.context.empty() && (f.type == FactType::kDate || f.type == FactType::kWeekday))
        f.context = StatementDay(si, c.value, f) ? StatementContext(si, c.value) : ContextOf(si, c.value);
      f.id = Hasher().Add(a_.id).Add(f.rule).Add(f.predicate).Add(f.span.begin).Add(f.span.end).Hex();
      // A list run on from the sentence before keeps that sentence's source ("Disusul ... 83 persen").
      const bool continued = std::find(continued_.begin(), continued_.end(), std::make_pair(si, f.rule)) != continued_.end();
      if (continued && f.source.empty())
        for (auto it = made_in_.rbegin(); it != made_in_.rend() && it->si + 1 >= si; ++it)
          if (it->si + 1 == si && it->rule == f.rule && !it->source.empty()) {
            f.source = it->source;
            if (f.modality == Modality::kAsserted) f.modality = Modality::kReported;
            break;
          }
      made_in_.push_back({si, f.rule, f.source, continued});
      facts.push_back(std::move(f));
    }
  }
  // A breakdown's members, made apart from the candidates (one may be in the sentence before).
  for (Fact& f : breakdown_facts_) {
    const Span sentence = a_.sentences[f.sentence_index].span;
    std::string squeezed;
    f.sentence = ShownSentence(a_.Text(sentence), f.evidence, squeezed);
    f.evidence = a_.ToOriginal(Span{sentence.begin + f.evidence.begin, sentence.begin + f.evidence.end});
    facts.push_back(std::move(f));
  }
  breakdown_facts_.clear();
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& x, const Fact& y) {
    return std::tie(x.span.begin, x.span.end, x.predicate) < std::tie(y.span.begin, y.span.end, y.predicate);
  });
  return facts;
}

std::vector<Fact> Engine::Extract(const Article& a, std::vector<Match>* trace) const {
  return ArticleExtractor(*this, *impl_, a, trace).Run();
}

}  // namespace cc::extract
