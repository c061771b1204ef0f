// Internal to src/extract: a sentence as words, numbers and punctuation, with each word's
// folded form and Snowball stem worked out on first need. What frames (frames.cpp) measure
// their distances in and match their triggers against.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace cc::extract {

struct Token {
  enum class Kind : uint8_t { kWord, kNumber, kPunct };
  Span span;          // bytes of the sentence
  Kind kind = Kind::kWord;
  bool upper = false; // a word that starts with a capital letter
};

// Splits `sentence` into tokens: words (letters and digits, with ' and - inside: "Jong-un",
// "Jum'at"), numbers (digits with . , : / inside: "2.500", "41,2", "04.15", "24/4/2019") and one
// token per other character that is not a space.
std::vector<Token> Tokenize(std::string_view sentence);

class Tokens {
 public:
  Tokens(std::string_view sentence, std::string_view lang);
  size_t size() const { return tokens_.size(); }
  const Token& operator[](size_t i) const { return tokens_[i]; }
  std::string_view Text(size_t i) const { return sentence_.substr(tokens_[i].span.begin, tokens_[i].span.size()); }
  // The token's text case-folded (the key lexicon forms are looked up by).
  const std::string& Folded(size_t i) const;
  // The Snowball stem of the folded word (the word itself for a language without a stemmer).
  const std::string& Stem(size_t i) const;
  // The first token that ends after byte `b` of the sentence (size() when none).
  size_t At(uint32_t b) const;
  // The tokens inside bytes [s.begin, s.end): [first, last]; false when none.
  bool Within(Span s, size_t& first, size_t& last) const;
  bool IsWord(size_t i) const { return tokens_[i].kind != Token::Kind::kPunct; }
  std::string_view sentence() const { return sentence_; }

 private:
  std::string_view sentence_;
  std::string lang_;
  std::vector<Token> tokens_;
  mutable std::vector<std::string> folded_, stems_;
  mutable std::vector<bool> have_folded_, have_stem_;
};

// The words of tokens [first, last] as bytes of the sentence.
inline Span SpanOf(const Tokens& t, size_t first, size_t last) { return {t[first].span.begin, t[last].span.end}; }

}  // namespace cc::extract
