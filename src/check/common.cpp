#include "check/common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/hash.h"
#include "core/text.h"

namespace cc::check {

bool Check::Applies(const Fact& f) const {
  if (!spec_.predicates.empty() &&
      std::find(spec_.predicates.begin(), spec_.predicates.end(), f.predicate) == spec_.predicates.end())
    return false;
  return !spec_.type || *spec_.type == f.type;
}

std::map<std::pair<std::string, std::string>, Group> GroupFacts(const std::vector<Fact>& facts,
                                                                const Check& check) {
  std::map<std::pair<std::string, std::string>, Group> groups;
  // (predicate, subject key, source when by source, article, value): one fact per article
  // and value. Views into `facts`, which outlive the set.
  std::set<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view, std::string_view>> seen;
  const bool by_source = check.spec().by_source;
  Group* last = nullptr;  // a batch is mostly one group: the last one found is tried first
  const Fact* last_fact = nullptr;
  for (const auto& f : facts) {
    if (f.subject_key.empty() || !check.Applies(f)) continue;
    std::string_view source = by_source ? std::string_view(f.source) : std::string_view();
    if (!seen.emplace(f.predicate, f.subject_key, source, f.article, f.value).second) continue;
    if (!last || f.predicate != last_fact->predicate || f.subject_key != last_fact->subject_key ||
        (by_source && f.source != last_fact->source)) {
      std::string key = by_source ? f.subject_key + "\x1f" + f.source : f.subject_key;
      last = &groups[{f.predicate, std::move(key)}];
    }
    last->push_back(&f);
    last_fact = &f;
  }
  return groups;
}

namespace {

// The interval a fact's number stands for.
std::pair<double, double> Interval(const Fact& f, double abs, double rel) {
  double v = *f.number;
  double tol = std::max(abs, rel * std::fabs(v)) / 2;
  switch (f.bound) {
    case Bound::kAtLeast: return {v - tol, INFINITY};
    case Bound::kAtMost: return {-INFINITY, v + tol};
    case Bound::kApprox: {
      double t = std::max(tol, 0.05 * std::fabs(v));
      return {v - t, v + t};
    }
    case Bound::kExact: break;
  }
  return {v - tol, v + tol};
}

}  // namespace

// The significant digits of a number ("599440.9" -> "5994409", 0.0135 -> "135").
std::string Digits(double v) {
  std::string s = fmt::format("{:.6g}", std::fabs(v));
  if (s.find('e') != std::string::npos) s = fmt::format("{:.0f}", std::fabs(v));
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  while (d.size() > 1 && d.front() == '0') d.erase(d.begin());
  while (d.size() > 1 && d.back() == '0') d.pop_back();
  return d;
}

// The power of ten two figures are apart (1 for tenfold, 3 for a thousandfold), 0 when they
// are not: the same significant digits, as far as the shorter of the two writes them
// ("12.508" and "12.508.000", "Rp 599,44 triliun" and "599.440.900.000.000.000"; not "195.3m"
// and "1.97bn", which are about tenfold but other figures).
int PowerOfTenApart(double a, double b) {
  if (a == 0 || b == 0) return 0;
  double k = std::log10(std::max(std::fabs(a), std::fabs(b)) / std::min(std::fabs(a), std::fabs(b)));
  if (k < 0.99 || std::fabs(k - std::round(k)) >= 0.005) return 0;
  const int n = static_cast<int>(std::min(Digits(a).size(), Digits(b).size()));
  auto mantissa = [n](double v) {
    std::string s = fmt::format("{:.{}e}", std::fabs(v), n - 1);
    return Digits(std::strtod(s.substr(0, s.find('e')).c_str(), nullptr));
  };
  return mantissa(a) == mantissa(b) ? static_cast<int>(std::lround(k)) : 0;
}

bool NumbersConflict(const Fact& a, const Fact& b, double abs, double rel) {
  if (!a.number || !b.number || a.unit != b.unit) return false;
  auto [alo, ahi] = Interval(a, abs, rel);
  auto [blo, bhi] = Interval(b, abs, rel);
  return ahi < blo || bhi < alo;
}

SameEvent Compare(const Fact& a, const Fact& b) {
  // A running figure given for two different moments is an update, not a contradiction.
  if (!a.as_of.empty() && !b.as_of.empty() && a.as_of != b.as_of) return SameEvent::kNo;
  // Undated, even in one article: two values an article gives for one thing are more often two
  // occasions ("met on Sunday ... a further meeting on Friday") than a slip.
  if (a.event.empty() || b.event.empty()) return a.article == b.article && a.value == b.value ? SameEvent::kSame : SameEvent::kUnresolved;
  // "2019" and "2019-04" may be one event; "2019-04" and "2019-09" are not.
  const std::string& s = a.event.size() <= b.event.size() ? a.event : b.event;
  const std::string& l = a.event.size() <= b.event.size() ? b.event : a.event;
  return StartsWith(l, s) ? SameEvent::kSame : SameEvent::kNo;
}

Severity PairSeverity(Severity base, const Fact& a, const Fact& b) {
  Severity s = base;
  // A value written with a caution (the wire's day of the report, "kemarin" in a quotation) is
  // less sure: a step lower for each of the two that carries one.
  if (!a.note.empty()) s = Lower(s);
  if (!b.note.empty()) s = Lower(s);
  if ((a.modality == Modality::kHedged) != (b.modality == Modality::kHedged)) s = Lower(s);
  else if (a.modality == Modality::kHedged && b.modality == Modality::kHedged) s = Lower(s);
  return s;
}

std::string Render(const std::string& tmpl, const Finding& f, const std::string& details) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string::npos) {
        std::string key = tmpl.substr(i + 1, close - i - 1);
        if (key == "subject") { out += f.subject; i = close; continue; }
        if (key == "predicate") { out += f.predicate; i = close; continue; }
        if (key == "values") { out += Join(f.values, ", "); i = close; continue; }
        if (key == "details") { out += details; i = close; continue; }
        if (key == "event") { out += f.event.empty() ? "unresolved" : f.event; i = close; continue; }
      }
    }
    out += tmpl[i];
  }
  return out;
}

