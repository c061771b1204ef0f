// Breakdowns: a whole and its parts, a count times an amount each, read from sentences we wrote
// in the phrasings news uses, and summed by check `breakdown` as precisely as each figure is
// written.
#include <catch2/catch.hpp>

#include <map>

#include "check/check.h"
#include "support/support.h"

using namespace cc;
using cc::test::ExtractText;

namespace {

// The breakdowns of a text: for each, its relation and its members "role=value" in order.
std::map<std::string, std::vector<std::string>> Breakdowns(const test::Extracted& e) {
  std::map<std::string, std::vector<std::string>> out;
  for (const Fact* f : e.With("breakdown")) out[f->measure].push_back(f->subject + "=" + f->value);
  return out;
}

std::vector<Finding> Findings(const std::string& text, const std::string& lang) {
  auto e = ExtractText(text, lang);
  check::Context ctx;
  ctx.gazetteer = &test::ShippedRules().engine->gazetteer();
  std::vector<Finding> out;
  for (auto& f : check::RunChecks(test::ShippedRules().checks, e.facts, ctx))
    if (f.rule == "breakdown-adds-up") out.push_back(std::move(f));
  return out;
}

}  // namespace

TEST_CASE("breakdown: a whole and the parts a part_word brings in", "[extract][breakdown]") {
  auto e = ExtractText("Sebanyak 57 rumah rusak akibat gempa, terdiri atas 12 rumah rusak berat dan 45 rumah rusak ringan.", "id");
  auto b = Breakdowns(e);
  REQUIRE(b.size() == 1);
  CHECK(b.begin()->first.ends_with(" all"));
  CHECK(b.begin()->second == std::vector<std::string>{"whole=57", "part=12", "part=45"});
  // "including": some of the whole.
  auto en = Breakdowns(ExtractText("The fire killed 14 people, including 5 firefighters and 2 police officers.", "en"));
  REQUIRE(en.size() == 1);
  CHECK(en.begin()->first.ends_with(" some"));
  CHECK(en.begin()->second.size() == 3);
  // People broken down by what they are; but a count of things is not one of people.
  CHECK(Breakdowns(ExtractText("Polisi menahan 9 orang, termasuk 4 mahasiswa dan 2 sopir.", "id")).size() == 1);
  CHECK(Breakdowns(ExtractText("TNI mengerahkan 4 helikopter, termasuk 300 prajurit.", "id")).empty());
  // A number words name ("the Six Nations") is no part.
  CHECK(Breakdowns(ExtractText("Wales have won it 12 times, including twice since the Five Nations became Six.", "en")).empty());
}

TEST_CASE("breakdown: the rest, in the sentence or opening the next, and a count times an amount each", "[extract][breakdown]") {
  auto rest = Breakdowns(ExtractText(
      "Dari 1.250 calon haji asal Sleman, sebanyak 900 orang sudah melunasi biaya. Sisanya, 350 orang, masih menunggu.", "id"));
  REQUIRE(rest.size() == 1);
  CHECK(rest.begin()->second == std::vector<std::string>{"whole=1250", "part=900", "part=350"});
  auto en = Breakdowns(ExtractText("Of the 420 passengers, 380 were rescued and the remaining 40 are missing.", "en"));
  REQUIRE(en.size() == 1);
  CHECK(en.begin()->second == std::vector<std::string>{"whole=420", "part=380", "part=40"});
  // A part_word's list that ends in the rest is one breakdown, not two.
  auto once = Breakdowns(ExtractText("Dari 100 pendaki, terdiri atas 60 pendaki lokal dan 30 pendaki asing, sisanya 10 pemandu.", "id"));
  REQUIRE(once.size() == 1);
  CHECK(once.begin()->second == std::vector<std::string>{"whole=100", "part=60", "part=30", "part=10"});
  // "naik dari 20 persen": a change, no whole, though "sisanya" follows.
  CHECK(Breakdowns(ExtractText("Harga naik dari 20 persen menjadi 25 persen, sisanya 3 persen ditanggung pemerintah.", "id")).empty());
  auto each = Breakdowns(ExtractText("Pemkab menyalurkan bantuan kepada 2.500 keluarga, masing-masing Rp 300 ribu, total Rp 750 juta.", "id"));
  REQUIRE(each.size() == 1);
  CHECK(each.begin()->first.ends_with(" product"));
  CHECK(each.begin()->second == std::vector<std::string>{"count=2500", "each=300000", "total=750000000"});
}

