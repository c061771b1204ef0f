// Kind `align`: claims with no hand-written predicate (generic claims, and the days of the date
// layer) are compared when the words around them say they are about the same thing. Within a
// partition (one dimension and unit: "claim.money" in rupiah), two claims of two articles whose
// events may be one are aligned when the stems around them (Fact::context) are similar: Dice's
// coefficient at least `overlap` (default 0.6), two stems shared at least, and the nearest words
// alike too. Aligned claims form groups, and a group whose values conflict is one finding:
// numbers beyond `abs`/`rel` (bounds honoured), days when they are different days. The same
// statement told twice (`strong`, default 0.8, or more) with figures that look like a slip of
// the pen is the check's severity; anything looser one step lower, as is a hedged value or a
// caution note. Numbers from articles published more than `days` (default 2) days apart are
// another occasion (the daily market report's figures), unless their sentences date them alike.
// Candidate pairs come from an index of the stems, the most common left out, so the cost grows
// with the claims, not their square.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "check/common.h"
#include "core/calendar.h"
#include "core/text.h"

namespace cc::check {
namespace {

// A claim's context as ids of its stems, sorted.
using Stems = std::vector<uint32_t>;

// How much two contexts share: Dice's coefficient, twice the shared stems over both sizes (one
// side's extra word, or a typo gluing two words, costs less than in Jaccard's).
double Similarity(const Stems& a, const Stems& b, size_t& shared) {
  shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++shared, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  size_t both = a.size() + b.size();
  return both ? 2.0 * static_cast<double>(shared) / static_cast<double>(both) : 0;
}

// How much the words next to two values agree: the shared stems over the fewer of the two (one
// article's "mampu melaju dengan kecepatan" against another's "kecepatan maksimal" agree on
// what is measured; the rest is how each sentence was built).
double NearAgreement(const Stems& a, const Stems& b, size_t& shared) {
  Similarity(a, b, shared);
  size_t fewer = std::min(a.size(), b.size());
  return fewer ? static_cast<double>(shared) / static_cast<double>(fewer) : 0;
}

// Why two figures of one statement look like a slip of the pen, "" when they do not: a scale
// word or zeros (a power of ten apart: "miliar" for "triliun", "Rp 2,4" for "Rp 2,4 juta"), one
// digit, two digits swapped, or two digits of a figure within a few percent ("35,49" for
// "35,04").
std::string Slip(double a, double b) {
  if (a == 0 || b == 0) return "";
  double hi = std::max(std::fabs(a), std::fabs(b)), lo = std::min(std::fabs(a), std::fabs(b));
  if (int k = PowerOfTenApart(a, b)) return fmt::format("{:.0f} times the other: a scale word or zeros", std::pow(10, k));
  // A digit slip keeps the figure's size, and needs digits to slip among: "3" against "4", "12"
  // against "16", "400 juta" against "1 miliar" are other figures.
  if (std::floor(std::log10(hi)) != std::floor(std::log10(lo))) return "";
  std::string x = Digits(a), y = Digits(b);
  if (x.size() != y.size() || x.size() < 2) return "";
  std::vector<size_t> diff;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i] != y[i]) diff.push_back(i);
  if (diff.size() == 1 && x.size() >= 3) return "one digit differs";
  if (diff.size() == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]) return "two digits swapped";
  if (diff.size() == 2 && (hi - lo) / hi < 0.05) return "two digits differ in figures within 5 % of each other";
  return "";
}

// Two days differ: dates written with their day and month ("Senin (20/10/2025)", "19 Oktober")
// that resolve to different days; or two months of one year ("gagal pada Februari 2023" against
// "kandas pada Maret 2023"): months of two years are two occasions more often than a slip. A
// weekday alone says too little to be compared this way.
bool DaysConflict(const Fact& a, const Fact& b) {
  auto written = [](const Fact& f) {
    return f.type == FactType::kDate && f.date && f.date->size() >= 7 && (*f.date)[0] != '-' &&
           f.anchor != "weekday" && f.anchor != "article";
  };
  if (!written(a) || !written(b)) return false;
  if (a.date->size() == 10 && b.date->size() == 10) return *a.date != *b.date;
  return a.date->size() == 7 && b.date->size() == 7 && a.date->compare(0, 4, *b.date, 0, 4) == 0 && *a.date != *b.date;
}

