// Number parsing for news text: digits with a language's separators ("2.500" and "41,2" in
// Indonesian, "2,500" and "12.5" in English) and number words ("tujuh belas", "twenty-five",
// "1,5 juta"). The words come from a rule pack's `number_word` lexicon. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cc {

// How a number word combines with what came before it.
enum class NumberOp {
  kAdd,    // a plain number: "tiga", "seventeen", "sebelas"
  kTeen,   // adds 10 to the pending value: "belas" (tiga belas = 13)
  kTimes,  // multiplies the pending value: "puluh" (x10), "ratus", "hundred" (x100)
  kScale,  // closes a group: "ribu", "juta", "thousand", "million"
};

struct NumberWord {
  double value = 0;
  NumberOp op = NumberOp::kAdd;
};

struct NumberConventions {
  char decimal = '.';
  char thousands = ',';
  std::map<std::string, NumberWord, std::less<>> words;  // folded form -> word
  std::map<std::string, double, std::less<>> suffixes;   // a scale glued on: "bn" in "$3bn" -> 1e9
};

// Parses "17", "2.500", "41,2", "1,5 juta", "tujuh belas", "twenty-five", "seratus ribu", and
// digits with a scale glued on ("3bn", "1.5m") when the conventions list the suffix.
// Returns nullopt for text that is not a number under these conventions.
std::optional<double> ParseNumber(std::string_view text, const NumberConventions& conv);

// Formats a number for a fact value: integers without a fraction, others with up to 6
// significant decimals and no trailing zeros ("17", "41.2", "0.5").
std::string FormatNumber(double v);

}  // namespace cc
