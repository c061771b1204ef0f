// Where a generic claim is made: every quantity a sentence gives that no predicate claims
// ("selama 90 menit", "Rp 599.440,9 triliun", "30 knots", "1.600 responden") becomes a fact
// `claim.<dimension>` (the unit lexicon's `kind`: duration, length, speed, mass, percent, count,
// and money for a currency), its number in the dimension's canonical unit, with the measured
// thing (the words before it, else the noun it counts) and the stems of the words around it.
// The check `align` (src/check/align.cpp) pairs claims of two articles by those words. The
// days of the date layer get the words around them too, so that one event dated two ways is
// found the same way.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/calendar.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/tokens.h"

namespace cc::extract {

namespace {
// Whether a word begins with one of the prefixes and has more than `stem` letters after it.
bool Prefixed(std::string_view word, const std::vector<std::string>& prefixes, size_t stem) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return word.size() > p.size() + stem && StartsWith(word, p); });
}
}  // namespace

bool ArticleExtractor::VerbLike(std::string_view word) const { return Prefixed(word, L_.verb_prefixes, 2); }

bool ArticleExtractor::PassiveVerb(std::string_view word) const { return Prefixed(word, L_.passive_prefixes, 3); }

std::string ArticleExtractor::ContextOf(uint32_t si, Span value) {
  const Tokens& t = SentenceTokens(si);
  size_t first = 0, last = 0;
  if (!t.Within(value, first, last)) return "";
  const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);
  // Eight words on each side, within the clause; the three nearest are marked "^": a list ("BBCA
  // naik 11,56%, AMMN naik 4,37%") shares its far words, not its near ones. A year counts
  // ("y2024"): "belanja 2024 Rp 1.388 T, 2025 Rp 1.589 T" are two years' figures.
  constexpr size_t kWords = 8, kNear = 3;
  std::vector<std::pair<std::string_view, bool>> stems;  // a stem, and whether it is near
  std::vector<std::optional<std::string>>& cache = frame_sentence_->context_stems;
  if (cache.empty()) cache.resize(t.size());
  auto stem_of = [&](size_t k) -> const std::string& {  // "" for a word that says nothing
    if (cache[k]) return *cache[k];
    std::string& stem = cache[k].emplace();
    const std::string& w = t.Folded(k);
    if (t[k].kind == Token::Kind::kNumber) {
      if (w.size() == 4 && (w[0] == '1' || w[0] == '2')) stem = "y" + w;
      else if (k + 2 < t.size() && t.Text(k + 1) == "-" && t.IsWord(k + 2)) stem = "n" + w;  // "a 20-year period"
    } else if (auto n = L_.numbers.words.find(w); n != L_.numbers.words.end() && n->second.op == NumberOp::kAdd) {
      stem = std::string("n").append(FormatNumber(n->second.value));  // "a twenty year period" is "a 20-year period"
    } else if (!(w.size() < 2 || L_.stopwords.count(w) || L_.link_words.count(w) || std::isdigit(static_cast<unsigned char>(w[0])) ||
                 Lookup("bound", t.Text(k)))) {  // "hampir", "about": part of the value
      const LexiconEntry* syn = Lookup("measure_synonym", t.Text(k));
      stem = syn ? syn->value : t.Stem(k);
    }
    return stem;
  };
  auto take = [&](size_t k, size_t words) {
    if (!t.IsWord(k)) return;
    const std::string& stem = stem_of(k);
    if (!stem.empty()) stems.emplace_back(stem, words <= kNear);
  };
  // Who said it is not what it is about: the context ends at a word that brings in a source
  // ("kata juru bicara Kremlin", "according to KCNA"), and at a comma whose clause has one
  // ("Menurut harian Kompas, rapat ...", "..., a government spokesman said").
  auto is_comma = [&](size_t k) { return !t.IsWord(k) && (cls[k] & Engine::Impl::kSoft); };
  auto source_clause = [&](size_t comma, bool forward) {
    for (size_t k = comma, n = 0; n < kWords;) {
      if (forward ? ++k >= t.size() : k-- == 0) return false;
      if ((cls[k] & Engine::Impl::kBarrier) || is_comma(k)) return false;
      if (cls[k] & Engine::Impl::kSource) return true;
      if (t.IsWord(k)) ++n;
    }
    return false;
  };
  size_t words = 0;
  for (size_t k = first; k-- > 0 && words < kWords;) {
    if (cls[k] & (Engine::Impl::kBarrier | Engine::Impl::kSource)) break;
    if (is_comma(k) && source_clause(k, false)) break;
    if (t.IsWord(k)) ++words;
    take(k, words);
  }
  words = 0;
  for (size_t k = last + 1; k < t.size() && words < kWords; ++k) {
    if (cls[k] & (Engine::Impl::kBarrier | Engine::Impl::kSource)) break;
    if (is_comma(k) && source_clause(k, true)) break;
    if (t.IsWord(k)) ++words;
    take(k, words);
  }
  // Each stem once, near when it is both; the near ones first ("^stem"), each part sorted.
  std::sort(stems.begin(), stems.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  stems.erase(std::unique(stems.begin(), stems.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              stems.end());
  std::stable_partition(stems.begin(), stems.end(), [](const auto& s) { return s.second; });
  std::string out;
  for (const auto& [stem, near] : stems) {
    if (!out.empty()) out += ' ';
    if (near) out += '^';
    out += stem;
  }
  return out;
}

// Whether the noun after a bare number is what it counts ("12 sekolah", "1.600 responden"). Not
// a reference ("Halaman 12", "Pasal 33"), a verb ("12 memuat"), a function word ("10 sampai 20",
// "5.000 per desa"), a name ("SRMA 33 Tangerang"), nor the word after a year ("terbaik 2025 data").
bool ArticleExtractor::CountsNoun(const Tokens& t, const Fill& fill) const {
  const std::string& noun = t.Folded(fill.noun);
  if (VerbLike(noun) || L_.stopwords.count(noun) || L_.link_words.count(noun) || Lookup("bound", t.Text(fill.noun)))
    return false;
  if (fill.first > 0 && t.IsWord(fill.first - 1) && Lookup("reference_word", t.Text(fill.first - 1))) return false;
  auto n = fill.roles.spans.find("number");
  std::string_view number = n == fill.roles.spans.end() ? std::string_view() : t.sentence().substr(n->second.begin, n->second.size());
  if (number.size() == 4 && std::all_of(number.begin(), number.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) && (StartsWith(number, "19") || StartsWith(number, "20")))
    return false;
  // A capitalized word names something ("Radio 5 Live", "Six Nations", "SRMA 33 Tangerang"); an
  // acronym may be what is counted ("12 SPPG", "40 MPs").
  std::string_view word = t.Text(fill.noun);
  const bool capitalized = word.size() > 1 && std::isupper(static_cast<unsigned char>(word[0])) &&
                           std::islower(static_cast<unsigned char>(word[1]));
  return !capitalized;
}

// The day a statement was made, in the year before the article came out ("kata jubir KPK kepada
// wartawan, Kamis (17/7)", "said on Tuesday"): when someone spoke, not a claim about the story;
// every press conference reads alike around its day, so such a day is not aligned. A day after
// publication or years before it ("Senin (13/10/3025)") is aligned still: it may be a slip.
// A statement's day gets the statement as its context instead: the stems of the words quoted
// right before the verb of saying, "q:" before each, and "by:" the one who said it ("Investasi di sini
// aman," kata Luthfi, Senin (20/10)). Two articles that date the same words of the same person
// differently disagree on one statement's day; press conferences that only read alike do not
// share their words. "" when fewer than three stems are said (a "Terima kasih" proves nothing).
std::string ArticleExtractor::StatementContext(uint32_t si, Span value) {
  const Tokens& t = SentenceTokens(si);
  size_t first = 0, last = 0;
  if (!t.Within(value, first, last)) return "";
  size_t verb = first;
  for (size_t k = first, words = 0; k-- > 0 && words < 12;) {
    if (!t.IsWord(k)) continue;
    ++words;
    if (Lookup("report_verb", t.Text(k))) {
      verb = k;
      break;
    }
  }
  if (verb == first) return "";
  // Only words in quotation marks right before the verb are said: in "X mengatakan, Senin, ..."
  // the words before the verb are the speaker's name and office, alike at every conference.
  auto quote = [&](size_t k) {
    std::string_view p = t.Text(k);
    return !t.IsWord(k) && (p.find('"') != std::string_view::npos || p.find("\u201D") != std::string_view::npos ||
                            p.find("\u201C") != std::string_view::npos);
  };
  size_t close = verb;
  while (close > 0 && !t.IsWord(close - 1) && !quote(close - 1)) --close;
  if (close == 0 || !quote(close - 1)) return "";
  std::set<std::string> stems;
  for (size_t k = close - 1, words = 0; k-- > 0 && words < 16;) {
    if (quote(k)) break;  // where the quotation opens
    if (!t.IsWord(k)) continue;
    ++words;
    const std::string& w = t.Folded(k);
    if (t[k].kind == Token::Kind::kNumber || w.size() < 2 || L_.stopwords.count(w) || L_.link_words.count(w)) continue;
    stems.insert("q:" + t.Stem(k));
  }
  if (stems.size() < 3) return "";
  std::string out;
  if (const std::string& who = SentenceSource(si); !who.empty()) {
    out = "by:" + Key(who);
    std::replace(out.begin(), out.end(), ' ', '_');  // one stem
  }
  for (const auto& stem : stems) out += (out.empty() ? "" : " ") + stem;
  return out;
}

bool ArticleExtractor::StatementDay(uint32_t si, Span value, const Fact& f) {
  if (!f.date) return false;
  auto day = ParseIso(*f.date), published = ParseIso(a_.published);
  if (!day || !published || !day->month || !day->day || !published->year || !published->day) return false;
  const long out = DaysFromCivil(published->year, published->month, published->day);
  // A day written without its year ("Kamis (17/7)") is the last such day up to publication.
  int year = day->year ? day->year : published->year;
  if (!day->year && DaysFromCivil(year, day->month, day->day) > out) --year;
  long before = out - DaysFromCivil(year, day->month, day->day);
  if (before < 0 || before > 366) return false;
  const Tokens& t = SentenceTokens(si);
  size_t first = 0, last = 0;
  if (!t.Within(value, first, last)) return false;
  const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);
  size_t words = 0;
  for (size_t k = first; k-- > 0 && words < 12;) {
    if (cls[k] & Engine::Impl::kBarrier) break;
    if (!t.IsWord(k)) continue;
    ++words;
    if (Lookup("report_verb", t.Text(k))) return true;
  }
  return false;
}

