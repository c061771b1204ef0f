#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/hash.h"
#include "core/scan.h"
#include "core/text.h"
#include "ingest/ingest.h"

namespace cc::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

bool EndsSentence(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return true;
  char c = line.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'' || c == ')';
}

// The first '.', '!' or '?' of text[i, end), or end.
uint32_t NextStop(const std::string& text, uint32_t i, uint32_t end) {
  return static_cast<uint32_t>(FindAnyOf(text, i, end, '.', '!', '?'));
}

// Whether the sentence at `k` opens with a continuation (SegmentConfig::continuations), as a
// whole phrase: "Di sana," or "Di sana ia", not "Di sanalah".
bool Continues(const std::string& text, uint32_t k, uint32_t end, const SegmentConfig& config) {
  for (const auto& form : config.continuations) {
    size_t n = form.size();
    if (k + n >= end) continue;
    // An ASCII first letter first: most sentences open otherwise.
    if (static_cast<unsigned char>(form[0]) < 0x80 && (text[k] | 0x20) != form[0]) continue;
    char after = text[k + n];
    if ((after == ' ' || after == ',') && Fold(std::string_view(text).substr(k, n)) == form) return true;
  }
  return false;
}

// Splits one paragraph [b, e) of `text` into sentences. Counts in `cut_count` the sentences over
// config.max_sentence_bytes, which it cuts.
void SplitSentences(const std::string& text, Span para, uint32_t para_index,
                    const SegmentConfig& config, std::vector<Sentence>& out, uint32_t& cut_count) {
  uint32_t start = para.begin;
  auto push = [&](uint32_t s, uint32_t e) {
    while (s < e && IsSpace(text[s])) ++s;
    while (e > s && IsSpace(text[e - 1])) --e;
    // A "sentence" over the limit (a page with no full stops) is cut at spaces, or at a code
    // point boundary when there is none, so that matching always sees bounded input.
    if (e - s > config.max_sentence_bytes) ++cut_count;
    while (e - s > config.max_sentence_bytes) {
      uint32_t cut = s + static_cast<uint32_t>(config.max_sentence_bytes);
      uint32_t sp = cut;
      while (sp > s && !IsSpace(text[sp])) --sp;
      if (sp > s) cut = sp;
      else
        while (cut > s && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      out.push_back({{s, cut}, para_index});
      s = cut;
      while (s < e && IsSpace(text[s])) ++s;
    }
    if (e > s) out.push_back({{s, e}, para_index});
  };
  for (uint32_t i = NextStop(text, para.begin, para.end); i < para.end; i = NextStop(text, i + 1, para.end)) {
    char c = text[i];
    uint32_t j = i;
    while (j < para.end && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    bool single_dot = c == '.' && j == i + 1;
    while (j < para.end && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']')) ++j;
    if (j >= para.end) break;  // the paragraph end closes the sentence anyway
    if (!IsSpace(text[j])) {
      i = j - 1;
      continue;
    }
    uint32_t k = j;
    while (k < para.end && IsSpace(text[k])) ++k;
    if (k >= para.end) break;
    int32_t next = FirstCodePoint(std::string_view(text).substr(k, para.end - k));
    bool opener = next == '"' || next == '\'' || next == '(' || next == '[' || next == '-';
    if (!(IsUpper(next) || (next >= '0' && next <= '9') || opener)) {
      i = j - 1;
      continue;
    }
    if (single_dot) {
      // The word before the dot: an abbreviation or an initial does not end a sentence.
      uint32_t w = i;
      while (w > para.begin && !IsSpace(text[w - 1]) && text[w - 1] != '(' && text[w - 1] != '"') --w;
      std::string_view word = std::string_view(text).substr(w, i - w);
      if (!word.empty()) {
        int len = 0;
        int32_t first = FirstCodePoint(word, &len);
        bool initial = static_cast<size_t>(len) == word.size() && IsUpper(first);
        if (initial || config.abbreviations.count(Fold(word))) {
          i = j - 1;
          continue;
        }
      }
    }
    // "Di sana ia bertemu ...": a sentence that carries on this one is read with it.
    if (Continues(text, k, para.end, config)) {
      i = j - 1;
      continue;
    }
    push(start, j);
    start = k;
    i = k - 1;
  }
  push(start, para.end);
}

}  // namespace

