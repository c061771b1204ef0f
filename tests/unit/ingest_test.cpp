// Ingest: headers, normalization with its byte map, boilerplate, repeats, sentences.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <random>

#include "core/hash.h"
#include "ingest/ingest.h"
#include "support/support.h"

using namespace cc;

namespace {
Article Make(const std::string& raw) {
  Article a;
  a.raw = raw;
  size_t body = ingest::ParseHeader(a.raw, a);
  a.id = Hasher().Add(raw).Hex();
  ingest::Normalize(a, body);
  ingest::Segment(a, test::ShippedRules().segment);
  return a;
}
}  // namespace

TEST_CASE("a header block is read only when it is one", "[ingest]") {
  Article a;
  std::string raw = "title: Banjir di Kota\nsource: contoh.id\npublished: 2023-07-04\nlang: id\n\nIsi berita.\n";
  size_t body = ingest::ParseHeader(raw, a);
  CHECK(raw.substr(body) == "Isi berita.\n");
  CHECK(a.title == "Banjir di Kota");
  CHECK(a.published == "2023-07-04");
  Article b;
  CHECK(ingest::ParseHeader("Perkuat Sekutu, Kim Jong Un Temui Putin\n\nIsi.", b) == 0);
  Article c;  // a header without the blank line after it is body text
  CHECK(ingest::ParseHeader("title: X\nsource: Y\n", c) == 0);
  Article d;  // an unknown key is body text
  CHECK(ingest::ParseHeader("Editor: Thalatie\n\nIsi.", d) == 0);
}

TEST_CASE("normalization maps every byte back to the original", "[ingest]") {
  std::string raw = "“Kim pergi,” lapor KCNA – Rabu\u00a0(24\u2009April)… e\u0301 \r\nBaris   dua\tdi sini.";
  Article a;
  a.raw = raw;
  ingest::Normalize(a, 0);
  CHECK(a.text.find("\"Kim pergi,\" lapor KCNA - Rabu (24 April)... é") == 0);
  CHECK(a.text.find("Baris dua di sini.") != std::string::npos);
  REQUIRE(a.origin.size() == a.text.size() + 1);
  // Every normalized byte maps inside the original, in order.
  for (uint32_t i = 0; i + 1 < a.text.size(); ++i) {
    CHECK(a.origin[i].begin <= a.origin[i + 1].begin);
    CHECK(a.origin[i].end <= raw.size());
  }
  size_t at = a.text.find("Rabu");
  Span orig = a.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 4)});
  CHECK(a.Raw(orig) == "Rabu");
  size_t q = a.text.find("\"Kim");
  CHECK(a.Raw(a.ToOriginal({static_cast<uint32_t>(q), static_cast<uint32_t>(q + 4)})) == "“Kim");
}

TEST_CASE("normalization squeezes spaces, joins combining marks and keeps each byte's origin", "[ingest]") {
  // The cases at the edges of a copied ASCII run: a leading space, two spaces, a space before
  // a line break, a backquote, a tab, a letter with a combining accent, a run at the very end.
  std::string raw = "  Ada `dua`  kata\t \r\nCafe\u0301 x";
  Article a;
  a.raw = raw;
  ingest::Normalize(a, 0);
  CHECK(a.text == "Ada 'dua' kata\nCaf\u00e9 x");
  REQUIRE(a.origin.size() == a.text.size() + 1);
  auto origin_of = [&](std::string_view piece) {
    size_t at = a.text.find(piece);
    REQUIRE(at != std::string::npos);
    return std::string(a.Raw(a.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + piece.size())})));
  };
  CHECK(origin_of("Ada") == "Ada");
  CHECK(origin_of("'dua'") == "`dua`");
  CHECK(origin_of("kata\n") == "kata\t \r\n");
  CHECK(origin_of("Caf\u00e9") == "Cafe\u0301");
  CHECK(origin_of(" x") == " x");
  CHECK(a.origin.back().begin == raw.size());
}

