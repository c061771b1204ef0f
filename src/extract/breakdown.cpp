// Where a breakdown is read: a whole and its parts, or a count, an amount each and their total,
// written out in one sentence or run on into the next:
//   "113 orang, terdiri atas 29 warga sipil dan 84 polisi"        whole, parts (part_word "all")
//   "12 people died, including 4 children and 3 police officers"  whole, parts (part_word "some")
//   "Dari 30,04 juta penerima, 20,88 juta ... Sementara sisanya 14,15 juta ..."
//                                                                 whole (whole_word), parts, rest
//   "8.675.797 KPM, masing-masing Rp 2,4 juta, total Rp 20,822 triliun"   count, each, total
// Each member is a fact of predicate `breakdown`: its role in `subject` (whole, part, count,
// each, total), its breakdown ("<sentence>.<n> all|some|product") in `measure`, and the place of
// its last written digit ("30,04 juta": 10000) in `context`, so that check `breakdown`
// (src/check/breakdown.cpp) knows how far rounding goes when it does the sum.
#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "core/hash.h"
#include "core/numbers.h"
#include "core/text.h"
#include "extract/article.h"

namespace cc::extract {

namespace {

// The place of the last digit written: the number over the digits read as one integer, a power
// of ten ("20,88 juta" 10000, "Rp 2,4" 0.1, "8.675.797" 1); 1 for a whole number in words; 0
// when it cannot be told (a fraction).
double LastDigitPlace(std::string_view text, double number) {
  std::string digits;
  for (char c : text)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.empty()) return number == std::floor(number) ? 1 : 0;
  double whole = std::strtod(digits.c_str(), nullptr);
  if (whole == 0 || number == 0) return 0;
  double place = std::log10(number / whole);
  if (std::fabs(place - std::round(place)) > 1e-6) return 0;
  return std::pow(10.0, std::round(place));
}

Bound BoundOf(const std::string& v) {
  return v == "at_least" ? Bound::kAtLeast : v == "at_most" ? Bound::kAtMost : v == "approx" ? Bound::kApprox : Bound::kExact;
}

}  // namespace

std::vector<ArticleExtractor::Quantity> ArticleExtractor::Quantities(const ExtractorSpec& x, uint32_t si,
                                                                     std::vector<Candidate>& cands, size_t dated) {
  std::vector<Quantity> out;
  std::string_view sent = a_.Text(a_.sentences[si].span);
  const std::vector<Fill>& fills = Fills("number", x, si, cands, dated);
  const Tokens& t = SentenceTokens(si);
  auto words_in = [&](const char* lexicon) {
    auto it = L_.longest_words.find(lexicon);
    return it == L_.longest_words.end() ? size_t{0} : it->second;
  };
  auto in = [&](const char* lexicon) { return [this, lexicon](std::string_view w) { return Lookup(lexicon, w) != nullptr; }; };
  for (const Fill& fill : fills) {
    if (fill.first > 0 && t.IsWord(fill.first - 1) && Lookup("reference_word", t.Text(fill.first - 1))) continue;
    Quantity q;
    q.si = si;
    q.first = fill.first;
    q.last = fill.last;
    Span number = fill.roles.spans.at("number");
    std::string_view written = sent.substr(number.begin, number.size());
    auto n = ParseNumber(written, L_.numbers);
    if (!n) continue;
    // Not the tail of a figure glued to its currency ("Rp900 ribu" reads "ribu" alone), nor a
    // year ("her 2000 album").
    if (fill.first > 0 && !t.Text(fill.first - 1).empty() && std::isdigit(static_cast<unsigned char>(t.Text(fill.first - 1).back())))
      continue;
    const bool year = written.size() == 4 && *n >= 1900 && *n <= 2100 && written.find_first_not_of("0123456789") == std::string_view::npos;

    q.number = *n;
    q.ulp = LastDigitPlace(written, *n);
    Dimension d = DimensionOf(t, sent, fill);
    if (year && d.dimension.empty()) continue;
    q.dimension = d.dimension;
    q.unit = d.unit;
    q.value = number;
    if (auto u = fill.roles.spans.find("unit"); u != fill.roles.spans.end())
      q.value = {std::min(q.value.begin, u->second.begin), std::max(q.value.end, u->second.end)};
    if (d.noun_currency) q.value.end = std::max(q.value.end, t[fill.noun].span.end);
    if (auto b = fill.roles.spans.find("bound"); b != fill.roles.spans.end())
      if (const LexiconEntry* e = Lookup("bound", sent.substr(b->second.begin, b->second.size()))) q.bound = BoundOf(e->value);
    // "30,04 juta lebih", "100 orang lebih": a bound after the figure, or after the noun it
    // counts, when no word follows that it compares ("20 persen lebih tinggi").
    for (size_t k : {fill.last + 1, fill.noun == std::string::npos ? t.size() : fill.noun + 1}) {
      if (q.bound != Bound::kExact || k >= t.size()) continue;
      size_t e = FormAt(t, k, words_in("bound_after"), in("bound_after"));
      if (e == std::string::npos || (e + 1 < t.size() && t.IsWord(e + 1) && !t[e + 1].upper)) continue;
      q.bound = BoundOf(Lookup("bound_after", sent.substr(t[k].span.begin, t[e].span.end - t[k].span.begin))->value);
    }
    // "Dari jumlah penerima BLTS 30,04 juta": a whole_word up to four words before, no number between.
    for (size_t j = q.first; j-- > 0 && q.first - j <= 5;) {
      if (t[j].kind == Token::Kind::kNumber) break;
      for (size_t w = words_in("whole_word"); w >= 1; --w)
        if (j + 1 >= w && FormAt(t, j + 1 - w, w, in("whole_word")) == j) q.after_whole_word = true;
      if (q.after_whole_word) break;
    }
    out.push_back(std::move(q));
  }
  return out;
}

