// The people, places and organizations an article names, and who a fact is about: mentions
// (capitalized runs looked up in the gazetteer, short names resolved to the full name given
// earlier), titles stripped, subject fallbacks (the sentence's person, the article's principal,
// a lexicon's topic), lexicon look-ups.
#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>

#include "core/text.h"
#include "extract/article.h"
#include "extract/claim_lines.h"

namespace cc::extract {

namespace {

enum class CharClass { kUpper, kNameChar, kSpace, kOther };

// The class of the code point at `i` and its length.
CharClass ClassAt(std::string_view s, size_t i, size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    if (c >= 'A' && c <= 'Z') return CharClass::kUpper;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '.' || c == '-') return CharClass::kNameChar;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return CharClass::kSpace;
    return CharClass::kOther;
  }
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    len = 1;
    return CharClass::kOther;
  }
  len = static_cast<size_t>(n);
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: return CharClass::kUpper;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return CharClass::kNameChar;
    default: return CharClass::kOther;
  }
}

}  // namespace

std::vector<std::string_view> CapitalizedRuns(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, len = 0;
  // The end of the word starting at the capital at `b`.
  auto word_end = [&](size_t b) {
    ClassAt(s, b, len);
    size_t e = b + len;
    while (e < s.size()) {
      CharClass k = ClassAt(s, e, len);
      if (k != CharClass::kUpper && k != CharClass::kNameChar) break;
      e += len;
    }
    return e;
  };
  while (i < s.size()) {
    if (ClassAt(s, i, len) != CharClass::kUpper) {
      i += len;
      continue;
    }
    size_t b = i, word = i, e = word_end(i);
    for (;;) {  // (?:\s+(?:bin |binti |van |de |al-)?\p{Lu}...)*
      size_t k = e;
      while (k < s.size() && ClassAt(s, k, len) == CharClass::kSpace) k += len;
      if (k == e || k >= s.size()) break;
      size_t w = k;
      for (std::string_view particle : {"bin ", "binti ", "van ", "de ", "al-"})
        if (s.substr(k, particle.size()) == particle) {
          w = k + particle.size();
          break;
        }
      if (w >= s.size() || ClassAt(s, w, len) != CharClass::kUpper) break;
      // A full stop after a word of five letters or more ends a sentence, not a name ("di
      // Surabaya. Di sana ..."); "George W. Bush", "Jl. Jend. Sudirman", "St. Petersburg" go on.
      if (s[e - 1] == '.' && e - word > 5) break;
      word = w;
      e = word_end(w);
    }
    out.push_back(s.substr(b, e - b));
    i = e;
  }
  return out;
}


std::string Key(std::string_view s) {
  std::string k;
  FoldKey(s, k);  // Fold(Squeeze(s))
  return k;
}

// Trailing dots, dashes and apostrophes belong to the sentence, not the name.
std::string_view TrimName(std::string_view name) {
  while (!name.empty() && (name.back() == '.' || name.back() == '-' || name.back() == '\'')) name.remove_suffix(1);
  return name;
}

const LexiconEntry* ArticleExtractor::Lookup(std::string_view lexicon, std::string_view text) const {
  thread_local std::string folded, key;  // Key(text) and its FormKey, reused
  FoldKey(text, folded);
  FormKey(lexicon, folded, key);
  auto find = [&](const Engine::Impl::Lang& L) -> const LexiconEntry* {
    auto it = L.forms.find(key);
    return it == L.forms.end() ? nullptr : it->second;
  };
  if (const LexiconEntry* e = find(L_)) return e;
  // A month or weekday in another language ("Mar 16, 2019" in an Indonesian page's header).
  if (lexicon == "month" || lexicon == "weekday") return find(impl_.For(""));
  return nullptr;
}

// " words of the text " folded, with punctuation as spaces, for whole-word search.
std::string Words(std::string_view text) {
  std::string k = Key(text);
  for (auto& c : k)
    if (std::ispunct(static_cast<unsigned char>(c)) && c != '-' && c != '%') c = ' ';
  return " " + Squeeze(k) + " ";
}