TEST_CASE("normalization's edge cases fall anywhere in its eight-byte steps", "[ingest]") {
  // ASCII runs are copied eight bytes at a time: each case comes after 0 to 20 more letters
  // of the same run, so that it lands at every offset of a step.
  const std::pair<std::string, std::string> cases[] = {
      {"x  y", "x y"},        {"x`y", "x'y"},    {"x\ty", "x y"},          {"x\r\ny", "x\ny"},
      {"xe\u0301y", "x\u00e9y"}, {"x \ny", "x\ny"}, {"x\n y", "x\ny"}, {"x\u00a0y", "x y"}};
  for (const auto& [raw_case, want] : cases) {
    for (size_t k = 0; k <= 20; ++k) {
      const std::string lead = "lead " + std::string(k, 'w');
      Article a;
      a.raw = lead + raw_case + " tail words here";
      ingest::Normalize(a, 0);
      INFO(raw_case << " after " << k);
      CHECK(a.text == lead + want + " tail words here");
      REQUIRE(a.origin.size() == a.text.size() + 1);
      for (uint32_t i = 0; i < lead.size(); ++i) CHECK(a.origin[i] == Span{i, i + 1});
      auto at = static_cast<uint32_t>(lead.size());
      CHECK(a.Raw(a.ToOriginal({at, static_cast<uint32_t>(at + want.size())})) == raw_case);
      CHECK(a.origin.back().begin == a.raw.size());
    }
  }
}

TEST_CASE("boilerplate lines and repeated paragraphs are dropped", "[ingest]") {
  Article a = Make(
      "Judul Berita Hari Ini Tentang Banjir\n"
      "loading...\nA\n"
      "Banjir melanda kota itu pada Senin pagi. Warga mengungsi.\n"
      "Baca Juga: Total 321 Tewas, Pelaku Bom Bunuh Diri\n"
      "Banjir melanda kota itu pada Senin pagi. Warga mengungsi.\n"
      "SCROLL TO CONTINUE WITH CONTENT\n"
      "Pemerintah mengirim bantuan.\n");
  CHECK(a.dropped_boilerplate == 4);
  CHECK(a.dropped_repeats == 1);
  REQUIRE(a.paragraphs.size() == 3);
  CHECK(a.title == "Judul Berita Hari Ini Tentang Banjir");
  CHECK(a.lang == "id");
  for (const auto& s : a.sentences) CHECK(a.Text(s.span).find("321") == std::string::npos);
}

TEST_CASE("a photo caption line is boilerplate, a paragraph that cites an agency is not", "[ingest]") {
  Article a = Make(
      "Judul Berita Hari Ini Tentang Banjir\n"
      "Gubernur Sari Wulan meninjau tanggul di Kota Bogor, Senin (3/3/2025). (Foto: ANTARA FOTO/Budi)\n"
      "Presiden Tomi Haraka tiba di Bandung dengan pesawat kepresidenan.(AFP)\n"
      "Warga di tepi sungai (dok. Istimewa)\n"
      "Banjir melanda kota itu pada Senin pagi, menurut kantor berita AFP. Warga mengungsi.\n"
      "Direktur lembaga itu, Ani Lestari (APD), mengatakan bantuan tiba.\n");
  CHECK(a.dropped_boilerplate == 3);
  REQUIRE(a.paragraphs.size() == 3);  // the title and the two paragraphs
}

TEST_CASE("sentences split at the end, not at abbreviations or decimals", "[ingest]") {
  Article a = Make(
      "Dr. Budi tiba pukul 14.05 WIB. Ia disambut Prof. Ani.\n"
      "\"Kami siap,\" kata Budi. \"Semua aman.\" Rapat selesai.\n"
      "He met Mr. Smith on Sept. 12 in the U.S. capital. Talks went well.\n");
  std::vector<std::string> got;
  for (const auto& s : a.sentences) got.emplace_back(a.Text(s.span));
  std::vector<std::string> want = {
      "Dr. Budi tiba pukul 14.05 WIB.", "Ia disambut Prof. Ani.", "\"Kami siap,\" kata Budi.",
      "\"Semua aman.\"", "Rapat selesai.", "He met Mr. Smith on Sept. 12 in the U.S. capital.", "Talks went well."};
  CHECK(got == want);
}

TEST_CASE("sentence ends are found at any offset of the eight-byte steps", "[ingest]") {
  // Full stops are looked for eight bytes at a time: each end comes after 0 to 20 more letters.
  for (size_t k = 0; k <= 20; ++k) {
    const std::string word = "Kata" + std::string(k, 'a');
    Article a = Make(word + ". Kalimat " + word + "! Kalimat ketiga " + word + "? Pukul 14.05 " + word + ". Selesai.\n");
    std::vector<std::string> got;
    for (const auto& s : a.sentences) got.emplace_back(a.Text(s.span));
    INFO(k);
    CHECK(got == std::vector<std::string>{word + ".", "Kalimat " + word + "!", "Kalimat ketiga " + word + "?",
                                          "Pukul 14.05 " + word + ".", "Selesai."});
  }
}

