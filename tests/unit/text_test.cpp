// Pure core: UTF-8 validation, numbers, calendar.
#include <catch2/catch.hpp>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/calendar.h"
#include "core/numbers.h"
#include "core/hash.h"
#include "core/literal_set.h"
#include "core/swar.h"
#include "core/text.h"

using namespace cc;

TEST_CASE("invalid UTF-8 is found at every position class", "[core][utf8]") {
  CHECK_FALSE(FindInvalidUtf8("Rabu, 24 April — “kutipan”").has_value());
  CHECK(FindInvalidUtf8("ab\x80") == 2u);            // stray continuation byte
  CHECK(FindInvalidUtf8("a\xC3") == 1u);             // truncated lead
  CHECK(FindInvalidUtf8("\xC0\xAF") == 0u);          // overlong
  CHECK(FindInvalidUtf8("x\xED\xA0\x80") == 1u);     // surrogate
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(FindInvalidUtf8("\xFF") == 0u);
}

TEST_CASE("invalid UTF-8 is found at any offset of a long ASCII run", "[core][utf8]") {
  // ASCII is skipped eight bytes at a time: a bad byte at every offset, and multi-byte
  // characters straddling the eight-byte steps, must still be seen where they are.
  const std::string ascii(40, 'a');
  for (size_t at = 0; at <= ascii.size(); ++at) {
    std::string s = ascii;
    s.insert(at, "\x80");
    CHECK(FindInvalidUtf8(s) == at);
    std::string ok = ascii;
    ok.insert(at, "\xE2\x80\x94");  // an em dash
    CHECK_FALSE(FindInvalidUtf8(ok).has_value());
    std::string cut = ascii.substr(0, at) + "\xE2\x80";  // a dash cut short at the end
    CHECK(FindInvalidUtf8(cut) == at);
  }
}

NumberConventions Indonesian() {
  NumberConventions c;
  c.decimal = ',';
  c.thousands = '.';
  auto add = [&](const char* w, double v, NumberOp op = NumberOp::kAdd) { c.words[w] = {v, op}; };
  add("satu", 1); add("dua", 2); add("tiga", 3); add("empat", 4); add("lima", 5); add("tujuh", 7);
  add("sepuluh", 10); add("sebelas", 11); add("seratus", 100);
  add("belas", 10, NumberOp::kTeen); add("puluh", 10, NumberOp::kTimes); add("ratus", 100, NumberOp::kTimes);
  add("ribu", 1000, NumberOp::kScale); add("juta", 1e6, NumberOp::kScale);
  return c;
}

TEST_CASE("numbers in Indonesian and English notation", "[core][numbers]") {
  auto id = Indonesian();
  NumberConventions en;
  struct Case { const char* text; double want; bool indonesian; };
  const Case cases[] = {
      {"17", 17, true},          {"2.500", 2500, true},     {"41,2", 41.2, true},
      {"1.200,5", 1200.5, true}, {"2.5", 2.5, true},        {"1,5 juta", 1.5e6, true},
      {"tujuh belas", 17, true}, {"dua puluh lima", 25, true}, {"seratus", 100, true},
      {"dua ribu lima ratus", 2500, true}, {"empat", 4, true}, {"sebelas", 11, true},
      {"2,500", 2500, false},    {"12.5", 12.5, false},     {"1,234,567", 1234567, false},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto v = ParseNumber(c.text, c.indonesian ? id : en);
    REQUIRE(v.has_value());
    CHECK(*v == Approx(c.want));
  }
  CHECK_FALSE(ParseNumber("Rabu", id).has_value());
  CHECK_FALSE(ParseNumber("", id).has_value());
  // A scale glued on, when the conventions list the suffix.
  en.suffixes = {{"bn", 1e9}, {"m", 1e6}};
  CHECK(ParseNumber("3bn", en) == Approx(3e9));
  CHECK(ParseNumber("1.58bn", en) == Approx(1.58e9));
  CHECK(ParseNumber("300m", en) == Approx(3e8));
  CHECK_FALSE(ParseNumber("10km", en).has_value());
  CHECK_FALSE(ParseNumber("3bn", id).has_value());
  CHECK(FormatNumber(17) == "17");
  CHECK(FormatNumber(41.2) == "41.2");
}

