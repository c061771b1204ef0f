// Kind `spelling`: one name written two ways ("Agus Adrianto" / "Agus Andrianto", "Bernard
// Dermawan Sutrisno" / "Bernad Dermawan Sutrisno", "Susan Ilston" / "Susan Illston"). Two names
// of as many words that differ in one word only, by one letter (added, dropped, changed or two
// swapped), are one name misspelled once, in one article or across two; a shorter word than
// `min_letters` (default 6) only by a spelling the language has two of ("Sary"/"Sari",
// "Akil"/"Aqil", "Soeharto"/"Suharto", a letter doubled), since "Putra" and "Putri" are two
// names. The word that differs must be one of the fact's own name words (Fact::measure: not a
// title, a head like "Jalan" or "Kabupaten", an acronym); a plural or adjective
// ("Indonesia"/"Indonesian", "Village"/"Villages") and two names the gazetteer knows both
// ("Badung"/"Bandung") are other names, and so are two spellings each in three articles or
// more. Candidates come from an index of each name with one word
// left out, so the cost grows with the names, not their square.
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

// "Indonesia"/"Indonesian", "Village"/"Villages": another form of one word, not a slip; nor is
// one house style against another ("Centre"/"Center", "Organisation"/"Organization").
bool Inflected(const std::string& a, const std::string& b) {
  const std::string& s = a.size() < b.size() ? a : b;
  const std::string& l = a.size() < b.size() ? b : a;
  if (l.size() == s.size() + 1 && StartsWith(l, s) && (l.back() == 's' || l.back() == 'n')) return true;
  auto american = [](std::string w) {
    if (EndsWith(w, "re")) w.replace(w.size() - 2, 2, "er");
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
    // Each name with one word left out, and which: candidates for one slip in that word.
    std::unordered_map<std::string, std::vector<std::pair<const std::string*, size_t>>> index;
    std::map<std::string, std::vector<std::string>> folded;
    for (const auto& [name, _] : written) {
      auto& words = folded[name] = Words(Fold(name));
      for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].size() < 4 || !own[name].count(words[i])) continue;
        std::string key = std::to_string(words.size()) + "\x1f" + std::to_string(i);
        for (size_t k = 0; k < words.size(); ++k)
          if (k != i) key += "\x1f" + words[k];
        index[key].push_back({&name, i});
      }
    }
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
          const std::string& a = *names[x].first;
          const std::string& b = *names[y].first;
          const size_t i = names[x].second;
          const std::string& wa = folded[a][i];
          const std::string& wb = folded[b][i];
          // Only the case differs ("Undang-undang"), or a hyphen or apostrophe ("Tak-Benda"), or the first
          // letter ("Serang"/"Terang": two words, seldom a slip): not a misspelling.
          if (wa == wb || wa[0] != wb[0] || Unhyphened(wa) == Unhyphened(wb)) continue;
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
    for (const std::string* n : names) {
      x.values.push_back(*n);
      std::vector<std::string> where;
      std::set<std::string> seen;
      for (const Fact* f : written.at(*n)) {
        x.facts.push_back(f->id);
        if (seen.insert(f->article).second) where.push_back(ctx.Label(f->article));
      }
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