TEST_CASE("wrapped lines join into one paragraph", "[ingest]") {
  Article a = Make("Kim Jong Un berangkat ke Rusia\nmenggunakan kereta lapis baja.\n\nParagraf kedua.\n");
  REQUIRE(a.paragraphs.size() == 2);
  CHECK(a.sentences.size() == 2);
}

TEST_CASE("an article read for later normalizing normalizes to the same text", "[ingest]") {
  std::string dir = test::TempDir("ingest-later");
  test::WriteFile(dir + "/a.txt", "title: Banjir\nlang: id\n\n\xE2\x80\x9C" "Air  naik,\xE2\x80\x9D kata warga.\r\nParagraf dua.\n");
  test::WriteFile(dir + "/b.jsonl", "{\"text\": \"Satu \\u2014 dua.\\n\\nTiga.\"}\n{\"text\": \"Empat.\"}\n");
  for (const char* name : {"/a.txt", "/b.jsonl"}) {
    INFO(name);
    std::vector<Article> now, later;
    CHECK(ingest::ReadEach(dir + name, {}, [&](Article a) { now.push_back(std::move(a)); }).empty());
    CHECK(ingest::ReadEach(dir + name, {}, [&](Article a) { later.push_back(std::move(a)); },
                           ingest::Normalized::kLater).empty());
    REQUIRE(now.size() == later.size());
    for (size_t i = 0; i < now.size(); ++i) {
      CHECK(later[i].text.empty());
      CHECK(later[i].origin.empty());
      CHECK(later[i].id == now[i].id);
      CHECK(later[i].title == now[i].title);
      ingest::Normalize(later[i], later[i].body_begin);
      CHECK(later[i].text == now[i].text);
      CHECK(later[i].origin == now[i].origin);
    }
  }
  // The header is not part of the text.
  std::vector<Article> a;
  ingest::ReadEach(dir + "/a.txt", {}, [&](Article x) { a.push_back(std::move(x)); }, ingest::Normalized::kLater);
  REQUIRE(a.size() == 1);
  CHECK(a[0].raw.substr(a[0].body_begin, 3) == "\xE2\x80\x9C");
}

TEST_CASE("reading files reports what is wrong with each", "[ingest]") {
  std::string dir = test::TempDir("ingest");
  test::WriteFile(dir + "/bad.txt", std::string("Teks \x81 rusak"));  // 0x81: no character in Windows-1252 either
  test::WriteFile(dir + "/latin1.txt", std::string("Caf\xe9 di Jalan Braga buka pada Senin."));
  test::WriteFile(dir + "/empty.txt", "  \n");
  test::WriteFile(dir + "/x.jsonl", "{\"text\": \"Satu.\"}\nnot json\n{\"title\": \"tanpa teks\"}\n");
  auto bad = ingest::ReadFile(dir + "/bad.txt");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.diagnostics()[0].code == "invalid-utf8");
  CHECK(bad.diagnostics()[0].loc.column == 6);
  // Plainly Windows-1252 (Latin-1): read as that, with a warning.
  std::vector<Article> latin1;
  auto said = ingest::ReadEach(dir + "/latin1.txt", {}, [&](Article a) { latin1.push_back(std::move(a)); });
  REQUIRE(said.size() == 1);
  CHECK(said[0].severity == Severity::kWarning);
  CHECK(said[0].code == "not-utf8");
  REQUIRE(latin1.size() == 1);
  CHECK(latin1[0].raw == "Caf\xc3\xa9 di Jalan Braga buka pada Senin.");
  CHECK(ingest::ReadFile(dir + "/latin1.txt").ok());
  auto empty = ingest::ReadFile(dir + "/empty.txt");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.diagnostics()[0].code == "empty");
  auto jsonl = ingest::ReadFile(dir + "/x.jsonl");
  REQUIRE_FALSE(jsonl.ok());
  REQUIRE(jsonl.diagnostics().size() == 2);
  CHECK(jsonl.diagnostics()[0].loc.line == 2);
  CHECK(jsonl.diagnostics()[1].loc.line == 3);
  auto missing = ingest::ListInputs({dir + "/nope"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.diagnostics()[0].code == "missing-path");
}