TEST_CASE("calendar arithmetic and ISO forms", "[core][calendar]") {
  CHECK(WeekdayName(Weekday(2019, 4, 24)) == "wednesday");
  CHECK(WeekdayName(Weekday(2023, 9, 13)) == "wednesday");
  CHECK(WeekdayName(Weekday(2023, 7, 4)) == "tuesday");
  CHECK(WeekdayName(Weekday(1970, 1, 1)) == "thursday");
  CHECK(ToIso({2019, 4, 24}) == "2019-04-24");
  CHECK(ToIso({0, 4, 24}) == "--04-24");
  CHECK(ToIso({2018, 3, 0}) == "2018-03");
  CHECK(ParseIso("2025-10-21T20:43") == PartialDate{2025, 10, 21});
  CHECK(ParseIso("--09-13") == PartialDate{0, 9, 13});
  CHECK_FALSE(ParseIso("2023-02-30").has_value());
  for (long z : {-1000L, 0L, 19000L, 20000L}) CHECK(DaysFromCivil(CivilFromDays(z).year, CivilFromDays(z).month, CivilFromDays(z).day) == z);
}

TEST_CASE("short names and positions", "[core][text]") {
  CHECK(ShortName("../shared/seeds/003_d6.txt") == "003_d6");
  CHECK(ShortName("corpus/news.jsonl:12") == "news:12");
  // An article is named by its own id when it has one, else by its file.
  CHECK(ArticleLabel("detik-gc-0011", "corpus/news.jsonl:11") == "detik-gc-0011");
  CHECK(ArticleLabel("  wire  42 ", "a.txt") == "wire 42");
  CHECK(ArticleLabel("", "corpus/news.jsonl:11") == "news:11");
  CHECK(ArticleLabel(std::string(80, 'x'), "seeds/003_d6.txt") == "003_d6");  // an id too long to read
  CHECK(LineCol("ab\ncé d", 6) == std::pair<size_t, size_t>{2, 3});
  CHECK(Fold("KIM Jong-Un") == "kim jong-un");
  CHECK(Fold("ÉCOLE Straße") == "école strasse");  // outside ASCII: Unicode case folding
}

TEST_CASE("Squeeze joins words with single spaces and trims both ends", "[text]") {
  CHECK(Squeeze("") == "");
  CHECK(Squeeze(" \t\r\n ") == "");
  CHECK(Squeeze("word") == "word");
  CHECK(Squeeze("  Menteri  Luar\tNegeri\r\nbertemu ") == "Menteri Luar Negeri bertemu");
  CHECK(Squeeze("jam 10.00\n\nWIB") == "jam 10.00 WIB");
  CHECK(Squeeze("caf\xC3\xA9  \xC3\xBC") == "caf\xC3\xA9 \xC3\xBC");  // bytes above 0x7F are not spaces
  CHECK(Squeeze("a\xC2\xA0" "b") == "a\xC2\xA0" "b");  // nor is a no-break space (normalizing maps it)
}

TEST_CASE("SqueezedHash is the hash of the squeezed text", "[text]") {
  for (const char* s : {"", " \t\r\n ", "word", "  Menteri  Luar\tNegeri\r\nbertemu ", "jam 10.00\n\nWIB",
                        "caf\xC3\xA9  \xC3\xBC", "a\xC2\xA0" "b", "\n\nParagraf kedua.\n"}) {
    INFO(s);
    CHECK(SqueezedHash(s) == SqueezedHash(Squeeze(s)));
  }
  CHECK(SqueezedHash("a b") != SqueezedHash("ab"));
  CHECK(SqueezedHash("") != SqueezedHash(std::string(1, '\0')));
  CHECK(SqueezedHash("abcdefgh") != SqueezedHash("abcdefg"));
  // Eight bytes without whitespace go in at once, at any offset of the squeezed text: a run
  // of spaces at every position of a long text hashes as one space there, and differently
  // from the text with no space there.
  const std::string text = "Presiden berangkat ke Washington pada Selasa pagi bersama rombongan.";
  std::set<uint64_t> hashes;
  for (size_t at = 1; at < text.size(); ++at) {
    if (text[at - 1] == ' ' || text[at] == ' ') continue;
    std::string one = text.substr(0, at) + " " + text.substr(at);
    std::string many = text.substr(0, at) + " \t\n  " + text.substr(at);
    INFO(at);
    CHECK(SqueezedHash(many) == SqueezedHash(one));
    CHECK(SqueezedHash(text.substr(0, at) + "  " + text.substr(at)) == SqueezedHash(one));  // spaces only
    CHECK(SqueezedHash("\n " + many + "  ") == SqueezedHash(one));
    CHECK(SqueezedHash(one) != SqueezedHash(text));
    hashes.insert(SqueezedHash(one));
  }
  CHECK(hashes.size() > 50);  // every place of the space gives its own hash
  // Every byte counts, wherever the eight-byte steps fall after a space.
  const std::string spaced = "Menteri Luar Negeri bertemu mitranya di Jakarta pada Rabu sore.";
  for (size_t at = 0; at < spaced.size(); ++at) {
    if (spaced[at] == ' ') continue;
    std::string changed = spaced;
    changed[at] = changed[at] == 'x' ? 'y' : 'x';
    INFO(at);
    CHECK(SqueezedHash(changed) != SqueezedHash(spaced));
  }
}

