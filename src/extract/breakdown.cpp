// Where a breakdown is read: a whole and its parts, or a count, an amount each and their total,
// written out in one sentence or run on into the next:
//   "113 orang, terdiri atas 29 warga sipil dan 84 polisi"        whole, parts (part_word "all")
//   "12 people died, including 4 children and 3 police officers"  whole, parts (part_word "some")
//   "Dari 30,04 juta penerima, 20,88 juta ... Sementara sisanya 14,15 juta ..."
//                                                                 whole (whole_word), parts, rest
//   "8.675.797 KPM, masing-masing Rp 2,4 juta, total Rp 20,822 triliun"   count, each, total
//   "naik 18,6 persen, dari Rp 7 triliun menjadi Rp 8,3 triliun"          from, to, rate
//   "meningkat Rp 2,61 triliun (14,55%) dibandingkan ... Rp 17,94 triliun"  by, rate, from
// Each member is a fact of predicate `breakdown`: its role in `subject` (whole, part, count,
// each, total, from, to, by, rate), its breakdown ("<sentence>.<token> all|some|product|change",
// where its first member is) in `measure`, and the place of
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
// of ten ("20,88 juta" 10000, "Rp 2,4" 0.1, "8.675.797" 1); for a number in words, the largest
// power of ten it is a multiple of ("dua juta" 1000000); 0 when it cannot be told (a fraction).
double LastDigitPlace(std::string_view text, double number) {
  std::string digits;
  for (char c : text)
    if (c >= '0' && c <= '9') digits += c;
  number = std::fabs(number);
  if (digits.empty()) {  // in words: "dua juta" is as precise as its scale, "dua puluh lima" as 1
    if (number < 1 || number != std::floor(number)) return 0;
    double place = 1;
    while (std::fmod(number, place * 10) == 0) place *= 10;
    return place;
  }
  double whole = std::strtod(digits.c_str(), nullptr);
  if (whole == 0 || number == 0) return 0;
  double place = std::log10(number / whole);
  if (!(std::fabs(place - std::round(place)) <= 1e-6)) return 0;
  return std::pow(10.0, std::round(place));
}

}  // namespace