// The dimension of a number: its unit's kind, money for a currency (a symbol before it, or a
// word after it: "69 ribu rupiah"), else a count of the noun after it; "" for a bare number.
ArticleExtractor::Dimension ArticleExtractor::DimensionOf(const Tokens& t, std::string_view sent, const Fill& fill) const {
  Dimension d;
  auto u = fill.roles.spans.find("unit");
  std::string_view unit_words = u == fill.roles.spans.end() ? std::string_view() : sent.substr(u->second.begin, u->second.size());
  if (const LexiconEntry* e = unit_words.empty() ? nullptr : Lookup("unit", unit_words)) {
    d.dimension = e->kind;
    d.unit = e->value;
  } else if (const LexiconEntry* cur = unit_words.empty() ? nullptr : Lookup("currency", unit_words)) {
    d.dimension = "money";
    d.unit = cur->value;
  } else if (const LexiconEntry* named = unit_words.empty() && fill.noun != std::string::npos
                                             ? Lookup("currency", t.Text(fill.noun)) : nullptr) {
    d.dimension = "money";
    d.unit = named->value;
    d.noun_currency = true;
  } else if (unit_words.empty() && fill.noun != std::string::npos && CountsNoun(t, fill)) {
    d.dimension = "count";
    d.unit = t.Stem(fill.noun);
  }
  return d;
}