std::string FindingId(const Finding& f) {
  std::vector<std::string> ids = f.facts;
  std::sort(ids.begin(), ids.end());
  Hasher h;
  h.Add(f.rule);
  if (!f.about.empty()) {
    h.Add(f.about);  // the group: stable when articles add values to it
  } else {
    h.Add(f.subject).Add(f.predicate).Add(f.event);
    for (const auto& id : ids) h.Add(id);
  }
  return h.Hex();
}

std::string Fingerprint(const Finding& f) {
  std::vector<std::string> ids = f.facts;
  std::sort(ids.begin(), ids.end());
  Hasher h;
  for (const auto& id : ids) h.Add(id);
  for (const auto& v : f.values) h.Add(v);
  return h.Hex();
}

Finding SingleFactFinding(const Check& check, const Fact& fact, std::vector<std::string> values,
                          const std::string& details, const std::string& fallback) {
  Finding f;
  f.rule = check.spec().id;
  f.kind = check.spec().kind;
  f.severity = check.spec().severity;
  f.subject = fact.subject;
  f.predicate = fact.predicate;
  f.event = fact.event;
  f.values = std::move(values);
  f.facts = {fact.id};
  f.message = Render(check.spec().message.empty() ? fallback : check.spec().message, f, details);
  return f;
}

void Context::Fetch(const std::string& article) const {
  if (fetched_.count(article)) return;
  std::string label, published;
  if (!lookup || !lookup(article, label, published)) label = article;
  fetched_.emplace(article, std::make_pair(std::move(label), std::move(published)));
}

const std::string& Context::Label(const std::string& article) const {
  auto it = article_label.find(article);
  if (it != article_label.end()) return it->second;
  if (!lookup) return article;
  Fetch(article);
  return fetched_.at(article).first;
}

const std::string& Context::Published(const std::string& article) const {
  static const std::string kNone;
  auto it = article_published.find(article);
  if (it != article_published.end()) return it->second;
  if (!lookup) return kNone;
  Fetch(article);
  return fetched_.at(article).second;
}

std::string UnknownPlaceNote(const Gazetteer& g, const std::string& a, const std::string& b) {
  const bool ka = g.Known(a), kb = g.Known(b);
  if (ka && kb) return {};
  if (!ka && !kb) return fmt::format("'{}' and '{}' are not in the gazetteer, so whether one lies in the other is unknown", a, b);
  return fmt::format("'{}' is not in the gazetteer, so whether it lies in '{}' is unknown", ka ? b : a, ka ? a : b);
}

