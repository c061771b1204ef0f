// Where a frame's slots are filled: per sentence, its tokens and clause words, then for each
// slot kind the mentions that can fill it (a day of the date layer, a clock time, a place, a
// number with its bound and unit, a person, a lexicon's form), found once per sentence and
// kind. frames.cpp reads the triggers and picks the nearest fills around each.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/calendar.h"
#include "core/numbers.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/tokens.h"

namespace cc::extract {

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
  fs.classes.clear();
  fs.hits_found = false;
  fs.hits.clear();
  fs.context_stems.clear();
}

// The clause words of the sentence (barriers, soft breaks, relative and auxiliary words), once a
// trigger is found in it: most sentences a frame is asked about have none.
const std::vector<uint8_t>& ArticleExtractor::FrameSentence::Classes(const Engine::Impl::Lang& L) {
  if (!classes.empty() || !tokens || tokens->size() == 0) return classes;
  const Tokens& t = *tokens;
  classes.assign(t.size(), 0);
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view w = t.Text(i);
    if (!t.IsWord(i)) {
      classes[i] = w == ";" ? Engine::Impl::kBarrier : w == "," ? Engine::Impl::kSoft : 0;
      continue;
    }
    auto it = L.word_classes.find(t.Folded(i));
    if (it != L.word_classes.end()) classes[i] = it->second;
    // A form of several words ("ahead of", "according to") marks its first word.
    if (!L.class_phrase_starts.count(t.Folded(i))) continue;
    std::string phrase = t.Folded(i);
    for (size_t k = i + 1; k < t.size() && k - i < L.class_phrase_words && t.IsWord(k); ++k) {
      phrase += ' ';
      phrase += t.Folded(k);
      if (auto p = L.word_classes.find(phrase); p != L.word_classes.end()) classes[i] |= p->second;
    }
  }
  return classes;
}

const Tokens& ArticleExtractor::SentenceTokens(uint32_t si) {
  ResetFrameSentence(si);
  return *frame_sentence_->tokens;
}