TEST_CASE("breakdown: a finding when the figures cannot add up as written, none when rounding explains it", "[check][breakdown]") {
  // 910 + 350 is 1,260, not 1,250.
  auto wrong = Findings("Dari 1.250 calon haji, sebanyak 910 orang sudah melunasi biaya. Sisanya 350 orang masih menunggu.", "id");
  REQUIRE(wrong.size() == 1);
  INFO(wrong[0].message);
  CHECK(wrong[0].message.find("910 orang + 350 orang make 1.260, but the whole is 1.250") != std::string::npos);
  CHECK(wrong[0].facts.size() == 3);
  CHECK(Findings("Dari 1.250 calon haji, sebanyak 900 orang sudah melunasi biaya. Sisanya 350 orang masih menunggu.", "id").empty());
  // Figures in millions with two decimals: 20.88 + 14.15 is no "30.04 million plus".
  auto millions = Findings("Dari 30,04 juta lebih penerima, 20,88 juta mendapat tambahan. Sementara sisanya 14,15 juta penerima baru.", "id");
  REQUIRE(millions.size() == 1);
  CHECK(millions[0].message.find("20,88 juta + 14,15 juta make 35,03 juta, but the whole is 30,04 juta") != std::string::npos);
  // Rounded parts: 12.6 + 9.5 million is 22.1, "about 22 million" is near enough.
  CHECK(Findings("Dari sekitar 22 juta pelanggan, 12,6 juta memakai paket data, sedangkan sisanya 9,5 juta hanya menelepon.", "id").empty());
  // "about" opening the list is of every part.
  CHECK(Findings("Polisi memusnahkan 9.800 botol, terdiri dari sekitar 6.000 botol bir dan 3.000 botol anggur.", "id").empty());
  // Some of the whole cannot be more than the whole.
  auto more = Findings("The crash killed 12 people, including 9 children and 6 teachers.", "en");
  REQUIRE(more.size() == 1);
  CHECK(more[0].message.find("more than the whole") != std::string::npos);
  CHECK(Findings("The crash killed 12 people, including 5 children and 6 teachers.", "en").empty());
}

TEST_CASE("breakdown: count times each against the total, a scale word left out named", "[check][breakdown]") {
  auto slip = Findings("Bantuan diberikan kepada 4.120.500 KPM, masing-masing Rp 1,2 per tahun, total Rp 4,945 triliun.", "id");
  REQUIRE(slip.size() == 1);
  CHECK(slip[0].message.find("4.120.500 × Rp 1,2 is Rp 4.944.600,0, not the total Rp 4,945 triliun (1000000× apart: a scale word left out?)") !=
        std::string::npos);
  CHECK(Findings("Bantuan diberikan kepada 4.120.500 KPM, masing-masing Rp 1,2 juta per tahun, total Rp 4,945 triliun.", "id").empty());
  // "sehingga total": a clause word inside the total's words.
  CHECK(Findings("Pemkab menyalurkan bantuan kepada 2.500 keluarga, masing-masing Rp 300 ribu, sehingga total Rp 760 juta.", "id").size() == 1);
  // Other digits: a sum gone wrong, no scale named.
  auto off = Findings("Some 1,500 families will each receive $400, a total of $900,000.", "en");
  REQUIRE(off.size() == 1);
  CHECK(off[0].message.find("scale word") == std::string::npos);
  CHECK(Findings("Some 1,500 families will each receive $400, a total of $600,000.", "en").empty());
}

TEST_CASE("breakdown: a change and its rate must agree, either way and as rounded", "[extract][check][breakdown]") {
  // From, to and the rate: 4.2 to 4.9 trillion is 16.7 %.
  CHECK(Findings("Penerimaan pajak daerah naik 16,7 persen, dari Rp 4,2 triliun menjadi Rp 4,9 triliun.", "id").empty());
  auto wrong = Findings("Penerimaan pajak daerah naik 26,7 persen, dari Rp 4,2 triliun menjadi Rp 4,9 triliun.", "id");
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].message.find("is 16.67%, not 26,7 persen") != std::string::npos);
  // Down, the rate written without a sign; the base after "compared with".
  CHECK(Findings("Operating profit fell 8% to $2.3bn from $2.5bn a year earlier.", "en").empty());
  CHECK(Findings("Laba bersih meningkat Rp 1,2 triliun (12%), dibandingkan periode yang sama tahun lalu sebesar Rp 10 triliun.", "id").empty());
  CHECK(Findings("Laba bersih meningkat Rp 1,2 triliun (21%), dibandingkan periode yang sama tahun lalu sebesar Rp 10 triliun.", "id").size() == 1);
  // Shares, and a rate of something else in the sentence: not read.
  CHECK(Breakdowns(ExtractText("Unemployment fell to 5.1% from 5.6%, while wages grew 3%.", "en")).empty());
  CHECK(Breakdowns(ExtractText("Output is set to expand by 4% per year, and exports would rise from $2bn in 2010 to $9bn by 2030.", "en")).empty());
}