void ArticleExtractor::AddMember(const ExtractorSpec& x, const Quantity& q, const std::string& role, const std::string& group) {
  const Sentence& s = a_.sentences[q.si];
  Fact f;
  f.article = a_.id;
  f.rule = x.id;
  f.predicate = x.predicate;
  f.type = FactType::kQuantity;
  f.subject = role;
  f.subject_key = role;
  f.measure = group;
  f.number = q.number;
  f.value = FormatNumber(q.number);
  f.unit = q.unit;
  f.bound = q.bound;
  f.context = FormatNumber(q.ulp);
  f.fallback = true;
  f.evidence = q.value;  // sentence-relative until Run finishes the fact
  f.span = a_.ToOriginal(Span{s.span.begin + q.value.begin, s.span.begin + q.value.end});
  f.text = std::string(a_.Raw(f.span));
  f.sentence_index = q.si;
  f.paragraph_index = s.paragraph;
  f.id = Hasher().Add(a_.id).Add(f.rule).Add(f.predicate).Add(f.span.begin).Add(f.span.end).Add(group).Hex();
  breakdown_facts_.push_back(std::move(f));
}

void ArticleExtractor::GenericBreakdowns(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  std::vector<Quantity> qs = Quantities(x, si, cands, dated);
  const Tokens& t = SentenceTokens(si);
  std::string_view sent = t.sentence();
  const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);
  auto words_in = [&](const char* lexicon) {
    auto it = L_.longest_words.find(lexicon);
    return it == L_.longest_words.end() ? size_t{0} : it->second;
  };
  auto form = [&](const char* lexicon, size_t k) -> const LexiconEntry* {
    size_t e = FormAt(t, k, words_in(lexicon), [&](std::string_view w) { return Lookup(lexicon, w) != nullptr; });
    return e == std::string::npos ? nullptr : Lookup(lexicon, sent.substr(t[k].span.begin, t[e].span.end - t[k].span.begin));
  };
  auto form_end = [&](const char* lexicon, size_t k) {
    return FormAt(t, k, words_in(lexicon), [&](std::string_view w) { return Lookup(lexicon, w) != nullptr; });
  };
  // A form that ends right before token k, up to `within` tokens before it (only words between).
  auto form_before = [&](const char* lexicon, size_t k, size_t within) {
    for (size_t j = k; j-- > 0 && k - j <= within;) {
      if (!t.IsWord(j)) return false;
      for (size_t w = words_in(lexicon); w >= 1; --w)
        if (j + 1 >= w && FormAt(t, j + 1 - w, w, [&](std::string_view s) { return Lookup(lexicon, s) != nullptr; }) == j)
          return true;
    }
    return false;
  };
  // Members of one breakdown measure one thing: one dimension, one currency or unit; counts of
  // people broken down by what they are ("113 orang": "29 warga sipil", "84 polisi"), else of one
  // noun, unless `any_noun` (the whole named as one, "Dari 240 peserta, 150 orang ..."). A bare
  // number ("30,04 juta lebih") takes the dimension of the others.
  auto fits = [](Quantity& whole, Quantity& part, bool any_noun) {
    if (part.dimension.empty() && !whole.dimension.empty() && !any_noun) return false;  // "since the old Five Nations"
    if (whole.dimension.empty() || part.dimension.empty()) {
      Quantity& bare = whole.dimension.empty() ? whole : part;
      const Quantity& other = whole.dimension.empty() ? part : whole;
      bare.dimension = other.dimension;
      bare.unit = other.unit;
      return true;
    }
    if (whole.dimension != part.dimension) return false;
    if (whole.dimension == "count") return whole.unit == part.unit || whole.unit == "people" || any_noun;
    return whole.unit == part.unit;
  };
  auto barrier_between = [&](size_t a, size_t b) {
    for (size_t k = a; k < b && k < cls.size(); ++k)
      if (cls[k] & Engine::Impl::kBarrier) return true;
    return false;
  };
  auto emit = [&](const std::string& relation, std::vector<std::pair<const Quantity*, const char*>> members) {
    std::string group = fmt::format("{}.{} {}", si, breakdowns_++, relation);
    for (auto [q, role] : members) AddMember(x, *q, role, group);
  };

  // The whole, then a part_word and its parts: "113 orang, terdiri atas 29 warga dan 84 polisi".
  for (size_t k = 0; k < t.size(); ++k) {
    const LexiconEntry* pw = form("part_word", k);
    if (!pw) continue;
    const size_t e = form_end("part_word", k);
    size_t w = qs.size();
    for (size_t i = 0; i < qs.size(); ++i)
      if (qs[i].last < k) w = i;
    if (w == qs.size() || k - qs[w].last > 7 || barrier_between(qs[w].last, k)) continue;
    Quantity whole = qs[w];
    std::vector<Quantity> parts;
    size_t prev = e;
    for (size_t i = w + 1; i < qs.size(); ++i) {
      if (qs[i].first <= e) continue;
      Quantity p = qs[i];
      if (p.first - prev > (parts.empty() ? 3 : 10) || barrier_between(prev, p.first) || !fits(whole, p, false)) break;
      parts.push_back(std::move(p));
      prev = qs[i].last;
    }
    // "terdiri dari sekitar 22.000 botol miras, 10.000 botol ciu, ...": a bound that opens the
    // list is of every part.
    if (!parts.empty() && parts.front().bound != Bound::kExact)
      for (auto& p : parts)
        if (p.bound == Bound::kExact) p.bound = parts.front().bound;
    const std::string relation = pw->value == "all" ? "all" : "some";
    if (parts.size() < (relation == "all" ? 2u : 1u)) continue;
    std::vector<std::pair<const Quantity*, const char*>> members{{&whole, "whole"}};
    for (const auto& p : parts) members.push_back({&p, "part"});
    emit(relation, members);
    k = e;
  }

  // The rest: "Sementara sisanya yakni 14,15 juta", its whole after a whole_word before it in
  // the sentence, or in the sentence before when the rest opens this one.
  for (size_t k = 0; k < t.size(); ++k) {
    if (!form("remainder_word", k)) continue;
    const size_t e = form_end("remainder_word", k);
    const Quantity* rest = nullptr;
    for (const auto& q : qs)
      if (q.first > e && q.first - e <= 3) {
        rest = &q;
        break;
      }
    if (!rest) continue;
    std::vector<Quantity> scope;
    for (const auto& q : qs)
      if (q.last < k) scope.push_back(q);
    if (std::none_of(scope.begin(), scope.end(), [](const Quantity& q) { return q.after_whole_word; })) {
      if (k > 3 || prev_quantities_si_ + 1 != si) continue;
      scope = prev_quantities_;
    }
    auto w = std::find_if(scope.begin(), scope.end(), [](const Quantity& q) { return q.after_whole_word; });
    if (w == scope.end()) continue;
    Quantity whole = *w, r = *rest;
    std::vector<Quantity> parts;
    for (auto it = w + 1; it != scope.end(); ++it) {
      Quantity p = *it;
      if (fits(whole, p, true)) parts.push_back(std::move(p));
    }
    // "naik dari 20 persen menjadi 25 persen": a change from a figure, not a whole, when a
    // "part" is larger.
    if (parts.empty() || !fits(whole, r, true) ||
        std::any_of(parts.begin(), parts.end(), [&](const Quantity& p) { return p.number > whole.number; }))
      continue;
    std::vector<std::pair<const Quantity*, const char*>> members{{&whole, "whole"}};
    for (const auto& p : parts) members.push_back({&p, "part"});
    members.push_back({&r, "part"});
    emit("all", members);
    break;
  }

  // A count, an amount each, their total: "8.675.797 KPM, masing-masing Rp 2,4 juta, total Rp
  // 20,822 triliun"; "5,000 families each received $300, a total of $1.5m".
  for (size_t y = 0; y < qs.size(); ++y) {
    const Quantity& each = qs[y];
    if (each.dimension.empty() || each.dimension == "count" ||
        !(form_before("each_word", each.first, 2) || (each.last + 1 < t.size() && form("each_word", each.last + 1))))
      continue;
    const Quantity* total = nullptr;
    for (size_t z = y + 1; z < qs.size() && qs[z].first - each.last <= 8; ++z)
      if (qs[z].dimension == each.dimension && qs[z].unit == each.unit && form_before("total_word", qs[z].first, 3)) {
        total = &qs[z];
        break;
      }
    const Quantity* count = nullptr;
    for (size_t c = y; c-- > 0 && each.first - qs[c].last <= 8;)
      if (qs[c].dimension == "count" || qs[c].dimension.empty()) {
        count = &qs[c];
        break;
      }
    if (!total || !count || barrier_between(count->last, total->first)) continue;
    emit("product", {{count, "count"}, {&each, "each"}, {total, "total"}});
  }
  // A change and its rate: "naik dari Rp 7 triliun menjadi Rp 8,3 triliun atau 18,6 persen"
  // (from, to, rate); "meningkat Rp 2,61 triliun (14,55%) dibandingkan ... Rp 17,94 triliun"
  // (by, rate, from). Only in a sentence with a change_word ("naik", "fell"), in one clause.
  bool changes = false;
  for (size_t k = 0; k < t.size() && !changes; ++k) changes = form("change_word", k) != nullptr;
  auto is_percent = [](const Quantity& q) { return q.dimension == "percent"; };
  auto same_measure = [](const Quantity& a, const Quantity& b) {
    return !a.dimension.empty() && a.dimension == b.dimension && a.unit == b.unit;
  };
  // The rate is written with its change ("naik 18,6 persen", "rose 2%", "a 52% rise") or right
  // after the figures ("menjadi Rp 14.000 per kilogram atau 12 persen"): not a rate of something
  // else the sentence goes on to ("GDP is set to grow by 6% per year").
  auto of_the_change = [&](const Quantity& q, size_t figures_end) {
    if (q.first > figures_end && q.first - figures_end <= 4) return true;
    if (form_before("change_word", q.first, 2)) return true;
    for (size_t j = q.last + 1; j < t.size() && j <= q.last + 2; ++j)
      if (form("change_word", j)) return true;
    return false;
  };
  auto rate_near = [&](size_t first, size_t last, const Quantity* not_a, const Quantity* not_b) -> const Quantity* {
    const Quantity* best = nullptr;
    size_t best_gap = 13;
    for (const auto& q : qs) {
      if (&q == not_a || &q == not_b || !is_percent(q) || !of_the_change(q, last)) continue;
      const size_t gap = q.first > last ? q.first - last : q.last < first ? first - q.last : 0;  // 0: between them
      if (gap == 0 || gap >= best_gap) continue;
      if (barrier_between(std::min(q.last, first), std::max(q.first, last))) continue;
      best = &q;
      best_gap = gap;
    }
    return best;
  };
  for (size_t a = 0; changes && a < qs.size(); ++a) {
    const Quantity& from = qs[a];
    // Between two shares ("from 10.6% to 9.6%") a rate is as often in points as in percent,
    // and a third share is more often another figure than the change: not read.
    if (!form_before("change_from", from.first, 2) || is_percent(from)) continue;
    for (size_t b = 0; b < qs.size(); ++b) {
      const Quantity& to = qs[b];
      const size_t lo = std::min(from.first, to.first), hi = std::max(from.last, to.last);
      if (b == a || hi - lo > 14 || !same_measure(from, to) || !form_before("change_to", to.first, 2) ||
          barrier_between(lo, hi))
        continue;
      if (const Quantity* rate = rate_near(lo, hi, &from, &to)) {
        emit("change", {{&from, "from"}, {&to, "to"}, {rate, "rate"}});
        a = qs.size();
      }
      break;
    }
  }
  for (size_t k = 0; changes && k < t.size(); ++k) {
    if (!form("change_word", k)) continue;
    const size_t e = form_end("change_word", k);
    const Quantity* by = nullptr;
    for (const auto& q : qs)
      if (q.first > e && q.first - e <= 3 && !is_percent(q) && !q.dimension.empty()) {
        by = &q;
        break;
      }
    if (!by) continue;
    const Quantity* rate = nullptr;
    for (const auto& q : qs)
      if (q.first > by->last && q.first - by->last <= 3 && is_percent(q)) rate = &q;
    if (!rate) continue;
    const Quantity* base = nullptr;
    for (const auto& q : qs)
      if (q.first > rate->last && same_measure(q, *by) && q.first - rate->last <= 16 && !barrier_between(rate->last, q.first)) {
        base = &q;
        break;
      }
    bool said_from = false;
    for (size_t j = base ? rate->last + 1 : t.size(); base && j < base->first && !said_from; ++j)
      said_from = form("change_from", j) != nullptr;
    if (!said_from) continue;
    emit("change", {{by, "by"}, {rate, "rate"}, {base, "from"}});
    break;
  }
  prev_quantities_ = std::move(qs);
  prev_quantities_si_ = si;
}

}  // namespace cc::extract