// The longest form of the lexicon found as whole words inside `text` ("pukul 4 sore" -> sore);
// of those as long, the first in byte order. Each run of words up to the longest form is
// looked up, rather than each form searched for.
const LexiconEntry* ArticleExtractor::LookupWithin(std::string_view lexicon, std::string_view text) const {
  auto longest = L_.longest_form.find(lexicon);
  if (longest == L_.longest_form.end()) return nullptr;
  const std::string padded = Words(text);  // " word word ... "
  thread_local std::string key;
  const LexiconEntry* best = nullptr;
  std::string_view best_form;
  // Every stretch between two spaces (a space, then words, then a space) of a form's length.
  for (size_t a = padded.find(' '); a != std::string::npos; a = padded.find(' ', a + 1)) {
    // Only where a form's first word stands.
    size_t first_end = padded.find(' ', a + 1);
    if (first_end == std::string::npos) break;
    FormKey(lexicon, std::string_view(padded).substr(a + 1, first_end - a - 1), key);
    if (!L_.first_words.count(key)) continue;
    for (size_t b = first_end; b != std::string::npos && b - a - 1 <= longest->second; b = padded.find(' ', b + 1)) {
      const std::string_view form = std::string_view(padded).substr(a + 1, b - a - 1);
      if (form.empty() || form.size() < best_form.size()) continue;
      FormKey(lexicon, form, key);
      auto it = L_.forms.find(key);
      if (it == L_.forms.end()) continue;
      if (form.size() > best_form.size() || form < best_form) {
        best = it->second;
        best_form = std::string_view(it->first).substr(lexicon.size() + 1);
      }
    }
  }
  return best;
}

// subject_from `nearest:NAME`: the lexicon's entry named in the sentence, else the last one
// named before it in the same paragraph or the one before ("The poll interviewed 1,200
// respondents" after "a survey by Litbang Kompas").
std::optional<std::string> ArticleExtractor::NearestSubject(const std::string& name, uint32_t si) {
  uint32_t para = a_.sentences[si].paragraph;
  for (uint32_t i = si + 1; i-- > 0;) {
    if (a_.sentences[i].paragraph + 1 < para) break;
    if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[i].span))) return e->value;
  }
  return std::nullopt;
}

std::optional<std::string> ArticleExtractor::CanonicalName(std::string_view text) const {
  if (auto g = e_.gazetteer().Find(text)) return g->canonical;
  return PackName(text);
}

std::optional<std::string> ArticleExtractor::PackName(std::string_view text) const {
  thread_local std::string folded, key;
  FoldKey(text, folded);  // Key(text), into a buffer
  for (const auto& lexicon : L_.name_lexicons) {
    FormKey(lexicon, folded, key);
    if (auto it = L_.forms.find(key); it != L_.forms.end() && !it->second->value.empty()) return it->second->value;
  }
  return std::nullopt;
}

// subject_from `lexicon:NAME`: the lexicon's entry named in the sentence; `topic:NAME`: that,
// else the one the article names most often (its first mention wins a tie).
std::optional<std::string> ArticleExtractor::LexiconSubject(const std::string& name, uint32_t si, bool topic) {
  if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[si].span))) return e->value;
  if (!topic) return std::nullopt;
  auto cached = topic_.find(name);
  if (cached == topic_.end()) {
    std::map<const LexiconEntry*, std::pair<int, int>> count;  // entry -> (-count, first sentence)
    for (uint32_t i = 0; i < a_.sentences.size(); ++i) {
      if (const LexiconEntry* e = LookupWithin(name, a_.Text(a_.sentences[i].span))) {
        auto [it, fresh] = count.emplace(e, std::make_pair(0, static_cast<int>(i)));
        --it->second.first;
      }
    }
    std::optional<std::string> best;
    std::pair<int, int> best_key{1, 0};
    for (const auto& [e, k] : count)
      if (k < best_key) best_key = k, best = e->value;
    cached = topic_.emplace(name, best).first;
  }
  return cached->second;
}

bool ArticleExtractor::Rejected(const LexiconEntry* e, std::string_view sent, Span s, std::string& why) const {
  if (!e) return false;
  std::string_view before = sent.substr(0, s.begin), after = sent.substr(s.end);
  if (before.size() > 60) before = before.substr(before.size() - 60);
  if (e->reject_before && RE2::PartialMatch(before, *e->reject_before)) {
    why = fmt::format("negative cue before '{}': '...{}'", sent.substr(s.begin, s.size()), before.substr(before.size() > 20 ? before.size() - 20 : 0));
    return true;
  }
  if (e->reject_after && RE2::PartialMatch(after, *e->reject_after)) {
    why = fmt::format("negative cue after '{}': '{}...'", sent.substr(s.begin, s.size()), after.substr(0, 20));
    return true;
  }
  return false;
}

