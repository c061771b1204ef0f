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

bool ArticleExtractor::FactFromRoles(const ExtractorSpec& x, uint32_t si, std::string_view sent, const Roles& roles,
                                     Candidate& c, std::string& why) {
  std::map<std::string, std::string_view> text;
  std::map<std::string, Span> span = roles.spans;
  for (const auto& [role, s] : span) text[role] = sent.substr(s.begin, s.size());
  c.roles = roles;
  Fact& f = c.fact;
  f.rule = x.id;
  f.predicate = x.predicate;
  f.type = x.type;
  f.fallback = x.fallback;
  f.unit = x.unit;
  // Lexicon-backed roles, with their negative cues.
  std::map<std::string, const LexiconEntry*> entry;
  for (const LexiconRole& r : kLexiconRoles) {
    auto it = text.find(r.role);
    if (it == text.end()) continue;
    const LexiconEntry* e = Lookup(r.lexicon, it->second);
    if (!e && r.within) e = LookupWithin(r.lexicon, it->second);
    if (e && Rejected(e, sent, span[r.role], why)) return false;
    entry[r.role] = e;
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
  if (x.type == FactType::kWeekday && !entry["weekday"] && entry["relative"]) {
    // "kemarin", "yesterday": a day counted from publication; resolve turns it into a weekday
    // (or drops it when the article has no date).
    f.day_offset = std::atoi(entry["relative"]->value.c_str());
    value = span["relative"];
    // Inside a quotation it counts from when the words were said, which may be days before the
    // article was published (NEWS-CONVENTIONS.md).
    std::string_view before = sent.substr(0, value.begin);
    if (std::count(before.begin(), before.end(), '"') % 2 == 1)
      f.note = "said in a quotation: it counts from when the words were said, which may not be the day published";
  } else if (x.type == FactType::kWeekday) {
    if (!entry["weekday"]) return why = "weekday word not in the weekday lexicon", false;
    f.value = entry["weekday"]->value;
    f.weekday = f.value;
    c.weekday = span["weekday"];
    value = span["weekday"];
    PartialDate d;
    if (text.count("day") && date_of("day", "month", "year", d)) f.date = ToIso(d), f.anchor = "explicit";
  } else if (x.type == FactType::kDate || x.type == FactType::kDateRange) {
    PartialDate d;
    if (!date_of("day", "month", "year", d)) return why = "invalid date", false;
    if (x.type == FactType::kDateRange) {
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
  } else if (x.type == FactType::kYear && entry["relative_year"]) {
    // "tahun lalu", "last year": a year counted from publication (resolve turns it into one).
    f.year_offset = std::atoi(entry["relative_year"]->value.c_str());
    value = span["relative_year"];
  } else if (x.type == FactType::kYear) {
    if (!text.count("year")) return why = "no year", false;
    f.value = std::string(text["year"]);
    f.date = f.value;
    f.anchor = "explicit";
    value = span["year"];
  } else if (x.type == FactType::kQuantity || x.type == FactType::kPercent || x.type == FactType::kCount) {
    std::optional<double> n = roles.number;
    if (!n) {
      if (!text.count("number")) return why = "no number", false;
      n = ParseNumber(text["number"], L_.numbers);
      if (!n) return why = fmt::format("'{}' is not a number", text["number"]), false;
    }
    double factor = 1;
    if (entry.count("unit") && entry["unit"]) {
      f.unit = entry["unit"]->value;
      factor = entry["unit"]->factor;
    } else if (text.count("unit")) {
      f.unit = Key(text["unit"]);
    }
    if (x.type == FactType::kPercent) f.unit = "%";
    f.number = *n * factor;
    f.value = FormatNumber(*f.number);
    value = Union(span, {"number", "unit"});
  } else if (x.type == FactType::kPlace) {
    if (!text.count("place")) return why = "no place", false;
    auto p = e_.gazetteer().Find(text["place"]);
    f.value = p ? p->canonical : Squeeze(text["place"]);
    value = span["place"];
  } else if (x.type == FactType::kTransport) {
    if (!entry["transport"]) return why = "transport word not in the transport lexicon", false;
    f.value = entry["transport"]->value;
    value = span["transport"];
  } else if (x.type == FactType::kEntity) {
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
  if (!roles.subject.empty()) {
    f.subject = roles.subject;
  } else if (!x.subject.empty() && x.subject_from.empty()) {
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
    if (auto named = PackName(s)) p = named;
    else if (auto r = ResolvePerson(s, si, true)) p = r->name;
    if (!p) {
      auto g = e_.gazetteer().Find(s);
      if (g) p = g->canonical;
    }
    if (p && text.count("subject2")) {
      std::string second = Squeeze(text["subject2"]);
      if (auto g2 = e_.gazetteer().Find(text["subject2"])) second = g2->canonical;
      else if (auto r2 = ResolvePerson(text["subject2"], si, true)) second = r2->name;
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
      else if (how == "article") p = Principal();
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
  // Modality: a hedge cue before the value (or a frame's trigger, when it comes later: "100,000
  // are believed to have been killed"); an attribution anywhere in the sentence.
  if (L_.hedge) {
    re2::StringPiece before(sent.data(), std::max(value.end, roles.trigger.end));
    if (RE2::PartialMatch(before, *L_.hedge)) f.modality = Modality::kHedged;
  }
  if (text.count("source")) {
    f.source = CanonicalName(text["source"]).value_or(Squeeze(text["source"]));
  } else {
    f.source = SentenceSource(si);
  }
  if (!f.source.empty() && f.modality == Modality::kAsserted) f.modality = Modality::kReported;
  // "sebelumnya", "last year", "the previous summit": the sentence speaks of an earlier occasion.
  if (!f.date && !f.weekday && x.type != FactType::kYear && LookupWithin("earlier_occasion", sent)) f.occasion = "earlier";
  if (f.type == FactType::kWeekday && ReportDay(sent, c.value))
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

}  // namespace cc::extract
