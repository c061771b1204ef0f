// Where a frame makes a fact: a trigger word ("berangkat", "met", "tewas"), then each slot
// filled by the nearest mention of its kind around it in the clause: a day from the date layer
// ("Selasa (4/7)", "kemarin"), a clock time, a place, a number with its unit, a person, a
// lexicon's form. The fills' words become the fact's roles, and fact_builder.cpp makes the
// fact from them as from a regex's groups.
#include <fmt/format.h>

#include <algorithm>

#include "core/calendar.h"
#include "core/numbers.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/tokens.h"

namespace cc::extract {

// One way a sentence fills a slot: tokens [first, last], and the roles its words give the fact.
struct Fill {
  size_t first = 0, last = 0;
  Roles roles;
  std::string what;  // for `rules explain`: the words and what they are
};

struct ArticleExtractor::FrameSentence {
  uint32_t si = UINT32_MAX;
  std::unique_ptr<Tokens> tokens;
  std::vector<bool> barrier;  // per token: a slot is not looked for past it (";", "sementara")
  std::map<std::string, std::vector<Fill>> fills;  // by slot kind (and, for lexicons, role)
};

ArticleExtractor::ArticleExtractor(const Engine& e, const Engine::Impl& impl, const Article& a,
                                   std::vector<cc::extract::Match>* trace)
    : e_(e), impl_(impl), a_(a), L_(impl.For(a.lang)), trace_(trace) {}

ArticleExtractor::~ArticleExtractor() = default;

void ArticleExtractor::ResetFrameSentence(uint32_t si) {
  if (!frame_sentence_) frame_sentence_ = std::make_unique<FrameSentence>();
  if (frame_sentence_->si == si) return;
  FrameSentence& fs = *frame_sentence_;
  fs.si = si;
  fs.tokens = std::make_unique<Tokens>(a_.Text(a_.sentences[si].span), a_.lang);
  fs.fills.clear();
  const Tokens& t = *fs.tokens;
  fs.barrier.assign(t.size(), false);
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view w = t.Text(i);
    fs.barrier[i] = w == ";" || (t.IsWord(i) && L_.clause_break.count(t.Folded(i)));
  }
}

const Tokens& ArticleExtractor::SentenceTokens(uint32_t si) {
  ResetFrameSentence(si);
  return *frame_sentence_->tokens;
}

namespace {

// The words of tokens [first, last] as bytes of the sentence.
Span SpanOf(const Tokens& t, size_t first, size_t last) { return {t[first].span.begin, t[last].span.end}; }

// The lexicon form that starts at token i, up to `max_words` words: its last token, or npos.
template <typename LookupFn>
size_t FormAt(const Tokens& t, size_t i, size_t max_words, const LookupFn& lookup) {
  if (!t.IsWord(i) && t.Text(i) != "%") return std::string::npos;
  for (size_t n = std::min(max_words, t.size() - i); n >= 1; --n) {
    std::string_view words = t.sentence().substr(t[i].span.begin, t[i + n - 1].span.end - t[i].span.begin);
    if (lookup(words)) return i + n - 1;
  }
  return std::string::npos;
}

}  // namespace