TEST_CASE("FoldKey is Fold of the squeezed text, into a buffer", "[text]") {
  std::string key = "left over from the last key";
  for (const char* s : {"", " \t\r\n ", "Word", "  Menteri  Luar\tNegeri\r\nBERTEMU ", "Jam 10.00\n\nWIB",
                        "Caf\xC3\xA9  \xC3\x9C", "ASCII first, then \xC3\x89T\xC3\x89", "a\xC2\xA0" "B",
                        "JOKO Widodo", "A-Z [a-z] @`{", "Kim  Jong Un", "Kim\tJong\nUn", "Kim Jong\r",
                        "Tab\t", "caf\xC3\xA9 Kim", "Kim caf\xC3\xA9"}) {
    INFO(s);
    FoldKey(s, key);
    CHECK(key == Fold(Squeeze(s)));
  }
  FoldKey("Caf\xC3\xA9", key);
  CHECK(key == "caf\xC3\xA9");
  FoldKey("\xC3\x89T\xC3\x89  Indah", key);
  CHECK(key == "\xC3\xA9t\xC3\xA9 indah");
}

TEST_CASE("LowerInto lowers ASCII in eight-byte steps and other letters by code point", "[core][text]") {
  std::string out = "left over";
  LowerInto("", out);
  CHECK(out.empty());
  // Every letter and the bytes around 'A' and 'Z' ('@', '[', '`', '{'), at every offset of the
  // eight-byte steps; "Ⱥ" (2 bytes) lowers to "ⱥ" (3 bytes), "É" to "é", "İ" (2 bytes) to "i";
  // a stray byte stays as it is.
  const std::string ascii = "@AZ[`az{ The QUICK brown Fox, 17 Jumps! ";
  const std::string lowered = "@az[`az{ the quick brown fox, 17 jumps! ";
  for (size_t at = 0; at <= ascii.size(); ++at) {
    for (auto [word, want] : {std::pair<std::string, std::string>{"\xC8\xBA", "\xE2\xB1\xA5"},
                              {"\xC3\x89", "\xC3\xA9"}, {"\xC4\xB0", "i"}, {"\x80", "\x80"}}) {
      std::string s = ascii.substr(0, at) + word + ascii.substr(at) + ascii;
      LowerInto(s, out);
      CHECK(out == lowered.substr(0, at) + want + lowered.substr(at) + lowered);
    }
  }
}

