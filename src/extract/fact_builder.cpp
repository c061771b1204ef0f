// Where a fact is made from a regex match: each named group's role (weekday, day, month,
// number, unit, place, subject, ...) becomes a field of the Fact, through lexicon look-ups,
// number parsing and dates; then the subject (the group, else the extractor's fallbacks), the
// modality (hedge cues) and the source (attribution patterns).
#include <fmt/format.h>

#include <algorithm>

#include "core/calendar.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/first_match.h"
#include "extract/stemmer.h"
#include "extract/tokens.h"

namespace cc::extract {

namespace {

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


}  // namespace

bool ArticleExtractor::BuildFact(const ExtractorSpec& x, size_t xi, uint32_t si, std::string_view sent,
                                 const std::vector<re2::StringPiece>& groups, Candidate& c, std::string& why) {
  Roles roles;
  for (const auto& [role, index] : impl_.roles[xi]) {
    const auto& g = groups[static_cast<size_t>(index)];
    if (g.data() == nullptr) continue;
    auto b = static_cast<uint32_t>(g.data() - sent.data());
    roles.Set(role, {b, b + static_cast<uint32_t>(g.size())});
  }
  return FactFromRoles(x, si, sent, roles, c, why);
}

namespace {

// Roles whose words are a lexicon's form: the lexicon, and whether a form inside the words will
// do ("pukul 4 sore" is the time of day "sore").
struct LexiconRole {
  const char* role;
  const char* lexicon;
  bool within;
};
constexpr LexiconRole kLexiconRoles[] = {
    {"weekday", "weekday", false},  {"month", "month", false},          {"month_end", "month", false},
    {"unit", "unit", false},        {"bound", "bound", false},          {"transport", "transport", false},
    {"time", "time_of_day", true},  {"qualifier", "transport_qualifier", false},
    {"as_of", "time_of_day", true}, {"relative", "relative_day", false}, {"relative_year", "relative_year", false},
};

}  // namespace

// The words of a candidate's roles, and the lexicon entry of each role that is a lexicon's form.
struct ArticleExtractor::RoleWords {
  std::map<std::string, std::string_view> text;
  std::map<std::string, Span> span;
  std::map<std::string, const LexiconEntry*> entry;
  bool Has(const std::string& role) const { return text.count(role) > 0; }
  std::string_view Text(const std::string& role) const {
    auto it = text.find(role);
    return it == text.end() ? std::string_view() : it->second;
  }
  Span Where(const std::string& role) const {
    auto it = span.find(role);
    return it == span.end() ? Span{} : it->second;
  }
  const LexiconEntry* Entry(const std::string& role) const {
    auto it = entry.find(role);
    return it == entry.end() ? nullptr : it->second;
  }
};

bool ArticleExtractor::FactFromRoles(const ExtractorSpec& x, uint32_t si, std::string_view sent, const Roles& roles,
                                     Candidate& c, std::string& why) {
  RoleWords w;
  w.span = roles.spans;
  for (const auto& [role, s] : w.span) w.text[role] = sent.substr(s.begin, s.size());
  // Lexicon-backed roles, with their negative cues.
  for (const LexiconRole& r : kLexiconRoles) {
    if (!w.Has(r.role)) continue;
    const LexiconEntry* e = Lookup(r.lexicon, w.Text(r.role));
    if (!e && r.within) e = LookupWithin(r.lexicon, w.Text(r.role));
    if (e && Rejected(e, sent, w.Where(r.role), why)) return false;
    w.entry[r.role] = e;
  }
  c.roles = roles;
  Fact& f = c.fact;
  f.rule = x.id;
  f.predicate = x.predicate;
  f.type = x.type;
  f.fallback = x.fallback;
  f.unit = x.unit;
  Span value;
  if (!ReadValue(x, sent, w, roles, c, value, why)) return false;
  if (w.Has("span")) value = w.Where("span");
  // "Rabu (24 April)": close the parenthesis the date opened.
  if (value.end < sent.size() && sent[value.end] == ')') {
    std::string_view v = sent.substr(value.begin, value.size());
    if (std::count(v.begin(), v.end(), '(') > std::count(v.begin(), v.end(), ')')) ++value.end;
  }
  if (value.size() == 0) return why = "empty value", false;
  c.value = value;
  ReadQualifiers(w, f);
  if (!ReadSubject(x, si, w, roles, f, why)) return false;
  ReadModality(si, sent, w, std::max(value.end, roles.trigger.end), f);
  // "sebelumnya", "last year", "the previous summit": the sentence speaks of an earlier occasion.
  if (!f.date && !f.weekday && x.type != FactType::kYear && EarlierOccasion(si)) f.occasion = "earlier";
  if (f.type == FactType::kWeekday && ReportDay(sent, c.value))
    f.note = "written as wire copy writes the day of the report (set off by commas, or after 'said'), which may not be the day of the event";
  return true;
}

// A share written in words, as a percentage: a `fraction` lexicon form ("two-thirds",
// "sepertiga": its value), or one count out of another ("eight out of 10", "one in three",
// "tiga dari 10": 80, 33.3, 30; the words between from lexicon `ratio_word`).
std::optional<double> ArticleExtractor::ParseShare(std::string_view text) const {
  text = Trim(text);
  if (const LexiconEntry* e = Lookup("fraction", text)) return std::atof(e->value.c_str());
  std::string folded = Key(text);
  for (const std::string& word : L_.ratio_words) {
    std::string sep = " " + word + " ";
    size_t at = folded.find(sep);
    if (at == std::string::npos) continue;
    auto a = ParseNumber(std::string_view(folded).substr(0, at), L_.numbers);
    auto b = ParseNumber(std::string_view(folded).substr(at + sep.size()), L_.numbers);
    if (a && b && *b > 0 && *a <= *b) return std::round(1000.0 * *a / *b) / 10.0;
  }
  return std::nullopt;
}

// The value by the extractor's type: a weekday, a date or a range of them, a year, a number in
// its unit, a place, a means of transport, a name. `value` gets the words it was read from.
bool ArticleExtractor::ReadValue(const ExtractorSpec& x, std::string_view sent, const RoleWords& w, const Roles& roles,
                                 Candidate& c, Span& value, std::string& why) const {
  Fact& f = c.fact;
  // A date from the day, month and year roles named.
  auto date_of = [&](const char* d, const char* m, const char* y, PartialDate& out) -> bool {
    if (w.Has(d)) out.day = std::atoi(std::string(w.Text(d)).c_str());
    if (w.Has(m)) {
      if (const LexiconEntry* e = w.Entry(m)) out.month = std::atoi(e->value.c_str());
      else out.month = std::atoi(std::string(w.Text(m)).c_str());
    }
    if (w.Has(y)) {
      out.year = std::atoi(std::string(w.Text(y)).c_str());
      if (out.year < 100) out.year += 2000;
    }
    return IsValid(out);
  };
  switch (x.type) {
    case FactType::kWeekday:
      if (!w.Entry("weekday") && w.Entry("relative")) {
        // "kemarin", "yesterday": a day counted from publication; resolve turns it into a
        // weekday (or drops it when the article has no date). Inside a quotation it counts from
        // when the words were said, which may be days before publication (NEWS-CONVENTIONS.md).
        f.day_offset = std::atoi(w.Entry("relative")->value.c_str());
        value = w.Where("relative");
        std::string_view before = sent.substr(0, value.begin);
        if (std::count(before.begin(), before.end(), '"') % 2 == 1)
          f.note = "said in a quotation: it counts from when the words were said, which may not be the day published";
        return true;
      } else {
        if (!w.Entry("weekday")) {
          // "berangkat ... pada tanggal 9 Juli 2025", "leave for New Zealand on 24 May": a date
          // with no weekday written. resolve gives it its year and then its weekday, or drops it.
          PartialDate d;
          if (w.Has("weekday") || !w.Has("day") || !date_of("day", "month", "year", d) || !d.month)
            return why = "weekday word not in the weekday lexicon", false;
          f.date = ToIso(d), f.anchor = "explicit";
          value = w.Where("day");
          if (w.Has("year")) value.end = std::max(value.end, w.Where("year").end);
          if (w.Has("month")) value.end = std::max(value.end, w.Where("month").end), value.begin = std::min(value.begin, w.Where("month").begin);
          return true;
        }
        f.value = w.Entry("weekday")->value;
        f.weekday = f.value;
        c.weekday = w.Where("weekday");
        value = w.Where("weekday");
        PartialDate d;
        if (w.Has("day") && date_of("day", "month", "year", d)) f.date = ToIso(d), f.anchor = "explicit";
        return true;
      }
    case FactType::kDate:
    case FactType::kDateRange: {
      PartialDate d;
      if (!date_of("day", "month", "year", d)) return why = "invalid date", false;
      if (x.type == FactType::kDateRange) {
        PartialDate end = d;
        end.day = 0;
        if (w.Has("month_end")) end.month = 0;
        if (w.Has("year_end")) end.year = 0;
        if (!date_of("day_end", w.Has("month_end") ? "month_end" : "month", w.Has("year_end") ? "year_end" : "year", end))
          return why = "invalid end date", false;
        // "28 Desember hingga 5 Januari 2024": the year written once, at the end.
        if (!d.year && end.year) d.year = end.year - (d.month > end.month ? 1 : 0);
        // "conducted during November": one month is no range.
        const std::string first = ToIso(d), last = ToIso(end);
        f.value = first == last && !d.day ? first : first + "/" + last;
        value = Union(w.span, {"weekday", "day", "month", "year", "day_end", "month_end", "year_end"});
      } else {
        f.value = ToIso(d);
        value = Union(w.span, {"weekday", "day", "month", "year"});
      }
      f.date = f.value;
      f.anchor = "explicit";
      if (const LexiconEntry* wd = w.Entry("weekday")) {
        f.weekday = wd->value;
        c.weekday = w.Where("weekday");
      }
      return true;
    }
    case FactType::kYear:
      if (const LexiconEntry* ry = w.Entry("relative_year")) {
        // "tahun lalu", "last year": a year counted from publication (resolve turns it into one).
        f.year_offset = std::atoi(ry->value.c_str());
        value = w.Where("relative_year");
        return true;
      }
      if (!w.Has("year")) return why = "no year", false;
      f.value = std::string(w.Text("year"));
      f.date = f.value;
      f.anchor = "explicit";
      value = w.Where("year");
      return true;
    case FactType::kQuantity:
    case FactType::kPercent:
    case FactType::kCount: {
      std::optional<double> n = roles.number;
      if (!n) {
        if (!w.Has("number")) return why = "no number", false;
        n = ParseNumber(w.Text("number"), L_.numbers);
        if (!n && x.type == FactType::kPercent) n = ParseShare(w.Text("number"));
        if (!n) return why = fmt::format("'{}' is not a number", w.Text("number")), false;
      }
      double factor = 1;
      if (const LexiconEntry* u = w.Entry("unit")) {
        f.unit = u->value;
        factor = u->factor;
      } else if (w.Has("unit")) {
        f.unit = Key(w.Text("unit"));
      }
      if (x.type == FactType::kPercent) f.unit = "%";
      f.number = *n * factor;
      f.value = FormatNumber(*f.number);
      value = Union(w.span, {"number", "unit"});
      return true;
    }
    case FactType::kPlace: {
      if (!w.Has("place")) return why = "no place", false;
      auto p = e_.gazetteer().Find(w.Text("place"));
      f.value = p ? p->canonical : Squeeze(w.Text("place"));
      value = w.Where("place");
      return true;
    }
    case FactType::kTransport:
      if (!w.Entry("transport")) return why = "transport word not in the transport lexicon", false;
      f.value = w.Entry("transport")->value;
      value = w.Where("transport");
      return true;
    case FactType::kTime: {
      // "pukul 10.00 WIB", "at 6pm", "pukul 4 sore", "midnight": the clock time of the `time` role.
      if (!w.Has("time")) return why = "no time", false;
      const LexiconEntry* part = w.Entry("time");
      auto clock = ParseClock(w.Text("time"), part ? std::string_view(part->value) : "");
      if (!clock) return why = fmt::format("'{}' is not a clock time", w.Text("time")), false;
      f.value = *clock;
      value = w.Where("time");
      return true;
    }
    case FactType::kEntity: {
      const char* role = w.Has("value") ? "value" : "subject";
      if (!w.Has(role)) return why = "no value", false;
      f.value = CanonicalName(w.Text(role)).value_or(Squeeze(w.Text(role)));
      value = w.Where(role);
      return true;
    }
  }
  return why = "unknown type", false;
}

// What is kept with the value (the part of day, the kind of train), the moment of a running
// figure and its bound ("at least", "about").
void ArticleExtractor::ReadQualifiers(const RoleWords& w, Fact& f) const {
  std::vector<std::string> quals;
  if (const LexiconEntry* t = w.Entry("time")) quals.push_back(t->value);
  if (w.Has("qualifier")) quals.push_back(w.Entry("qualifier") ? w.Entry("qualifier")->value : Key(w.Text("qualifier")));
  f.qualifier = Join(quals, " ");
  if (w.Has("as_of")) {
    const LexiconEntry* part = w.Entry("as_of");
    auto clock = ParseClock(w.Text("as_of"), part ? std::string_view(part->value) : "");
    f.as_of = clock ? *clock : part ? part->value : Key(w.Text("as_of"));
  }
  if (const LexiconEntry* b = w.Entry("bound")) f.bound = ParseBound(b->value);
}

// Who or what the fact is about: resolved already (a meeting's parties), the extractor's fixed
// subject, a measure phrase, the subject role's name (and a second party's), else the
// extractor's fallbacks in order. False (and why) when a subject is needed and none is found.
bool ArticleExtractor::ReadSubject(const ExtractorSpec& x, uint32_t si, const RoleWords& w, const Roles& roles, Fact& f,
                                   std::string& why) {
  if (!roles.subject.empty()) {
    f.subject = roles.subject;
  } else if (!x.subject.empty() && x.subject_from.empty()) {
    f.subject = x.subject;
  } else if (w.Has("measure")) {
    f.subject = Key(w.Text("measure"));
    std::vector<std::string> stems;
    for (size_t start = 0; start < f.subject.size();) {
      size_t sp = f.subject.find(' ', start);
      std::string word = f.subject.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!L_.stopwords.count(word) && !L_.link_words.count(word) && !Lookup("bound", word)) stems.push_back(Stem(word, a_.lang));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    // "sebesar 45 persen", "approx 40%": a subject is never a function word alone.
    if (stems.empty()) return why = fmt::format("the measured thing '{}' is only function words", f.subject), false;
    f.subject_key = Join(stems, " ");
  } else if (w.Has("subject")) {
    std::string_view s = w.Text("subject");
    std::optional<std::string> p;
    // A name from one of the pack's own lexicons (a named event, a pollster) is taken as is;
    // else a person (with titles and coreference), else a place or organization.
    if (auto named = PackName(s)) p = named;
    else if (auto r = ResolvePerson(s, si, true)) p = r->name;
    if (!p)
      if (auto g = e_.gazetteer().Find(s)) p = g->canonical;
    if (p && w.Has("subject2")) {
      std::string_view s2 = w.Text("subject2");
      std::string second = Squeeze(s2);
      if (auto g2 = e_.gazetteer().Find(s2)) second = g2->canonical;
      else if (auto r2 = ResolvePerson(s2, si, true)) second = r2->name;
      std::vector<std::string> two = {*p, second};
      std::sort(two.begin(), two.end());
      p = two[0] + "–" + two[1];
    }
    if (p) f.subject = *p;
  }
  if (f.subject.empty()) {
    for (const auto& how : x.subject_from) {
      std::optional<std::string> p;
      if (how == "sentence") p = SentencePerson(si);
      else if (how == "article") {
        p = Principal();
        if (!p) p = PronounPerson(si);
      }
      else if (how == "pair") p = CountryPair();
      else if (how == "parties") p = Parties();
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
  return true;
}

// Modality and source: a hedge cue before `upto` (the value's end, or a frame's trigger's when it
// comes later: "100,000 are believed to have been killed") makes it hedged; the source role, else
// an attribution anywhere in the sentence, makes it reported.
void ArticleExtractor::ReadModality(uint32_t si, std::string_view sent, const RoleWords& w, uint32_t upto, Fact& f) {
  (void)sent;
  if (HedgeEnd(si) <= upto) {
    f.modality = Modality::kHedged;
    f.done_hedged = PerfectAfterHedge(si);
  }
  f.source = w.Has("source") ? CanonicalName(w.Text("source")).value_or(Squeeze(w.Text("source"))) : SentenceSource(si);
  if (!f.source.empty() && f.modality == Modality::kAsserted) f.modality = Modality::kReported;
}

uint32_t ArticleExtractor::HedgeEnd(uint32_t si) {
  if (hedge_end_.empty()) hedge_end_.resize(a_.sentences.size());
  auto& slot = hedge_end_[si];
  if (slot) return *slot;
  slot = UINT32_MAX;
  if (!L_.hedge) return *slot;
  // The earliest end of any cue: one search from each cue's start on (cues are rare).
  std::string_view sent = a_.Text(a_.sentences[si].span);
  re2::StringPiece m;
  for (size_t from = 0; from < sent.size() && L_.hedge->Match(sent, from, sent.size(), RE2::UNANCHORED, &m, 1);) {
    auto begin = static_cast<size_t>(m.data() - sent.data());
    *slot = std::min(*slot, static_cast<uint32_t>(begin + m.size()));
    from = begin + 1;
  }
  return *slot;
}

// Whether one of the two words after the sentence's hedge is a perfect auxiliary (lexicon
// `perfect_marker`: "diduga telah", "believed to have"): the hedged claim is about the past.
bool ArticleExtractor::PerfectAfterHedge(uint32_t si) {
  const uint32_t end = HedgeEnd(si);
  const Tokens& t = SentenceTokens(si);
  size_t words = 0;
  for (size_t i = 0; i < t.size() && words < 2; ++i) {
    if (t[i].span.begin < end || !t.IsWord(i)) continue;
    ++words;
    if (Lookup("perfect_marker", t.Text(i))) return true;
  }
  return false;
}

bool ArticleExtractor::EarlierOccasion(uint32_t si) {
  if (earlier_.empty()) earlier_.assign(a_.sentences.size(), -1);
  if (earlier_[si] < 0) earlier_[si] = FormInSentence("earlier_occasion", si) ? 1 : 0;
  return earlier_[si] == 1;
}

// A form of the lexicon as whole words of sentence `si`, looked up only where a form's first
// word stands (the sentence's tokens are folded once, for the frames too).
bool ArticleExtractor::FormInSentence(std::string_view lexicon, uint32_t si) {
  const size_t most = WordsIn(lexicon);
  if (!most) return false;
  const Tokens& t = SentenceTokens(si);
  thread_local std::string key;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t.IsWord(i)) continue;
    FormKey(lexicon, t.Folded(i), key);
    if (!L_.first_words.count(key)) continue;
    for (size_t n = 1; n <= most && i + n <= t.size(); ++n) {
      std::string_view words = t.sentence().substr(t[i].span.begin, t[i + n - 1].span.end - t[i].span.begin);
      if (Lookup(lexicon, words)) return true;
      // "last year's peak": the possessive is not part of the form.
      if (EndsWith(words, "'s") && Lookup(lexicon, words.substr(0, words.size() - 2))) return true;
    }
  }
  return false;
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

}  // namespace cc::extract