void ArticleExtractor::GenericClaims(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  std::string_view sent = a_.Text(a_.sentences[si].span);
  const std::vector<Fill>& fills = Fills("number", x, si, cands, dated);
  const Tokens& t = SentenceTokens(si);
  for (const Fill& fill : fills) {
    if (fill.collective) continue;  // "kedua negara": which ones, not a figure a story gives
    // "Undang-Undang Nomor 31 Tahun 1999": a number after a reference word names something; it
    // measures nothing, whatever unit follows (a bare count after one is CountsNoun's to judge:
    // "this year 40,000 migrants" counts migrants).
    if (fill.roles.spans.count("unit") && fill.first > 0 && t.IsWord(fill.first - 1) &&
        Lookup("reference_word", t.Text(fill.first - 1)))
      continue;
    auto [dimension, unit, noun_currency] = DimensionOf(t, sent, fill);
    auto u = fill.roles.spans.find("unit");
    if (dimension.empty()) continue;  // a bare number (a score, a page, an id) claims nothing
    Candidate c;
    c.layer = x.layer;
    std::string why;
    Roles roles = fill.roles;
    if (dimension == "money" || dimension == "count") roles.spans.erase("unit");  // the number alone, in `unit` below
    if (!FactFromRoles(x, si, sent, roles, c, why)) {
      Discard(x.id, si, sent.substr(t[fill.first].span.begin, t[fill.last].span.end - t[fill.first].span.begin), why);
      continue;
    }
    Fact& f = c.fact;
    f.predicate = "claim." + dimension;
    // A percentage of anything (a tariff of 150 %) is a quantity: the range check of poll shares
    // (type percent) is not for it.
    f.type = dimension == "count" ? FactType::kCount : FactType::kQuantity;
    f.unit = unit;
    f.value = FormatNumber(*f.number);
    // The value's words: the number and its unit or currency ("Rp 599.440,9 triliun"), not its bound.
    c.value = fill.roles.spans.at("number");
    if (u != fill.roles.spans.end() && dimension != "count")
      c.value = {std::min(c.value.begin, u->second.begin), std::max(c.value.end, u->second.end)};
    if (noun_currency) c.value.end = std::max(c.value.end, t[fill.noun].span.end);
    // The measured thing: up to three words before it in its clause, past link words ("sebesar",
    // "of") and function words; else the noun it counts.
    std::vector<std::string_view> measure;
    const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);
    for (size_t k = fill.first; k-- > 0 && measure.size() < 3;) {
      if (cls[k] & Engine::Impl::kBarrier) break;
      if (!t.IsWord(k)) {
        if (!measure.empty()) break;
        continue;
      }
      const std::string& w = t.Folded(k);
      if (L_.link_words.count(w) || L_.stopwords.count(w) || Lookup("bound", t.Text(k))) {
        if (!measure.empty()) break;
        continue;
      }
      if (t[k].kind == Token::Kind::kNumber) break;
      measure.push_back(t.Text(k));
    }
    std::reverse(measure.begin(), measure.end());
    std::string m;
    for (auto w : measure) (m.empty() ? m : m += ' ') += w;
    if (m.empty() && fill.noun != std::string::npos) m = std::string(t.Text(fill.noun));
    f.measure = m;
    f.subject = m;
    f.subject_key = dimension + ":" + Fold(unit);  // claims of one dimension and unit are compared
    f.context = ContextOf(si, c.value);
    f.fallback = true;
    cands.push_back(std::move(c));
  }
}