TEST_CASE("a JSONL file is read line by line: the size limit is per article, not per file", "[ingest]") {
  std::string dir = test::TempDir("ingest-jsonl");
  std::string big;
  for (int i = 0; i < 50; ++i) big += "{\"text\": \"Berita nomor " + std::to_string(i) + " hari ini.\"}\n";
  test::WriteFile(dir + "/many.jsonl", big);  // about 1.6 KB, over a 1 KB limit
  ingest::Limits limits{1024};
  size_t n = 0;
  auto diags = ingest::ReadEach(dir + "/many.jsonl", limits, [&](Article) { ++n; });
  CHECK(diags.empty());
  CHECK(n == 50);
  test::WriteFile(dir + "/long.jsonl", "{\"text\": \"pendek\"}\n{\"text\": \"" + std::string(2000, 'x') + "\"}\n");
  auto long_line = ingest::ReadFile(dir + "/long.jsonl", limits);
  REQUIRE_FALSE(long_line.ok());
  CHECK(long_line.diagnostics()[0].code == "too-large");
  CHECK(long_line.diagnostics()[0].loc.line == 2);
  test::WriteFile(dir + "/big.txt", std::string(2000, 'x'));  // a .txt file is one article
  auto txt = ingest::ReadFile(dir + "/big.txt", limits);
  REQUIRE_FALSE(txt.ok());
  CHECK(txt.diagnostics()[0].code == "too-large");
}

TEST_CASE("a file that vanishes between listing and reading is an error for that file", "[ingest][bad-input]") {
  std::string dir = cc::test::TempDir("vanish");
  cc::test::WriteFile(dir + "/a.txt", "Kim Jong Un left Pyongyang on Tuesday.\n");
  cc::test::WriteFile(dir + "/b.txt", "Kim Jong Un left Pyongyang on Sunday.\n");
  auto listed = cc::ingest::ListInputs({dir});
  REQUIRE(listed.ok());
  REQUIRE(listed.value().size() == 2);
  std::filesystem::remove(dir + "/b.txt");  // gone before it is read
  auto a = cc::ingest::ReadFile(listed.value()[0]);
  CHECK(a.ok());
  auto b = cc::ingest::ReadFile(listed.value()[1]);
  REQUIRE_FALSE(b.ok());
  CHECK(b.diagnostics().front().code == "unreadable");
  CHECK(b.diagnostics().front().loc.file == dir + "/b.txt");
}

TEST_CASE("the stopword table finds whole words of every length, with each language's bit", "[ingest]") {
  // Words of up to 7 bytes are kept as one integer, longer ones as strings: both tables grow
  // past their first size here, and words that are prefixes of each other stay apart.
  ingest::SegmentConfig::StopwordTable t;
  std::map<std::string, uint64_t> want;
  for (int i = 0; i < 300; ++i) {
    std::string w = "w" + std::to_string(i * 7919 % 100000);  // 2 to 6 bytes
    std::string longer = "kata" + w + "panjang";             // 13 to 17 bytes
    uint64_t bit = uint64_t{1} << (i % 3);
    t.Add(w, bit);
    t.Add(longer, bit);
    want[w] |= bit;
    want[longer] |= bit;
  }
  for (const char* w : {"sebagai", "terhadap", "sebaga", "terhada"}) t.Add(w, 8);  // 7 and 8 bytes, and one less
  t.Add("sebagai", 16);
  want["sebagai"] = 24;
  want["terhadap"] = want["sebaga"] = want["terhada"] = 8;
  for (const auto& [w, bits] : want) {
    INFO(w);
    CHECK(t.Find(w) == bits);
  }
  CHECK(t.longest() == 17);
  for (const char* w : {"", "w", "w1x", "sebagaii", "erhadap", "kata", "katapanjang", "terhadapp"}) {
    INFO(w);
    CHECK(t.Find(w) == 0);
  }
}