SegmentConfig MakeSegmentConfig(const RulePack& pack) {
  SegmentConfig c;
  for (const LexiconEntry* e : pack.Entries("boilerplate", ""))
    if (e->regex) c.boilerplate.push_back(e->regex);
  if (!c.boilerplate.empty()) {
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_max_mem(64 << 20);
    auto set = std::make_shared<RE2::Set>(opt, RE2::ANCHOR_BOTH);
    bool ok = true;
    for (const auto& re : c.boilerplate) ok = ok && set->Add(re->pattern(), nullptr) >= 0;
    if (ok && set->Compile()) c.boilerplate_set = std::move(set);
  }
  for (const LexiconEntry* e : pack.Entries("abbreviation", "")) {
    for (const auto& f : e->forms) {
      std::string k = Fold(f);
      while (!k.empty() && k.back() == '.') k.pop_back();
      c.abbreviations.insert(k);
    }
  }
  for (const LexiconEntry* e : pack.Entries("continuation", ""))
    for (const auto& f : e->forms) c.continuations.push_back(Fold(f));
  for (const auto& lex : pack.lexicons) {
    if (lex.name != "stopword" || lex.lang == "any") continue;
    auto at = std::find(c.stopword_langs.begin(), c.stopword_langs.end(), lex.lang);
    if (at == c.stopword_langs.end()) {
      if (c.stopword_langs.size() == 64) continue;  // (more languages than bits: not a real pack)
      at = c.stopword_langs.insert(at, lex.lang);
    }
    uint64_t bit = uint64_t{1} << (at - c.stopword_langs.begin());
    for (const auto& e : lex.entries)
      for (const auto& f : e.forms) c.stopwords.Add(Fold(f), bit);
  }
  return c;
}

uint64_t SegmentConfig::StopwordTable::Pack(std::string_view word) { return PackShortWord(word); }

void SegmentConfig::StopwordTable::Add(const std::string& word, uint64_t bits) {
  if (!bits || word.empty()) return;
  longest_ = std::max(longest_, word.size());
  *(word.size() <= kPacked ? packed_.Insert(Pack(word)) : words_.Insert(word)).first |= bits;
}

uint64_t SegmentConfig::StopwordTable::Find(std::string_view word) const {
  if (word.empty() || word.size() > longest_) return 0;
  if (word.size() <= kPacked) return FindPacked(Pack(word));
  const uint64_t* bits = words_.Find(word);
  return bits ? *bits : 0;
}

std::string DetectLanguage(std::string_view text, const SegmentConfig& config) {
  // Stopword votes over the first 600 words: plenty to tell the pack's languages apart. Words
  // in capitals ("AS", Amerika Serikat; "SCROLL TO CONTINUE") are acronyms and shouted
  // boilerplate more often than stopwords: their votes count only when no other word votes
  // ("THE THEATRE").
  std::vector<int> score(config.stopword_langs.size()), caps(config.stopword_langs.size());
  size_t i = 0;
  int words = 0;
  std::string w;
  char lower[32];  // an ASCII word lowercased: no copy on the heap
  // An ASCII byte's class: 0 not a letter, 1 lower case, 2 upper case; a byte from 0x80 on
  // is 0 here and read as part of a code point.
  static constexpr auto kClass = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = 2;
    return t;
  }();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const size_t n = text.size();
  while (i < n && words < 600) {
    // To the next letter.
    while (i < n && !kClass[byte(i)] && (byte(i) < 0x80 || !IsLetter(FirstCodePoint(text.substr(i))))) ++i;
    size_t b = i;
    bool ascii = true;
    for (;;) {
      i = SkipAsciiLetters(text, i);  // most words: ASCII letters only
      // A letter outside ASCII (or a byte inside one) goes on the word.
      if (i == n || byte(i) < 0x80) break;
      if ((byte(i) & 0xC0) != 0x80 && !IsLetter(FirstCodePoint(text.substr(i)))) break;
      ascii = false;
      ++i;
    }
    if (i == b) break;
    ++words;
    if (ascii && i - b > config.stopwords.longest()) continue;  // most words: no copy, no hash
    bool upper = ascii;  // every letter a capital (only ASCII words count as shouted)
    uint64_t bits;
    if (ascii && i - b <= SegmentConfig::StopwordTable::kPacked && b + 8 <= n) {
      // Most words: lowered and packed (StopwordTable::Pack) in one go.
      bits = config.stopwords.FindPacked(PackShortWordLower(text.data() + b, i - b, upper));
    } else {
      std::string_view folded;
      if (ascii && i - b <= sizeof(lower)) {
        for (size_t k = b; k < i; ++k) {
          upper = upper && kClass[byte(k)] == 2;
          lower[k - b] = static_cast<char>(byte(k) | 0x20);
        }
        folded = std::string_view(lower, i - b);
      } else {
        w = Fold(text.substr(b, i - b));
        if (ascii)
          for (size_t k = b; k < i; ++k) upper = upper && kClass[byte(k)] == 2;
        folded = w;
      }
      bits = config.stopwords.Find(folded);
    }
    std::vector<int>& votes = upper && i - b > 1 ? caps : score;
    for (size_t l = 0; bits && l < votes.size(); ++l)
      if (bits >> l & 1) ++votes[l];
  }
  if (std::all_of(score.begin(), score.end(), [](int votes) { return votes == 0; })) score = caps;
  // The highest score wins; a tie goes to the language first in name order.
  std::string best;
  int best_score = 0;
  for (size_t l = 0; l < score.size(); ++l)
    if (score[l] > best_score || (score[l] == best_score && score[l] > 0 && config.stopword_langs[l] < best))
      best = config.stopword_langs[l], best_score = score[l];
  return best;
}

