#include "extract/tokens.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"
#include "extract/stemmer.h"

namespace cc::extract {

namespace {

bool AsciiAlnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool Digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool Space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A letter or digit at `i` (any script), and the length of its code point.
bool WordChar(std::string_view s, size_t i, size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return AsciiAlnum(c);
  }
  int n = 0;
  int32_t cp = FirstCodePoint(s.substr(i), &n);
  len = n > 0 ? static_cast<size_t>(n) : 1;
  return cp > 0 && (IsLetter(cp) || (cp >= 0x300 && cp <= 0x36F));  // letters and combining marks
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0, len = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (Space(c)) {
      ++i;
      continue;
    }
    if (Digit(c)) {  // a number: digits with . , : / between digits
      size_t e = i + 1;
      while (e < s.size()) {
        auto d = static_cast<unsigned char>(s[e]);
        if (Digit(d)) ++e;
        else if ((d == '.' || d == ',' || d == ':' || d == '/') && e + 1 < s.size() && Digit(static_cast<unsigned char>(s[e + 1]))) e += 2;
        else break;
      }
      // "2.500-an", "10km": letters glued on make it one word.
      size_t w = e;
      while (w < s.size() && WordChar(s, w, len)) w += len;
      out.push_back({{static_cast<uint32_t>(i), static_cast<uint32_t>(w)}, w == e ? Token::Kind::kNumber : Token::Kind::kWord, false});
      i = w;
      continue;
    }
    if (WordChar(s, i, len)) {
      size_t b = i, e = i + len;
      for (;;) {
        while (e < s.size() && WordChar(s, e, len)) e += len;
        // ' and - join two parts of one word ("Jong-un", "Jum'at", "se-Indonesia").
        if (e + 1 < s.size() && (s[e] == '\'' || s[e] == '-') && WordChar(s, e + 1, len)) {
          e += 1;
          continue;
        }
        break;
      }
      int n = 0;
      int32_t first = FirstCodePoint(s.substr(b), &n);
      out.push_back({{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}, Token::Kind::kWord, IsUpper(first)});
      i = e;
      continue;
    }
    // Punctuation: one token per code point.
    int n = 0;
    FirstCodePoint(s.substr(i), &n);
    size_t e = i + (n > 0 ? static_cast<size_t>(n) : 1);
    out.push_back({{static_cast<uint32_t>(i), static_cast<uint32_t>(e)}, Token::Kind::kPunct, false});
    i = e;
  }
  return out;
}

Tokens::Tokens(std::string_view sentence, std::string_view lang)
    : sentence_(sentence), lang_(lang), tokens_(Tokenize(sentence)) {
  folded_.resize(tokens_.size());
  stems_.resize(tokens_.size());
  have_folded_.assign(tokens_.size(), false);
  have_stem_.assign(tokens_.size(), false);
}

const std::string& Tokens::Folded(size_t i) const {
  if (!have_folded_[i]) {
    FoldKey(Text(i), folded_[i]);
    have_folded_[i] = true;
  }
  return folded_[i];
}

const std::string& Tokens::Stem(size_t i) const {
  if (!have_stem_[i]) {
    // News repeats its words: a thread keeps the stems it worked out (forgotten past 64K words).
    thread_local std::unordered_map<std::string, std::string> cache[3];
    auto& c = cache[lang_ == "id" ? 0 : lang_ == "en" ? 1 : 2];
    const std::string& w = Folded(i);
    auto it = c.find(w);
    if (it == c.end()) {
      if (c.size() > 65536) c.clear();
      it = c.emplace(w, cc::extract::Stem(w, lang_)).first;
    }
    stems_[i] = it->second;
    have_stem_[i] = true;
  }
  return stems_[i];
}

size_t Tokens::At(uint32_t b) const {
  auto it = std::lower_bound(tokens_.begin(), tokens_.end(), b, [](const Token& t, uint32_t x) { return t.span.end <= x; });
  return static_cast<size_t>(it - tokens_.begin());
}

bool Tokens::Within(Span s, size_t& first, size_t& last) const {
  first = At(s.begin);
  if (first >= tokens_.size() || tokens_[first].span.begin >= s.end) return false;
  last = first;
  while (last + 1 < tokens_.size() && tokens_[last + 1].span.begin < s.end) ++last;
  return true;
}

}  // namespace cc::extract