class Align : public Check {
 public:
  explicit Align(const CheckSpec& spec)
      : Check(spec),
        abs_(Param("abs", 0)),
        rel_(Param("rel", 0.01)),
        overlap_(Param("overlap", 0.6)),
        strong_(Param("strong", 0.8)),
        days_(Param("days", 2)) {}

  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    // Claims of one predicate and unit (the partition, in a run: its subject key says so).
    std::map<std::pair<std::string, std::string>, Group> groups;
    // A claim with no partition key (a year alone, the month of a day: resolve says which) is
    // not aligned.
    for (const auto& f : facts)
      if (Applies(f) && !f.context.empty() && !f.subject_key.empty()) groups[{f.predicate, f.unit}].push_back(&f);
    for (const auto& [key, group] : groups) {
      // Copies of one article (the same value with the same words around it) are one claim.
      // All the claims of the partition are compared in one pass, a pair only when their events
      // may be one (EventsMayMatch): each pair is looked at once, however many events there are.
      std::set<std::pair<std::string, std::string>> seen;
      Group members;
      for (const Fact* f : group)
        if (seen.emplace(f->value, f->context).second) members.push_back(f);
      Compare(members, ctx, out);
    }
    return out;
  }

 private:
  double Param(const char* k, double def) const { return spec_.params.count(k) ? spec_.params.at(k) : def; }

  bool Conflict(const Fact& a, const Fact& b) const {
    if (a.number && b.number) return NumbersConflict(a, b, abs_, rel_);
    return DaysConflict(a, b);
  }

  // A claim's event as aligning reads it: a day is compared whatever its event (its value is
  // what differs); a number by its event, "" when undated.
  static const std::string& EventOf(const Fact& f) {
    static const std::string none;
    return f.number ? f.event : none;
  }

  // Whether two claims name what they measure alike, in three words or more of which one names
  // whom or what (capitalized) and one does not ("menggorok leher Endang"): a formula without a
  // name ("penjara paling lama", for every article of a law) or a name alone ("Ibu Kota
  // Nusantara", items of a list) says too little.
  static bool SameMeasure(const Fact& a, const Fact& b) {
    const std::string& m = a.measure;
    if (m.empty() || std::count(m.begin(), m.end(), ' ') < 2 || Fold(m) != Fold(b.measure)) return false;
    bool named = false, common = false;  // by each word's first letter
    for (const std::string& word : Split(m)) (std::isupper(static_cast<unsigned char>(word[0])) ? named : common) = true;
    return named && common;
  }

  // Whether two claims' events may be one: the same, either undated, or a year-only event and
  // one of its months.
  static bool EventsMayMatch(const Fact& a, const Fact& b) {
    const std::string& x = EventOf(a);
    const std::string& y = EventOf(b);
    return x.empty() || y.empty() || x == y || StartsWith(x, y) || StartsWith(y, x);
  }

  void Compare(const Group& members, const Context& ctx, std::vector<Finding>& out) const {
    // The stems as ids (all of them, and the near ones marked "^" in the context), and an index
    // of the claims that have each.
    std::unordered_map<std::string, uint32_t> ids;
    std::vector<Stems> stems(members.size()), near(members.size());
    std::vector<std::vector<uint32_t>> having;
    for (size_t i = 0; i < members.size(); ++i) {
      const std::string& c = members[i]->context;
      for (size_t b = 0; b < c.size();) {
        size_t e = c.find(' ', b);
        if (e == std::string::npos) e = c.size();
        bool is_near = c[b] == '^';
        auto [it, fresh] = ids.emplace(c.substr(b + (is_near ? 1 : 0), e - b - (is_near ? 1 : 0)), static_cast<uint32_t>(ids.size()));
        if (fresh) having.emplace_back();
        stems[i].push_back(it->second);
        if (is_near) near[i].push_back(it->second);
        having[it->second].push_back(static_cast<uint32_t>(i));
        b = e + 1;
      }
      std::sort(stems[i].begin(), stems[i].end());
      std::sort(near[i].begin(), near[i].end());
    }
    // A list: a sentence with three claims or more of the partition ("Euis (1 KK, 2 jiwa) dan
    // Ronasih (2 KK, 4 jiwa) ..."). Its items look alike around their values, so an item of one
    // list is compared only with the item in the same place of the other's.
    std::map<std::pair<std::string, uint32_t>, std::vector<uint32_t>> sentences;
    for (uint32_t i = 0; i < members.size(); ++i) sentences[{members[i]->article, members[i]->sentence_index}].push_back(i);
    std::vector<int> rank(members.size(), -1);
    for (auto& [where, list] : sentences) {
      if (list.size() < 3) continue;
      std::sort(list.begin(), list.end(), [&](uint32_t x, uint32_t y) { return members[x]->span.begin < members[y]->span.begin; });
      for (size_t r = 0; r < list.size(); ++r) rank[list[r]] = static_cast<int>(r);
    }
    // Aligned pairs, from claims that share two stems that are not everywhere: a stem more than
    // `common` claims have says too little to pair them on, and skipping it bounds the pairs
    // looked at by `common` per stem a claim has (a whole year of news in one run).
    const size_t common = std::clamp<size_t>(members.size() / 4, 8, 48);
    // Numbers of articles published more than `days` apart are not looked at unless their
    // events are the same (one published day each).
    std::vector<long> day(members.size(), kUnknownDay);
    for (size_t i = 0; i < members.size(); ++i) day[i] = DayNumber(ctx.Published(members[i]->article));
    auto far_apart = [&](uint32_t i, uint32_t j) {
      const Fact& a = *members[i];
      const Fact& b = *members[j];
      if (!a.number || !b.number || a.article == b.article || (!a.event.empty() && a.event == b.event)) return false;
      return day[i] != kUnknownDay && day[j] != kUnknownDay && std::labs(day[i] - day[j]) > static_cast<long>(days_);
    };
    std::vector<uint32_t> parent(members.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](uint32_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    struct Pair {
      uint32_t a, b;
      double score;
      bool same_measure = false;  // both name what they measure in the same three words or more
      bool by_digits = false;     // aligned by the same significant digits, not by the words
    };
    std::vector<Pair> conflicts;
    std::vector<uint32_t> seen(members.size(), UINT32_MAX), count(members.size(), 0);
    for (uint32_t i = 0; i < members.size(); ++i) {
      std::vector<uint32_t> close;  // the claims that share a stem with claim i
      for (uint32_t s : stems[i]) {
        if (having[s].size() > common) continue;
        for (uint32_t j : having[s]) {
          if (j <= i) continue;
          if (seen[j] != i) {
            seen[j] = i, count[j] = 0;
            if (far_apart(i, j)) continue;  // counted never: stays below 2
            close.push_back(j);
          }
          ++count[j];
        }
      }
      for (uint32_t j : close) {
        if (count[j] < 2) continue;
        size_t shared = 0, near_shared = 0;
        double score = Similarity(stems[i], stems[j], shared);
        // The words next to the values must agree too: items of one list share the rest.
        double near_score = near[i].empty() && near[j].empty() ? 1 : NearAgreement(near[i], near[j], near_shared);
        if (near_score < 0.5) continue;
        if (near_score < 0.6) score = std::min(score, strong_ - 0.01);  // not the same statement
        const Fact& a = *members[i];
        const Fact& b = *members[j];
        if ((rank[i] >= 0 || rank[j] >= 0) && rank[i] != rank[j]) continue;
        if (!EventsMayMatch(a, b)) continue;
        // The same measure phrase of three words or more ("menggorok leher Endang sebanyak tiga
        // kali" against "... empat kali") is the same statement however the rest is told.
        const bool same_measure = near_score >= 0.6 && SameMeasure(a, b);
        if (same_measure) score = std::max(score, strong_);
        // Figures of three significant digits or more that look like a slip of the pen of each
        // other ("35,49 juta keluarga penerima manfaat" against "35,04 juta keluarga penerima
        // manfaat"), with three of the words next to them alike, are one figure told in two
        // sentences built differently.
        if (score < overlap_ && near_shared >= 3 && near_score >= 0.75 && a.number && b.number &&
            (a.predicate == "claim.count" || a.predicate == "claim.money") && Digits(*a.number).size() >= 3 &&
            Digits(*b.number).size() >= 3 && !Slip(*a.number, *b.number).empty() && !PowerOfTenApart(*a.number, *b.number))
          score = strong_;
        // One article's own figures for like things are a list or a story told in steps.
        if (shared < 2 || score < overlap_ || a.article == b.article) continue;
        // The day each article calls its own ("today's forecast", the day of a daily report) is
        // another occasion in an article published on another day.
        // Not so the day of one statement quoted alike in both ("q:" stems): it was made once.
        if (!a.number && a.article != b.article && OwnDay(a, ctx) && OwnDay(b, ctx) && !(Statement(a) && Statement(b))) continue;
        parent[find(i)] = find(j);
        if (Conflict(a, b)) conflicts.push_back({i, j, score, same_measure});
      }
    }
    // A figure of four significant digits or more that two articles give a power of ten apart
    // ("12.508 SPPG" against "12.508 ribu unit SPPG") is one figure whatever words surround it:
    // aligned by its digits, within the partition (one dimension and unit). Only figures kept as
    // written, counts and money: a duration or a length in its base unit has the digits of the
    // conversion ("8 minutes" is 0.133333 h).
    std::unordered_map<std::string, std::vector<uint32_t>> by_digits;
    for (uint32_t i = 0; i < members.size(); ++i)
      if (const auto& n = members[i]->number; n && *n != 0 && (members[i]->predicate == "claim.count" || members[i]->predicate == "claim.money"))
        if (std::string d = Digits(*n); d.size() >= 4) by_digits[d].push_back(i);
    for (const auto& [digits, list] : by_digits) {
      if (list.size() > common) continue;  // a figure the whole partition repeats
      for (size_t x = 0; x < list.size(); ++x)
        for (size_t y = x + 1; y < list.size(); ++y) {
          uint32_t i = list[x], j = list[y];
          const Fact& a = *members[i];
          const Fact& b = *members[j];
          if (a.article == b.article || *a.number == *b.number || far_apart(i, j) || !EventsMayMatch(a, b)) continue;
          size_t shared = 0;
          if (Similarity(stems[i], stems[j], shared) >= overlap_ && shared >= 2) continue;  // aligned above
          if (!PowerOfTenApart(*a.number, *b.number)) continue;
          parent[find(i)] = find(j);
          conflicts.push_back({i, j, overlap_, false, true});
        }
    }
    // One finding per group of aligned claims with a conflict in it.
    std::map<uint32_t, std::vector<Pair>> by_group;
    for (const Pair& p : conflicts) by_group[find(p.a)].push_back(p);
    for (const auto& [root, pairs] : by_group) {
      Severity sev = Severity::kInfo;
      double best = 0;
      std::set<uint32_t> involved;
      std::string slip, digits;
      for (const Pair& p : pairs) {
        if (p.by_digits) digits = Digits(*members[p.a]->number);
        const Fact& a = *members[p.a];
        const Fact& b = *members[p.b];
        // The check's severity for the same statement told twice with figures that look like a
        // slip of the pen; figures that differ otherwise may be another occasion (this month's
        // realisation against last month's), and a looser alignment is less sure: a step lower.
        std::string why = a.number && b.number ? Slip(*a.number, *b.number) : "";
        bool sure = p.score >= strong_ && (!a.number || !why.empty() || p.same_measure);
        // The same three significant digits or more a power of ten apart ("12.508 SPPG" against
        // "12.508 ribu unit SPPG") name one figure by themselves: a scale slip at any alignment.
        if (!sure && a.number && b.number && PowerOfTenApart(*a.number, *b.number) && Digits(*a.number).size() >= 3) sure = true;
        // A statement hedged in both ("direncanakan") is one statement; hedged in one, less sure.
        Severity s = spec_.severity;
        if (!sure) s = Lower(s);
        if ((a.modality == Modality::kHedged) != (b.modality == Modality::kHedged)) s = Lower(s);
        if (!a.note.empty() || !b.note.empty()) s = Lower(s);
        if (s > sev || (s == sev && slip.empty())) slip = why;
        sev = std::max(sev, s);
        best = std::max(best, p.score);
        involved.insert(p.a);
        involved.insert(p.b);
      }
      // The group's event: the most precise one its dated claims share, "" when they differ.
      std::string event;
      for (uint32_t i : involved) {
        const std::string& e = EventOf(*members[i]);
        if (e.empty()) continue;
        if (event.empty() || StartsWith(e, event)) event = e;
        else if (!StartsWith(event, e)) {
          event.clear();
          break;
        }
      }
      out.push_back(MakeFinding(members, involved, sev, best, slip, event, digits, ctx));
    }
  }

  Finding MakeFinding(const Group& members, const std::set<uint32_t>& involved, Severity sev, double best,
                      const std::string& slip, const std::string& event, const std::string& digits,
                      const Context& ctx) const {
    std::vector<const Fact*> facts;
    for (uint32_t i : involved) facts.push_back(members[i]);
    std::sort(facts.begin(), facts.end(), [&](const Fact* x, const Fact* y) {
      return std::tie(ctx.Label(x->article), x->span.begin) < std::tie(ctx.Label(y->article), y->span.begin);
    });
    // The stems every involved claim shares: what they were aligned on.
    std::vector<std::string> shared;
    {
      std::map<std::string, size_t> n;
      for (const Fact* f : facts) {
        std::vector<std::string> words = Split(f->context);
        for (const auto& s : std::set<std::string>(words.begin(), words.end())) ++n[s];
      }
      for (const auto& [s, k] : n)
        if (k == facts.size()) shared.push_back(s);
    }
    Finding f;
    f.rule = spec_.id;
    f.kind = spec_.kind;
    f.severity = sev;
    const Fact& first = *facts.front();
    // A statement's day reads as the statement: "Luthfi's statement (aman, investasi, sini)".
    std::vector<std::string> said, by;
    for (const auto& w : shared) {
      if (StartsWith(w, "q:")) said.push_back(w.substr(2));
      else if (StartsWith(w, "by:")) by.push_back(w.substr(3));
    }
    for (auto& b : by) std::replace(b.begin(), b.end(), '_', ' ');
    const std::string words = said.empty() ? Join(shared, " ") : fmt::format("{}statement ({})", by.empty() ? "a " : by.front() + "'s ", Join(said, ", "));
    f.subject = !first.measure.empty() ? first.measure : words;
    f.predicate = first.predicate;
    f.event = event;
    f.about = fmt::format("{}\x1f{}\x1f{}\x1f{}", f.predicate, first.subject_key, event, Join(shared, " "));
    if (!digits.empty()) f.about += "\x1f" + digits;  // a group aligned by its figure may share no words
    std::set<std::string> values;
    std::vector<std::pair<std::string, std::vector<std::string>>> parts;  // the value -> where
    std::vector<std::string> written;                                      // the value of each part as written
    for (const Fact* x : facts) {
      f.facts.push_back(x->id);
      values.insert(DisplayValue(*x));
      std::string value = DisplayValue(*x);
      auto it = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.first == value; });
      if (it == parts.end()) parts.push_back({value, {Notes(*x, ctx)}}), written.push_back(x->text == x->value ? "" : x->text);
      else it->second.push_back(Notes(*x, ctx));
    }
    f.values.assign(values.begin(), values.end());
    // Each value as the first article wrote it, with its normal form when the two differ
    // ("'$4.5bn trillion' = 4500000000000000000000 USD"): the editor reads the words.
    std::vector<std::string> rendered;
    for (size_t k = 0; k < parts.size(); ++k) {
      const auto& [value, where] = parts[k];
      std::string shown = written[k].empty() || Fold(written[k]) == Fold(value) ? fmt::format("'{}'", value)
                                                                                 : fmt::format("'{}' = {}", written[k], value);
      rendered.push_back(fmt::format("{} ({})", shown, Join(where, "; ")));
    }
    std::string how = best >= strong_ ? "the same statement in both (the words around the values agree)"
                                      : "the same words around the values";
    std::string details = said.empty() ? fmt::format("{}; aligned by {}: {}", Join(rendered, " vs "), how, Join(shared, ", "))
                                       : fmt::format("{}; the same words quoted in both: {}", Join(rendered, " vs "), Join(said, ", "));
    if (!slip.empty()) details += "; " + slip;
    std::string tmpl = spec_.message.empty() ? "{subject}: sources give different values: {details}" : spec_.message;
    f.message = Render(tmpl, f, details);
    return f;
  }

  static std::vector<std::string> Split(const std::string& s) {
    std::vector<std::string> out;
    for (size_t b = 0; b < s.size();) {
      size_t e = s.find(' ', b);
      if (e == std::string::npos) e = s.size();
      if (s[b] == '^') ++b;  // a near stem
      if (e > b) out.push_back(s.substr(b, e - b));
      b = e + 1;
    }
    return out;
  }

  // A statement's day with the words said as its context (StatementContext).
  static bool Statement(const Fact& f) { return f.context.find("q:") != std::string::npos; }

  // A date within a day of its article's published day, and that day not the other's.
  static bool OwnDay(const Fact& f, const Context& ctx) {
    if (!f.date) return false;
    long apart = DaysApart(*f.date, ctx.Published(f.article));
    return apart >= 0 && apart <= 1;
  }

  // The day number of an ISO date's day ("2025-10-20", "2025-10-20T08:00"); kUnknownDay when
  // it has none.
  static constexpr long kUnknownDay = LONG_MIN;
  static long DayNumber(const std::string& iso) { return cc::DayNumber(iso).value_or(kUnknownDay); }

  // Days between two ISO dates' days; -1 when either is unknown.
  static long DaysApart(const std::string& a, const std::string& b) {
    long da = DayNumber(a), db = DayNumber(b);
    return da == kUnknownDay || db == kUnknownDay ? -1 : std::labs(da - db);
  }

  double abs_, rel_, overlap_, strong_, days_;
};

}  // namespace

std::unique_ptr<Check> MakeAlign(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  for (const char* k : {"overlap", "strong"}) {
    auto it = spec.params.find(k);
    if (it != spec.params.end() && (it->second <= 0 || it->second > 1))
      diags.push_back({Severity::kError, "bad-value", spec.loc, fmt::format("check '{}': '{}' must be above 0 and at most 1", spec.id, k)});
  }
  return std::make_unique<Align>(spec);
}

}  // namespace cc::check