void Segment(Article& a, const SegmentConfig& config) {
  const std::string& t = a.text;
  a.dropped.clear();
  a.dropped_boilerplate = a.dropped_repeats = a.cut_sentences = 0;
  struct Line {
    Span span;
    bool blank;
  };
  std::vector<Line> lines;
  uint32_t pos = 0;
  while (pos <= t.size()) {
    size_t nl = t.find('\n', pos);
    uint32_t end = nl == std::string::npos ? static_cast<uint32_t>(t.size()) : static_cast<uint32_t>(nl);
    std::string_view line = Trim(std::string_view(t).substr(pos, end - pos));
    bool blank = line.empty();
    bool boiler = false;
    bool tried = false;
    if (!blank && config.boilerplate_set) {
      thread_local std::vector<int> hits;
      RE2::Set::ErrorInfo error;
      boiler = config.boilerplate_set->Match(line, &hits, &error);
      tried = boiler || error.kind == RE2::Set::kNoError;  // else the set's DFA ran out of memory
    }
    if (!blank && !tried) {
      for (const auto& re : config.boilerplate) {
        if (RE2::FullMatch(line, *re)) {
          boiler = true;
          break;
        }
      }
    }
    if (boiler) {
      ++a.dropped_boilerplate;
      a.dropped.push_back({pos, end});
      lines.push_back({{pos, end}, true});  // a dropped line also separates paragraphs
    } else {
      uint32_t b = static_cast<uint32_t>(line.data() - t.data());
      lines.push_back({{b, b + static_cast<uint32_t>(line.size())}, blank});
    }
    if (nl == std::string::npos) break;
    pos = end + 1;
  }
  // Paragraphs: each line, joined with the next when it was wrapped mid-sentence.
  std::vector<Span> paras;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank) continue;
    Span p = lines[i].span;
    while (i + 1 < lines.size() && !lines[i + 1].blank && !EndsSentence(a.Text(p)) &&
           IsLower(FirstCodePoint(a.Text(lines[i + 1].span)))) {
      p.end = lines[++i].span.end;
    }
    paras.push_back(p);
  }
  // A paragraph repeated verbatim (spacing aside) is dropped. Kept paragraphs are found by
  // the hash of their squeezed text, and compared squeezed only when the hashes meet.
  std::unordered_map<uint64_t, std::vector<Span>> seen;
  a.paragraphs.clear();
  a.sentences.clear();
  for (Span p : paras) {
    auto& same = seen[SqueezedHash(a.Text(p))];
    if (std::any_of(same.begin(), same.end(), [&](Span q) { return Squeeze(a.Text(q)) == Squeeze(a.Text(p)); })) {
      ++a.dropped_repeats;
      a.dropped.push_back(p);
      continue;
    }
    same.push_back(p);
    auto index = static_cast<uint32_t>(a.paragraphs.size());
    a.paragraphs.push_back(p);
    SplitSentences(t, p, index, config, a.sentences, a.cut_sentences);
  }
  if (a.title.empty()) {
    for (Span p : a.paragraphs) {
      std::string_view s = a.Text(p);
      size_t spaces = std::count(s.begin(), s.end(), ' ');
      if (spaces >= 2 && s.size() <= 200 && s.back() != '.') {
        a.title = Squeeze(s);
        break;
      }
    }
  }
  if (a.lang.empty()) a.lang = DetectLanguage(t, config);
}

}  // namespace cc::ingest