const std::vector<Fill>& ArticleExtractor::Fills(const std::string& kind, const ExtractorSpec& x, uint32_t si,
                                                 const std::vector<Candidate>& cands, size_t dated) {
  ResetFrameSentence(si);
  FrameSentence& fs = *frame_sentence_;
  // A lexicon's form fills the role the extractor's type reads it as.
  const std::string role = x.type == "transport" ? "transport" : "value";
  const std::string key = StartsWith(kind, "lexicon:") ? kind + "\x1f" + role : kind;
  auto cached = fs.fills.find(key);
  if (cached != fs.fills.end()) return cached->second;
  std::vector<Fill>& out = fs.fills[key];
  const Tokens& t = *fs.tokens;
  std::string_view sent = t.sentence();
  auto words_in = [&](const std::string& lexicon) {
    auto it = L_.longest_words.find(lexicon);
    return it == L_.longest_words.end() ? size_t{0} : it->second;
  };
  auto add = [&](size_t first, size_t last, Roles roles, std::string what) {
    out.push_back({first, last, std::move(roles), std::move(what)});
  };

  if (kind == "day" || kind == "date" || kind == "date_range") {
    // The date layer's days (the longest of those on the same words), then "kemarin", "yesterday".
    std::vector<Span> taken;
    for (size_t k = 0; k < dated; ++k) {
      const Candidate& c = cands[k];
      if (!c.fact.fallback || !c.valid) continue;
      const std::string& type = c.fact.type;
      bool fits = kind == "date_range" ? type == "date_range"
                : kind == "date"       ? type == "date" && c.roles.spans.count("day")
                                       : (type == "weekday" || type == "date") &&
                                             (c.roles.spans.count("weekday") || c.roles.spans.count("day"));
      if (!fits) continue;
      bool inside = false;
      for (size_t o = 0; o < dated && !inside; ++o)
        inside = o != k && cands[o].fact.fallback && cands[o].value.Contains(c.value) && cands[o].value.size() > c.value.size();
      if (inside) continue;
      size_t first = 0, last = 0;
      if (!t.Within(c.value, first, last)) continue;
      Roles roles = c.roles;
      // A part of day next to it: "Minggu sore", "dini hari Rabu", "Monday evening".
      const size_t words = words_in("time_of_day");
      auto tod = [&](std::string_view w) { return Lookup("time_of_day", w) != nullptr; };
      if (!roles.spans.count("time")) {
        if (last + 1 < t.size()) {
          if (size_t e = FormAt(t, last + 1, words, tod); e != std::string::npos) {
            roles.Set("time", SpanOf(t, last + 1, e));
            last = e;
          }
        }
        for (size_t n = 1; n <= words && first >= n && !roles.spans.count("time"); ++n) {
          size_t b = first - n;
          if (FormAt(t, b, n, tod) == first - 1) {
            roles.Set("time", SpanOf(t, b, first - 1));
            first = b;
          }
        }
      }
      add(first, last, std::move(roles), fmt::format("day '{}'", sent.substr(c.value.begin, c.value.size())));
      taken.push_back(c.value);
    }
    if (kind == "day") {
      const size_t words = words_in("relative_day");
      for (size_t i = 0; i < t.size(); ++i) {
        size_t e = FormAt(t, i, words, [&](std::string_view w) { return Lookup("relative_day", w) != nullptr; });
        if (e == std::string::npos) continue;
        Roles roles;
        roles.Set("relative", SpanOf(t, i, e));
        add(i, e, std::move(roles), fmt::format("day '{}'", t.sentence().substr(t[i].span.begin, t[e].span.end - t[i].span.begin)));
        i = e;
      }
    }
  } else if (kind == "time") {
    // A clock time: "pukul 18.00 WIB", "18:00", "6 p.m.", "pukul 4 sore".
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i].kind != Token::Kind::kNumber) continue;
      std::string_view n = t.Text(i);
      bool clock = n.size() >= 4 && n.size() <= 5 && (n[n.size() - 3] == '.' || n[n.size() - 3] == ':');
      size_t first = i, last = i;
      bool cue = i > 0 && (t.Folded(i - 1) == "pukul" || t.Folded(i - 1) == "jam");
      if (cue) first = i - 1;
      if (last + 1 < t.size()) {
        const std::string& next = t.Folded(last + 1);
        if (next == "wib" || next == "wita" || next == "wit" || next == "gmt" || next == "utc") ++last, clock = clock || cue;
        else if (next == "am" || next == "pm" || next == "a" || next == "p") {
          ++last;
          clock = true;
          while (last + 1 < t.size() && (t.Text(last + 1) == "." || t.Folded(last + 1) == "m")) ++last;
        } else if (cue) {
          size_t e = FormAt(t, last + 1, 2, [&](std::string_view w) { return Lookup("time_of_day", w) != nullptr; });
          if (e != std::string::npos) last = e;
          clock = true;
        }
      }
      if (!clock || !ParseClock(sent.substr(t[first].span.begin, t[last].span.end - t[first].span.begin))) continue;
      Roles roles;
      roles.Set("as_of", SpanOf(t, first, last));
      add(first, last, std::move(roles), fmt::format("time '{}'", sent.substr(t[first].span.begin, t[last].span.end - t[first].span.begin)));
      i = last;
    }
  } else if (kind == "number") {
    // A number in digits or words, with a bound before it and a unit after it.
    std::vector<Span> days;
    for (size_t k = 0; k < dated; ++k)
      if (cands[k].fact.fallback) days.push_back(cands[k].value);
    const size_t bound_words = words_in("bound"), unit_words = words_in("unit");
    for (size_t i = 0; i < t.size(); ++i) {
      bool digits = t[i].kind == Token::Kind::kNumber;
      bool word = !digits && t.IsWord(i) && L_.numbers.words.count(t.Folded(i));
      if (!digits && !word) continue;
      if (std::any_of(days.begin(), days.end(), [&](Span d) { return d.Overlaps(t[i].span); })) continue;
      size_t last = i;
      // "1,5 juta", "tujuh belas", "dua ratus ribu": number words and scales that follow.
      while (last + 1 < t.size() && t.IsWord(last + 1) && L_.numbers.words.count(t.Folded(last + 1)) && last - i < 6) ++last;
      std::string_view text = sent.substr(t[i].span.begin, t[last].span.end - t[i].span.begin);
      if (!ParseNumber(text, L_.numbers)) {
        last = i;
        text = t.Text(i);
        if (!ParseNumber(text, L_.numbers)) continue;
      }
      Roles roles;
      roles.Set("number", SpanOf(t, i, last));
      size_t first = i;
      for (size_t n = bound_words; n >= 1; --n) {
        if (i < n) continue;
        size_t b = i - n;
        if (FormAt(t, b, n, [&](std::string_view w) { return Lookup("bound", w) != nullptr; }) == i - 1) {
          roles.Set("bound", SpanOf(t, b, i - 1));
          first = b;
          break;
        }
      }
      size_t end = last;
      if (last + 1 < t.size()) {
        size_t e = FormAt(t, last + 1, unit_words, [&](std::string_view w) { return Lookup("unit", w) != nullptr; });
        if (e != std::string::npos) {
          roles.Set("unit", SpanOf(t, last + 1, e));
          end = e;
        }
      }
      add(first, end, std::move(roles),
          fmt::format("number '{}'", sent.substr(t[first].span.begin, t[end].span.end - t[first].span.begin)));
      i = end;
    }
  } else if (kind == "place" || kind == "person" || kind == "party" || kind == "name") {
    EnsureMentions();
    const bool want_place = kind == "place" || kind == "name";
    const bool want_person = kind != "place";
    for (const Mention& m : mentions_) {
      if (m.sentence != si) continue;
      if (!((want_place && m.place) || (want_person && m.person) || (kind == "name" && !m.place))) continue;
      size_t first = 0, last = 0;
      if (!t.Within({m.offset, m.offset + m.length}, first, last)) continue;
      Roles roles;
      roles.Set(kind == "place" ? "place" : "subject", {m.offset, m.offset + m.length});
      add(first, last, std::move(roles), fmt::format("{} '{}' ({})", kind, sent.substr(m.offset, m.length), m.canonical));
    }
    if (want_person) {
      // Names the gazetteer does not know: a title with a name, a surname named before.
      for (std::string_view run : Runs(si)) {
        std::string_view name = TrimName(run);
        auto off = static_cast<uint32_t>(run.data() - sent.data());
        if (std::any_of(out.begin(), out.end(), [&](const Fill& f) { return t[f.first].span.begin >= off && t[f.first].span.begin < off + name.size(); }))
          continue;
        auto p = ResolvePerson(name, si, true);
        if (!p || !p->strong || AfterWord("place_word", sent, off)) continue;
        size_t first = 0, last = 0;
        if (!t.Within({off, off + static_cast<uint32_t>(name.size())}, first, last)) continue;
        Roles roles;
        roles.Set("subject", {off, off + static_cast<uint32_t>(name.size())});
        add(first, last, std::move(roles), fmt::format("person '{}' ({})", name, p->name));
      }
    }
    if (kind == "place") {
      // A site named with a head word: "kosmodrom Vostochny", "bandara Soekarno-Hatta",
      // "Vostochny Cosmodrome", "the port of Vladivostok".
      const size_t words = words_in("place_head");
      auto head = [&](std::string_view w) { return Lookup("place_head", w) != nullptr; };
      for (size_t i = 0; i < t.size(); ++i) {
        size_t e = FormAt(t, i, words, head);
        if (e == std::string::npos) continue;
        size_t b = i, last = e;
        while (last + 1 < t.size() && (t[last + 1].upper || t.Folded(last + 1) == "of") && last - e < 5) ++last;
        while (last > e && t.Folded(last) == "of") --last;
        while (b > 0 && t[b - 1].upper && e - b < 5) --b;  // "Vostochny Cosmodrome"
        if (b == i && last == e) continue;  // a head word alone names no place
        if (std::any_of(out.begin(), out.end(), [&](const Fill& f) { return f.first <= last && b <= f.last; })) continue;
        Roles roles;
        roles.Set("place", SpanOf(t, b, last));
        add(b, last, std::move(roles), fmt::format("place '{}'", sent.substr(t[b].span.begin, t[last].span.end - t[b].span.begin)));
        i = last;
      }
    }
  } else if (StartsWith(kind, "lexicon:")) {
    const std::string lexicon = kind.substr(8);
    const size_t words = words_in(lexicon);
    for (size_t i = 0; i < t.size(); ++i) {
      size_t e = FormAt(t, i, words, [&](std::string_view w) { return Lookup(lexicon, w) != nullptr; });
      if (e == std::string::npos) continue;
      Roles roles;
      roles.Set(role, SpanOf(t, i, e));
      add(i, e, std::move(roles), fmt::format("{} '{}'", lexicon, sent.substr(t[i].span.begin, t[e].span.end - t[i].span.begin)));
      i = e;
    }
  }
  std::sort(out.begin(), out.end(), [](const Fill& a, const Fill& b) { return std::tie(a.first, a.last) < std::tie(b.first, b.last); });
  return out;
}