TEST_CASE("swar masks flag exactly the bytes that have the property, next to any other byte", "[core][text]") {
  // Every byte value at every position, the other seven bytes all one of the values that make
  // sums carry or borrow (0x00, 0x7F, 0x80, 0xFF; "/" is one above "."), or letters.
  int wrong = 0;
  std::string first_wrong;
  for (unsigned fill : {0x00u, 0x7Fu, 0x80u, 0xFFu, 'a' + 0u, 'Z' + 0u, '/' + 0u}) {
    for (int pos = 0; pos < 8; ++pos) {
      for (unsigned v = 0; v < 256; ++v) {
        char bytes[8];
        for (int k = 0; k < 8; ++k) bytes[k] = static_cast<char>(k == pos ? v : fill);
        const uint64_t x = swar::Load(bytes);
        uint64_t want_eq = 0, want_print = 0, want_upper = 0, want_ctrl = 0;
        for (int k = 0; k < 8; ++k) {
          auto b = static_cast<unsigned char>(bytes[k]);
          uint64_t bit = uint64_t{0x80} << (8 * k);
          if (b == '.') want_eq |= bit;
          if (b >= 0x20 && b <= 0x7E) want_print |= bit;
          if (b >= 'A' && b <= 'Z') want_upper |= bit;
          if (b <= 0x1F) want_ctrl |= bit;
        }
        bool ok = swar::Equal(x, '.') == want_eq && swar::InRange(x, 0x20, 0x7E) == want_print &&
                  swar::InRange(x, 'A', 'Z') == want_upper && swar::InRange(x, 0, 0x1F) == want_ctrl &&
                  (swar::AnyBelow(x, 0x20) != 0) == (want_ctrl != 0);
        if (!(x & swar::kHigh)) ok = ok && swar::InRangeAscii(x, 'A', 'Z') == want_upper;
        if (!ok && wrong++ == 0) first_wrong = "fill " + std::to_string(fill) + " pos " + std::to_string(pos) + " byte " + std::to_string(v);
      }
    }
  }
  INFO(first_wrong);
  CHECK(wrong == 0);
  // Load reads the first byte lowest; Store writes back what Load read; First finds it.
  const char text[] = "abcdefgh";
  char back[8];
  swar::Store(back, swar::Load(text));
  CHECK(std::string(back, 8) == "abcdefgh");
  CHECK(swar::First(swar::Equal(swar::Load(text), 'c')) == 2);
  CHECK(swar::First(swar::Equal(swar::Load(text), 'h')) == 7);
}

TEST_CASE("LiteralSet finds which literals occur in a text", "[core][literal_set]") {
  LiteralSet set({"he", "she", "his", "hers", "persen", "per", "sen", "é", "200"});
  std::vector<int> ids;
  set.Match("ushers", ids);
  CHECK(ids == std::vector<int>{0, 1, 3});  // overlapping, and one inside another
  set.Match("12,5 persen", ids);
  CHECK(ids == std::vector<int>{4, 5, 6});
  set.Match("Café 2001", ids);
  CHECK(ids == std::vector<int>{7, 8});
  set.Match("", ids);
  CHECK(ids.empty());
  set.Match("hhhhhhis", ids);  // a failed prefix, then the literal
  CHECK(ids == std::vector<int>{2});
  set.Match("PERSEN", ids);  // bytes as they are: no case folding
  CHECK(ids.empty());
  LiteralSet with_empty({"x", ""});
  with_empty.Match("abc", ids);
  CHECK(ids == std::vector<int>{1});
  LiteralSet none({});
  none.Match("abc", ids);
  CHECK(ids.empty());
}

TEST_CASE("LiteralSet answers as an RE2::Set of the same literals on random texts", "[core][literal_set]") {
  std::mt19937 rng(20261123);
  // Small alphabets make literals overlap and nest; bytes from all 256 reach every column.
  for (int round = 0; round < 200; ++round) {
    const std::string alphabet = round % 4 == 3 ? std::string() : round % 2 ? "ab" : "abc\xc3\xa9 ";
    auto byte = [&] {
      if (alphabet.empty()) return static_cast<char>(rng() % 256);
      return alphabet[rng() % alphabet.size()];
    };
    std::vector<std::string> literals;
    for (int i = 0, n = 1 + static_cast<int>(rng() % 30); i < n; ++i) {
      std::string l;
      for (int k = 0, len = 1 + static_cast<int>(rng() % 6); k < len; ++k) l += byte();
      literals.push_back(l);
    }
    LiteralSet set(literals);
    RE2::Options lit;
    lit.set_literal(true);
    lit.set_encoding(RE2::Options::EncodingLatin1);  // any bytes, as LiteralSet takes them
    RE2::Set want_set(lit, RE2::UNANCHORED);
    for (const auto& l : literals) REQUIRE(want_set.Add(l, nullptr) >= 0);
    REQUIRE(want_set.Compile());
    for (int t = 0; t < 20; ++t) {
      std::string text;
      for (int k = 0, len = static_cast<int>(rng() % 40); k < len; ++k) text += byte();
      std::vector<int> got, want;
      set.Match(text, got);
      want_set.Match(text, &want);
      std::sort(want.begin(), want.end());
      INFO("round " << round << ", text of " << text.size() << " bytes");
      CHECK(got == want);
    }
  }
}