TEST_CASE("language detection ends a word at every byte just outside the letters, at any offset", "[ingest]") {
  // Words are scanned eight bytes at a time: '@' '[' '`' '{' sit just outside A-Z and a-z,
  // and 'A' 'Z' 'a' 'z' just inside; each lands at every offset of a step.
  const auto& config = test::ShippedRules().segment;
  for (size_t k = 0; k <= 16; ++k) {
    const std::string pad(k, 'z');
    INFO(k);
    // One stopword between two pads: it counts only if both of its ends are found.
    for (std::string end : {"@", "[", "`", "{", "/", "\u2014", "\u00a0"}) {
      INFO("'" << end << "'");
      CHECK(ingest::DetectLanguage(pad + end + "the" + end + pad, config) == "en");
      CHECK(ingest::DetectLanguage(pad + end + "yang" + end + pad, config) == "id");
    }
    CHECK(ingest::DetectLanguage(pad + "Zthe Aof athe zof", config).empty());  // one word each: no stopword
  }
}

TEST_CASE("the language is the one whose stopwords the text uses most", "[ingest]") {
  const auto& config = test::ShippedRules().segment;
  CHECK(ingest::DetectLanguage("Para nelayan di pantai itu sudah kembali ke rumah mereka dan tidak melaut lagi.", config) == "id");
  CHECK(ingest::DetectLanguage("The fishermen on the coast have gone back to their homes and will not sail again.", config) == "en");
  // Mostly English with an Indonesian quote: English wins on votes.
  CHECK(ingest::DetectLanguage("The mayor said that the bridge would reopen in the spring, \"ini sudah siap\".", config) == "en");
  // Stopwords are matched whole and case-folded: "THE" counts, "theatre" does not.
  CHECK(ingest::DetectLanguage("THE THEATRE", config) == "en");
  CHECK(ingest::DetectLanguage("theatre", config) == "");
  // Words in capitals are acronyms ("AS", Amerika Serikat) or shouted boilerplate more often
  // than stopwords: they vote only when nothing else does.
  CHECK(ingest::DetectLanguage("Dolar AS melemah di pasar. AS menahan suku bunga, kata analis AS. "
                               "SCROLL TO CONTINUE WITH CONTENT", config) == "id");
  CHECK(ingest::DetectLanguage("IT IS ON", config) == "en");
  // A short piece with pronouns and prepositions only.
  CHECK(ingest::DetectLanguage("Komedian Budi Santoso membuka usaha baru. Ia menyewakan rumah petak.", config) == "id");
  CHECK(ingest::DetectLanguage("Harga cabai naik terhadap bulan lalu hingga Rp 80 ribu.", config) == "id");
  // A letter outside ASCII belongs to its word ("dané" is not "dan"); a dash or a quotation
  // mark outside ASCII does not ("dan—yang" is two stopwords).
  CHECK(ingest::DetectLanguage("dané yangé itué éthe", config) == "");
  CHECK(ingest::DetectLanguage("ÉTÉ dan—yang “itu”", config) == "id");
  // No evidence at all.
  CHECK(ingest::DetectLanguage("12345 -- ?!", config) == "");
  CHECK(ingest::DetectLanguage("", config) == "");
}

TEST_CASE("the stopword table keeps every word and the bits of each language", "[ingest]") {
  ingest::SegmentConfig::StopwordTable t;
  CHECK(t.Find("yang") == 0);  // empty
  for (int i = 0; i < 500; ++i) t.Add("w" + std::to_string(i), uint64_t{1} << (i % 3));  // grows past its first slots
  t.Add("w7", 4);
  CHECK(t.Find("w0") == 1);
  CHECK(t.Find("w499") == 2);
  CHECK(t.Find("w7") == (2 | 4));  // bits are ORed
  CHECK(t.Find("w500") == 0);
  CHECK(t.Find("w") == 0);
  CHECK(t.longest() == 4);
  CHECK(t.Find("w1234") == 0);  // longer than any: not looked up
}