std::string Notes(const Fact& f, const Context& ctx) {
  std::vector<std::string> notes = {ctx.Label(f.article)};
  if (f.date && *f.date != f.value) notes.push_back(*f.date);
  if (!f.as_of.empty()) notes.push_back("as of " + f.as_of);
  if (f.modality == Modality::kHedged) notes.push_back("hedged");
  if (!f.source.empty()) notes.push_back("according to " + f.source);
  return Join(notes, ", ");
}

std::string Describe(const Fact& f, const Context& ctx) {
  return fmt::format("{} ({})", DisplayValue(f), Notes(f, ctx));
}

}  // namespace cc::check

namespace cc::check {

namespace {

// The finding for the facts of one event (`cluster`, with the undated facts of the group),
// comparing every pair but two undated facts when `dated_only`; `group` is the whole group,
// for the note on values left out because they concern another event.
std::optional<Finding> ClusterFinding(const Check& check, const Group& cluster, const Group& group, bool dated_only,
                                      const Context& ctx, const std::function<Conflict(const Fact&, const Fact&)>& conflict,
                                      const PairJudge& judge, const std::string& note) {
  std::set<const Fact*> involved;
  Severity sev = Severity::kInfo;
  bool any = false, same_article = false, unresolved = false;
  std::string event;
  std::vector<std::string> pair_notes;  // why a pair's conflict is uncertain, each once
  for (size_t i = 0; i < cluster.size(); ++i) {
    for (size_t j = i + 1; j < cluster.size(); ++j) {
      const Fact& a = *cluster[i];
      const Fact& b = *cluster[j];
      if (dated_only && a.event.empty() && b.event.empty()) continue;
      SameEvent same = Compare(a, b);
      // A lasting property is the same whenever it is told; only a value of another event is apart.
      if (same == SameEvent::kUnresolved && check.spec().timeless) same = SameEvent::kSame;
      Conflict c = conflict(a, b);
      if (!c.conflict) continue;
      Severity s = check.spec().severity;
      if (judge) {  // the kind says which pairs are compared (a tally: by moment)
        std::optional<Severity> judged = judge(a, b, same);
        if (!judged) continue;
        s = *judged;
      } else {
        if (same == SameEvent::kNo) continue;
        s = PairSeverity(check.spec().severity, a, b);
      }
      // Values the tool cannot tie to one event may concern two: a note, never an alarm.
      if (same == SameEvent::kUnresolved) s = Severity::kInfo;
      if (c.at_most && *c.at_most < s) s = *c.at_most;
      if (!c.note.empty() && std::find(pair_notes.begin(), pair_notes.end(), c.note) == pair_notes.end())
        pair_notes.push_back(std::move(c.note));
      if (!any || s > sev) {
        sev = s;
        event = !a.event.empty() ? a.event : b.event;
        if (same == SameEvent::kSame && a.article == b.article && a.event.empty()) event = "";
      }
      any = true;
      if (a.article == b.article) same_article = true;
      if (same == SameEvent::kUnresolved) unresolved = true;
      involved.insert(&a);
      involved.insert(&b);
    }
  }
  if (!any) return std::nullopt;
  Finding f;
  f.rule = check.spec().id;
  f.kind = check.spec().kind;
  f.severity = sev;
  f.subject = group.front()->subject;
  f.predicate = group.front()->predicate;
  f.event = event;
  f.about = fmt::format("{}\x1f{}\x1f{}", f.predicate, group.front()->subject_key, event);
  // By article label, then position; each fact's label looked up once, not at every
  // comparison (a look-up hashes the article id up to three times).
  struct Keyed {
    const std::string* label;
    uint32_t begin;
    const Fact* fact;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(involved.size());
  for (const Fact* x : involved) keyed.push_back({&ctx.Label(x->article), x->span.begin, x});
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& x, const Keyed& y) {
    return std::tie(*x.label, x.begin) < std::tie(*y.label, y.begin);
  });
  std::vector<const Fact*> facts;
  facts.reserve(keyed.size());
  for (const Keyed& k : keyed) facts.push_back(k.fact);
  std::set<std::string> values;
  // One part per value, in order of first appearance: "monday (a, b) vs sunday (c)".
  std::vector<std::pair<std::string, std::vector<std::string>>> parts;
  for (const Fact* x : facts) {
    f.facts.push_back(x->id);
    values.insert(DisplayValue(*x));
    std::string value = DisplayValue(*x), notes = Notes(*x, ctx);
    auto it = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.first == value; });
    if (it == parts.end()) parts.push_back({value, {notes}});
    else it->second.push_back(notes);
  }
  f.values.assign(values.begin(), values.end());
  std::vector<std::string> rendered;
  for (const auto& [value, notes] : parts) rendered.push_back(value + " (" + Join(notes, "; ") + ")");
  std::string details = Join(rendered, " vs ");
  std::vector<std::string> notes;
  if (same_article) notes.push_back("one article gives more than one value");
  // Values of this subject and predicate left out because they concern another event.
  // At most three are named: a subject in the news for years ("earthquake") has hundreds.
  std::vector<std::string> other;
  size_t others = 0;
  for (const Fact* x : group) {
    if (involved.count(x) || x->event.empty() || x->event == f.event) continue;
    if (other.size() == 3) {  // only counted from here on: every further one costs a pass over `involved`
      ++others;
      continue;
    }
    bool apart = std::all_of(involved.begin(), involved.end(), [&](const Fact* y) { return Compare(*x, *y) == SameEvent::kNo; });
    if (apart) other.push_back(fmt::format("{} is about {}", Describe(*x, ctx), x->event));
  }
  if (others) other.push_back(fmt::format("{} more value{} of other events", others, others == 1 ? "" : "s"));
  if (!other.empty()) notes.push_back("not compared, another event: " + Join(other, "; "));
  for (const Fact* x : facts)
    if (!x->note.empty()) notes.push_back(fmt::format("{} ({}) is {}", DisplayValue(*x), ctx.Label(x->article), x->note));
  for (auto& n : pair_notes) notes.push_back(std::move(n));
  if (unresolved) notes.push_back("some values are undated, so they may concern different events");
  if (!note.empty()) notes.push_back(note);
  if (!notes.empty()) details += "; " + Join(notes, "; ");
  std::string tmpl = check.spec().message.empty() ? "{subject}: sources disagree on {predicate}: {details}"
                                                  : check.spec().message;
  f.message = Render(tmpl, f, details);
  return f;
}

}  // namespace

