#include "extract/claim_lines.h"

#include "core/text.h"

namespace cc::extract {

namespace {

// Title case: most words of four letters or more start with a capital, and the short words that
// stay lower case in a title ("di", "of", "the") do not count against it.
bool TitleCase(std::string_view s) {
  size_t words = 0, capital = 0, long_words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    std::string_view w = s.substr(b, i - b);
    while (!w.empty() && !IsLetter(FirstCodePoint(w)) && !(w[0] >= '0' && w[0] <= '9')) w.remove_prefix(1);
    if (w.empty()) continue;
    int32_t cp = FirstCodePoint(w);
    if (!IsLetter(cp)) continue;
    ++words;
    bool upper = IsUpper(cp);
    if (upper) ++capital;
    if (upper || CodePoints(w) >= 4) ++long_words;
  }
  return words >= 4 && long_words > 0 && capital * 5 >= long_words * 4;
}

}  // namespace

std::string NotAClaim(std::string_view sentence, bool whole_line) {
  std::string_view s = Trim(sentence);
  if (s.empty()) return "";
  // "(Foto: ANTARA/...)", "(AFP)", "FILE PHOTO: ...", "Foto: ...": a caption or credit.
  if (s.front() == '(' && s.back() == ')') return "a caption or credit in parentheses";
  for (std::string_view cue : {"Foto:", "FOTO:", "Photo:", "PHOTO:", "FILE PHOTO", "Picture:", "Ilustrasi:", "Image caption"})
    if (StartsWith(s, cue)) return "a photo caption";
  if (!whole_line) return "";
  // "• Other headline", "- Other headline": a list of other stories.
  bool bullet = StartsWith(s, "\xE2\x80\xA2") || StartsWith(s, "- ") || StartsWith(s, "* ");
  char last = s.back();
  bool stop = last == '.' || last == '!' || last == '?' || last == '"' || last == ':' || EndsWith(s, "\xE2\x80\x9D");
  if (!stop && TitleCase(s)) return bullet ? "a bullet of other headlines" : "an inline headline (title case, no final stop)";
  return "";
}

}  // namespace cc::extract