// Names: a run of two to six words that begin with a capital, past the function words, the
// weekdays and months that open it. Each name once per article (its first writing); its own
// words are those no lexicon knows (not "Menteri", "Jalan", "Kabupaten", "KPU"), which check
// `spelling` may find misspelled.
void ArticleExtractor::GenericNames(size_t xi, uint32_t si, std::vector<Candidate>& cands) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  const Tokens& t = SentenceTokens(si);
  auto frame_word = [&](size_t k) { return L_.name_frame_words.count(t.Folded(k)) > 0; };
  auto acronym = [&](size_t k) {
    const std::string_view w = t.Text(k);
    return std::none_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
  };
  // A capitalized word of letters: "Jawa Tengah7" (a footnote's number glued on) ends a name.
  auto capital = [&](size_t k) {
    if (!t.IsWord(k) || !t[k].upper) return false;
    const std::string_view w = t.Text(k);
    return std::none_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  auto day_or_month = [&](size_t k) { return Lookup("weekday", t.Text(k)) || Lookup("month", t.Text(k)); };
  size_t first_word = 0;  // the sentence's, and after each opener stripped there the next
  while (first_word < t.size() && !t.IsWord(first_word)) ++first_word;
  for (size_t i = 0; i < t.size();) {
    if (!capital(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < t.size() && capital(j + 1)) ++j;
    size_t b = i, e = j;
    // Past the words that open a sentence ("Menurut", "Namun", "Pada Senin"): only at its
    // start, since mid-sentence a capital makes "Will Greenwood" and "Said Iqbal" names; and past
    // a weekday or month that opens it, or a weekday that closes it ("Jakarta Senin"), not a
    // month ("Theresa May").
    while (b <= e && ((b == first_word && L_.name_openers.count(t.Folded(b))) || day_or_month(b))) {
      if (b == first_word) ++first_word;
      ++b;
    }
    while (e > b && Lookup("weekday", t.Text(e))) --e;
    i = j + 1;
    if (b > e || e - b + 1 < 2 || e - b + 1 > 6) continue;
    std::string name, own;
    for (size_t k = b; k <= e; ++k) {
      std::string_view w = t.Text(k);
      // "Wayne Rooney's" is Wayne Rooney.
      for (std::string_view s : {"'s", "\u2019s"})
        if (k == e && w.size() > s.size() + 1 && EndsWith(w, s)) w.remove_suffix(s.size());
      (k == b ? name : name += ' ') += w;
      if (!frame_word(k) && !acronym(k)) (own.empty() ? own : own += ' ') += w;
    }
    if (own.empty() || !names_seen_.insert(name).second) continue;
    Candidate c;
    c.layer = x.layer;
    c.name = true;
    c.value = SpanOf(t, b, e);
    Fact& f = c.fact;
    f.rule = x.id;
    f.predicate = x.predicate;
    f.type = FactType::kEntity;
    f.value = name;
    f.subject = name;
    f.subject_key = x.predicate;  // every name of the corpus in one partition: check `spelling` indexes them
    f.measure = own;
    f.evidence = c.value;
    cands.push_back(std::move(c));
  }
}

}  // namespace cc::extract