TEST_CASE("breakdown: sentences that only look like a sum give no finding", "[check][breakdown]") {
  const std::vector<std::pair<const char*, const char*>> none = {
      // A list runs to its end, not on to the figures of the next clause.
      {"en", "Police arrested 12 people, including 4 teenagers who were carrying 30 knives."},
      {"en", "The fire killed 14 people, including 5 firefighters, and injured 30 others."},
      {"id", "Polisi menangkap 5 orang, termasuk 2 pengedar yang membawa 30 paket sabu."},
      {"id", "Korban luka mencapai 113 orang, terdiri atas 29 warga sipil dan 84 anggota polisi dari 12 polres."},
      {"id", "Tim gabungan berjumlah 500 personel, terdiri atas 300 personel TNI dan 200 personel Polri yang disebar ke 10 pos."},
      {"id", "Jumlah korban mencapai 20 orang, termasuk 12 anak-anak, bertambah dari 15 orang sehari sebelumnya."},
      // A rest's parts are the list right after the whole, not every figure before it.
      {"id", "Dari 500 peserta, 300 orang berasal dari 20 sekolah di Jakarta. Sisanya 200 orang dari luar daerah."},
      {"id", "Dari 1.250 calon haji asal 3 kabupaten, 900 orang sudah melunasi biaya. Sisanya 350 orang belum."},
      {"id", "Dari 1.250 calon haji, 900 orang sudah melunasi biaya, 120 orang di antaranya lansia. Sisanya 350 orang belum."},
      {"en", "Of the 420 passengers, 380 were rescued and 25 were treated in hospital, while the remaining 40 are missing."},
      {"en", "Of the 50 patients, 30 were discharged on Monday. The other two hospitals reported 12 new cases."},
      // "Dari jumlah tersebut" points back: its first figure is a part.
      {"id", "Sebanyak 120 orang menjadi korban. Dari jumlah tersebut, 80 orang luka ringan, 25 orang luka berat, sisanya 15 orang meninggal dunia."},
      {"id", "Harga gabah turun dari Rp 6.500 menjadi Rp 6.000 per kg, sisa stok senilai Rp 2 miliar."},
      // Count × each: the count with its noun, one period.
      {"id", "Sebanyak 1.000 keluarga di 5 desa menerima bantuan masing-masing Rp 300 ribu, total Rp 300 juta."},
      {"id", "Warga menerima BLT tahap 3, masing-masing Rp 600 ribu, total Rp 6 miliar."},
      {"id", "Sebanyak 150 siswa menerima beasiswa masing-masing Rp 5 juta per semester, total Rp 1,5 miliar per tahun."},
      // A rate of something else.
      {"id", "Nilai ekspor kopi naik dari US$ 1,2 miliar menjadi US$ 1,5 miliar, setara 8 persen dari total ekspor pertanian."},
      {"id", "Pendapatan daerah naik dari Rp 100 triliun pada 2020 menjadi Rp 150 triliun pada 2024, atau tumbuh rata-rata 10,7 persen per tahun."},
      {"id", "Harga cabai rawit naik dari Rp 60.000 menjadi Rp 75.000 per kg, bawang merah naik 10 persen."},
      {"en", "Ticket prices range from £50 to £120 and have risen 15% since last year."},
      {"id", "Laba bersih naik Rp 2,4 triliun atau 25 persen dibandingkan tahun lalu menjadi Rp 12 triliun."},
      {"en", "Sales rose $1.2bn, or 12%, from a year earlier to $11.2bn."},
      // A whole in words is as precise as its scale.
      {"id", "Dari dua juta penerima, 1.210.000 orang sudah menerima bantuan, sisanya 780.000 orang belum."},
  };
  for (const auto& [lang, text] : none) {
    INFO(text);
    auto found = Findings(text, lang);
    CHECK(found.empty());
    if (!found.empty()) INFO(found[0].message);
  }
}