const std::vector<Fill>& ArticleExtractor::Fills(const std::string& kind, const ExtractorSpec& x, uint32_t si,
                                                 const std::vector<Candidate>& cands, size_t dated) {
  ResetFrameSentence(si);
  FrameSentence& fs = *frame_sentence_;
  // A lexicon's form fills the role the extractor's type reads it as.
  const std::string role = x.type == FactType::kTransport ? "transport" : "value";
  const std::string key = StartsWith(kind, "lexicon:") ? kind + "\x1f" + role : kind;
  auto cached = fs.fills.find(key);
  if (cached != fs.fills.end()) return cached->second;
  std::vector<Fill>& out = fs.fills[key];
  const Tokens& t = *fs.tokens;
  std::string_view sent = t.sentence();
  auto add = [&](size_t first, size_t last, Roles roles, std::string what, std::string canonical = "") {
    out.push_back({first, last, std::move(roles), std::move(what), std::move(canonical)});
  };

  if (kind == "day" || kind == "date" || kind == "date_range") {
    // The date layer's days (the longest of those on the same words), then "kemarin", "yesterday".
    std::vector<Span> taken;
    for (size_t k = 0; k < dated; ++k) {
      const Candidate& c = cands[k];
      if (!c.fact.fallback || !c.valid) continue;
      const FactType type = c.fact.type;
      bool fits = kind == "date_range" ? type == FactType::kDateRange
                : kind == "date"       ? type == FactType::kDate && c.roles.spans.count("day")
                                       : (type == FactType::kWeekday || type == FactType::kDate) &&
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
      const size_t words = WordsIn("time_of_day");
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
      add(first, last, std::move(roles), std::string(sent.substr(c.value.begin, c.value.size())));
      taken.push_back(c.value);
    }
    if (kind == "day") {
      const size_t words = WordsIn("relative_day");
      for (size_t i = 0; i < t.size(); ++i) {
        size_t e = FormAt(t, i, words, [&](std::string_view w) { return Lookup("relative_day", w) != nullptr; });
        if (e == std::string::npos) continue;
        Roles roles;
        roles.Set("relative", SpanOf(t, i, e));
        add(i, e, std::move(roles), std::string(t.sentence().substr(t[i].span.begin, t[e].span.end - t[i].span.begin)));
        i = e;
      }
    }
  } else if (kind == "time") {
    // A clock time: "pukul 18.00 WIB", "18:00", "6 p.m.", "pukul 4 sore", "noon".
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.IsWord(i) && t[i].kind == Token::Kind::kWord) {
        const size_t tw = WordsIn("time_of_day");
        size_t e = FormAt(t, i, tw, [&](std::string_view w) {
          const LexiconEntry* tod = Lookup("time_of_day", w);
          return tod && ParseClock(w, tod->value);  // a part of day with a clock time of its own ("noon")
        });
        if (e != std::string::npos) {
          Roles roles;
          roles.Set("as_of", SpanOf(t, i, e));
          add(i, e, std::move(roles), std::string(sent.substr(t[i].span.begin, t[e].span.end - t[i].span.begin)));
          i = e;
          continue;
        }
      }
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
      add(first, last, std::move(roles), std::string(sent.substr(t[first].span.begin, t[last].span.end - t[first].span.begin)));
      i = last;
    }
  } else if (kind == "number") {
    // A number in digits or words, with a bound before it and a unit after it.
    std::vector<Span> days;
    for (size_t k = 0; k < dated; ++k)
      if (cands[k].fact.fallback) days.push_back(cands[k].value);
    const size_t bound_words = WordsIn("bound"), unit_words = WordsIn("unit"), part_words = WordsIn("part_word");
    // A number word, or number words joined by hyphens ("twenty-one", "forty-three").
    auto number_word = [&](size_t k) {
      if (!t.IsWord(k)) return false;
      std::string_view w = t.Folded(k);
      if (L_.numbers.words.count(w)) return true;
      if (w.find('-') == std::string_view::npos) return false;
      for (size_t b = 0; b <= w.size();) {
        size_t e = std::min(w.find('-', b), w.size());
        if (e == b || !L_.numbers.words.count(w.substr(b, e - b))) return false;
        b = e + 1;
      }
      return true;
    };
    auto currency_at = [&](size_t k) { return k < t.size() && Lookup("currency", t.Text(k)) != nullptr; };
    for (size_t i = 0; i < t.size(); ++i) {
      bool digits = t[i].kind == Token::Kind::kNumber;
      // "$3bn", "£300m", "10km": digits with a scale or a unit glued on, one token. "m" is a
      // million next to a currency ("£300m", "300m euros"), else metres ("the 100m final").
      std::optional<Span> glued_unit;
      // "a maximum two-year ban": a length of time written as one word with its number, which the
      // date layer reads too ("25-year-old" is an age: its unit is no unit). Digits are tokens of
      // their own ("18-year-old"), read by the date layer alone.
      bool compound = false;
      if (!digits && t.IsWord(i)) {
        std::string_view w = t.Text(i);
        size_t h = w.find('-');
        if (h != std::string_view::npos && h > 0 && h + 1 < w.size()) {
          std::string_view left = w.substr(0, h);
          const LexiconEntry* u = Lookup("unit", w.substr(h + 1));
          auto nw = L_.numbers.words.find(Fold(left));
          const bool number = left.find_first_not_of("0123456789") == std::string_view::npos ||
                              (nw != L_.numbers.words.end() && nw->second.op == NumberOp::kAdd);
          // "a two-year old girl": an age written apart.
          const bool age = i + 1 < t.size() && t.Folded(i + 1) == "old";
          if (u && u->kind == "duration" && number && !age) {
            glued_unit = Span{static_cast<uint32_t>(t[i].span.begin + h + 1), t[i].span.end};
            digits = compound = true;
          }
        }
      }
      if (!digits && t.IsWord(i) && std::isdigit(static_cast<unsigned char>(t.Text(i)[0]))) {
        std::string_view w = t.Text(i);
        size_t d = w.find_first_not_of("0123456789.,");
        std::string suffix = Fold(w.substr(d));
        const bool scale = L_.numbers.suffixes.count(suffix) > 0;
        const bool money = (i > 0 && currency_at(i - 1)) || currency_at(i + 1);
        // "1.2m people": millions of a count, not metres.
        const LexiconEntry* next_unit = i + 1 < t.size() && t.IsWord(i + 1) ? Lookup("unit", t.Text(i + 1)) : nullptr;
        const bool counted = next_unit && next_unit->kind == "count";
        const bool unit = Lookup("unit", w.substr(d)) != nullptr;
        if (scale && (money || counted || !unit)) {
          digits = true;
        } else if (money) {
          continue;  // "Rp 5M", "US$5M": a scale this language does not list; no unit either
        } else if (unit &&
                   !(i > 0 && (L_.stopwords.count(t.Folded(i - 1)) || EndsWith(t.Folded(i - 1), "'s")) && i + 1 < t.size() &&
                     t.IsWord(i + 1) && !t[i + 1].upper && !L_.stopwords.count(t.Folded(i + 1)))) {
          // Not a glued unit between a determiner and a noun: "the 100m final", "men's 200m title"
          // name an event.
          glued_unit = Span{static_cast<uint32_t>(t[i].span.begin + d), t[i].span.end};
          digits = true;
        } else {
          continue;
        }
      }
      bool word = !digits && number_word(i);
      // "ibu kota Lima", "Kopral Dua", "Channel Four": a number word capitalized after a word in
      // lower case is a name's (a title-case headline capitalizes the word before it too): after a
      // word of place ("di Lima", "ibu kota Lima"), or with no word it counts after it in lower
      // case ("seluas Sepuluh hektare" counts).
      if (word && i > 0 && t[i].upper && t.IsWord(i - 1) && !t[i - 1].upper && t[i - 1].kind == Token::Kind::kWord &&
          (Lookup("place_word", t.Text(i - 1)) || Lookup("place_head", t.Text(i - 1)) ||
           !(i + 1 < t.size() && t[i + 1].kind == Token::Kind::kWord && !t[i + 1].upper &&
             (!L_.stopwords.count(t.Folded(i + 1)) || Lookup("unit", t.Text(i + 1))))))
        continue;
      // "Kepulauan Seribu", "Simpang Empat", "Channel Four": after a capitalized word that does
      // not open the sentence, a name's too.
      if (word && i > 1 && t[i].upper && t[i - 1].kind == Token::Kind::kWord && t[i - 1].upper && !number_word(i - 1) &&
          !Lookup("bound", t.Text(i - 1)))
        continue;
      if (!digits && !word) {
        // "kedua tersangka", "ketiga korban", "seorang turis", "both men": a collective number
        // before the noun it counts; after a noun it is an ordinal ("tahap kedua").
        const LexiconEntry* c = t.IsWord(i) ? Lookup("collective_number", t.Text(i)) : nullptr;
        std::string why;
        if (!c || i + 1 >= t.size() || !t.IsWord(i + 1) || t[i + 1].upper || L_.stopwords.count(t.Folded(i + 1)) ||
            number_word(i + 1) || Rejected(c, sent, t[i].span, why))
          continue;
        // "kedua negara", "both sides": only people are counted so, unless the word says people
        // itself (kind `people`: "seorang", "keduanya").
        const LexiconEntry* u = Lookup("unit", t.Text(i + 1));
        const bool people_after = u && u->value == "people";
        if (c->kind != "people" && !people_after) continue;
        // After a noun it is an ordinal ("korban kedua tewas", "gelombang kedua pengungsi").
        if (i > 0 && t.IsWord(i - 1) && !L_.stopwords.count(t.Folded(i - 1)) && !VerbLike(t.Folded(i - 1)) &&
            !Lookup("bound", t.Text(i - 1)))
          continue;
        // "bertambah seorang": an increase, not the count.
        if (i > 0 && t.IsWord(i - 1) && Lookup("change_word", t.Text(i - 1))) continue;
        // "both civilians and soldiers": both kinds, not two people.
        if (i + 2 < t.size() && t.IsWord(i + 2) && Lookup("soft_break", t.Text(i + 2))) continue;
        Roles roles;
        roles.Set("number", t[i].span);
        roles.number = std::strtod(c->value.c_str(), nullptr);
        const bool unit = u != nullptr;  // "kedua tersangka": people
        if (unit) roles.Set("unit", t[i + 1].span);
        add(i, unit ? i + 1 : i, std::move(roles), fmt::format("{} = {}", t.Text(i), c->value));
        if (!unit) out.back().noun = i + 1;
        out.back().collective = true;
        continue;
      }
      if (!compound && std::any_of(days.begin(), days.end(), [&](Span d) { return d.Overlaps(t[i].span); })) continue;
      // "Armi Siregar (27)": an age, or a reference in parentheses, counts nothing.
      if (digits && i > 0 && i + 1 < t.size() && t.Text(i - 1) == "(" && t.Text(i + 1) == ")") continue;
      // "ratusan ribu pengungsi", "hundreds of thousands": a scale with no number before it counts
      // nothing ("a thousand" does).
      // ("half a million" is no million).
      bool after_a = false;  // "a thousand": the "a" is the scale's ("over a twenty year period" is not)
      if (word) {
        auto nw = L_.numbers.words.find(t.Folded(i));
        const bool scale = nw != L_.numbers.words.end() && nw->second.op != NumberOp::kAdd;
        after_a = scale && i > 0 && (t.Folded(i - 1) == "a" || t.Folded(i - 1) == "an");
        if (scale && (!after_a || (i > 1 && t.IsWord(i - 2) && Lookup("fraction", t.Text(i - 2))))) continue;
      }
      size_t last = i;
      // "1,5 juta", "tujuh belas", "dua ratus ribu": number words and scales that follow.
      while (!glued_unit && last + 1 < t.size() && number_word(last + 1) && last - i < 6) ++last;
      std::string_view text = sent.substr(t[i].span.begin, t[last].span.end - t[i].span.begin);
      if (glued_unit) text = sent.substr(t[i].span.begin, glued_unit->begin - t[i].span.begin);
      if (glued_unit && !text.empty() && text.back() == '-') text.remove_suffix(1);  // "two-year"
      if (!ParseNumber(text, L_.numbers)) {
        if (glued_unit) continue;
        last = i;
        text = t.Text(i);
        if (!ParseNumber(text, L_.numbers)) continue;
      }
      // A clock time is no count: "pukul 17.00", "6 p.m.", "18:00 WIB".
      auto next_is = [&](size_t k, std::initializer_list<std::string_view> words) {
        return k < t.size() && std::find(words.begin(), words.end(), std::string_view(t.Folded(k))) != words.end();
      };
      if ((i > 0 && (t.Folded(i - 1) == "pukul" || t.Folded(i - 1) == "jam")) ||
          next_is(last + 1, {"am", "pm", "a", "p", "wib", "wita", "wit", "gmt", "utc"}) ||
          (digits && text.find(':') != std::string_view::npos))
        continue;
      Roles roles;
      roles.Set("number", glued_unit ? Span{t[i].span.begin, static_cast<uint32_t>(t[i].span.begin + text.size())} : SpanOf(t, i, last));
      if (glued_unit) roles.Set("unit", *glued_unit);
      size_t first = i;
      const size_t at = after_a ? i - 1 : i;  // "More than a thousand": the bound before "a"
      for (size_t n = bound_words; n >= 1; --n) {
        if (at < n) continue;
        size_t b = at - n;
        if (FormAt(t, b, n, [&](std::string_view w) { return Lookup("bound", w) != nullptr; }) == at - 1) {
          // "kecepatan maksimal 30 knot" is a top speed of 30, not at most 30: the entry's
          // reject_before says which words make it part of the measured thing.
          Span bs = SpanOf(t, b, at - 1);
          std::string why;
          if (Rejected(Lookup("bound", sent.substr(bs.begin, bs.size())), sent, bs, why)) break;
          roles.Set("bound", bs);
          first = b;
          break;
        }
      }
      // "Rp 2,5 triliun", "$300", "US$ 5 juta": money, its currency written before it.
      if (first > 0) {
        // The longest currency that ends here: "US$" before "$".
        size_t e = first - 1, b = e >= 2 ? e - 2 : 0;
        while (b < e && !Lookup("currency", t.sentence().substr(t[b].span.begin, t[e].span.end - t[b].span.begin))) ++b;
        if (Lookup("currency", t.sentence().substr(t[b].span.begin, t[e].span.end - t[b].span.begin))) {
          roles.Set("unit", SpanOf(t, b, e));
          first = b;
          // "$676m (£352m)", "14bn euros ($19bn; £10bn)": a conversion the desk made of the figure
          // before the parenthesis, at its day's rate, not a claim of its own.
          size_t k = first;
          while (k > 0 && first - k < 8 && t.Text(k - 1) != "(" && t.Text(k - 1) != ")") --k;
          if (k >= 2 && t.Text(k - 1) == "(") {
            std::string_view before = t.Text(k - 2);
            // Not after a year: "APBN 2025 (Rp 3.621 triliun)" gives the budget itself.
            const bool year = before.size() == 4 && t[k - 2].kind == Token::Kind::kNumber && (before[0] == '1' || before[0] == '2');
            if ((std::isdigit(static_cast<unsigned char>(before[0])) && !year) || Lookup("currency", before) ||
                L_.numbers.words.count(t.Folded(k - 2)))
              continue;
          }
        }
      }
      size_t end = last;
      if (last + 1 < t.size() && !roles.spans.count("unit")) {
        size_t e = FormAt(t, last + 1, unit_words, [&](std::string_view w) { return Lookup("unit", w) != nullptr; });
        if (e != std::string::npos) {
          roles.Set("unit", SpanOf(t, last + 1, e));
          end = e;
        }
      }
      add(first, end, std::move(roles),
          std::string(sent.substr(t[first].span.begin, t[end].span.end - t[first].span.begin)));
      for (size_t n = part_words; n >= 1 && !out.back().part; --n)
        out.back().part = first >= n && FormAt(t, first - n, n, [&](std::string_view w) { return Lookup("part_word", w) != nullptr; }) == first - 1;
      // What a bare number counts: the word after it, past a modifier or a classifier ("six new
      // jobs", "lima ekor sapi"), never a number or a function word.
      size_t noun = last + 1;
      while (end == last && noun + 1 < t.size() && noun - last < 3 && t.IsWord(noun + 1) && Lookup("count_modifier", t.Text(noun)))
        ++noun;
      // "50.000 unit menjadi 56.000 unit": a classifier with a verb or a function word after it
      // is what is counted.
      if (noun > last + 1 && (VerbLike(t.Folded(noun)) || L_.stopwords.count(t.Folded(noun)) || L_.link_words.count(t.Folded(noun))))
        noun = last + 1;
      if (end == last && !glued_unit && noun < t.size() && t.IsWord(noun) && t[noun].kind != Token::Kind::kNumber &&
          !L_.stopwords.count(t.Folded(noun)) && !Lookup("bound", t.Text(noun)))
        out.back().noun = noun;
      i = end;
    }
  } else if (kind == "place" || kind == "person" || kind == "party" || kind == "name") {
    EnsureMentions();
    // The town after a comma is where a site is: "Kementerian PU, Jakarta Selatan", "Kantor
    // Gubernur Jawa Tengah, Semarang". The site's last token, moved past the town when one follows.
    auto TownAfter = [&](size_t last) {
      if (last + 2 >= t.size() || t.Text(last + 1) != ",") return last;
      for (size_t n = 3; n >= 1; --n) {
        size_t f = last + 2, l = last + 1 + n;
        if (l >= t.size() || (l + 1 < t.size() && t[l + 1].upper)) continue;
        bool caps = true;
        for (size_t k = f; k <= l && caps; ++k) caps = t.IsWord(k) && t[k].upper;
        if (!caps || Lookup("weekday", t.Text(f))) continue;
        // A town the gazetteer knows, or one in a dateline's place: "..., Lubuk Basung, Kamis (9/10)".
        const bool datelined = l + 2 < t.size() && t.Text(l + 1) == "," && Lookup("weekday", t.Text(l + 2));
        if (!datelined && !e_.gazetteer().Find(sent.substr(t[f].span.begin, t[l].span.end - t[f].span.begin))) continue;
        return l;
      }
      return last;
    };
    const bool want_place = kind == "place" || kind == "name";
    const bool want_person = kind != "place";
    for (auto [mp, end] = MentionsIn(si); mp != end; ++mp) {
      const Mention& m = *mp;
      if (!((want_place && m.place) || (want_person && m.person) || (kind == "name" && !m.place))) continue;
      size_t first = 0, last = 0;
      if (!t.Within({m.offset, m.offset + m.length}, first, last)) continue;
      // A place named inside an organization's name is not a place here ("Moscow State
      // Institute of International Relations").
      if (m.place) {
        bool in_org = false;
        for (std::string_view run : Runs(si)) {
          auto off = static_cast<uint32_t>(run.data() - sent.data());
          if (off > m.offset || off + run.size() < m.offset + m.length || run.size() == m.length) continue;
          size_t tf = 0, tl = 0;
          if (t.Within({off, off + static_cast<uint32_t>(run.size())}, tf, tl))
            for (size_t k = tf; k <= tl && !in_org; ++k) in_org = impl_.For("").org_words.count(t.Folded(k)) > 0;
        }
        if (in_org) continue;
      }
      Roles roles;
      roles.Set(kind == "place" ? "place" : "subject", {m.offset, m.offset + m.length});
      if (m.place) {
        // The head words before a known place are part of how it is named: "di kota pelabuhan
        // Vladivostok", "in the port city of Vladivostok".
        auto is_head = [&](std::string_view w) { return Lookup("place_head", w) != nullptr; };
        while (first > 0 && t.IsWord(first - 1) &&
               (is_head(t.Text(first - 1)) || t.Folded(first - 1) == "of" || (first > 1 && t.Folded(first - 1) == "the" && is_head(t.Text(first - 2)))))
          --first;
        while (t.Folded(first) == "of" || t.Folded(first) == "the") ++first;
      }
      add(first, last, std::move(roles), fmt::format("{} = {}", sent.substr(m.offset, m.length), m.canonical), m.canonical);
    }
    // Each capitalized run of the sentence that no fill has taken yet: its name (trimmed), its
    // offset and its tokens.
    auto each_free_run = [&](auto&& fn) {
      for (std::string_view run : Runs(si)) {
        std::string_view name = TrimName(run);
        auto off = static_cast<uint32_t>(run.data() - sent.data());
        size_t first = 0, last = 0;
        if (!t.Within({off, off + static_cast<uint32_t>(name.size())}, first, last)) continue;
        if (std::any_of(out.begin(), out.end(), [&](const Fill& f) { return f.first <= last && first <= f.last; })) continue;
        fn(name, off, first, last);
      }
    };
    if (kind == "place") {
      // A name the gazetteer does not know, right after "di", "in", "at": a place, unknown.
      each_free_run([&](std::string_view name, uint32_t off, size_t first, size_t last) {
        if (first == 0 || !t.IsWord(first - 1) || !Lookup("place_word", t.Text(first - 1))) return;
        if (Lookup("weekday", name) || Lookup("month", name) || Lookup("compass", name) || e_.gazetteer().Find(name)) return;
        if (name.find("'s ") != std::string_view::npos) return;  // "Sunday's Leipzig International"
        bool org = false;
        for (size_t k = first; k <= last && !org; ++k) org = impl_.For("").org_words.count(t.Folded(k)) > 0;
        if (org) return;  // "di Moscow State Institute": an organization, not a venue
        // "shouted insults at Fiat chairman Luca", "at Sky executives": whose office it is.
        if (last + 1 < t.size() && t.IsWord(last + 1) && !t[last + 1].upper &&
            (Lookup("title", t.Text(last + 1)) || Lookup("party_member", t.Text(last + 1))))
          return;
        if (auto p = ResolvePerson(name, si, false)) return;
        if (first < last && Lookup("admin_head", t.Text(first))) {  // "di Kota Padangsidimpuan": the town
          const uint32_t skip = t[first + 1].span.begin - off;
          off += skip;
          name.remove_prefix(skip);
        }
        uint32_t end = off + static_cast<uint32_t>(name.size());
        if (size_t town = TownAfter(last); town != last) last = town, end = t[last].span.end;  // "..., Lubuk Basung"
        Roles roles;
        roles.Set("place", {off, end});
        add(first, last, std::move(roles), fmt::format("{} (not in the gazetteer)", sent.substr(off, end - off)));
      });
    }
    if (want_person) {
      // Names the gazetteer does not know: a title with a name, a surname named before.
      for (std::string_view run : Runs(si)) {
        std::string_view name = TrimName(run);
        auto off = static_cast<uint32_t>(run.data() - sent.data());
        if (std::any_of(out.begin(), out.end(), [&](const Fill& f) { return t[f.first].span.begin >= off && t[f.first].span.begin < off + name.size(); }))
          continue;
        auto p = ResolvePerson(name, si, true);
        if (!p || AfterWord("place_word", sent, off)) continue;
        // A name is a person's where a title goes with it, or as the one met ("meet Vear Lodave").
        // So is one in apposition to the one met: "dengan timpalannya dari Rusia, Igor Morgulov".
        auto appositive = [&] {
          std::string_view before = Trim(sent.substr(0, off));
          if (before.empty() || before.back() != ',') return false;
          before = Trim(before.substr(0, before.size() - 1));
          for (int hops = 0; hops < 5 && !before.empty(); ++hops) {
            size_t sp = before.find_last_of(' ');
            std::string_view word = sp == std::string_view::npos ? before : before.substr(sp + 1);
            if (word.find(',') != std::string_view::npos) return false;
            if (Lookup("party_word", word)) return true;
            before = sp == std::string_view::npos ? std::string_view() : Trim(before.substr(0, sp));
          }
          return false;
        };
        // So is one joined by "dan"/"and" to a person known or titled: "Menlu Retno Marsudi dan
        // Penny Wong bertemu".
        auto conjoined = [&] {
          const auto end = static_cast<uint32_t>(off + name.size());
          for (std::string_view run2 : Runs(si)) {
            std::string_view other = TrimName(run2);
            auto o = static_cast<uint32_t>(run2.data() - sent.data());
            std::string_view between = o + other.size() <= off ? sent.substr(o + other.size(), off - o - other.size())
                                       : o >= end             ? sent.substr(end, o - end)
                                                              : std::string_view();
            between = Trim(between);
            if (between.empty() || between.find(' ') != std::string_view::npos || !Lookup("soft_break", between)) continue;
            if (auto q = ResolvePerson(other, si, true); q && (q->strong || TitledName(q->name))) return true;
          }
          return false;
        };
        if (!p->strong && !TitledName(p->name) &&
            !(kind == "party" && (AfterWord("counterpart_word", sent, off) || AfterWord("party_word", sent, off) || appositive() || conjoined())))
          continue;
        size_t first = 0, last = 0;
        if (!t.Within({off, off + static_cast<uint32_t>(name.size())}, first, last)) continue;
        Roles roles;
        roles.Set("subject", {off, off + static_cast<uint32_t>(name.size())});
        add(first, last, std::move(roles), fmt::format("{} = {}", name, p->name), p->name);
      }
    }
    if (kind == "party") {
      // Organizations meet too ("the CBI met SEC officials", "bertemu jajaran Pertamina"): an
      // acronym, or a name next to a word for its people ("Sky executives", "delegasi DPR").
      each_free_run([&](std::string_view name, uint32_t off, size_t first, size_t last) {
        auto member = [&](size_t k) { return k < t.size() && t.IsWord(k) && Lookup("party_member", t.Text(k)); };
        if (first < last && member(first)) {  // "Pejabat Kemenkeu" at the start of a sentence
          ++first;
          off = t[first].span.begin;
          name = TrimName(sent.substr(off, t[last].span.end - off));
        }
        if (L_.stopwords.count(Key(name))) return;  // "The leaders"
        size_t letters = 0;
        bool acronym = name.size() <= 6;
        for (char c : name) {
          letters += c >= 'A' && c <= 'Z';
          acronym = acronym && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
        }
        acronym = acronym && letters >= 2;
        // "European Union finance ministers": one word may say which of its people.
        const bool staffed = member(last + 1) || (last + 2 < t.size() && t.IsWord(last + 1) && !t[last + 1].upper && member(last + 2));
        if (!acronym && !staffed && !(first > 0 && member(first - 1))) return;
        if (Lookup("weekday", name) || Lookup("month", name) || e_.gazetteer().Find(name)) return;
        // A time zone after a clock time ("10.00 WIB", "10 GMT"), an office ("the PM"), a unit or
        // a currency names nobody.
        if ((first > 0 && t[first - 1].kind == Token::Kind::kNumber) || Lookup("title", name) || Lookup("unit", name) ||
            Lookup("currency", name) || Lookup("abbreviation", name))
          return;
        Roles roles;
        roles.Set("subject", {off, off + static_cast<uint32_t>(name.size())});
        add(first, last, std::move(roles), fmt::format("{} (an organization)", name), std::string(name));
      });
    }
    if (kind == "place") {
      // A site named with a head word: "kosmodrom Vostochny", "bandara Soekarno-Hatta",
      // "Vostochny Cosmodrome", "the port of Vladivostok".
      const size_t words = WordsIn("place_head");
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
        // The name is the place ("Kota Padangsidimpuan"), and a common head before a named site
        // is not part of its name ("kompleks Istana Kepresidenan").
        size_t name = b;
        if (b == i && last > e && (Lookup("admin_head", t.Text(i)) || (!t[i].upper && head(t.Text(e + 1))))) name = e + 1;
        last = TownAfter(last);
        Roles roles;
        roles.Set("place", SpanOf(t, name, last));
        add(b, last, std::move(roles), std::string(sent.substr(t[b].span.begin, t[last].span.end - t[b].span.begin)));
        i = last;
      }
    }
  } else if (StartsWith(kind, "lexicon:")) {
    const std::string lexicon = kind.substr(8);
    const size_t words = WordsIn(lexicon);
    for (size_t i = 0; i < t.size(); ++i) {
      size_t e = FormAt(t, i, words, [&](std::string_view w) { return Lookup(lexicon, w) != nullptr; });
      if (e == std::string::npos) continue;
      Roles roles;
      roles.Set(role, SpanOf(t, i, e));
      // Its qualifier next to it, when the pack has a NAME_qualifier lexicon: "kereta lapis baja",
      // "armoured train".
      size_t b = i, last = e;
      const std::string qual = lexicon + "_qualifier";
      if (const size_t qw = WordsIn(qual)) {
        auto is_qual = [&](std::string_view w) { return Lookup(qual, w) != nullptr; };
        if (size_t q = e + 1 < t.size() ? FormAt(t, e + 1, qw, is_qual) : std::string::npos; q != std::string::npos) {
          roles.Set("qualifier", SpanOf(t, e + 1, q));
          last = q;
        } else {
          for (size_t n = qw; n >= 1; --n)
            if (i >= n && FormAt(t, i - n, n, is_qual) == i - 1) {
              roles.Set("qualifier", SpanOf(t, i - n, i - 1));
              b = i - n;
              break;
            }
        }
      }
      add(b, last, std::move(roles), std::string(sent.substr(t[b].span.begin, t[last].span.end - t[b].span.begin)));
      i = last;
    }
  }
  std::sort(out.begin(), out.end(), [](const Fill& a, const Fill& b) { return std::tie(a.first, a.last) < std::tie(b.first, b.last); });
  return out;
}

}  // namespace cc::extract
