// core/scan.h: each named scan answers as a byte-at-a-time loop does, with every kind of byte
// at every offset of its eight-byte steps.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/scan.h"

using namespace cc;

namespace {

bool Letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

size_t NaiveSkipAscii(const std::string& s, size_t i) {
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}
size_t NaiveFindAnyOf(const std::string& s, size_t i, size_t to, char a, char b, char c) {
  while (i < to && s[i] != a && s[i] != b && s[i] != c) ++i;
  return i;
}
size_t NaiveSkipLetters(const std::string& s, size_t i) {
  while (i < s.size() && Letter(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}
size_t NaivePlainRun(const std::string& s, size_t j, char prev) {
  for (; j < s.size(); ++j) {
    auto b = static_cast<unsigned char>(s[j]);
    bool copied = (b > 0x20 && b < 0x7f && b != '`') || (b == ' ' && prev != ' ' && prev != '\n');
    if (!copied || (j + 1 < s.size() && static_cast<unsigned char>(s[j + 1]) >= 0x80)) break;
    prev = static_cast<char>(b);
  }
  return j;
}

// Texts of mostly `common` bytes with one byte of `odd` at each offset, and random mixes.
std::vector<std::string> Texts(const std::string& common, const std::string& odd) {
  std::vector<std::string> out;
  for (size_t len = 0; len <= 20; ++len) {
    std::string base;
    for (size_t k = 0; k < len; ++k) base += common[k % common.size()];
    out.push_back(base);
    for (size_t at = 0; at < len; ++at)
      for (char o : odd) {
        std::string t = base;
        t[at] = o;
        out.push_back(t);
      }
  }
  std::mt19937 rng(11);
  std::string pool = common + odd;
  for (int k = 0; k < 2000; ++k) {
    std::string t(rng() % 40, ' ');
    for (char& c : t) c = pool[rng() % pool.size()];
    out.push_back(t);
  }
  return out;
}

}  // namespace

TEST_CASE("SkipAscii stops at the first byte with its high bit set", "[core][scan]") {
  for (const auto& t : Texts("abc XYZ.", "\x80\xc3\xff\x7f")) {
    for (size_t from = 0; from <= t.size(); ++from) REQUIRE(SkipAscii(t, from) == NaiveSkipAscii(t, from));
  }
}

TEST_CASE("FindAnyOf finds the first of three bytes before the end given", "[core][scan]") {
  for (const auto& t : Texts("words and more", ".!?\xae\xa1\xbf-")) {
    for (size_t from = 0; from <= t.size(); ++from)
      for (size_t to = from; to <= t.size(); to += 3)
        REQUIRE(FindAnyOf(t, from, to, '.', '!', '?') == NaiveFindAnyOf(t, from, to, '.', '!', '?'));
  }
}

TEST_CASE("SkipAsciiLetters stops at every byte just outside the letters", "[core][scan]") {
  // The neighbours of 'a'-'z' and 'A'-'Z', and the bytes that 0x20 makes letters of.
  for (const auto& t : Texts("wordWORD", std::string("@[`{ \x81\xc1\xe1\xfa\x01\x00", 12))) {
    for (size_t from = 0; from <= t.size(); ++from) REQUIRE(SkipAsciiLetters(t, from) == NaiveSkipLetters(t, from));
  }
}

TEST_CASE("PackShortWordLower packs as PackShortWord packs the lowered word", "[core][scan]") {
  for (std::string w : {"a", "Yang", "DAN", "tHe", "abcdefg", "ZZZZZZZ"}) {
    std::string buf = w + "xxxxxxxx";  // eight bytes readable
    std::string lower = w;
    bool all_upper = true;
    for (char& c : lower) {
      all_upper = all_upper && c >= 'A' && c <= 'Z';
      c = static_cast<char>(c | 0x20);
    }
    bool capitals = false;
    CHECK(PackShortWordLower(buf.data(), w.size(), capitals) == PackShortWord(lower));
    CHECK(capitals == all_upper);
  }
  CHECK(PackShortWord(std::string(1, '\0')) != 0);  // the length tells a word from no word
  CHECK(PackShortWord("ab") != PackShortWord(std::string("ab\0", 3)));
}

TEST_CASE("PlainAsciiRun ends where a byte-at-a-time copy ends", "[core][scan]") {
  for (const auto& t : Texts("The news. ", std::string("  `\n\t\x7f\x80\xcc\x01~", 11))) {
    for (size_t from = 0; from <= t.size(); ++from)
      for (char prev : {'x', ' ', '\n'}) REQUIRE(PlainAsciiRun(t, from, prev) == NaivePlainRun(t, from, prev));
  }
}
