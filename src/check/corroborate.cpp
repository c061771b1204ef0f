#include "check/corroborate.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "check/common.h"
#include "core/calendar.h"
#include "core/hash.h"
#include "core/text.h"

namespace cc::check {

void DuplicateFinder::Add(std::string_view id, std::string_view text) {
  const auto me = static_cast<uint32_t>(id_ends_.size());
  ids_.append(id);
  id_ends_.push_back(ids_.size());
  thread_local std::vector<uint64_t> mine;
  mine.clear();
  for (auto line : SplitLines(text)) {
    std::string p = Squeeze(line);
    if (std::count(p.begin(), p.end(), ' ') < 7 || FindInvalidUtf8(p)) continue;
    mine.push_back(Hasher().Add(Fold(p)).Value());
  }
  std::sort(mine.begin(), mine.end());
  mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
  paragraphs_.push_back(static_cast<uint32_t>(mine.size()));
  for (uint64_t h : mine) carriers_.push_back({static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(h), me});
}

std::map<std::string, std::string> DuplicateFinder::Copies(double threshold) const {
  std::vector<Carrier> by_paragraph = carriers_;
  std::sort(by_paragraph.begin(), by_paragraph.end(), [](const Carrier& a, const Carrier& b) {
    return std::tie(a.hash_hi, a.hash_lo, a.article) < std::tie(b.hash_hi, b.hash_lo, b.article);
  });
  // A paragraph in very many articles is a template or boilerplate ("Baca juga", a standard
  // closing line), not a sign that two articles are copies; counting its pairs would also be
  // quadratic in the corpus.
  constexpr size_t kMaxCarriers = 64;
  std::unordered_map<uint64_t, uint32_t> shared;  // (article, later article) -> paragraphs in common
  for (size_t b = 0, e = 0; b < by_paragraph.size(); b = e) {
    for (e = b + 1; e < by_paragraph.size() && by_paragraph[e].hash_hi == by_paragraph[b].hash_hi &&
                    by_paragraph[e].hash_lo == by_paragraph[b].hash_lo;
         ++e) {
    }
    if (e - b > kMaxCarriers) continue;
    for (size_t i = b; i < e; ++i)
      for (size_t j = i + 1; j < e; ++j) ++shared[uint64_t{by_paragraph[i].article} << 32 | by_paragraph[j].article];
  }
  std::vector<uint32_t> parent(id_ends_.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& [pair, n] : shared) {
    auto x = static_cast<uint32_t>(pair >> 32), y = static_cast<uint32_t>(pair);
    size_t smaller = std::min(paragraphs_[x], paragraphs_[y]);
    if (smaller > 0 && static_cast<double>(n) >= threshold * static_cast<double>(smaller)) {
      uint32_t a = find(x), b = find(y);
      if (a == b) continue;
      if (Id(b) < Id(a)) std::swap(a, b);  // a group's root is its smallest id
      parent[b] = a;
    }
  }
  std::map<std::string, std::string> out;
  for (uint32_t i = 0; i < parent.size(); ++i)
    if (uint32_t root = find(i); root != i) out.emplace(Id(i), Id(root));
  return out;
}

std::map<std::string, std::string> DuplicateGroups(const std::map<std::string, std::string>& texts, double threshold) {
  DuplicateFinder finder;
  for (const auto& [id, text] : texts) finder.Add(id, text);
  auto copies = finder.Copies(threshold);
  std::map<std::string, std::string> out;
  for (const auto& [id, text] : texts) {
    auto it = copies.find(id);
    out.emplace(id, it == copies.end() ? id : it->second);
  }
  return out;
}

namespace {

// Facts that are no claim of a subject to corroborate: the date layer's days, published dates,
// generic claims (compared by `align`, by the words around them), the generic names (compared
// by `spelling`), the members of an article's breakdowns (summed by `breakdown`) and facts
// without a subject.
bool Generic(const Fact& f) {
  return f.predicate == "mentions_date" || f.predicate == "published_date" || StartsWith(f.predicate, "claim.") ||
         f.predicate == "name" || f.predicate == "breakdown" || f.subject_key.empty();
}

std::string Strength(const Claim::Support& s) {
  std::vector<std::string> parts;
  if (s.asserted) parts.push_back(fmt::format("{} asserted", s.asserted));
  if (s.reported) parts.push_back(fmt::format("{} reported", s.reported));
  if (s.hedged) parts.push_back(fmt::format("{} hedged", s.hedged));
  return Join(parts, ", ");
}

}  // namespace

std::vector<Claim> Corroborate(const std::vector<Fact>& facts, const std::map<std::string, std::string>& group,
                               const Context& ctx) {
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Fact*>> groups;
  for (const auto& f : facts)
    if (!Generic(f)) groups[{f.predicate, f.subject_key, f.event}].push_back(&f);
  // Undated facts of a subject and predicate with one event only are about that event (as the
  // checks take them: check/common.cpp, PairwiseFindings).
  for (auto it = groups.begin(); it != groups.end();) {
    const auto& [predicate, subject, event] = it->first;
    if (!event.empty()) {
      ++it;
      continue;
    }
    auto next = std::next(it);
    std::vector<decltype(it)> events;
    for (auto o = next; o != groups.end() && std::get<0>(o->first) == predicate && std::get<1>(o->first) == subject; ++o)
      events.push_back(o);
    if (events.size() != 1) {
      it = next;
      continue;
    }
    events.front()->second.insert(events.front()->second.end(), it->second.begin(), it->second.end());
    it = groups.erase(it);
  }
  std::vector<Claim> out;
  for (const auto& [key, list] : groups) {
    Claim c;
    c.predicate = std::get<0>(key);
    c.subject = list.front()->subject;
    c.event = std::get<2>(key);
    std::map<std::string, Claim::Support> by_value;
    std::map<std::string, std::set<std::string>> seen_groups;
    for (const Fact* f : list) {
      std::string v = DisplayValue(*f);
      auto& s = by_value[v];
      s.value = v;
      if (std::find(s.articles.begin(), s.articles.end(), f->article) != s.articles.end()) continue;  // once per article
      s.articles.push_back(f->article);
      s.facts.push_back(f->id);
      auto g = group.find(f->article);
      seen_groups[v].insert(g == group.end() ? f->article : g->second);
      (f->modality == Modality::kHedged ? s.hedged : f->modality == Modality::kReported ? s.reported : s.asserted) += 1;
      if (!f->source.empty() && std::find(s.sources.begin(), s.sources.end(), f->source) == s.sources.end())
        s.sources.push_back(f->source);
    }
    for (auto& [v, s] : by_value) {
      s.independent = seen_groups[v].size();
      std::sort(s.sources.begin(), s.sources.end());
      c.values.push_back(std::move(s));
    }
    // Ranking: independent articles, then firm (asserted or reported) over hedged, then value.
    std::sort(c.values.begin(), c.values.end(), [](const Claim::Support& a, const Claim::Support& b) {
      return std::make_tuple(-static_cast<long>(a.independent), -static_cast<long>(a.asserted + a.reported), a.value) <
             std::make_tuple(-static_cast<long>(b.independent), -static_cast<long>(b.asserted + b.reported), b.value);
    });
    std::vector<std::string> parts;
    for (const auto& s : c.values) {
      std::vector<std::string> who;
      for (const auto& a : s.articles) who.push_back(ctx.Label(a));
      size_t copies = s.articles.size() - s.independent;
      parts.push_back(fmt::format("{}: {} independent article{}{} ({}; {}{})", s.value, s.independent,
                                  s.independent == 1 ? "" : "s", copies ? fmt::format(", {} more that copy them", copies) : "",
                                  Join(who, ", "), Strength(s),
                                  s.sources.empty() ? "" : "; according to " + Join(s.sources, ", ")));
    }
    c.summary = Join(parts, "; ");
    // Places: a value inside another one supports it ("Pier 33" is in Vladivostok).
    if (ctx.gazetteer && list.front()->type == FactType::kPlace) {
      for (size_t i = 0; i < c.values.size(); ++i)
        for (size_t j = 0; j < c.values.size(); ++j)
          if (i != j && c.values[i].value != c.values[j].value && ctx.gazetteer->Within(c.values[i].value, c.values[j].value) &&
              std::none_of(c.values.begin(), c.values.end(), [&](const Claim::Support& k) {  // the nearest only
                return k.value != c.values[i].value && k.value != c.values[j].value &&
                       ctx.gazetteer->Within(c.values[i].value, k.value) && ctx.gazetteer->Within(k.value, c.values[j].value);
              }))
            c.notes.push_back(fmt::format("{} lies in {}: they agree", c.values[i].value, c.values[j].value));
      // A place the gazetteer does not know may lie in the others or not: the agree check's note.
      for (size_t i = 0; i < c.values.size(); ++i)
        for (size_t j = i + 1; j < c.values.size(); ++j)
          if (auto note = UnknownPlaceNote(*ctx.gazetteer, c.values[i].value, c.values[j].value); !note.empty())
            c.notes.push_back(std::move(note));
    }
    if (c.values.size() > 1) {
      const auto& a = c.values[0];
      const auto& b = c.values[1];
      if (a.independent > b.independent)
        c.summary += fmt::format(". {} has the most independent support", a.value);
      else if (a.asserted + a.reported > b.asserted + b.reported)
        c.summary += fmt::format(". {} and {} have equal support; {} is stated more firmly", a.value, b.value, a.value);
      else
        c.summary += ". No value has more support than the others";
    }
    out.push_back(std::move(c));
  }
  NoteEventEnds(out, facts, ctx);
  return out;
}

void NoteEventEnds(std::vector<Claim>& claims, const std::vector<Fact>& facts, const Context& ctx) {
  for (auto& c : claims) {
    if (c.predicate != "event_period") continue;
    for (const auto& f : facts) {
      if (f.predicate != "event_end_day" || f.subject != c.subject || !f.date || f.anchor != "period") continue;
      auto d = ParseIso(*f.date);
      auto wd = WeekdayIndex(f.value);
      if (!d || !wd || !d->year || Weekday(d->year, d->month, d->day) != *wd) continue;
      c.notes.push_back(fmt::format("it ends on {}, a {}, as {} says (\"{}\")", *f.date, f.value, ctx.Label(f.article), f.text));
    }
  }
}

}  // namespace cc::check