std::string ArticleExtractor::StripTitles(std::string_view name, bool* stripped) const {
  // Cuts after the last title in the name: "Japanese Prime Minister Shigeru Ishiba" ->
  // "Shigeru Ishiba"; "Tuan Comrade Kim" -> "Kim".
  std::string cur = Squeeze(name);
  thread_local std::string folded;
  FoldKey(cur, folded);
  *stripped = false;
  size_t cut = 0;
  for (size_t w = 0; w < folded.size();) {
    size_t matched = 0;
    for (uint32_t ti : L_.titles_by_first[static_cast<unsigned char>(folded[w])]) {
      const std::string& t = L_.titles[ti];
      if (folded.size() > w + t.size() && folded.compare(w, t.size(), t) == 0 && folded[w + t.size()] == ' ') {
        matched = t.size() + 1;
        break;
      }
    }
    if (matched) {
      cut = w + matched;
      // The office after the title is part of it: "Menteri Keuangan Purbaya Yudhi Sadewa",
      // "Menteri Koordinator Bidang Perekonomian Airlangga Hartarto".
      for (bool more = true; more;) {
        more = false;
        for (const std::string& c : L_.title_complements)
          if (folded.size() > cut + c.size() && folded.compare(cut, c.size(), c) == 0 && folded[cut + c.size()] == ' ') {
            cut += c.size() + 1;
            more = true;
            break;
          }
        // So is the body the office is of, written as an acronym: "Ketua KPU RI Afifuddin",
        // "Kepala BNPB Suharyanto" (a name must follow).
        size_t sp = cur.find(' ', cut);
        if (!more && sp != std::string::npos && sp - cut >= 2 && sp + 1 < cur.size() &&
            std::all_of(cur.begin() + static_cast<long>(cut), cur.begin() + static_cast<long>(sp),
                        [](char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '/' || ch == '-'; })) {
          cut = sp + 1;
          more = true;
        }
      }
      w = cut;
      continue;
    }
    size_t sp = folded.find(' ', w);
    if (sp == std::string::npos) break;
    w = sp + 1;
  }
  if (cut == 0 || cut >= cur.size()) return cur;
  *stripped = true;
  return cur.substr(cut);  // folding keeps ASCII byte offsets; titles are ASCII
}