std::vector<ArticleExtractor::Quantity> ArticleExtractor::Quantities(const ExtractorSpec& x, uint32_t si,
                                                                     std::vector<Candidate>& cands, size_t dated) {
  std::vector<Quantity> out;
  std::string_view sent = a_.Text(a_.sentences[si].span);
  const std::vector<Fill>& fills = Fills("number", x, si, cands, dated);
  const Tokens& t = SentenceTokens(si);
  auto in = [&](const char* lexicon) { return [this, lexicon](std::string_view w) { return Lookup(lexicon, w) != nullptr; }; };
  for (const Fill& fill : fills) {
    if (fill.collective) continue;
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
      if (const LexiconEntry* e = Lookup("bound", sent.substr(b->second.begin, b->second.size()))) q.bound = ParseBound(e->value);
    // "30,04 juta lebih", "100 orang lebih": a bound after the figure, or after the noun it
    // counts, when no word follows that it compares ("20 persen lebih tinggi").
    for (size_t k : {fill.last + 1, fill.noun == std::string::npos ? t.size() : fill.noun + 1}) {
      if (q.bound != Bound::kExact || k >= t.size()) continue;
      size_t e = FormAt(t, k, WordsIn("bound_after"), in("bound_after"));
      if (e == std::string::npos || (e + 1 < t.size() && t.IsWord(e + 1) && !t[e + 1].upper)) continue;
      q.bound = ParseBound(Lookup("bound_after", sent.substr(t[k].span.begin, t[e].span.end - t[k].span.begin))->value);
    }
    q.end = d.dimension == "count" && !fill.roles.spans.count("unit") && fill.noun != std::string::npos ? fill.noun : fill.last;
    // "Dari jumlah penerima BLTS 30,04 juta": a whole_word up to five words before it, words
    // only between ("Dari jumlah tersebut, 80 orang" points back: the 80 is a part); not the
    // start of a change ("turun dari Rp 6.500").
    for (size_t j = q.first; j-- > 0 && q.first - j <= 5 && t.IsWord(j) && !q.after_whole_word;)
      for (size_t w = WordsIn("whole_word"); w >= 1; --w)
        if (j + 1 >= w && FormAt(t, j + 1 - w, w, in("whole_word")) == j) {
          const size_t b = j + 1 - w;
          q.after_whole_word = !(b > 0 && FormAt(t, b - 1, 1, in("change_word")) == b - 1);
          break;
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
  const Tokens& t = SentenceTokens(si);
  std::string_view sent = t.sentence();
  // The last token of the longest form of `lexicon` that starts at token k, npos when none.
  auto form_at = [&](const char* lexicon, size_t k) {
    return k < t.size() ? FormAt(t, k, WordsIn(lexicon), [&](std::string_view w) { return Lookup(lexicon, w) != nullptr; })
                        : std::string::npos;
  };
  // Every breakdown has two figures in its sentence but a rest that opens the sentence after its
  // whole: most sentences, with one figure, are done here.
  if (Fills("number", x, si, cands, dated).size() < 2) {
    bool rest_opens = false;
    for (size_t k = 0; k <= 3 && prev_whole_ && prev_whole_->whole.si + 1 == si && !rest_opens; ++k)
      rest_opens = form_at("remainder_word", k) != std::string::npos;
    if (!rest_opens) {
      prev_whole_.reset();
      return;
    }
  }
  // Which breakdown lexicons have a form starting in the sentence: a scan for one that has none
  // is skipped.
  uint8_t cues = 0;
  for (size_t k = 0; k < t.size(); ++k)
    if (t.IsWord(k))
      if (auto it = L_.breakdown_cues.find(t.Folded(k)); it != L_.breakdown_cues.end()) cues |= it->second;
  auto cued = [&](const char* lexicon) {
    for (auto [name, bit] : Engine::Impl::kBreakdownCues)
      if (std::string_view(name) == lexicon) return (cues & bit) != 0;
    return true;
  };
  auto form_end = [&](const char* lexicon, size_t k) { return cued(lexicon) ? form_at(lexicon, k) : std::string::npos; };
  std::vector<Quantity> qs = Quantities(x, si, cands, dated);
  const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);

  // The entry of that form (and in `end`, its last token), nullptr when none.
  auto form = [&](const char* lexicon, size_t k, size_t* end = nullptr) -> const LexiconEntry* {
    size_t e = form_end(lexicon, k);
    if (end) *end = e;
    return e == std::string::npos ? nullptr : Lookup(lexicon, sent.substr(t[k].span.begin, t[e].span.end - t[k].span.begin));
  };
  // A form that ends within `within` words before token k (only words between).
  auto form_before = [&](const char* lexicon, size_t k, size_t within) {
    for (size_t j = k; j-- > 0 && k - j <= within;) {
      if (!t.IsWord(j)) return false;
      for (size_t w = WordsIn(lexicon); w >= 1; --w)
        if (j + 1 >= w && form_end(lexicon, j + 1 - w) == j) return true;
    }
    return false;
  };
  // Members of one breakdown measure one thing: one dimension, one currency or unit; counts of
  // people broken down by what they are ("113 orang": "29 warga sipil", "84 polisi"), else of one
  // noun; with `any_people` (a whole named as one: "Dari 240 peserta, 150 orang ..."), people
  // too. A bare number ("30,04 juta lebih") is given the dimension of the figure it is measured
  // with; a bare part of a part_word's whole is none ("since the old Five Nations").
  auto adopt = [](Quantity& whole, Quantity& part, bool any_people = false) {
    if (part.dimension.empty() && !whole.dimension.empty() && !any_people) return false;  // "since the old Five Nations"
    if (whole.dimension.empty() || part.dimension.empty()) {
      Quantity& bare = whole.dimension.empty() ? whole : part;
      const Quantity& other = whole.dimension.empty() ? part : whole;
      bare.dimension = other.dimension;
      bare.unit = other.unit;
      return true;
    }
    if (whole.dimension != part.dimension) return false;
    if (whole.dimension == "count") return whole.unit == part.unit || whole.unit == "people" || (any_people && part.unit == "people");
    return whole.unit == part.unit;
  };
  auto barrier_between = [&](size_t a, size_t b) {
    for (size_t k = a; k < b && k < cls.size(); ++k)
      if (cls[k] & Engine::Impl::kBarrier) return true;
    return false;
  };
  // The next item of a list of parts: after the one before and its words ("29 warga sipil", "35
  // titik di Sumatra"), a comma or a list_joiner ("dan", "and") right before it; no verb,
  // auxiliary or relative word between ("4 teenagers who were carrying 30 knives", "380 were
  // rescued and 25 were treated"), no figure after a preposition ("84 polisi dari 12 polres").
  // Not a part of a part ("120 orang di antaranya lansia").
  // A word that starts a clause of its own: a verb, an auxiliary or a relative word.
  auto clause_word = [&](size_t k) {
    return t.IsWord(k) && (VerbLike(t.Folded(k)) || (cls[k] & (Engine::Impl::kRelative | Engine::Impl::kAuxiliary)));
  };
  auto next_in_list = [&](const Quantity& prev, const Quantity& q) {
    if (q.first <= prev.end || q.first - prev.end > 8) return false;
    bool joined = false;
    for (size_t k = prev.end + 1; k < q.first; ++k) {
      std::string_view w = t.Text(k);
      if (w == "," || Lookup("list_joiner", w)) {
        joined = true;
        continue;
      }
      if (!t.IsWord(k) || (cls[k] & Engine::Impl::kBarrier) || clause_word(k)) return false;
      // After a joiner only a name goes on ("di Bali dan Nusa Tenggara, dan 6 titik") or the
      // rest ("dan sisanya 1,5 juta"); a word else starts a clause ("and injured 30 others").
      if (joined && t[k].upper) joined = false;
      else if (joined && !form("remainder_word", k)) return false;
    }
    return joined;
  };
  auto sub_part = [&](const Quantity& q) {
    return q.end + 1 < t.size() && (form("part_word", q.end + 1) || (q.end + 2 < t.size() && form("part_word", q.end + 2)));
  };
  // A breakdown is named by its sentence and the token of its first member: an earlier one
  // added or dropped does not rename it (a finding's id, and so an editor's review, hold).
  auto emit = [&](const std::string& relation, std::vector<std::pair<const Quantity*, const char*>> members) {
    const Quantity& first = *members.front().first;
    std::string group = fmt::format("{}.{} {}", first.si, first.first, relation);
    if (!breakdown_groups_.insert(group).second) return;  // read twice: a part_word's list ending in "sisanya"
    for (auto [q, role] : members) AddMember(x, *q, role, group);
  };

  // The whole, then a part_word and its parts: "113 orang, terdiri atas 29 warga dan 84 polisi".
  for (size_t k = 0; k < t.size(); ++k) {
    size_t e;
    const LexiconEntry* pw = form("part_word", k, &e);
    if (!pw) continue;
    size_t w = qs.size();
    for (size_t i = 0; i < qs.size(); ++i)
      if (qs[i].last < k) w = i;
    if (w == qs.size() || k - qs[w].last > 7 || barrier_between(qs[w].last, k)) continue;
    Quantity whole = qs[w];
    std::vector<Quantity> parts;
    for (size_t i = w + 1; i < qs.size(); ++i) {
      if (qs[i].first <= e) continue;
      Quantity p = qs[i];
      const bool follows = parts.empty() ? p.first - e <= 3 : next_in_list(parts.back(), p);
      if (!follows || !adopt(whole, p)) break;
      parts.push_back(std::move(p));
    }
    // "terdiri dari sekitar 22.000 botol miras pabrikan, 10.000 botol ciu, ...": a bound that
    // opens the list is of every part.
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

  // A whole after a whole_word and the list of parts right after it ("Dari 500 peserta, 300
  // orang ..."): of the whole's noun, or of people, or bare with a bare whole; read with this
  // sentence's words, so kept for the next one too, where its rest may be.
  auto whole_and_parts = [&](const std::vector<Quantity>& scope) -> std::optional<WholeAndParts> {
    auto w = std::find_if(scope.begin(), scope.end(), [](const Quantity& q) { return q.after_whole_word; });
    if (w == scope.end()) return std::nullopt;
    WholeAndParts out{*w, {}};
    Quantity& whole = out.whole;
    for (auto it = w + 1; it != scope.end(); ++it) {
      Quantity p = *it;
      bool follows = out.parts.empty() ? p.first > whole.end && p.first - whole.end <= 6 : next_in_list(out.parts.back(), p);
      for (size_t j = whole.end + 1; out.parts.empty() && follows && j < p.first; ++j) follows = !clause_word(j);
      if (!follows || sub_part(p) || !adopt(whole, p, true)) break;
      out.parts.push_back(std::move(p));
    }
    if (out.parts.empty()) return std::nullopt;
    return out;
  };
  // The rest: "Sementara sisanya yakni 14,15 juta", its whole and parts before it in the
  // sentence, or in the sentence before when the rest opens this one.
  for (size_t k = 0; k < t.size(); ++k) {
    size_t e;
    if (!form("remainder_word", k, &e)) continue;
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
    std::optional<WholeAndParts> wp = whole_and_parts(scope);
    if (!wp && k <= 3 && prev_whole_ && prev_whole_->whole.si + 1 == si) wp = prev_whole_;
    if (!wp) continue;
    Quantity& whole = wp->whole;
    Quantity r = *rest;
    if (!adopt(whole, r, true) || r.number > whole.number ||
        std::any_of(wp->parts.begin(), wp->parts.end(), [&](const Quantity& p) { return p.number > whole.number; }))
      continue;  // "naik dari 20 persen menjadi 25 persen": a change from a figure, no whole
    std::vector<std::pair<const Quantity*, const char*>> members{{&whole, "whole"}};
    for (const auto& p : wp->parts) members.push_back({&p, "part"});
    members.push_back({&r, "part"});
    emit("all", members);
    break;
  }

  // A count, an amount each, their total: "8.675.797 KPM, masing-masing Rp 2,4 juta, total Rp
  // 20,822 triliun"; "5,000 families each received $300, a total of $1.5m". The count is one
  // with its noun, not after a preposition ("1.000 keluarga di 5 desa"); an amount each and a
  // total for two periods ("per semester", "per tahun") are not multiplied.
  auto per = [&](const Quantity& q) -> std::string {
    size_t k = q.last + 1;
    if (k + 1 < t.size() && t.IsWord(k) && Lookup("per_word", t.Text(k)) && t.IsWord(k + 1)) return t.Folded(k + 1);
    return "";
  };
  for (size_t y = 0; y < qs.size(); ++y) {
    const Quantity& each = qs[y];
    if (each.dimension.empty() || each.dimension == "count" ||
        !(form_before("each_word", each.first, 2) || form("each_word", each.last + 1)))
      continue;
    const Quantity* total = nullptr;
    for (size_t z = y + 1; z < qs.size() && qs[z].first - each.last <= 8; ++z)
      if (qs[z].dimension == each.dimension && qs[z].unit == each.unit && form_before("total_word", qs[z].first, 3)) {
        total = &qs[z];
        break;
      }
    const Quantity* count = nullptr;
    for (size_t c = y; c-- > 0 && each.first - qs[c].last <= 8;)
      if (qs[c].dimension == "count" && !(qs[c].first > 0 && t.IsWord(qs[c].first - 1) &&
                                          (Lookup("place_word", t.Text(qs[c].first - 1)) || Lookup("whole_word", t.Text(qs[c].first - 1))))) {
        count = &qs[c];
        break;
      }
    if (!total || !count || barrier_between(count->last, each.first)) continue;
    if (const std::string a = per(each), b = per(*total); !a.empty() && !b.empty() && a != b) continue;
    emit("product", {{count, "count"}, {&each, "each"}, {total, "total"}});
  }

  // A change and its rate: "naik 18,6 persen, yakni dari Rp 7 triliun menjadi Rp 8,3 triliun"
  // (from, to, rate); "meningkat Rp 2,61 triliun (14,55%), dibandingkan ... Rp 17,94 triliun"
  // (by, rate, from). Only in a sentence with a change_word, in one clause; the rate written
  // with the change: before the figures next to its change_word, or right after them joined by
  // a rate_joiner ("atau 12 persen", "(12%)"). Not a rate of something else: a share ("8
  // persen dari total ekspor"), an average or a rate per period (`rate_apart`: "rata-rata ...
  // per tahun"), a range ("berkisar dari ... hingga").
  bool changes = false;
  for (size_t k = 0; k < t.size() && !changes; ++k) changes = form("change_word", k) != nullptr;
  auto is_percent = [](const Quantity& q) { return q.dimension == "percent"; };
  auto same_measure = [](const Quantity& a, const Quantity& b) {
    return !a.dimension.empty() && a.dimension == b.dimension && a.unit == b.unit;
  };
  auto near_change_word = [&](const Quantity& q) {
    if (form_before("change_word", q.first, 2)) return true;
    for (size_t j = q.last + 1; j < t.size() && j <= q.last + 2; ++j)
      if (form("change_word", j)) return true;
    return false;
  };
  // "8 persen dari total ekspor": a share of something, unless the figure after "dari" is the
  // change's own ("naik 12 persen dari Rp 50 juta").
  auto rate_apart = [&](const Quantity& q) { return form_before("rate_apart", q.first, 2) || form("rate_apart", q.last + 1); };
  auto rate_of_other = [&](const Quantity& q, const Quantity& from) {
    if (rate_apart(q)) return true;
    const size_t k = q.last + 1;
    if (k < t.size() && (form("whole_word", k) || form("change_from", k))) return !(from.first > k && from.first - k <= 3);
    return false;
  };
  auto rate_for = [&](size_t lo, size_t hi, const Quantity& from, const Quantity& to) -> const Quantity* {
    for (const auto& q : qs) {
      if (&q == &from || &q == &to || !is_percent(q) || rate_of_other(q, from)) continue;
      if (q.last < lo && lo - q.last <= 8 && near_change_word(q) && !barrier_between(q.last, lo)) return &q;
      if (q.first > hi && q.first - hi <= 4 && !barrier_between(hi, q.first)) {
        bool joined = false;
        for (size_t j = hi + 1; j < q.first; ++j) joined = joined || t.Text(j) == "(" || Lookup("rate_joiner", t.Text(j));
        if (joined) return &q;
      }
    }
    return nullptr;
  };
  for (size_t a = 0; changes && a < qs.size(); ++a) {
    const Quantity& from = qs[a];
    // Between two shares ("from 10.6% to 9.6%") a rate is as often in points as in percent: not read.
    if (!form_before("change_from", from.first, 2) || is_percent(from) || form_before("range_word", from.first, 3)) continue;
    const Quantity* rate = nullptr;
    const Quantity* to = nullptr;
    for (size_t b = 0; b < qs.size() && !rate; ++b) {
      const size_t lo = std::min(from.first, qs[b].first), hi = std::max(from.end, qs[b].end);
      if (b == a || hi - lo > 14 || !same_measure(from, qs[b]) || !form_before("change_to", qs[b].first, 2) ||
          barrier_between(lo, hi))
        continue;
      to = &qs[b];
      rate = rate_for(lo, hi, from, *to);
    }
    if (!rate) continue;
    emit("change", {{&from, "from"}, {to, "to"}, {rate, "rate"}});
    break;
  }
  for (size_t k = 0; changes && k < t.size(); ++k) {
    size_t e;
    if (!form("change_word", k, &e)) continue;
    const Quantity* by = nullptr;
    for (const auto& q : qs)
      if (q.first > e && q.first - e <= 3 && !is_percent(q) && !q.dimension.empty()) {
        by = &q;
        break;
      }
    if (!by) continue;
    const Quantity* rate = nullptr;
    for (const auto& q : qs)
      if (q.first > by->end && q.first - by->end <= 3 && is_percent(q)) rate = &q;
    if (!rate || rate_apart(*rate)) continue;
    // The base: after a change_from word ("dibandingkan ... Rp 17,94 triliun"), not the figure
    // the change ends at ("... menjadi Rp 12 triliun").
    const Quantity* base = nullptr;
    for (const auto& q : qs)
      if (q.first > rate->last && same_measure(q, *by) && q.first - rate->last <= 16 && !barrier_between(rate->last, q.first)) {
        base = &q;
        break;
      }
    if (!base || form_before("change_to", base->first, 2)) continue;
    bool said_from = false;
    for (size_t j = rate->last + 1; j < base->first && !said_from; ++j) said_from = form("change_from", j) != nullptr;
    if (!said_from) continue;
    emit("change", {{by, "by"}, {rate, "rate"}, {base, "from"}});
    break;
  }
  prev_whole_ = whole_and_parts(qs);
}

}  // namespace cc::extract
