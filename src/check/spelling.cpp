// Kind `spelling`: one name written two ways ("Agus Adrianto" / "Agus Andrianto", "Bernard
// Dermawan Sutrisno" / "Bernad Dermawan Sutrisno", "Susan Ilston" / "Susan Illston"). Two names
// of as many words (as written, or their own words from the third-last on, titles aside) that
// differ in one word only, by one letter (added, dropped, changed or two swapped), are one name
// misspelled once, in one article or across two; a shorter word than `min_letters` (default 6)
// only by a spelling the language has two of ("Sary"/"Sari", "Akil"/"Aqil", "Djoko"/"Joko", a
// letter doubled), since "Putra" and "Putri" are two names. The word that differs must be one of
// the fact's own name words (Fact::measure: not a title, a head like "Kabupaten", an acronym),
// and across articles the words they share must hold an own word or be two ("Ketua KPU"): "Mr
// Fisher"/"Mr Fischer" share a title only. Other names, not slips: a plural or adjective
// ("Indonesia"/"Indonesian"), a house style ("Defence"/"Defense"), two words the gazetteer knows
// both ("Badung"/"Bandung"), two spellings each in three articles or more. Candidates come from
// an index of each name with one word left out, so the cost grows with the names, not their
// square.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "check/common.h"
#include "core/text.h"

namespace cc::check {
namespace {

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  for (size_t b = 0; b < s.size();) {
    size_t e = std::min(s.find(' ', b), s.size());
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// One letter added, dropped or changed, or two next to each other swapped (Damerau distance 1).
bool OneSlip(const std::string& a, const std::string& b) {
  if (a == b) return false;
  if (a.size() == b.size()) {
    std::vector<size_t> diff;
    for (size_t i = 0; i < a.size() && diff.size() <= 2; ++i)
      if (a[i] != b[i]) diff.push_back(i);
    if (diff.size() == 1) return true;
    return diff.size() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]];
  }
  const std::string& s = a.size() < b.size() ? a : b;
  const std::string& l = a.size() < b.size() ? b : a;
  if (l.size() != s.size() + 1) return false;
  size_t i = 0;
  while (i < s.size() && s[i] == l[i]) ++i;
  return s.compare(i, std::string::npos, l, i + 1, std::string::npos) == 0;
}

// A word as it sounds: y as i, q as k, oe as u, dj as j, tj as c, a doubled letter once.
std::string Skeleton(const std::string& w) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == 'y') c = 'i';
    if (c == 'q') c = 'k';
    if ((c == 'o' && i + 1 < w.size() && w[i + 1] == 'e') || ((c == 'd' || c == 't') && i + 1 < w.size() && w[i + 1] == 'j')) {
      c = c == 'o' ? 'u' : c == 'd' ? 'j' : 'c';
      ++i;
    }
    if (out.empty() || out.back() != c) out += c;
  }
  return out;
}

// Without hyphens and apostrophes: "Tak-Benda" is "Takbenda", "Barclay's" is "Barclays".
std::string Unhyphened(std::string w) {
  w.erase(std::remove_if(w.begin(), w.end(), [](char c) { return c == '-' || c == '\''; }), w.end());
  return w;
}

// "Indonesia"/"Indonesian", "Village"/"Villages", "Israel"/"Israeli": another form of one word,
// not a slip; nor is one house style against another ("Centre"/"Center", "Defence"/"Defense",
// "Organisation"/"Organization").
bool Inflected(const std::string& a, const std::string& b) {
  const std::string& s = a.size() < b.size() ? a : b;
  const std::string& l = a.size() < b.size() ? b : a;
  // "Indonesia"/"Indonesian", "Villages", "Israel"/"Israeli".
  if (l.size() == s.size() + 1 && StartsWith(l, s) && (l.back() == 's' || l.back() == 'n' || l.back() == 'i')) return true;
  auto american = [](std::string w) {
    if (EndsWith(w, "re")) w.replace(w.size() - 2, 2, "er");
    if (EndsWith(w, "ence")) w.replace(w.size() - 4, 4, "ense");  // "Defence"/"Defense"
    if (size_t p = w.find("isation"); p != std::string::npos) w[p + 1] = 'z';
    if (size_t p = w.find("our"); p != std::string::npos && p + 3 == w.size()) w.erase(p + 1, 1);
    return w;
  };
  return american(a) == american(b);
}