void ArticleExtractor::EnsureMentions() const {
  if (mentions_found_) return;
  mentions_found_ = true;  // before the scan: ResolvePerson, used below, asks too
  const Gazetteer& g = e_.gazetteer();
  // Per run, for the second loop below, which strips and looks up the run untrimmed: when
  // trimming changed nothing, what this loop found (the same answer, worked out once).
  struct Seen {
    bool same = false;  // trimming changed nothing
    bool skip = false;  // and the bare name has a space or is known
    std::string bare;   // else the bare name
  };
  std::vector<Seen> seen;
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    std::string_view sent = a_.Text(a_.sentences[si].span);
    for (std::string_view m : Runs(si)) {
      auto off = static_cast<uint32_t>(m.data() - sent.data());
      std::string_view name(m.data(), m.size());
      name = TrimName(name);
      bool stripped = false;
      std::string bare = StripTitles(name, &stripped);
      auto found = g.Find(bare);
      Seen& sn = seen.emplace_back();
      sn.same = name.size() == m.size();
      sn.skip = found || bare.find(' ') != std::string::npos;
      if (sn.same && !sn.skip) sn.bare = bare;
      if (found) {
        Mention mm{si, off, static_cast<uint32_t>(name.size()), found->canonical, found->kind, found->place,
                   !found->place && found->kind == "person"};
        if (mm.person) ++person_count_[mm.canonical];
        if (mm.place && mm.kind == "country") ++country_count_[mm.canonical];
        mentions_.push_back(std::move(mm));
        continue;
      }
      // Known names inside a longer capitalized run: "Kim Jong Un Temui Putin" (a headline),
      // "Presiden Rusia Vladimir Putin". Longest known run first, left to right.
      std::vector<std::string_view> words;
      for (size_t b = 0; b < name.size();) {
        size_t e = name.find(' ', b);
        if (e == std::string_view::npos) e = name.size();
        if (e > b) words.push_back(name.substr(b, e - b));
        b = e + 1;
      }
      for (size_t i = 0; i < words.size();) {
        size_t matched = 0;
        if (!g.MayBegin(words[i])) {
          ++i;
          continue;
        }
        for (size_t j = std::min(words.size(), i + g.max_words()); j > i && !matched; --j) {
          std::string_view run(words[i].data(), static_cast<size_t>(words[j - 1].data() + words[j - 1].size() - words[i].data()));
          if (auto k = g.Find(run)) {
            Mention mm{si, off + static_cast<uint32_t>(words[i].data() - name.data()), static_cast<uint32_t>(run.size()),
                       k->canonical, k->kind, k->place,
                       !k->place && k->kind == "person"};
            if (mm.person) ++person_count_[mm.canonical];
            if (mm.place && mm.kind == "country") ++country_count_[mm.canonical];
            mentions_.push_back(std::move(mm));
            matched = j - i;
          }
        }
        i += matched ? matched : 1;
      }
    }
  }
  // Short names ("Kim", "Chairman Kim") are mentions of the person they refer to.
  std::vector<Mention> short_mentions;
  size_t run = 0;
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    std::string_view sent = a_.Text(a_.sentences[si].span);
    for (std::string_view m : Runs(si)) {
      const Seen& sn = seen[run++];
      if (sn.same && sn.skip) continue;
      std::string bare;
      if (sn.same) {
        bare = sn.bare;
      } else {
        std::string_view name(m.data(), m.size());
        bool stripped = false;
        bare = StripTitles(name, &stripped);
        if (bare.find(' ') != std::string::npos || g.Find(bare)) continue;
      }
      if (auto p = ResolvePerson(bare, si, false)) {
        ++person_count_[p->name];
        short_mentions.push_back({si, static_cast<uint32_t>(m.data() - sent.data()), static_cast<uint32_t>(TrimName(m).size()),
                                  p->name, "person", false, true});
      }
    }
  }
  mentions_.insert(mentions_.end(), short_mentions.begin(), short_mentions.end());
  std::stable_sort(mentions_.begin(), mentions_.end(), [](const Mention& x, const Mention& y) {
    return std::tie(x.sentence, x.offset) < std::tie(y.sentence, y.offset);
  });
}