namespace {

// Where trigger `tr` matches at token i: its last token, or npos. A one-word trigger matches its
// own folded form, or a word with its stem that keeps its beginning.
size_t TriggerAt(const Tokens& t, size_t i, const Engine::Impl::Trigger& tr) {
  size_t n = tr.words.size();
  if (i + n > t.size()) return std::string::npos;
  for (size_t k = 0; k + 1 < n; ++k)
    if (!t.IsWord(i + k) || t.Folded(i + k) != tr.words[k]) return std::string::npos;
  size_t last = i + n - 1;
  if (!t.IsWord(last)) return std::string::npos;
  const std::string& w = t.Folded(last);
  if (w == tr.words.back()) return last;
  if (StartsWith(w, tr.prefix) && t.Stem(last) == tr.stem) return last;
  return std::string::npos;
}

}  // namespace

void ArticleExtractor::MatchFrame(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  const Engine::Impl::Frame& fr = impl_.frames[xi];
  const FrameSpec& spec = *x.frame;
  std::string_view sent = a_.Text(a_.sentences[si].span);
  const Tokens& t = SentenceTokens(si);
  const std::vector<bool>& barrier = frame_sentence_->barrier;
  auto words = [&](size_t a, size_t b) { return sent.substr(t[a].span.begin, t[b].span.end - t[a].span.begin); };

  for (size_t i = 0; i < t.size(); ++i) {
    size_t tl = std::string::npos;
    for (const auto& tr : fr.triggers)
      if ((tl = TriggerAt(t, i, tr)) != std::string::npos) break;
    if (tl == std::string::npos) continue;
    const size_t tf = i;
    std::string_view trigger = words(tf, tl);
    // "tidak berangkat", "did not leave": up to two words before it.
    bool denied = false;
    for (size_t k = 1; k <= 2 && k <= tf && !denied; ++k)
      denied = t.IsWord(tf - k) && fr.negation.count(t.Folded(tf - k));
    if (denied) {
      Discard(x.id, si, trigger, fmt::format("trigger '{}' is denied by '{}'", trigger, t.Text(tf - 1)));
      i = tl;
      continue;
    }
    // The nearest fill of a slot in the trigger's clause: words between them, no barrier.
    auto nearest = [&](const SlotSpec& slot) -> const Fill* {
      const std::vector<Fill>& fills = Fills(slot.kind, x, si, cands, dated);
      const Fill* best = nullptr;
      std::pair<uint32_t, int> best_key{UINT32_MAX, 0};
      for (const Fill& f : fills) {
        if (f.last >= tf && f.first <= tl) continue;  // on the trigger's own words
        bool after = f.first > tl;
        if ((slot.side == SlotSpec::Side::kBefore && after) || (slot.side == SlotSpec::Side::kAfter && !after)) continue;
        size_t a = after ? tl + 1 : f.last + 1, b = after ? f.first : tf;  // the tokens between: [a, b)
        uint32_t dist = 0;
        bool blocked = false;
        for (size_t k = a; k < b && !blocked; ++k) {
          blocked = barrier[k];
          if (t.IsWord(k)) ++dist;
        }
        if (blocked || dist > slot.within) continue;
        if (f.first > 0 && (!slot.preceded_by.empty() || !slot.not_preceded_by.empty())) {
          const std::string& before = t.Folded(f.first - 1);
          auto has = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), before) != v.end(); };
          if (!slot.preceded_by.empty() && !has(slot.preceded_by)) continue;
          if (has(slot.not_preceded_by)) continue;
        } else if (f.first == 0 && !slot.preceded_by.empty()) {
          continue;
        }
        if (!slot.units.empty() && slot.kind == "number") {
          auto u = f.roles.spans.find("unit");
          std::string unit = "none";
          if (u != f.roles.spans.end())
            if (const LexiconEntry* e = Lookup("unit", sent.substr(u->second.begin, u->second.size()))) unit = e->value;
          if (std::find(slot.units.begin(), slot.units.end(), unit) == slot.units.end()) continue;
        }
        std::pair<uint32_t, int> key{dist, after ? 0 : 1};  // nearer first; after the trigger on a tie
        if (key < best_key) best = &f, best_key = key;
      }
      return best;
    };
    const Fill* value = nearest(spec.value);
    if (!value) {
      Discard(x.id, si, trigger,
              fmt::format("trigger '{}': no {} within {} words", trigger, spec.value.kind, spec.value.within),
              {{"trigger", std::string(trigger)}});
      i = tl;
      continue;
    }
    Roles roles = value->roles;
    std::vector<std::pair<std::string, std::string>> trace = {{"trigger", std::string(trigger)},
                                                              {"value (" + spec.value.kind + ")", value->what}};
    size_t lo = std::min(tf, value->first), hi = std::max(tl, value->last);
    if (!spec.subject.empty()) {
      if (spec.subject.kind == "party") {
        // The people meeting: the nearest before the trigger and the nearest after it.
        SlotSpec before = spec.subject, after = spec.subject;
        before.side = SlotSpec::Side::kBefore;
        after.side = SlotSpec::Side::kAfter;
        const Fill* a = nearest(before);
        const Fill* b = nearest(after);
        if (!a) std::swap(a, b);
        if (a) {
          roles.Set("subject", a->roles.spans.at("subject"));
          trace.emplace_back("subject (party)", a->what);
          lo = std::min(lo, a->first), hi = std::max(hi, a->last);
        }
        if (a && b) {
          roles.Set("subject2", b->roles.spans.at("subject"));
          trace.emplace_back("subject2 (party)", b->what);
          lo = std::min(lo, b->first), hi = std::max(hi, b->last);
        }
      } else if (const Fill* s = nearest(spec.subject)) {
        roles.Merge(s->roles);
        trace.emplace_back("subject (" + spec.subject.kind + ")", s->what);
        lo = std::min(lo, s->first), hi = std::max(hi, s->last);
      }
    }
    if (!spec.as_of.empty()) {
      SlotSpec moment = spec.as_of;
      if (const Fill* m = nearest(moment)) {
        if (moment.kind == "time") {
          roles.Merge(m->roles);
        } else if (auto d = m->roles.spans.find("weekday"); d != m->roles.spans.end()) {
          roles.Set("as_of", d->second);
        }
        trace.emplace_back("as_of (" + spec.as_of.kind + ")", m->what);
      }
    }
    Candidate c;
    c.layer = x.layer;
    std::string why;
    bool made = FactFromRoles(x, si, sent, roles, c, why);
    Discard(x.id, si, words(lo, hi), made ? "" : why, trace);
    i = tl;
    if (!made) continue;
    c.fact.evidence = SpanOf(t, lo, hi);  // sentence-relative for now
    cands.push_back(std::move(c));
  }
}

}  // namespace cc::extract