TEST_CASE("JSONL fields: strings only, the last of repeated keys, every malformed line refused", "[ingest]") {
  auto read = [](const std::string& line) { return ingest::ReadBuffer("t.jsonl", line + "\n"); };
  auto one = [&](const std::string& line) {
    auto r = read(line);
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 1);
    return r.value()[0];
  };
  Article a = one(R"({"text": "Isi \u00e9 \ud83d\ude00", "title": "Judul", "lang": "id", "url": 7, "source": null})");
  CHECK(a.raw == "Isi \u00e9 \U0001F600");
  CHECK(a.title == "Judul");
  CHECK(a.lang == "id");
  CHECK(a.url.empty());     // not a string
  CHECK(a.source.empty());  // null
  CHECK(one(R"({"text": "pertama", "text": "kedua"})").raw == "kedua");
  // A number too big for 64 bits is still JSON (a double): the line is read.
  CHECK(one(R"({"text": "angka", "n": 123456789012345678901234567890})").raw == "angka");
  CHECK(one(R"({"text": "x", "meta": {"a": [1, 2, {"b": true}]}})").raw == "x");
  for (const std::string bad : {R"({"text": "a\ud800b"})",            // a lone surrogate
                                "{\"text\": \"tab\there\"}",        // a raw control character
                                R"({"text": "x"} sisa)",                // trailing text
                                R"({"text": "x",})",                     // trailing comma
                                R"(["text", "x"])",                      // not an object
                                R"({"text": 5})",                        // text not a string
                                R"({"text": "x", "text": 5})"}) {        // the last text not a string
    INFO(bad);
    auto r = read(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.diagnostics()[0].code == "bad-jsonl");
  }
}

TEST_CASE("OriginMap answers as a vector of one Span per byte would", "[ingest][origin]") {
  // Random appends (copied runs, one-byte spans, wider and empty spans, the same span again)
  // and pops, checked byte by byte against the plain vector after every step.
  std::mt19937 rng(20261206);
  for (int round = 0; round < 200; ++round) {
    OriginMap map;
    std::vector<Span> want;
    uint32_t next = 0;  // the original byte the text has reached
    for (int step = 0; step < 60; ++step) {
      switch (rng() % 6) {
        case 0: {  // a copied run, right after the last one or past a gap
          next += static_cast<uint32_t>(rng() % 2 ? 0 : rng() % 4);
          const auto n = static_cast<uint32_t>(rng() % 10);
          map.AppendCopy(next, n);
          for (uint32_t k = 0; k < n; ++k) want.push_back({next + k, next + k + 1});
          next += n;
          break;
        }
        case 1:  // one byte from one byte
          map.Append({next, next + 1});
          want.push_back({next, next + 1});
          ++next;
          break;
        case 2: {  // bytes from a wider span ("..." from U+2026), or from none
          const auto width = static_cast<uint32_t>(rng() % 4 == 0 ? 0 : 2 + rng() % 3);
          const auto n = static_cast<uint32_t>(1 + rng() % 3);
          for (uint32_t k = 0; k < n; ++k) {
            map.Append({next, next + width});
            want.push_back({next, next + width});
          }
          next += width;
          break;
        }
        case 3:  // a byte dropped from the end (a space before a line break)
          if (!want.empty()) {
            map.PopBack();
            want.pop_back();
          }
          break;
        default:
          next += static_cast<uint32_t>(rng() % 3);
          break;
      }
      REQUIRE(map.size() == want.size());
      CHECK(map.empty() == want.empty());
      for (uint32_t i = 0; i < want.size(); ++i) REQUIRE(map[i] == want[i]);
      if (!want.empty()) CHECK(map.back() == want.back());
    }
  }
}

TEST_CASE("OriginMap keeps a run, not a Span, per stretch of copied text", "[ingest][origin]") {
  Article a;
  a.raw = std::string(5000, 'x') + "\u2026" + std::string(5000, 'y') + "\r\n" + std::string(100, 'z');
  ingest::Normalize(a, 0);
  REQUIRE(a.origin.size() == a.text.size() + 1);
  // x's, the ellipsis, y's, the line break, z's, the end.
  CHECK(a.origin.runs() == 6);
  CHECK(a.origin[5000] == Span{5000, 5003});
  CHECK(a.origin[5002] == Span{5000, 5003});
  CHECK(a.origin[5003] == Span{5003, 5004});
  OriginMap same;
  same.AppendCopy(0, 5000);
  for (int k = 0; k < 3; ++k) same.Append({5000, 5003});
  for (uint32_t k = 0; k < 5000; ++k) same.Append({5003 + k, 5004 + k});  // one byte at a time: the same run
  same.Append({10003, 10005});
  same.AppendCopy(10005, 100);
  same.Append({10105, 10105});
  CHECK(same == a.origin);
  same.PopBack();
  CHECK_FALSE(same == a.origin);
}