// Who a name in the text refers to. Strong: a known person, a surname of one named earlier,
// or a title with a name ("Presiden Lula"). Weak: a role ("Deputi Menlu Korea Utara") or an
// unknown multi-word name. Places, organizations and dates are not people.
std::optional<ArticleExtractor::Person> ArticleExtractor::ResolvePerson(std::string_view name, uint32_t si,
                                                                       bool allow_unknown) const {
  EnsureMentions();
  // A possessive is no name ("Britain's Jason Gardener", "Greenspan's"): the name is after it,
  // or there is none.
  for (size_t pos; (pos = name.find("'s")) != std::string_view::npos;) {
    size_t after = pos + 2;
    if (after < name.size() && name[after] != ' ') break;
    if (after >= name.size()) return std::nullopt;
    name = Trim(name.substr(after));
  }
  // A word that runs a list on is no part of a name ("Disusul Bagus Santoso").
  if (size_t sp = name.find(' '); sp != std::string_view::npos && Lookup("list_continuation", name.substr(0, sp)))
    name = Trim(name.substr(sp + 1));
  bool stripped = false;
  std::string bare = StripTitles(name, &stripped);
  if (stripped) {
    // "Menteri Haji (dan Umrah Arab Saudi)", "Menteri Keuangan": the office, or the start of
    // one cut at "dan", names nobody.
    std::string office = Fold(bare);
    for (const std::string& c : L_.title_complements)
      if (c == office || (c.size() > office.size() && c.compare(0, office.size(), office) == 0 && c[office.size()] == ' '))
        return std::nullopt;
    // "Wali Kota Makassar Munafri Arifuddin", "Presiden Rusia Vladimir Putin": the place the
    // office is of, then a name of two words or more ("Presiden Rusia" alone is a role, below;
    // in "Presiden Nara Damohogo" the place is a first name).
    bare = WithoutOfficePlace(std::move(bare));
  }
  if (auto f = e_.gazetteer().Find(bare)) {
    if (!f->place && f->kind == "person") return Person{f->canonical, true};
    if (stripped && allow_unknown) return OfficeHolder(Squeeze(name));
    return std::nullopt;
  }
  if (bare.find(' ') == std::string::npos) {
    // News names its protagonist in full first and by surname after: the person with this
    // word first or last in their name who is named earliest in the article.
    if (person_words_for_ != mentions_.size()) {
      person_words_.clear();
      for (const auto& m : mentions_) {
        if (!m.person) continue;
        std::string c = Fold(m.canonical);
        size_t sp1 = c.find(' '), sp2 = c.rfind(' ');
        if (sp1 == std::string::npos) continue;
        for (std::string w : {c.substr(0, sp1), c.substr(sp2 + 1)}) {
          auto [it, fresh] = person_words_.try_emplace(std::move(w), m.sentence, m.canonical);
          if (!fresh && m.sentence < it->second.first) it->second = {m.sentence, m.canonical};
        }
      }
      person_words_for_ = mentions_.size();
    }
    auto earliest = person_words_.find(Fold(bare));
    if (earliest != person_words_.end() && earliest->second.first <= si) return Person{earliest->second.second, true};
    // Else the one person the article names after a title, at or before this sentence, whose
    // name begins or ends so ("Chancellor Olaf Brandt ... Brandt will fly out", "Bupati Dini Sri
    // Wahyuni ... Dini mengaku"). Not a common word ("Hari ini" with a "Menteri Hari Santoso"
    // in the article).
    auto common = [&] {
      if (L_.stopwords.count(Fold(bare))) return true;
      // The word and the one after it make a relative day ("Hari ini", "Minggu lalu").
      std::string_view sent = a_.Text(a_.sentences[si].span);
      const std::less<const char*> before;
      if (before(name.data(), sent.data()) || before(sent.data() + sent.size(), name.data() + name.size())) return false;
      std::string_view rest = Trim(sent.substr(static_cast<size_t>(name.data() + name.size() - sent.data())));
      std::string_view next = rest.substr(0, rest.find_first_of(" ,.;:!?\")"));
      return !next.empty() && Lookup("relative_day", std::string(bare) + " " + std::string(next));
    };
    if (bare.size() >= 3 && std::isupper(static_cast<unsigned char>(bare[0])) && !Lookup("weekday", bare) && !Lookup("month", bare) &&
        !common()) {
      std::optional<std::string> only;
      bool ambiguous = false;
      for (const auto& [full, first_si] : TitledPeople()) {
        if (first_si > si) continue;
        size_t sp1 = full.find(' '), sp2 = full.rfind(' ');
        if (full.compare(0, sp1, bare) != 0 && full.compare(sp2 + 1, std::string::npos, bare) != 0) continue;
        ambiguous = ambiguous || (only && *only != full);
        only = full;
      }
      if (only && !ambiguous) return Person{*only, true};
    }
    if (stripped && allow_unknown && !Lookup("weekday", bare) && !Lookup("month", bare)) return Person{bare, true};
    return std::nullopt;
  }
  if (!allow_unknown) return std::nullopt;
  std::string first = Fold(bare.substr(0, bare.find(' ')));
  // An organization's or a thing's name is no person's: "Bank Indonesia", "the Terrorism Act".
  if (L_.org_words.count(first) || L_.org_words.count(Fold(bare.substr(bare.rfind(' ') + 1)))) return std::nullopt;
  size_t start = 0;
  while (start < bare.size()) {
    size_t sp = bare.find(' ', start);
    std::string w = bare.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    // A place first ("Presiden Rusia ...") makes a role; after a title and a first name, a word
    // that names a place too is a surname ("Prime Minister Rika Kanada").
    const bool place = e_.gazetteer().Find(w) && !(stripped && start > 0);
    if (Lookup("weekday", w) || Lookup("month", w) || place)
      return stripped ? std::optional(OfficeHolder(Squeeze(name))) : std::nullopt;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  for (size_t i = 0; i + 1 < bare.size(); ++i)
    if (bare[i] == ' ' && e_.gazetteer().Find(bare.substr(0, i)))
      return stripped ? std::optional(Person{Squeeze(name), false}) : std::nullopt;
  // Strong after a title, here or (in lower case, "Scotland manager Walter Smith") where the
  // article writes it.
  return Person{bare, stripped || TitledName(bare)};
}

std::pair<const Mention*, const Mention*> ArticleExtractor::MentionsIn(uint32_t si) const {
  EnsureMentions();
  auto b = std::lower_bound(mentions_.begin(), mentions_.end(), si, [](const Mention& m, uint32_t s) { return m.sentence < s; });
  auto e = std::upper_bound(b, mentions_.end(), si, [](uint32_t s, const Mention& m) { return s < m.sentence; });
  return {mentions_.data() + (b - mentions_.begin()), mentions_.data() + (e - mentions_.begin())};
}

std::optional<std::string> ArticleExtractor::SentencePerson(uint32_t si) const {
  // The first strong candidate in the sentence; failing that, the first weak one.
  EnsureMentions();
  std::optional<std::pair<uint32_t, std::string>> strong, weak;
  auto offer = [](std::optional<std::pair<uint32_t, std::string>>& slot, uint32_t off, const std::string& n) {
    if (!slot || off < slot->first) slot = std::make_pair(off, n);
  };
  std::string_view sent = a_.Text(a_.sentences[si].span);
  for (auto [mm, end] = MentionsIn(si); mm != end; ++mm)
    if (mm->person && !AfterWord("counterpart_word", sent, mm->offset)) offer(strong, mm->offset, mm->canonical);
  for (std::string_view m : Runs(si)) {
    std::string_view name(m.data(), m.size());
    name = TrimName(name);
    auto off = static_cast<uint32_t>(m.data() - sent.data());
    bool initial = off == 0 || (off <= 1 && (sent[0] == '"' || sent[0] == '\''));
    size_t sp = name.find(' ');
    if (initial && sp == std::string_view::npos) {
      // A capitalized first word is a person only as a title + name or a known surname.
      if (auto p = ResolvePerson(name, si, false)) offer(strong, off, p->name);
      continue;
    }
    auto p = ResolvePerson(name, si, true);
    if (initial && (!p || !p->strong)) {
      // "Pertemuan Kim Jong Un": the first word of a sentence is capitalized anyway.
      if (auto rest = ResolvePerson(name.substr(sp + 1), si, true); rest && rest->strong) {
        offer(strong, off + static_cast<uint32_t>(sp + 1), rest->name);
        continue;
      }
    }
    if (p && !p->strong && AfterWord("place_word", sent, off)) continue;  // "di Aula Besar Rakyat" is a place
    if (p && AfterWord("counterpart_word", sent, off)) continue;  // "bertemu Presiden Xi": the other party
    if (p) offer(p->strong ? strong : weak, off, p->name);
  }
  if (strong) return strong->second;
  if (weak) return weak->second;
  return std::nullopt;
}

// "telah berangkat menuju Rusia ..., Selasa, untuk ...", "has left for Russia, state media said
// Tuesday": in wire copy a weekday set off by commas, or right after a verb of saying, is often
// the day the news was reported.
bool ArticleExtractor::ReportDay(std::string_view sent, Span v) const {
  std::string_view before = sent.substr(0, v.begin), after = sent.substr(v.end);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  bool commas = !before.empty() && before.back() == ',' && !after.empty() && after.front() == ',';
  return commas || AfterWord("report_verb", sent, v.begin);
}

// True when the word before `off` is in `lexicon` (place_word: "di", "in"; counterpart_word:
// "bertemu", "with").
// Titles in between are skipped: "bertemu Presiden Xi Jinping".
bool ArticleExtractor::AfterWord(std::string_view lexicon, std::string_view sent, uint32_t off) const {
  std::string_view before = Trim(sent.substr(0, off));
  for (int hops = 0; hops < 4 && !before.empty(); ++hops) {
    size_t sp = before.find_last_of(' ');
    std::string_view word = sp == std::string_view::npos ? before : before.substr(sp + 1);
    if (Lookup(lexicon, word)) return true;
    if (std::find(L_.titles.begin(), L_.titles.end(), Key(word)) == L_.titles.end()) return false;
    before = sp == std::string_view::npos ? std::string_view() : Trim(before.substr(0, sp));
  }
  return false;
}

namespace {

// The name counted most often (the first in name order of those as often); none when empty.
std::optional<std::string> MostNamed(const std::map<std::string, int>& count) {
  std::optional<std::string> best;
  int n = 0;
  for (const auto& [p, c] : count)
    if (c > n) best = p, n = c;
  return best;
}

}  // namespace

std::optional<std::string> ArticleExtractor::Principal() const {
  EnsureMentions();
  return MostNamed(person_count_);
}

ArticleExtractor::Person ArticleExtractor::OfficeHolder(std::string office) const {
  if (auto it = office_holders_.find(office); it != office_holders_.end()) return it->second;
  Person role{office, false};
  office_holders_.emplace(office, role);  // also what a lookup inside the scan below finds
  std::optional<std::string> holder;
  bool several = false;
  // A name the office stands beside is a person's, known or not (the office is its title).
  auto take = [&](std::string_view name, uint32_t si, bool beside) {
    auto p = ResolvePerson(name, si, true);
    if (!p || (!p->strong && !beside) || p->name == office || name.find(' ') == std::string_view::npos) return;
    several = several || (holder && *holder != p->name);
    holder = p->name;
  };
  for (uint32_t si = 0; si < a_.sentences.size() && !several; ++si) {
    const std::vector<std::string_view>& runs = Runs(si);
    for (size_t r = 0; r < runs.size(); ++r) {
      std::string_view name = TrimName(runs[r]);
      // "Presiden Rusia Vladimir Putin"
      if (name.size() > office.size() + 1 && name.compare(0, office.size(), office) == 0 && name[office.size()] == ' ') take(name, si, false);
      // "Presiden Rusia, Vladimir Putin" and "Donald Trump, Presiden Amerika Serikat": the office
      // and a name beside it, a comma between.
      if (name != office) continue;
      const char* end = runs[r].data() + runs[r].size();
      if (r + 1 < runs.size() && runs[r + 1].data() == end + 2 && end[0] == ',' && end[1] == ' ') take(TrimName(runs[r + 1]), si, true);
      if (r > 0 && runs[r - 1].data() + runs[r - 1].size() + 2 == runs[r].data() && runs[r].data()[-2] == ',') take(TrimName(runs[r - 1]), si, true);
    }
  }
  Person found = holder && !several ? Person{*holder, true} : role;
  office_holders_[office] = found;
  return found;
}

std::optional<std::string> ArticleExtractor::StoryPerson() const { return MostNamed(NamedPeople()); }

std::optional<std::string> ArticleExtractor::PronounPerson(uint32_t si) {
  if (!FormInSentence("personal_pronoun", si)) return std::nullopt;
  return MostNamed(NamedPeople());
}

const std::map<std::string, int>& ArticleExtractor::NamedPeople() const {
  if (named_people_) return *named_people_;
  EnsureMentions();
  auto headline = [&](uint32_t si) {
    std::string_view sent = a_.Text(a_.sentences[si].span);
    return !NotAClaim(sent, Trim(a_.Text(a_.paragraphs[a_.sentences[si].paragraph])) == Trim(sent)).empty();
  };
  std::map<std::string, int> count;
  for (const Mention& m : mentions_)
    if (m.person && !headline(m.sentence)) ++count[m.canonical];
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    if (headline(si)) continue;
    for (std::string_view run : Runs(si))
      if (auto p = ResolvePerson(TrimName(run), si, true); p && p->strong && !e_.gazetteer().Find(p->name)) ++count[p->name];
  }
  // "Mr Blair" is the "Tony Blair" the article named: a one-word name that ends one full name.
  std::map<std::string, std::vector<std::string>> by_last;
  for (const auto& [name, n] : count)
    if (auto sp = name.rfind(' '); sp != std::string::npos) by_last[name.substr(sp + 1)].push_back(name);
  for (auto it = count.begin(); it != count.end();) {
    auto full = it->first.find(' ') == std::string::npos ? by_last.find(it->first) : by_last.end();
    if (full != by_last.end() && full->second.size() == 1) {
      count[full->second.front()] += it->second;
      it = count.erase(it);
    } else {
      ++it;
    }
  }
  named_people_ = std::move(count);
  return *named_people_;
}