std::vector<Finding> PairwiseFindings(const Check& check, const Group& group, const Context& ctx,
                                      const std::function<bool(const Fact&, const Fact&)>& conflict,
                                      const PairJudge& judge, const std::string& note) {
  return PairwiseFindings(
      check, group, ctx, [&conflict](const Fact& a, const Fact& b) { return Conflict{conflict(a, b)}; }, judge, note);
}

std::vector<Finding> PairwiseFindings(const Check& check, const Group& group, const Context& ctx,
                                      const std::function<Conflict(const Fact&, const Fact&)>& conflict,
                                      const PairJudge& judge, const std::string& note) {
  // Facts of one event key together; a year-only key ("2019") joins the months of that year;
  // undated facts are compared with every event (at lower confidence) and with each other once.
  std::map<std::string, Group> events;
  Group undated;
  for (const Fact* f : group) (f->event.empty() ? undated : events[f->event]).push_back(f);
  for (auto it = events.begin(); it != events.end();) {
    bool merged = false;
    for (auto& [key, cluster] : events)
      if (key.size() > it->first.size() && StartsWith(key, it->first)) {
        cluster.insert(cluster.end(), it->second.begin(), it->second.end());
        merged = true;
      }
    it = merged ? events.erase(it) : std::next(it);
  }
  std::vector<Finding> out;
  auto add = [&](std::optional<Finding> f) {
    if (f) out.push_back(std::move(*f));
  };
  // With one event, its facts and the undated ones make one finding; with several, the undated
  // join each and are compared among themselves once more.
  const bool one = events.size() == 1;
  for (auto& [key, cluster] : events) {
    cluster.insert(cluster.end(), undated.begin(), undated.end());
    add(ClusterFinding(check, cluster, group, !one, ctx, conflict, judge, note));
  }
  if (!one && undated.size() > 1) add(ClusterFinding(check, undated, group, false, ctx, conflict, judge, note));
  return out;
}

}  // namespace cc::check