class Spelling : public Check {
 public:
  explicit Spelling(CheckSpec spec) : Check(std::move(spec)) {
    min_letters_ = spec_.params.count("min_letters") ? static_cast<size_t>(spec_.params.at("min_letters")) : 6;
  }

  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    // Each distinct name once, with the facts that write it so.
    std::map<std::string, std::vector<const Fact*>> written;
    std::map<std::string, std::set<std::string>> own;  // name -> its own name words (folded)
    for (const auto& f : facts) {
      if (!Applies(f) || f.value.empty()) continue;
      written[f.value].push_back(&f);
      for (const auto& w : Words(Fold(f.measure))) own[f.value].insert(w);
    }
    // What is compared of each name: its words as written ("Ketua KPU Affifuddin"), and its own
    // words with every ending of three words or more ("Teradu Bernard Dermawan Sutrisno" gives
    // "Bernard Dermawan Sutrisno"), so that titles written before a name in one article and not
    // in another do not keep two spellings apart.
    struct Item {
      const std::string* name;
      std::vector<std::string> words;
      bool own_only;
    };
    std::vector<Item> items;
    for (const auto& [name, spellings] : written) {
      std::vector<std::string> words = Words(Fold(name));
      const std::vector<std::string> mine = Words(Fold(spellings.front()->measure));
      for (size_t b = 0; b + 3 <= mine.size(); ++b)  // three words at least: "Ngoerah Rai" alone lost its "RSUP"
        if (std::vector<std::string> tail(mine.begin() + static_cast<long>(b), mine.end()); tail != words)
          items.push_back({&name, std::move(tail), true});
      items.push_back({&name, std::move(words), false});
    }
    // Each item with one word left out, and which: candidates for one slip in that word. The
    // left-out word's first letter (as it sounds) is in the key too: a slip keeps it, and the
    // buckets stay small ("Presiden ..." of a large archive split twenty ways).
    std::unordered_map<std::string, std::vector<std::pair<const Item*, size_t>>> index;
    for (const Item& it : items)
      for (size_t i = 0; i < it.words.size(); ++i) {
        if (it.words[i].size() < 4 || !own[*it.name].count(it.words[i])) continue;
        std::string key = std::string(it.own_only ? "o" : "w") + std::to_string(it.words.size()) + "\x1f" + std::to_string(i) +
                          "\x1f" + Skeleton(it.words[i]).substr(0, 1);
        for (size_t k = 0; k < it.words.size(); ++k)
          if (k != i) key += "\x1f" + it.words[k];
        index[key].push_back({&it, i});
      }
    auto same_article = [&](const std::string& a, const std::string& b) {
      for (const Fact* fa : written.at(a))
        for (const Fact* fb : written.at(b))
          if (fa->article == fb->article) return true;
      return false;
    };
    // Variants joined in groups: "Afifuddin", "Affifuddin", "Afifudin" are one finding.
    std::map<std::string, std::string> parent;
    std::function<const std::string&(const std::string&)> root = [&](const std::string& n) -> const std::string& {
      auto it = parent.find(n);
      if (it == parent.end()) return parent.emplace(n, n).first->second;
      if (it->second == n) return it->second;
      it->second = root(it->second);
      return it->second;
    };
    for (const auto& [key, names] : index) {
      if (names.size() > 50) continue;  // a frame of words every name shares ("Kabupaten ...")
      for (size_t x = 0; x < names.size(); ++x)
        for (size_t y = x + 1; y < names.size(); ++y) {
          const Item& ia = *names[x].first;
          const Item& ib = *names[y].first;
          const std::string& a = *ia.name;
          const std::string& b = *ib.name;
          if (a == b) continue;
          const size_t i = names[x].second;
          const std::string& wa = ia.words[i];
          const std::string& wb = ib.words[i];
          // The words the two share must name someone too, unless one article writes both: "Mr
          // Fisher" and "Mr Fischer", "G Bullock" and "G Bulloch" share a title or an initial, and
          // an archive has both; "Ketua KPU" (an office of two words) does name one.
          if (!ia.own_only && !same_article(a, b)) {
            bool named = ia.words.size() >= 3;
            for (size_t k = 0; k < ia.words.size() && !named; ++k) named = k != i && own[a].count(ia.words[k]);
            if (!named) continue;
          }
          // Only the case differs ("Undang-undang"), or a hyphen or apostrophe ("Tak-Benda"), or the first
          // letter as it sounds ("Serang"/"Terang": two words, seldom a slip; "Djoko"/"Joko" is one):
          // not a misspelling.
          if (wa == wb || Skeleton(wa)[0] != Skeleton(wb)[0] || Unhyphened(wa) == Unhyphened(wb)) continue;
          const bool long_words = wa.size() >= min_letters_ && wb.size() >= min_letters_;
          const bool sounds_alike = Skeleton(wa) == Skeleton(wb);
          if (long_words ? !(OneSlip(wa, wb) || sounds_alike) || Inflected(wa, wb) : !sounds_alike) continue;
          if (ctx.gazetteer && ctx.gazetteer->Find(wa) && ctx.gazetteer->Find(wb)) continue;  // two real places
          // Each written so by three articles or more: two established names, not a slip (a slip
          // is seldom copied that often; an archive of many stories has namesakes a letter apart).
          if (written.at(a).size() >= 3 && written.at(b).size() >= 3) continue;
          std::string ra = root(a), rb = root(b);
          if (ra != rb) parent[ra] = rb;
        }
    }
    std::map<std::string, std::vector<const std::string*>> groups;
    for (const auto& [name, _] : parent) groups[root(name)].push_back(&name);
    std::vector<Finding> out;
    for (const auto& [_, names] : groups)
      if (names.size() >= 2) out.push_back(Make(names, written, ctx));
    return out;
  }

 private:
  Finding Make(std::vector<const std::string*> names, const std::map<std::string, std::vector<const Fact*>>& written,
               const Context& ctx) const {
    // The most written form first: the others are the likely slips.
    std::stable_sort(names.begin(), names.end(), [&](const std::string* a, const std::string* b) {
      return written.at(*a).size() > written.at(*b).size();
    });
    Finding x;
    x.rule = spec_.id;
    x.kind = spec_.kind;
    x.severity = spec_.severity;
    x.predicate = written.at(*names.front()).front()->predicate;
    x.subject = *names.front();
    std::vector<std::string> parts;
    for (size_t k = 0; k < names.size(); ++k) {
      const std::string* n = names[k];
      x.values.push_back(*n);
      // The most written form: three of its articles quoted, the rest counted ("Joko Widodo" in
      // five thousand articles and one slip); every article of the other forms.
      const auto& facts = written.at(*n);
      const size_t shown = k == 0 ? std::min<size_t>(facts.size(), 3) : facts.size();
      std::vector<std::string> where;
      for (size_t j = 0; j < shown; ++j) {
        x.facts.push_back(facts[j]->id);
        where.push_back(ctx.Label(facts[j]->article));
      }
      if (shown < facts.size()) where.push_back(fmt::format("and {} more", facts.size() - shown));
      parts.push_back(fmt::format("'{}' ({})", *n, Join(where, "; ")));
    }
    std::sort(x.values.begin(), x.values.end());
    x.about = x.predicate + "\x1f" + Join(x.values, "\x1f");
    x.message = Render(spec_.message.empty() ? "{subject}: a name written two ways: {details}" : spec_.message, x,
                       Join(parts, " vs "));
    return x;
  }

  size_t min_letters_ = 6;
};

}  // namespace

std::unique_ptr<Check> MakeSpelling(const CheckSpec& spec, std::vector<Diagnostic>& diags) {
  if (auto it = spec.params.find("min_letters"); it != spec.params.end() && it->second < 3)
    diags.push_back({Severity::kError, "bad-value", spec.loc, fmt::format("check '{}': 'min_letters' must be 3 or more", spec.id)});
  return std::make_unique<Spelling>(spec);
}

}  // namespace cc::check