std::string ArticleExtractor::WithoutOfficePlace(std::string name) const {
  size_t cut = 0;
  for (size_t i = 1; i < name.size(); ++i)
    if (name[i] == ' ' && e_.gazetteer().Find(std::string_view(name).substr(0, i))) cut = i;
  // A place the gazetteer does not know, ended by a point of the compass as its second or third
  // word ("Bupati Luwu Utara Andi Abdullah Rahim", "Wali Kota Tangerang Selatan Benyamin Davnie"):
  // a first word is a name ("Timur Pradopo").
  if (!cut) {
    size_t end = name.find(' ');
    for (int word = 2; word <= 3 && end != std::string::npos; ++word) {
      size_t next = name.find(' ', end + 1);
      std::string_view w = std::string_view(name).substr(end + 1, (next == std::string::npos ? name.size() : next) - end - 1);
      if (next != std::string::npos && Lookup("compass", w)) {
        cut = next;
        break;
      }
      end = next;
    }
  }
  if (cut && name.find(' ', cut + 1) != std::string::npos) name.erase(0, cut + 1);
  return name;
}

// One walk over the article's names for both: the names written after a title (TitledName),
// and the same without the office's place with the sentence that first names them (TitledPeople).
void ArticleExtractor::ReadTitledNames() const {
  titled_.emplace();
  std::map<std::string, uint32_t> first;
  for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
    const std::string_view sent = a_.Text(a_.sentences[si].span);
    for (std::string_view run : Runs(si)) {
      bool stripped = false;
      std::string bare = StripTitles(TrimName(run), &stripped);
      // A title in lower case just before the name: "Scotland manager Walter Smith".
      if (!stripped && run.data() >= sent.data() && run.data() <= sent.data() + sent.size()) {
        size_t e = static_cast<size_t>(run.data() - sent.data());
        while (e > 0 && sent[e - 1] == ' ') --e;
        size_t b = e;
        while (b > 0 && sent[b - 1] != ' ') --b;
        const std::string_view word = sent.substr(b, e - b);
        if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' &&
            std::find(L_.titles.begin(), L_.titles.end(), Key(word)) != L_.titles.end())
          stripped = true, bare = Squeeze(TrimName(run));
      }
      if (!stripped || bare.find(' ') == std::string::npos) continue;
      std::string full = WithoutOfficePlace(bare);  // "Makassar Munafri Arifuddin"
      titled_->insert(std::move(bare));
      if (full.find(' ') != std::string::npos) first.try_emplace(std::move(full), si);
    }
  }
  titled_people_.emplace(first.begin(), first.end());
}

const std::vector<std::pair<std::string, uint32_t>>& ArticleExtractor::TitledPeople() const {
  if (!titled_people_) ReadTitledNames();
  return *titled_people_;
}

bool ArticleExtractor::TitledName(const std::string& name) const {
  if (!titled_) ReadTitledNames();
  return titled_->count(name) > 0;
}

std::optional<std::string> ArticleExtractor::Parties() const {
  if (parties_) return *parties_;
  std::map<std::string, int> count = NamedPeople();
  // The people the title names are the story's: three times more.
  for (auto& [name, n] : count)
    if (a_.title.find(name) != std::string::npos || a_.title.find(name.substr(name.rfind(' ') + 1)) != std::string::npos) n += 3;
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [p, n] : count) v.emplace_back(-n, p);
  std::sort(v.begin(), v.end());
  parties_.emplace();
  if (v.size() >= 2) {
    std::vector<std::string> two = {v[0].second, v[1].second};
    std::sort(two.begin(), two.end());
    *parties_ = two[0] + "–" + two[1];
  }
  return *parties_;
}

std::optional<std::string> ArticleExtractor::CountryPair() const {
  EnsureMentions();
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [c, n] : country_count_) v.emplace_back(-n, c);
  std::sort(v.begin(), v.end());
  if (v.size() < 2) return std::nullopt;
  std::vector<std::string> two = {v[0].second, v[1].second};
  std::sort(two.begin(), two.end());
  return two[0] + "–" + two[1];
}

}  // namespace cc::extract
