// Extraction on sentences we wrote (not from the seeds), in Indonesian and English: every
// predicate with positive and negative cases, and the hard parts of DESIGN.md.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/hash.h"
#include "extract/engine.h"
#include "extract/first_match.h"
#include "ingest/ingest.h"
#include "rules/loader.h"
#include "support/support.h"

using namespace cc;
using cc::test::ExtractText;

namespace {
struct Want {
  const char* lang;
  const char* text;
  const char* predicate;
  const char* value;    // nullptr: the predicate must not appear
  const char* subject;  // nullptr: not checked
};

void Expect(const Want& w) {
  INFO(w.lang << ": " << w.text);
  auto e = ExtractText(w.text, w.lang);
  auto got = e.With(w.predicate);
  if (!w.value) {
    for (const Fact* f : got) INFO("unexpected " << f->predicate << " = " << f->value << " (" << f->rule << ")");
    CHECK(got.empty());
    return;
  }
  bool found = false;
  for (const Fact* f : got) {
    if (f->value != w.value) continue;
    if (w.subject && f->subject != w.subject) continue;
    found = true;
    // The span invariant: the original bytes at span are the fact's text.
    CHECK(e.article.raw.substr(f->span.begin, f->span.size()) == f->text);
  }
  if (!found)
    for (const auto& f : e.facts) UNSCOPED_INFO("got " << f.predicate << " = " << f.value << " subject " << f.subject);
  CHECK(found);
}
}  // namespace

TEST_CASE("departure days", "[extract]") {
  const Want cases[] = {
      {"id", "Presiden Prabowo Subianto bertolak ke Beijing, Kamis (14/11/2024), untuk kunjungan kenegaraan.", "departure_day", "thursday", "Prabowo Subianto"},
      {"id", "Perdana Menteri Anwar Ibrahim berangkat menuju Jakarta pada Senin malam.", "departure_day", "monday", "Anwar Ibrahim"},
      {"id", "Jokowi telah meninggalkan Istana Merdeka, Jumat, untuk meninjau banjir.", "departure_day", "friday", "Joko Widodo"},
      {"id", "Rombongan menteri berangkat dua minggu lalu ke Kairo.", "departure_day", nullptr, nullptr},
      {"id", "Delegasi tiba di Vladivostok yang menjadi tuan rumah Forum Ekonomi Timur hingga hari Rabu.", "departure_day", nullptr, nullptr},
      {"id", "Presiden berangkat ke Vladivostok yang menjadi tuan rumah Forum Ekonomi Timur hingga hari Rabu.", "departure_day", nullptr, nullptr},
      {"id", "Gubernur Anies belum berangkat ke Tokyo pada Selasa karena cuaca buruk.", "departure_day", nullptr, nullptr},
      {"en", "Japanese Prime Minister Shigeru Ishiba left Tokyo for Washington on Thursday morning.", "departure_day", "thursday", "Shigeru Ishiba"},
      {"en", "Kim Jong Un has left for Russia, state media said Tuesday.", "departure_day", "tuesday", "Kim Jong Un"},
      {"en", "The delegation left two weeks ago and has not returned.", "departure_day", nullptr, nullptr},
      // Names with letters outside ASCII.
      {"id", "Perdana Menteri Łukasz Świątek bertolak ke Hanoi, Rabu, untuk kunjungan kerja.", "departure_day", "wednesday", "Łukasz Świątek"},
      {"en", "Romanian Prime Minister Ștefan Țurcanu left Bucharest for Brussels on Friday.", "departure_day", "friday", "Ștefan Țurcanu"},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("Minggu as Sunday and as week", "[extract]") {
  const Want cases[] = {
      {"id", "Pasar itu ramai pada Minggu sore.", "mentions_date", "sunday", nullptr},
      {"id", "Acara digelar hari Minggu di alun-alun.", "mentions_date", "sunday", nullptr},
      {"id", "Harga beras naik sejak dua minggu lalu.", "mentions_date", nullptr, nullptr},
      {"id", "Minggu depan sekolah kembali dibuka.", "mentions_date", nullptr, nullptr},
      {"id", "Minggu ini hujan turun setiap hari.", "mentions_date", nullptr, nullptr},
      {"id", "Ia dirawat selama tiga Minggu di rumah sakit.", "mentions_date", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("dates in news forms", "[extract]") {
  const Want cases[] = {
      {"id", "Rapat dibuka Selasa (4/7/2023) pukul 09.00 WIB.", "mentions_date", "2023-07-04", nullptr},
      {"id", "Ia tiba Rabu, 5 Juli 2023, di Bandung.", "mentions_date", "2023-07-05", nullptr},
      {"id", "Pameran berlangsung 3-9 Agustus 2024 di Surabaya.", "mentions_date", "2024-08-03/2024-08-09", nullptr},
      {"id", "Jembatan itu dibangun pada tahun 1998.", "mentions_date", "1998", nullptr},
      {"id", "Sebanyak 1998 warga menerima bantuan.", "mentions_date", nullptr, nullptr},
      {"en", "The law took effect on Monday, March 4, 2024.", "mentions_date", "2024-03-04", nullptr},
      {"en", "Officials may meet later this year.", "mentions_date", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("meetings: day and venue", "[extract]") {
  const Want cases[] = {
      {"id", "Presiden Lula akan bertemu Presiden Xi Jinping di Beijing pekan depan.", "meeting_venue", "Beijing", "Lula–Xi Jinping"},
      {"id", "Menlu Retno Marsudi mengadakan pertemuan dengan Menlu Lavrov di Moskow, Kamis.", "meeting_venue", "Moscow", "Retno Marsudi–Sergei Lavrov"},
      {"id", "Pertemuan kedua pemimpin dijadwalkan berlangsung Jumat di Istana Bogor.", "meeting_day", nullptr, nullptr},
      {"id", "Sejak pulang dari KTT di Hanoi, ia jarang tampil.", "meeting_venue", nullptr, nullptr},
      {"en", "Prime Minister Modi met President Biden in Washington on Friday.", "meeting_venue", "Washington", "Joe Biden–Modi"},
      {"en", "Joe Biden will meet Xi Jinping on Wednesday, the White House said.", "meeting_day", "wednesday", "Joe Biden–Xi Jinping"},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("a site with the town it is in, and negotiations as meetings", "[extract]") {
  const Want cases[] = {
      // The gazetteer's "markas PBB" is in New York: the town written after it wins.
      {"id", "Perundingan dagang itu digelar di markas PBB di Jenewa pada pekan lalu.", "meeting_venue", "Geneva", nullptr},
      {"id", "Negosiasi Menlu Sugiono dengan Menlu Badr Abdelatty berlangsung di Kairo selama tiga hari.", "meeting_venue", "Cairo", nullptr},
      // A site the gazetteer puts in the town, or does not know, stays the venue.
      {"id", "Presiden Prabowo bertemu Perdana Menteri Anwar Ibrahim di Istana Merdeka di Jakarta.", "meeting_venue", "Istana Merdeka", nullptr},
      {"en", "Chancellor Gordon Brown met Trevor Manuel at Gleneagles in Scotland on Monday.", "meeting_venue", "Gleneagles", nullptr},
      // A place the meeting's clause opens on ("where", "tempat"), whatever word is before it.
      {"en", "The envoy Lars Berg arrived in Oslo on Sunday after flying from Cairo, where he met President Hosni Mubarak.", "meeting_venue", "Cairo", "Hosni Mubarak–Lars Berg"},
      {"id", "Presiden Joko Widodo tiba di Bogor, tempat ia bertemu Perdana Menteri Fumio Kishida pada Senin.", "meeting_venue", "Bogor", "Fumio Kishida–Joko Widodo"},
      // A visit received by a host; an office cut at "dan" ("Menteri Haji") names nobody.
      {"id", "Kunjungan itu disambut oleh Tawfiq Al-Rabiah, Menteri Haji dan Umrah Arab Saudi, di Riyadh.", "meeting_venue", "Riyadh", "Tawfiq Al-Rabiah"},
      {"id", "Gubernur Dedi Mulyadi mengunjungi lokasi banjir di Bekasi dan menerima laporan camat.", "meeting_venue", nullptr, nullptr},
      // The office's place ends at a point of the compass the gazetteer need not know; a first
      // word is a name.
      {"id", "Bupati Luwu Timur Rahmat Hidayat menemui para pengusaha Mesir pada Sabtu (18/10/2025).", "meeting_day", "saturday", "Rahmat Hidayat"},
      {"id", "Kapolri Timur Pradopo bertemu Menlu Marty Natalegawa di Jakarta pada Senin (3/1/2011).", "meeting_day", "monday", "Marty Natalegawa–Timur Pradopo"},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("collective numbers count people before their noun, ordinals after it count nothing", "[extract]") {
  const Want cases[] = {
      {"id", "Polisi menyebut kedua tersangka pencurian itu langsung ditahan di Polsek Cempaka.", "arrested", "2", "theft"},
      {"id", "Dalam kasus korupsi itu, ketiga pejabat dinas ditahan jaksa.", "arrested", nullptr, nullptr},  // "pejabat": no unit of people
      {"id", "Seorang turis ditangkap karena penipuan di bandara.", "arrested", "1", "fraud"},
      {"id", "Keduanya diamankan setelah tawuran di Jalan Sudirman.", "arrested", "2", "riot"},
      {"id", "Ia ditangkap untuk kedua kalinya dalam kasus narkoba.", "arrested", nullptr, nullptr},
      {"id", "Pada tahap kedua penyidikan kasus narkoba, polisi menahan tersangka.", "arrested", nullptr, nullptr},
      {"id", "Kedua korban tewas di lokasi setelah kecelakaan bus itu.", "deaths", "2", "crash"},
      {"id", "Korban kedua tewas di rumah sakit setelah kecelakaan bus itu.", "deaths", nullptr, nullptr},
      {"en", "Both men were arrested after the robbery at the station.", "arrested", "2", "robbery"},
      {"en", "Killings in the war were carried out on both sides of the border.", "deaths", nullptr, nullptr},
      // A counted noun's phrase before the trigger, where verbs are marked (Indonesian).
      {"id", "Akibat banjir itu, 14 pekerja tambang emas ilegal kehilangan nyawa.", "deaths", "14", "flood"},
      {"id", "Akibat banjir itu, 14 pekerja terjebak di tambang dan kehilangan nyawa.", "deaths", nullptr, nullptr},
      // Where verbs are not marked, a passive's subject with its count first (English).
      {"en", "About 2,000 villagers and farm workers were killed when the dam burst during the flood.", "deaths", "2000", "flood"},
      {"en", "About 2,000 villagers and their cattle were killed when the dam burst during the flood.", "deaths", nullptr, nullptr},
      {"en", "Nearly 300 miners, mainly migrants, were injured in the blast.", "injured", "300", "attack"},
      {"en", "The 40 volunteers who helped the police were injured in the blast.", "injured", nullptr, nullptr},
      // A scale with no number before it is no count; "a thousand" is.
      {"id", "Setelah banjir itu, ratusan ribu pengungsi masih tinggal di tenda.", "displaced", nullptr, nullptr},
      {"en", "A thousand people were evacuated after the flood.", "displaced", "1000", "flood"},
      {"en", "Nearly a thousand people were evacuated after the flood.", "displaced", "1000", "flood"},
      // Shelters are no people ("15 titik pengungsian").
      {"id", "Warga korban banjir tersebar di 15 titik pengungsian di Kecamatan Dayeuhkolot.", "displaced", nullptr, nullptr},
      // No one, denied; a denial of who is no count of none; a count that says or does is no toll.
      {"id", "Tidak seorang pun tewas dalam kebakaran pasar tersebut, kata Kapolsek.", "deaths", "0", "fire"},
      {"en", "No one was injured in the blast, police said.", "injured", "0", "attack"},
      {"en", "Not one person was hurt in the blast.", "injured", "0", "attack"},
      {"id", "Hingga kini belum ada korban tewas yang berhasil diidentifikasi usai kecelakaan pesawat.", "deaths", nullptr, nullptr},
      {"id", "Tidak semua korban tewas akibat gempa telah dimakamkan.", "deaths", nullptr, nullptr},
      {"id", "Seorang petugas BPBD mengatakan korban tewas sudah dievakuasi dari lokasi banjir.", "deaths", nullptr, nullptr},
      {"id", "Kedua pelaku penganiayaan menyebabkan korban tewas.", "deaths", nullptr, nullptr},
      {"id", "Korban dikeroyok kedua pelaku hingga tewas di lokasi kejadian setelah penganiayaan.", "deaths", nullptr, nullptr},
      {"id", "Hingga Selasa sore, dilaporkan 5 orang tewas akibat banjir bandang itu.", "deaths", "5", "flood"},
      {"id", "Jumlah korban meninggal akibat banjir bertambah seorang sehingga menjadi 12 orang.", "deaths", nullptr, nullptr},
      {"id", "Polisi menetapkan 4 tersangka kasus kematian siswa SMP akibat perundungan.", "deaths", nullptr, nullptr},
      {"id", "Gelombang kedua pengungsi Rohingya tiba di Aceh akibat perang.", "displaced", nullptr, nullptr},
      {"en", "The bombing killed both civilians and soldiers, officials said.", "deaths", nullptr, nullptr},
      {"en", "About 200,000 Haitians, many of them children, were killed in the 2010 earthquake.", "deaths", nullptr, nullptr},
      {"en", "Half a million people were displaced by the floods.", "displaced", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
  // "More than a thousand": the bound before "a" is the count's.
  auto more = ExtractText("More than a thousand people were killed in the earthquake.", "en");
  REQUIRE(more.With("deaths").size() == 1);
  CHECK(more.With("deaths")[0]->bound == Bound::kAtLeast);
  // "over a twenty year period": "over" is no bound of twenty.
  auto period = ExtractText("The plan adds borrowing of up to $4bn over a twenty year period.", "en");
  REQUIRE(period.With("claim.duration").size() == 1);
  CHECK(period.With("claim.duration")[0]->bound == Bound::kExact);
}

TEST_CASE("one person described before a toll, a range's two ends, a tally's parts, two roles as a meeting's parties", "[extract][frames]") {
  const Want cases[] = {
      // One person, described where and who, is the subject of the trigger (Indonesian).
      {"id", "Seorang santri di Pondok Pesantren Al Hikmah, Kabupaten Jombang, berinisial MR (14) diduga tewas akibat perundungan.", "deaths", "1", "assault"},
      {"id", "Seorang pengendara ojek di Kota Medan tewas dalam kecelakaan di Jalan Gatot Subroto.", "deaths", "1", "crash"},
      // A verb, a clause or another conjunct between: not the dead.
      {"id", "Seorang warga Desa Cibadak melaporkan korban tewas akibat banjir bandang.", "deaths", nullptr, nullptr},
      {"id", "Seorang pejabat BPBD Garut, yang menolak disebut namanya, mengatakan korban tewas akibat banjir.", "deaths", nullptr, nullptr},
      // No description: another tally after the comma is its own ("dua lainnya luka-luka").
      {"id", "Seorang warga tewas, dua lainnya luka-luka akibat longsor di Desa Cikole.", "injured", "2", "landslide"},
      {"id", "Seorang bocah berusia 8 tahun tewas tenggelam saat banjir melanda Kampung Melayu.", "deaths", "1", "flood"},
      // A change is no range: "bertambah dari 20 hingga 25" is 25 now.
      {"id", "Korban tewas akibat gempa bertambah dari 20 hingga 25 orang.", "deaths", "25", "earthquake"},
      {"en", "The death toll from the earthquake rose from 20 to 25 on Tuesday.", "deaths", "25", "earthquake"},
      // The dead and the hurt together split into parts: no tally of either.
      {"id", "Korban tewas dan luka akibat kerusuhan terdiri atas 5 polisi dan 20 warga.", "injured", nullptr, nullptr},
      // A day past an infinitive is its verb's; a number word in a name counts nothing.
      {"en", "Mr Hale met Mr Okoro at the embassy to discuss the tariffs due to take effect on Friday.", "meeting_day", nullptr, nullptr},
      {"en", "Talks between Kim Jong Un and Vladimir Putin are due to resume on Tuesday.", "meeting_day", "tuesday", "Kim Jong Un–Vladimir Putin"},
      {"id", "Warga Kepulauan Seribu tewas tenggelam saat banjir rob.", "deaths", nullptr, nullptr},
      {"id", "Korban tewas banjir bertambah menjadi Tujuh orang.", "deaths", "7", "flood"},
      // "Kami", "we": a group the article's person is one of.
      {"id", "Bupati Garut Joko Santoso bercerita tentang perjalanan itu. Kami bertiga berangkat dari Jakarta pada Senin (6/10/2025).",
       "departure_day", "monday", "Joko Santoso"},
      // An office named alone is the one person the article names with it, written before the
      // name, or beside it with a comma.
      {"id", "Presiden Olaf Brandt tiba di Tokyo untuk melakukan pertemuan dengan Perdana Menteri Jepang, Aku Tanaka, pada Senin (6/10/2025).",
       "meeting_day", "monday", "Aku Tanaka–Olaf Brandt"},
      {"id", "Pembicaraan antara Olaf Brandt, Presiden Jerman dan Aku Tanaka di Tokyo pada Senin (6/10/2025) berakhir buntu.",
       "meeting_day", "monday", "Aku Tanaka–Olaf Brandt"},
      // Two roles of the story's people, when no one is named.
      {"id", "Kapolres Bogor AKBP Rudi Setiawan menyebut pelaku memeras pelajar itu. Korban dan pelaku kemudian bertemu pada Kamis (9/10/2025) di sebuah minimarket.",
       "meeting_day", "thursday", "perpetrator–victim (Rudi Setiawan)"},
      {"id", "Kapolres Bogor AKBP Rudi Setiawan menyebut pelaku memeras pelajar itu. Korban kemudian bertemu ibunya pada Kamis (9/10/2025).", "meeting_day", nullptr, nullptr},
      // Someone of theirs ("keluarga korban"), or both met by someone else: no pair of roles.
      {"id", "Kapolres Bogor AKBP Rudi Setiawan menyebut pelaku memeras pelajar itu. Keluarga korban dan keluarga pelaku bertemu pada Kamis (9/10/2025).",
       "meeting_day", nullptr, nullptr},
      {"id", "Kapolres Bogor AKBP Rudi Setiawan menyebut pelaku memeras pelajar itu. Penyidik bertemu korban dan pelaku secara terpisah pada Kamis (9/10/2025).",
       "meeting_day", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
  // A range is both its ends: the lower at least (with the upper's scale), the upper at most.
  auto range = [](const char* text, const char* lang, const char* predicate, double lo, double hi) {
    INFO(text);
    auto r = ExtractText(text, lang);
    auto got = r.With(predicate);
    REQUIRE(got.size() == 2);
    std::sort(got.begin(), got.end(), [](const Fact* a, const Fact* b) { return *a->number < *b->number; });
    CHECK(*got[0]->number == lo);
    CHECK(got[0]->bound == Bound::kAtLeast);
    CHECK(*got[1]->number == hi);
    CHECK(got[1]->bound == Bound::kAtMost);
  };
  range("Between 2.3 and 2.8 million people were displaced by the floods.", "en", "displaced", 2300000, 2800000);
  range("Banjir bandang itu menewaskan 12-15 orang di tiga kecamatan.", "id", "deaths", 12, 15);
  range("Antara 40 hingga 60 orang luka-luka dalam kerusuhan itu.", "id", "injured", 40, 60);
  range("Police arrested 30 to 35 people after the riot.", "en", "arrested", 30, 35);
  // A tally split into all its parts, the whole not given: a tally of each part, keyed by it.
  auto parts = ExtractText("Para korban luka akibat kerusuhan di Lima terdiri atas 31 warga sipil dan 67 polisi.", "id");
  auto injured = parts.With("injured");
  REQUIRE(injured.size() == 2);
  std::sort(injured.begin(), injured.end(), [](const Fact* a, const Fact* b) { return *a->number < *b->number; });
  CHECK(injured[0]->value == "31");
  CHECK(injured[0]->subject == "unrest (warga sipil)");
  CHECK(injured[1]->value == "67");
  CHECK(injured[1]->subject == "unrest (polisi)");
  // With the whole given, the whole is the tally; some of it ("termasuk") is no split.
  auto whole = ExtractText("Korban luka akibat kerusuhan mencapai 98 orang, terdiri atas 31 warga sipil dan 67 polisi.", "id");
  REQUIRE(whole.With("injured").size() == 1);
  CHECK(whole.With("injured")[0]->value == "98");
  CHECK(ExtractText("Korban luka akibat kerusuhan termasuk 31 warga sipil dan 67 polisi.", "id").With("injured").empty());
  // A number word capitalized inside a sentence is a name's: "di Lima" is Peru's capital.
  CHECK(ExtractText("Sedikitnya 12 orang luka-luka saat kerusuhan di Lima pada Rabu.", "id").With("injured").at(0)->value == "12");
  CHECK(ExtractText("Kerusuhan pecah di ibu kota Lima dan melukai warga.", "id").With("injured").empty());
  CHECK(ExtractText("Lima orang tewas dalam banjir itu.", "id").With("deaths").at(0)->value == "5");
  // A score is no range ("2-1"), nor is a lower end that is not lower.
  auto score = ExtractText("The riot after the 2-1 defeat injured 14 fans.", "en");
  REQUIRE(score.With("injured").size() == 1);
  CHECK(score.With("injured")[0]->value == "14");
  CHECK(score.With("injured")[0]->bound == Bound::kExact);
}

TEST_CASE("modes of transport", "[extract]") {
  const Want cases[] = {
      {"id", "Presiden Putin tiba di Pyongyang dengan pesawat kepresidenan.", "travel_mode", "plane", "Vladimir Putin"},
      {"id", "Rombongan Kim Jong Un menaiki kereta api berlapis baja menuju perbatasan.", "travel_mode", "train", "Kim Jong Un"},
      {"id", "Angkatan laut meluncurkan kapal selam baru.", "travel_mode", nullptr, nullptr},
      {"en", "Xi Jinping arrived by plane at the Moscow airport.", "travel_mode", "plane", "Xi Jinping"},
      {"en", "The training camp opened in March.", "travel_mode", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("border lengths with units and number words", "[extract]") {
  const Want cases[] = {
      {"id", "Indonesia dan Malaysia berbagi perbatasan darat sepanjang 2.019 kilometer di Kalimantan.", "border_length", "2019", nullptr},
      {"id", "Perbatasan Korea Utara dan Rusia memiliki panjang tujuh belas kilometer.", "border_length", "17", nullptr},
      {"id", "Pasukan berjaga di perbatasan selama 17 hari.", "border_length", nullptr, nullptr},
      {"en", "China and Vietnam share a 1,281-kilometre border.", "border_length", "1281", "China–Vietnam"},
      {"en", "Russia and North Korea share a 10-mile border.", "border_length", "16.09344", nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("poll percentages with what they measure", "[extract]") {
  const Want cases[] = {
      {"id", "Survei itu mencatat 41,2 persen responden puas dengan kinerja gubernur.", "poll_share", "41.2", nullptr},
      {"id", "Sebanyak 58% warga Jakarta mendukung pembatasan kendaraan.", "poll_share", "58", "warga jakarta mendukung pembatasan kendaraan"},
      {"id", "Suku bunga naik 6 persen tahun ini.", "poll_share", nullptr, nullptr},
      {"en", "Some 62% of voters said the economy was their top concern.", "poll_share", "62", nullptr},
      {"en", "Shares rose 3% on Monday.", "poll_share", nullptr, nullptr},
      // A ranking of ratings as a list, in an article about a satisfaction survey.
      {"id", "Survei itu mengukur tingkat kepuasan publik terhadap para menteri. Disusul Menteri Agama Nurul Huda dengan 81 persen, Menteri Sosial Rina Ayu 78 persen.", "poll_share", "78", "menteri sosial rina ayu"},
      {"id", "Produksi padi naik tahun ini. Jawa Barat 20 persen, Jawa Timur 18 persen dari produksi nasional.", "poll_share", nullptr, nullptr},
      // Answers in brackets, two at least, in a sentence about a survey.
      {"id", "Survei itu menempatkan pendidikan gratis di urutan pertama, disusul layanan kesehatan (71,5%) dan harga pangan (64%).", "poll_share", "64", "harga pangan"},
      // A share set off by commas before its answer.
      {"en", "The survey of 1,500 parents was published on Tuesday. A minority, 23%, said homework should be banned.", "poll_share", "23", nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

// Patterns with no literal of 3 bytes (a name, digits and "%"; "in" and a year) are filtered
// by their bytes and byte pairs instead: they must still run wherever they can match.
TEST_CASE("candidate shares and years, whose patterns have no long literal", "[extract]") {
  const Want cases[] = {
      {"id", "Dalam survei itu, Rina Wulandari meraih 41,2 persen suara.", "candidate_share", "41.2", "Rina Wulandari"},
      {"id", "Menurut survei, Rina Wulandari mendapat 39% dan Budi Santoso 33%.", "candidate_share", "33", "Budi Santoso"},
      {"id", "Sementara itu, Rina Wulandari meraih 41 kursi di DPRD.", "candidate_share", nullptr, nullptr},
      {"en", "In the survey, Maria Lopez had 44 per cent, and Tom Baker 38 percent.", "candidate_share", "38", "Tom Baker"},
      {"en", "In the survey, Maria Lopez had 44 per cent, and Tom Baker 38 percent.", "candidate_share", "44", "Maria Lopez"},
      {"en", "Maria Lopez won 38 seats on Sunday.", "candidate_share", nullptr, nullptr},
      {"en", "The bridge was built in 1998 and rebuilt after the flood.", "mentions_date", "1998", nullptr},
      {"en", "The company hired 1998 workers.", "mentions_date", nullptr, nullptr},
  };
  for (const auto& w : cases) Expect(w);
}

TEST_CASE("a source's office is not their name: the body after a title, as an acronym", "[extract]") {
  auto e = ExtractText("Anggaran itu mencapai Rp 7 triliun, kata Ketua DPR RI Lestari Wulandari di Jakarta.", "id");
  auto m = e.With("claim.money");
  REQUIRE(m.size() == 1);
  CHECK(m[0]->source == "Lestari Wulandari");
  // An acronym that is the whole name stays.
  auto s = ExtractText("Anggaran itu mencapai Rp 7 triliun, kata Presiden SBY.", "id");
  REQUIRE(s.With("claim.money").size() == 1);
  CHECK(s.With("claim.money")[0]->source == "SBY");
}

TEST_CASE("a statement's day takes the words said and who said them as its context", "[extract]") {
  auto e = cc::test::ExtractPublished(
      "\"Pasokan beras di pasar induk aman,\" kata Gubernur Sari Wulan dalam keterangannya, Senin (20/10/2025).", "id", "2025-10-20");
  const Fact* d = nullptr;
  for (const Fact& f : e.facts)
    if (f.predicate == "mentions_date" && f.date == "2025-10-20") d = &f;
  REQUIRE(d);
  CHECK(d->context.find("by:sari_wulan") != std::string::npos);
  CHECK(d->context.find("q:beras") != std::string::npos);
  CHECK(d->context.find("q:pasar") != std::string::npos);
  // Without a quotation before the verb, the words before it are the speaker: no statement.
  auto plain = cc::test::ExtractPublished(
      "Menteri Keuangan Lestari Wulandari mengatakan, Senin (20/10/2025), pertumbuhan ekonomi akan membaik.", "id", "2025-10-20");
  for (const Fact& f : plain.facts)
    if (f.predicate == "mentions_date") CHECK(f.context.find("q:") == std::string::npos);
}

TEST_CASE("modality: hedged and reported claims", "[extract]") {
  auto e = ExtractText("Menurut kantor berita Yonhap, Presiden Yoon kemungkinan akan berangkat ke Washington pada Selasa.", "id");
  auto d = e.With("departure_day");
  REQUIRE(d.size() == 1);
  CHECK(d[0]->modality == Modality::kHedged);
  CHECK(d[0]->source == "Yonhap");
  auto r = ExtractText("KCNA melaporkan Kim Jong Un meninggalkan Pyongyang pada Minggu sore.", "id");
  auto rd = r.With("departure_day");
  REQUIRE(rd.size() == 1);
  CHECK(rd[0]->modality == Modality::kReported);
  CHECK(rd[0]->source == "KCNA");
  CHECK(rd[0]->qualifier == "afternoon");
  auto a = ExtractText("Presiden Joko Widodo berangkat ke Tokyo pada Senin.", "id");
  REQUIRE(a.With("departure_day").size() == 1);
  CHECK(a.With("departure_day")[0]->modality == Modality::kAsserted);
}

TEST_CASE("a weekday written with a date takes the date, the year comes from the article", "[extract][resolve]") {
  auto e = ExtractText("Kemenlu melaporkan hubungan membaik sejak Maret 2018.\n\n"
                       "Menteri Budi Santoso bertolak ke Seoul, Rabu (24 April) untuk berunding.", "id");
  auto d = e.With("departure_day");
  REQUIRE(d.size() == 1);
  CHECK(d[0]->value == "wednesday");
  CHECK(d[0]->date == std::optional<std::string>("2019-04-24"));
  CHECK(d[0]->anchor == "weekday");
  CHECK(d[0]->event == "2019-04");
}

TEST_CASE("CapitalizedRuns finds what the name regex finds, on text it was not written for", "[extract]") {
  // The regex the scanner replaced; the scanner must agree with it run for run, but for a full
  // stop after a word of five letters or more, which ends the run (the sentence).
  CHECK(extract::CapitalizedRuns("ke Balai Kota Bogor. Di sana") == std::vector<std::string_view>{"Balai Kota Bogor.", "Di"});
  RE2 names(R"((\p{Lu}[\p{L}\p{M}\p{N}'.-]*(?:\s+(?:bin |binti |van |de |al-)?\p{Lu}[\p{L}\p{M}\p{N}'.-]*)*))");
  const std::vector<std::string> texts = {
      "Presiden Joko Widodo bertolak ke Tokyo, Senin (3/7/2023) pagi.",
      "Menteri Luar Negeri Retno L.P. Marsudi bertemu Mohamad bin Abdullah dan Siti binti Ahmad.",
      "Ludwig van Beethoven and Robert De Niro met Omar al-Bashir in the U.S. capital.",
      "ÉMILE Zola à Paris; Ñandú Ärger Ødegaard ŁÓDŹ — Ürümqi'nin O'Brien D'Souza.",
      "iPhone-nya dijual di Jakarta Selatan\tJakarta\nBarat  Kota Tua de facto",
      "Kim Jong Un bin ", "A", "", "abc def", "Rp 5.000 dan US$ 3,5 juta untuk PT Maju-Jaya Tbk.",
      "Ж Москва Санкт-Петербург 2023 X1 Y-2 Z'3", "Jalan Jend. Sudirman Kav. 52-53, Jakarta 12190",
      "«Reuters» “AFP” ‹Antara› Kyōto Ōsaka",
  };
  for (const auto& t : texts) {
    std::vector<std::string> want, got;
    re2::StringPiece in(t), m;
    while (RE2::FindAndConsume(&in, names, &m)) want.emplace_back(m.data(), m.size());
    for (auto r : extract::CapitalizedRuns(t)) got.emplace_back(r);
    INFO(t);
    CHECK(got == want);
  }
}

TEST_CASE("the name macro's letter ranges find the names the Unicode classes find", "[extract][rules]") {
  // {name} spells its letters as ranges because RE2 compiles Unicode classes to programs 15x
  // larger. On names in the scripts news here uses, the ranges must agree with the classes.
  const auto& macros = test::ShippedRules().pack->macros;
  const std::string& upper = macros.at("upper");
  const std::string& letter = macros.at("name_char");
  RE2 cheap("(" + upper + letter + "*(?:\\s+" + upper + letter + "*){0,4})");
  RE2 exact(R"((\p{Lu}[\p{L}\p{M}'-]*(?:\s+\p{Lu}[\p{L}\p{M}'-]*){0,4}))");
  REQUIRE(cheap.ok());
  CHECK(cheap.ProgramSize() * 5 < exact.ProgramSize());
  const std::vector<std::string> texts = {
      "Menteri Luar Negeri Łukasz Świątek bertemu Émile Zola-Ça di Kraków, Senin.",
      "Ştefan cel Mare, Ștefan Țiriac and Đặng Thị Ngọc Thịnh spoke to Ólafur Ragnar Grímsson.",
      "Президент Владимир Путин и Σωκράτης Παπαδόπουλος встретились в Μόσχα.",
      "ÄRZTE OHNE GRENZEN (MSF) said 30°C, ×3 and ½ Dollar; Müller… then Ñandú «Reuters».",
      "iPhone-nya dijual di Jakarta Selatan oleh PT Maju-Jaya Tbk. kepada O'Brien D'Souza",
      "a şehir, ğ, ı and ł are lowercase; Ørsted and Æsir are not.", "", "A", "abc",
      "One Two Three Four Five Six Seven Eight words in a row.",
  };
  for (const auto& t : texts) {
    std::vector<std::string> want, got;
    re2::StringPiece a(t), b(t), m;
    while (RE2::FindAndConsume(&a, exact, &m)) want.emplace_back(m.data(), m.size());
    while (RE2::FindAndConsume(&b, cheap, &m)) got.emplace_back(m.data(), m.size());
    INFO(t);
    CHECK(got == want);
  }
}

namespace {
// Every fact field that extraction sets, for comparing two engines' output.
std::vector<std::string> Facts(const extract::Engine& engine, const ingest::SegmentConfig& seg, const std::string& text,
                               const std::string& lang) {
  Article a;
  a.path = "t.txt";
  a.lang = lang;
  a.raw = text;
  a.id = Hasher().Add(text).Hex();
  ingest::Normalize(a, 0);
  ingest::Segment(a, seg);
  std::vector<std::string> out;
  for (const auto& f : engine.Extract(a))
    out.push_back(f.rule + "|" + f.predicate + "|" + f.subject + "|" + f.value + "|" + f.unit + "|" + f.text + "|" +
                  std::to_string(f.span.begin) + "|" + f.source + "|" + f.as_of);
  return out;
}

// Field `n` (0-based) of a fact as Facts writes it: rule|predicate|subject|value|...
std::string Field(std::string fact, int n) {
  for (int bars = 0; bars < n; ++bars) fact = fact.substr(fact.find('|') + 1);
  return fact.substr(0, fact.find('|'));
}
}  // namespace

TEST_CASE("a language's extractors are compiled when its first article comes, and extract as if compiled at load",
          "[extract]") {
  auto eager = rules::LoadRules({pipeline::DefaultRulesDir()});
  auto lazy = rules::LoadRules({pipeline::DefaultRulesDir()}, {.defer_languages = true});
  REQUIRE(eager.ok());
  REQUIRE(lazy.ok());
  RulePack& pack = lazy.value();
  CHECK(pack.deferred == std::set<std::string>{"en", "id"});
  for (const auto& x : pack.extractors)
    if (!x.pattern.empty()) CHECK((x.regex == nullptr) == (x.lang != "any"));  // frames and generic claims have none
  std::mutex m;
  std::multiset<std::string> compiled;
  auto compile = pack.compile_language;
  pack.compile_language = [&](const std::string& lang) {
    {
      std::lock_guard<std::mutex> lock(m);
      compiled.insert(lang);
    }
    return compile(lang);
  };
  auto e_eager = extract::Engine::Build(eager.value());
  auto e_lazy = extract::Engine::Build(pack);
  REQUIRE(e_eager.ok());
  REQUIRE(e_lazy.ok());
  auto seg = ingest::MakeSegmentConfig(eager.value());
  const std::string id_text =
      "Menteri Luar Negeri Sugiono berangkat ke Tokyo pada Senin (3/3/2025). Gempa bermagnitudo 5,6 "
      "mengguncang Garut; korban tewas mencapai 12 orang, kata BPBD.";
  const std::string en_text =
      "Foreign Minister Ana Lopez left Madrid for Tokyo on Monday. The death toll from the earthquake "
      "rose to 12, officials said.";
  CHECK(compiled.empty());  // nothing before an article needs it
  // Two threads meet Indonesian at once: it is compiled once.
  std::vector<std::string> a, b;
  std::thread t([&] { a = Facts(*e_lazy.value(), seg, id_text, "id"); });
  b = Facts(*e_lazy.value(), seg, id_text, "id");
  t.join();
  CHECK(compiled == std::multiset<std::string>{"id"});
  auto want_id = Facts(*e_eager.value(), seg, id_text, "id");
  CHECK_FALSE(want_id.empty());
  CHECK(a == want_id);
  CHECK(b == want_id);
  CHECK(Facts(*e_lazy.value(), seg, en_text, "en") == Facts(*e_eager.value(), seg, en_text, "en"));
  CHECK(compiled == std::multiset<std::string>{"en", "id"});
  // An article of no known language runs every language's extractors.
  CHECK(Facts(*e_lazy.value(), seg, en_text + " " + id_text, "") == Facts(*e_eager.value(), seg, en_text + " " + id_text, ""));
  CHECK(compiled == std::multiset<std::string>{"en", "id"});
}

TEST_CASE("a second thread extracts what the first does, with the shared regexes and then with its own copies",
          "[extract]") {
  // A thread that does not own a regex shares it for its first uses (PerThread::kShareFirst),
  // then compiles a copy; the prefilter keeps what its filters allowed per combination of atoms.
  // Every article is extracted 100 times on each side, so both paths and the kept answers run.
  auto pack = rules::LoadRules({pipeline::DefaultRulesDir()}, {.defer_languages = true});
  REQUIRE(pack.ok());
  auto engine = extract::Engine::Build(pack.value());
  REQUIRE(engine.ok());
  auto seg = ingest::MakeSegmentConfig(pack.value());
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"id", "Presiden Rina Wulandari bertolak ke Canberra pada Rabu (12/2/2025). Ia dijadwalkan bertemu "
             "Perdana Menteri di Gedung Parlemen."},
      {"id", "Hingga Kamis sore, korban tewas akibat banjir di Kabupaten Sungai Biru mencapai 17 orang dan 240 "
             "warga mengungsi, kata BPBD."},
      {"en", "The prime minister flew to Oslo on Tuesday, March 4, and will meet the king at the palace."},
      {"en", "Only 38% of Norwegians say the new tax is fair, according to a survey conducted March 3-9, 2025."},
  };
  std::vector<std::vector<std::string>> want;
  for (const auto& [lang, text] : texts) want.push_back(Facts(*engine.value(), seg, text, lang));
  for (const auto& w : want) CHECK_FALSE(w.empty());
  constexpr int kRounds = 100;
  std::vector<std::vector<std::string>> other(texts.size() * kRounds);
  std::thread t([&] {
    for (int r = 0; r < kRounds; ++r)
      for (size_t i = 0; i < texts.size(); ++i) other[r * texts.size() + i] = Facts(*engine.value(), seg, texts[i].second, texts[i].first);
  });
  std::vector<std::vector<std::string>> mine(texts.size() * kRounds);
  for (int r = 0; r < kRounds; ++r)
    for (size_t i = 0; i < texts.size(); ++i) mine[r * texts.size() + i] = Facts(*engine.value(), seg, texts[i].second, texts[i].first);
  t.join();
  for (size_t k = 0; k < other.size(); ++k) {
    INFO("round " << k / texts.size() << ", text " << k % texts.size());
    CHECK(other[k] == want[k % texts.size()]);
    CHECK(mine[k] == want[k % texts.size()]);
  }
}

TEST_CASE("a deferred pattern that does not compile fails the first article in its language", "[extract]") {
  auto r = rules::LoadRulesFromString(R"(lang: en
extractors:
  - id: t.day
    predicate: mentions_date
    type: weekday
    pattern: '(?P<d>Monday)'
    groups: {d: weekday}
)", "t.yaml", "test", {.defer_languages = true});
  REQUIRE(r.ok());
  RulePack& pack = r.value();
  auto compile = pack.compile_language;
  // What compile_language gives for a pattern over RE2's memory budget: no RE2 for it.
  pack.compile_language = [&](const std::string& lang) {
    auto c = compile(lang);
    c.regexes.clear();
    return c;
  };
  auto engine = extract::Engine::Build(pack);
  REQUIRE(engine.ok());
  auto seg = ingest::MakeSegmentConfig(pack);
  try {
    Facts(*engine.value(), seg, "They met on Monday.", "en");
    FAIL("no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("regex-too-big") != std::string::npos);
    CHECK(std::string(e.what()).find("t.day") != std::string::npos);
  }
}

TEST_CASE("an attribution pattern runs when the sentence has its atoms, and one without atoms always", "[extract]") {
  // The attribution lexicon's patterns are compiled in one FilteredRE2: "reported" is the
  // first's atom; the second has no literal of 3 bytes, so no atom can rule it out.
  auto r = rules::LoadRulesFromString(R"(lang: en
lexicons:
  attribution:
    entries:
      - pattern: '(?P<source>[A-Z][a-z]+) reported\b'
      - pattern: '^(?P<source>[A-Z]{2,5}):'
extractors:
  - id: t.toll
    predicate: deaths
    type: count
    pattern: 'toll (?P<n>\d+)'
    groups: {n: number}
    subject: quake
)", "t.yaml", "test");
  REQUIRE(r.ok());
  const RulePack& pack = r.value();
  const Lexicon* lex = nullptr;
  for (const auto& l : pack.lexicons)
    if (l.name == "attribution") lex = &l;
  REQUIRE(lex);
  REQUIRE(lex->filter.filter);
  REQUIRE(lex->filter.atoms.size() == 1);
  CHECK(lex->filter.atoms[0] == " reported");  // FilteredRE2's atom: the literal around the word
  REQUIRE(lex->filter.extractors.size() == 2);
  CHECK(lex->filter.extractors[0] == 0);                            // entry 0, filtered by its atom
  CHECK(lex->filter.extractors[1] == PatternFilter::kElsewhere);   // no atom: runs on every sentence
  auto engine = extract::Engine::Build(pack);
  REQUIRE(engine.ok());
  auto seg = ingest::MakeSegmentConfig(pack);
  auto source = [&](const std::string& text) {
    auto facts = Facts(*engine.value(), seg, text, "en");
    REQUIRE(facts.size() == 1);
    return Field(facts[0], 7);  // the source
  };
  CHECK(source("Tass reported that the toll 12 was confirmed.") == "Tass");
  CHECK(source("Tass REPORTED that the toll 12 was confirmed.").empty());  // case-sensitive pattern, lowercased atom
  CHECK(source("AFP: the toll 12 was confirmed.") == "AFP");
  CHECK(source("The toll 12 was confirmed.").empty());
}

TEST_CASE("a lexicon subject is the longest form named as whole words, the first in byte order of those as long", "[extract]") {
  // subject_from lexicon: looks the sentence's runs of words up in the lexicon (LookupWithin).
  auto r = rules::LoadRulesFromString(R"(lang: en
lexicons:
  hazard:
    entries:
      - {value: flood, forms: [flood, river]}
      - {value: flash flood, forms: [flash flood]}
      - {value: storm, forms: [gale, storm surge]}
      - {value: cold, forms: [frost]}
      - {value: zeta, forms: [zzzz]}
      - {value: alpha, forms: [aaaa]}
extractors:
  - id: t.toll
    predicate: deaths
    type: count
    pattern: 'toll (?P<n>\d+)'
    groups: {n: number}
    subject_from: [lexicon:hazard]
    subject: unknown
)", "t.yaml", "test");
  REQUIRE(r.ok());
  auto engine = extract::Engine::Build(r.value());
  REQUIRE(engine.ok());
  auto seg = ingest::MakeSegmentConfig(r.value());
  auto subject = [&](const std::string& text) {
    auto facts = Facts(*engine.value(), seg, text, "en");
    REQUIRE(facts.size() == 1);
    return Field(facts[0], 2);  // the subject
  };
  CHECK(subject("The flash flood toll 12 was confirmed.") == "flash flood");   // the longer form
  CHECK(subject("The Flood, a flash flood: toll 12.") == "flash flood");       // wherever it is
  CHECK(subject("The flood toll 12 was confirmed.") == "flood");
  CHECK(subject("The river flooded; toll 12.") == "flood");                    // "flooded" is not "flood"
  CHECK(subject("A storm surge and a gale: toll 12.") == "storm");             // "storm surge", 11 bytes
  CHECK(subject("Frost and a flood: toll 12.") == "flood");                    // as long: "flood" before "frost"
  CHECK(subject("zzzz or aaaa, toll 12.") == "alpha");                         // as long: "aaaa" first
  CHECK(subject("The floodplain toll 12.") == "unknown");                      // no whole word
  CHECK(subject("A flash-flood toll 12.") == "unknown");                       // "flash-flood" is one word
}

TEST_CASE("an extractor whose pattern has no literal at all runs on every sentence", "[extract]") {
  // No literal of 3 bytes, and its character classes are too large for atoms of 1 byte:
  // the loose filter holds it with no atom, and the prefilter must still pass it.
  auto r = rules::LoadRulesFromString(R"(lang: en
extractors:
  - id: t.count
    predicate: deaths
    type: count
    pattern: '(?P<n>\w+?)[a-z][a-z]\b'
    groups: {n: number}
    subject: quake
)", "t.yaml", "test");
  REQUIRE(r.ok());
  const RulePack& pack = r.value();
  REQUIRE(pack.filters.size() == 2);
  const PatternFilter& loose = pack.filters[1];
  REQUIRE(loose.loose);
  CHECK(loose.atoms.empty());
  auto engine = extract::Engine::Build(pack);
  REQUIRE(engine.ok());
  auto seg = ingest::MakeSegmentConfig(pack);
  auto facts = Facts(*engine.value(), seg, "12km.", "en");
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].find("|12|") != std::string::npos);
}

namespace {
// Every match of `re` from `pos` on, found as the engine finds it (FirstMatch, with `matched`
// as given) and as RE2 finds it unanchored: the same spans and groups, null groups included.
void SameMatches(const RE2& re, std::string_view text, uint32_t matched_before) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> want(static_cast<size_t>(n)), got(static_cast<size_t>(n));
  for (size_t pos = 0; pos <= text.size(); ++pos) {
    INFO("pattern " << re.pattern() << "\ntext '" << text << "' from " << pos << ", " << matched_before
                    << " matched before");
    std::atomic<uint32_t> matched{matched_before};
    bool w = re.Match(text, pos, text.size(), RE2::UNANCHORED, want.data(), n);
    bool g = extract::FirstMatch(re, text, pos, got.data(), n, matched);
    REQUIRE(g == w);
    CHECK(matched.load() == matched_before + (w && matched_before < extract::kForwardMatches ? 1 : 0));
    if (!w) continue;
    for (int i = 0; i < n; ++i) {
      INFO("group " << i);
      CHECK(got[i].data() == want[i].data());
      CHECK(got[i].size() == want[i].size());
    }
  }
}
}  // namespace

TEST_CASE("FirstMatch finds RE2's unanchored match and groups, forwards and with RE2's own search", "[extract][first_match]") {
  // Priorities between alternatives and quantifiers, word boundaries at the start, groups that
  // do not take part, empty matches, anchors, and letters of more than one byte.
  const std::vector<std::string> patterns = {
      R"((?P<w>Senin|Selasa|Rabu)\b)",
      R"(\b(?:pada|hari)\s+(?P<day>\w+))",
      R"((?P<a>ab|a)(?P<b>bc|c)?)",
      R"(a*)",
      R"((?P<x>x)?y*)",
      R"(^(?P<first>\w+))",
      R"((?P<last>\w+)\.?$)",
      R"((?i)(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>km|kilometer|persen|%))",
      R"([^.;]{0,10}?\b(?P<kota>Jakarta|Sémarang|Łódź))",
      R"((?P<q>"[^"]*")|(?P<p>\([^)]*\)))",
      R"(\d{1,2}\s+(?:Mei|Juni))",
  };
  const std::vector<std::string> texts = {
      "",
      "a",
      "Rapat digelar pada hari Rabu, 24 April, di Jakarta.",
      "xxyy abc abcbc aab",
      "Jarak 120 km atau 12,5 persen; lalu 7% lagi.",
      "Di Łódź dan Sémarang. Lalu Jakarta!",
      "Ia berkata \"besok\" (Selasa) dan Senin.",
      "Kamis 3 Mei, Jumat 14 Juni 2024",
      "   ",
      "yyy.",
      // Matches further in than kForwardTries bytes from some of the starts: left to RE2.
      std::string(300, 'x') + " pada hari Rabu, 12,5 persen; " + std::string(270, 'y') + " Senin 3 Mei.",
  };
  for (const auto& p : patterns) {
    RE2 re(p);
    REQUIRE(re.ok());
    for (const auto& t : texts) {
      SameMatches(re, t, 0);                             // found forwards
      SameMatches(re, t, extract::kForwardMatches - 1);  // the last found forwards
      SameMatches(re, t, extract::kForwardMatches);      // left to RE2
    }
  }
}

TEST_CASE("FirstMatch finds every shipped extractor's matches as RE2 does, in the example articles",
          "[extract][first_match]") {
  const auto& pack = *test::ShippedRules().pack;
  std::vector<std::string> sentences;
  std::vector<std::string> files;
  for (const char* dir : {"/examples", "/tests/gold/articles"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(CC_SOURCE_DIR) + dir))
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& f : files) {
    std::string text = test::ReadFile(f);
    for (size_t b = 0, e; b < text.size(); b = e + 1) {
      e = text.find_first_of(".\n", b);
      if (e == std::string::npos) e = text.size();
      if (e > b) sentences.push_back(text.substr(b, e - b + (e < text.size() ? 1 : 0)));
    }
  }
  REQUIRE(sentences.size() > 50);
  size_t patterns = 0, matches = 0;
  for (const auto& x : pack.extractors) {
    if (x.expanded.empty()) continue;
    RE2::Options opt;
    opt.set_max_mem(64 << 20);
    RE2 re(x.expanded, opt);
    REQUIRE(re.ok());
    ++patterns;
    const int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> want(static_cast<size_t>(n)), got(static_cast<size_t>(n));
    // From a new pattern, and from one about to be left to RE2.
    for (uint32_t before : {0u, extract::kForwardMatches - 2}) {
      std::atomic<uint32_t> matched{before};
      for (const auto& s : sentences) {
        // Every match in the sentence, as the engine walks them (the next search starts where a
        // match ended); from kForwardMatches - 2, `matched` reaches kForwardMatches and the
        // pattern's later matches are RE2's own.
        for (size_t pos = 0; pos <= s.size();) {
          INFO(x.id << " in '" << s << "' from " << pos);
          bool w = re.Match(s, pos, s.size(), RE2::UNANCHORED, want.data(), n);
          REQUIRE(extract::FirstMatch(re, s, pos, got.data(), n, matched) == w);
          if (!w) break;
          ++matches;
          for (int i = 0; i < n; ++i) {
            CHECK(got[i].data() == want[i].data());
            CHECK(got[i].size() == want[i].size());
          }
          pos = static_cast<size_t>(want[0].data() - s.data()) + want[0].size() + (want[0].empty() ? 1 : 0);
        }
      }
    }
  }
  INFO(patterns << " patterns, " << matches << " matches");
  CHECK(patterns > 25);
  CHECK(matches > 100);
}

TEST_CASE("generic claims: what a bare number counts, money written after it, and what counts nothing",
          "[extract][claims]") {
  const std::vector<Want> wants = {
      // A count of the noun after the number, past a modifier or a classifier.
      {"en", "The carmaker will cut 450 jobs at its plant near Ghent this autumn.", "claim.count", "450", nullptr},
      {"en", "The agency opened six new clinics in the northern districts last month.", "claim.count", "6", nullptr},
      {"id", "Warga menyerahkan lima ekor sapi kepada panitia kurban di Desa Lembah Hijau.", "claim.count", "5", nullptr},
      {"id", "Pemerintah kota membangun 12 sekolah baru di wilayah pesisir tahun ini.", "claim.count", "12", nullptr},
      // A classifier with a verb after it is what is counted ("unit").
      {"id", "Produksi pabrik itu naik dari 48.500 unit menjadi 52.000 unit sepanjang tahun ini.", "claim.count", "48500", nullptr},
      // Money whose currency is a word after the number.
      {"id", "Harga bawang merah di pasar induk turun menjadi 38 ribu rupiah per kilogram.", "claim.money", "38000", nullptr},
      {"en", "The airline lost about 2 billion dollars in the year to March.", "claim.money", "2000000000", nullptr},
      // A scale glued on, as business copy writes money, and a unit glued on.
      {"en", "The insurer set aside $2.7bn to cover claims from the storms.", "claim.money", "2700000000", nullptr},
      {"en", "The council will spend £45m on new flood barriers along the river.", "claim.money", "45000000", nullptr},
      {"en", "Creditors are owed more than 6bn euros by the dairy group.", "claim.money", "6000000000", nullptr},
      {"en", "Rescuers walked 12km through the mud to reach the village.", "claim.length", "12", nullptr},
      // "1.2m people": millions of a count, not metres; "Rp 5M" is no figure this language writes.
      {"en", "The carmaker employs 1.2m people across its European plants.", "claim.count", "1200000", nullptr},
      {"en", "The carmaker employs 1.2m people across its European plants.", "claim.length", nullptr, nullptr},
      {"id", "Pemerintah daerah menyiapkan Rp 5M untuk perbaikan jalan desa.", "claim.money", nullptr, nullptr},
      // A figure in parentheses after a year is the year's figure, not a conversion.
      {"id", "Belanja negara dalam APBN 2025 (Rp 3.621 triliun) naik dari tahun lalu.", "claim.money", "3621000000000000", nullptr},
      // "US$", not "$": the longest currency before the figure.
      {"id", "Perusahaan itu menyiapkan US$ 5 juta untuk membangun pabrik baru.", "claim.money", "5000000", nullptr},
      // A glued unit before a noun names an event ("the 400m final"): no length claimed.
      {"en", "She finished fourth in the 400m final at the indoor championships.", "claim.length", nullptr, nullptr},
      // Counts of nothing: a range word, a rate, a name, a year, a score, a reference.
      {"id", "Bantuan dibagikan Rp 5.000 per keluarga setiap pekan.", "claim.count", nullptr, nullptr},
      {"id", "Menteri meninjau SMAN 33 Bekasi Utara pada pagi hari.", "claim.count", nullptr, nullptr},
      {"en", "She presented the morning show on Radio 4 Extra for a decade.", "claim.count", nullptr, nullptr},
      {"en", "The club finished third in the 2019 league table and sold its ground.", "claim.count", nullptr, nullptr},
      {"en", "She won the final 6 4 after losing the first set.", "claim.count", nullptr, nullptr},
      {"id", "Tersangka dijerat Pasal 372 tentang penggelapan.", "claim.count", nullptr, nullptr},
      {"id", "Keduanya dijerat Undang-Undang Nomor 8 Tahun 2010 tentang pencucian uang.", "claim.duration", nullptr, nullptr},
      // A length of time written as one word with its number is claimed; an age is not.
      {"en", "The sprinter faces a maximum three-year ban if the panel finds against her.", "claim.duration", "3", nullptr},
      {"en", "The 27-year-old has not raced since the final.", "claim.duration", nullptr, nullptr},
      // The measured thing is never a function word ("approx" is a bound).
      {"en", "The poll put support at approx 40% among voters.", "claim.percent", "40", "poll put support"},
  };
  for (const auto& w : wants) Expect(w);
  auto usd = ExtractText("Perusahaan itu menyiapkan US$ 5 juta untuk membangun pabrik baru.", "id");
  REQUIRE(usd.With("claim.money").size() == 1);
  CHECK(usd.With("claim.money")[0]->text == "US$ 5 juta");
  // "10 sampai 20 kios": the 20 counts stalls, the 10 counts no "sampai".
  auto e = ExtractText("Ada sekitar 10 sampai 20 kios yang tutup di sepanjang jalan itu.", "id");
  std::vector<std::string> counts;
  for (const Fact* f : e.With("claim.count")) counts.push_back(f->value + " " + f->unit);
  CHECK(counts == std::vector<std::string>{"20 kios"});
}

TEST_CASE("generic names: runs of capitalized words, their own words, once per article", "[extract][names]") {
  auto names = [](const char* text, const char* lang) {
    auto e = ExtractText(text, lang);
    std::vector<std::string> out;
    for (const Fact* f : e.With("name")) out.push_back(f->value + " | " + f->measure);
    return out;
  };
  // A sentence's opening word is no part of a name; a title and a head are, but not its own words.
  CHECK(names("Menurut Menteri Kesehatan Rina Paramita, klinik itu dibuka di Balai Desa Cempaka Putih.", "id") ==
        std::vector<std::string>{"Menteri Kesehatan Rina Paramita | Rina Paramita", "Balai Desa Cempaka Putih | Cempaka Putih"});
  // A possessive and a footnote number glued on are not the name; an acronym is not its own word.
  CHECK(names("Coach Tom Hallworth's side beat PSV Eindhoven 2-1 in Leeds Crown2 on Friday.", "en") ==
        std::vector<std::string>{"Coach Tom Hallworth | Tom Hallworth", "PSV Eindhoven | Eindhoven"});
  // A head of the other language frames a name too ("Kabupaten" in English copy).
  CHECK(names("Floods hit Kabupaten Sukamurni on Monday.", "en") == std::vector<std::string>{"Kabupaten Sukamurni | Sukamurni"});
  // Each name once per article, however often it is written.
  CHECK(names("Dewi Kartika tiba pagi ini. Dewi Kartika lalu bertemu warga.", "id") ==
        std::vector<std::string>{"Dewi Kartika | Dewi Kartika"});
  // One capitalized word is no run; a sentence of lower-case words has none.
  CHECK(names("Sementara itu, warga Sleman mengungsi ke balai desa.", "id").empty());
}

TEST_CASE("a list runs on into the next sentence only after a continuation word", "[extract][frames]") {
  auto shares = [](const char* text, const char* lang) {
    auto e = ExtractText(text, lang);
    std::vector<std::string> out;
    for (const Fact* f : e.With("candidate_share")) out.push_back(f->subject + " " + f->value + " " + f->source);
    return out;
  };
  // "Disusul ...": the list of the sentence before, with its poll's source.
  CHECK(shares("Dalam survei LSI, Rina Wulandari meraih 41,2 persen. Disusul Bagus Santoso dengan 30 persen.", "id") ==
        std::vector<std::string>{"Rina Wulandari 41.2 Lembaga Survei Indonesia", "Bagus Santoso 30 Lembaga Survei Indonesia"});
  // An election result after a poll is no poll figure; nor does a run-on sentence let in the next.
  CHECK(shares("Dalam survei LSI, Rina Wulandari meraih 41,2 persen. Pada pemilu lalu, Bagus Santoso memperoleh 55 persen suara.", "id") ==
        std::vector<std::string>{"Rina Wulandari 41.2 Lembaga Survei Indonesia"});
  CHECK(shares("Dalam survei LSI, Rina Wulandari meraih 41,2 persen. Disusul Bagus Santoso dengan 30 persen. "
               "Disusul pula Dewi Lestari dengan 12 persen.", "id").size() == 2);
}

TEST_CASE("a figure converted in parentheses is the desk's arithmetic, not a claim", "[extract][claims]") {
  auto e = ExtractText("The retailer reported a $812m (£431m) loss for the six months to June.", "en");
  std::vector<std::string> money;
  for (const Fact* f : e.With("claim.money")) money.push_back(f->value + " " + f->unit);
  CHECK(money == std::vector<std::string>{"812000000 USD"});
  auto two = ExtractText("The airline owes about 9bn euros ($12bn; £6.4bn) to its lenders.", "en");
  money.clear();
  for (const Fact* f : two.With("claim.money")) money.push_back(f->value + " " + f->unit);
  CHECK(money == std::vector<std::string>{"9000000000 EUR"});
  // A parenthesis that follows no figure keeps its money.
  auto own = ExtractText("The charity (which raised £3m last year) will close its shops.", "en");
  CHECK(own.With("claim.money").size() == 1);
}

TEST_CASE("a title in lower case names a person, and what comes ahead of an event is not its day", "[extract][frames]") {
  // "Wales coach Ben Ashworth ... He will fly out": the one the article titled in lower case.
  Expect({"en", "Wales coach Ben Ashworth named his side on Monday. He will fly out to Rome on Thursday.",
          "departure_day", "thursday", "Ben Ashworth"});
  // "ahead of the meeting", "menjelang pertemuan": the day and the place are another event's.
  Expect({"en", "In Geneva on Thursday, ahead of the meeting, Trade Minister Lina Okafor criticised the tariffs.",
          "meeting_day", nullptr, nullptr});
  Expect({"id", "Di Bandung pada Senin menjelang pertemuan itu, Menteri Luar Negeri Sari Wulan menyapa warga.",
          "meeting_day", nullptr, nullptr});
  // A squad meeting at its training base is sport, not a meeting of two sides.
  auto e = ExtractText("The squad will meet at their training base in Leeds on Monday.", "en");
  CHECK(e.With("meeting_day").empty());
}

TEST_CASE("a titled name one of whose later words is a place is a person, a place first makes a role",
          "[extract][names]") {
  // "Paris", "Georgia" are places; after a title and a first name they are surnames.
  Expect({"en", "Foreign Minister Lena Moru flew to Oslo on Monday. In Oslo, Lena Moru will meet Prime Minister Adi Paris.",
          "meeting_venue", "Oslo", "Adi Paris–Lena Moru"});
  Expect({"id", "Menteri Luar Negeri Sari Wulan tiba di Oslo. Di Oslo, Sari Wulan dijadwalkan bertemu Perdana Menteri Tomi Georgia.",
          "meeting_venue", "Oslo", "Sari Wulan–Tomi Georgia"});
}

TEST_CASE("a generic claim's context leaves out who said it, bounds that name the measured thing, parts of a total",
          "[extract][claims]") {
  auto context_of = [](const std::string& text, const std::string& lang, const std::string& predicate) {
    auto e = ExtractText(text, lang);
    auto got = e.With(predicate);
    REQUIRE(got.size() == 1);
    return got.front()->context;
  };
  // The source's clause, after the value or before it, is not what the claim is about.
  std::string after = context_of("Rapat kabinet di Istana Bogor berlangsung selama 40 menit, ujar juru bicara Istana Rudi Hartono.", "id", "claim.duration");
  CHECK(after.find("bogor") != std::string::npos);
  CHECK(after.find("rudi") == std::string::npos);
  CHECK(after.find("juru") == std::string::npos);
  std::string before = context_of("Menurut harian Kompas, rapat kabinet di Istana Bogor berlangsung 40 menit.", "id", "claim.duration");
  CHECK(before.find("bogor") != std::string::npos);
  CHECK(before.find("kompas") == std::string::npos);
  std::string en = context_of("The cabinet meeting in Canberra lasted 40 minutes, a government spokeswoman said.", "en", "claim.duration");
  CHECK(en.find("canberra") != std::string::npos);
  CHECK(en.find("spokeswoman") == std::string::npos);
  // "kecepatan maksimal 30 knot" is a top speed; "maksimal 30 orang" a cap; "hampir" is near.
  auto bound_of = [](const std::string& text, const std::string& lang, const std::string& predicate) {
    auto e = ExtractText(text, lang);
    auto got = e.With(predicate);
    REQUIRE(got.size() == 1);
    return got.front()->bound;
  };
  CHECK(bound_of("Feri baru itu punya kecepatan maksimal 28 knot.", "id", "claim.speed") == Bound::kExact);
  CHECK(bound_of("Ruang rapat itu menampung maksimal 30 peserta.", "id", "claim.count") == Bound::kAtMost);
  CHECK(bound_of("Sidang itu berlangsung hampir empat jam.", "id", "claim.duration") == Bound::kApprox);
  // The parts of a total are no tally.
  {
    auto e = ExtractText("Bentrokan itu melukai 21 orang, termasuk 9 polisi.", "id");
    std::vector<std::string> injured;
    for (const Fact* f : e.With("injured")) injured.push_back(f->value);
    CHECK(injured == std::vector<std::string>{"21"});
  }
  Expect({"en", "The blast injured 31 people, including 8 children.", "injured", "31", nullptr});
  {
    auto e = ExtractText("The blast injured 31 people, including 8 children.", "en");
    std::vector<std::string> injured;
    for (const Fact* f : e.With("injured")) injured.push_back(f->value);
    CHECK(injured == std::vector<std::string>{"31"});
  }
  // "May" the month is no hedge; "may" is.
  auto modality_of = [](const std::string& text) {
    auto e = ExtractText(text, "en");
    auto got = e.With("mentions_date");
    REQUIRE(!got.empty());
    return got.front()->modality;
  };
  CHECK(modality_of("The minister opened the new bridge in Perth on 14 May.") == Modality::kAsserted);
  CHECK(modality_of("The minister may open the new bridge on Friday.") == Modality::kHedged);
}

TEST_CASE("a news agency named like a word list's word is a source, not that word", "[extract][names]") {
  auto e = ExtractText("Menurut kantor berita Antara, banjir itu menewaskan 14 orang di Kabupaten Garut.", "id");
  auto got = e.With("deaths");
  REQUIRE(got.size() == 1);
  CHECK(got.front()->source == "Antara");
}

TEST_CASE("a verb that says how one travels, and a pronoun's person the gazetteer does not know", "[extract][travel]") {
  // Names the gazetteer does not know: the article's most named person is the subject of a
  // sentence that speaks of them by a pronoun, and of no sentence about a thing.
  Expect({"en", "Foreign Secretary Lena Moru met aid agencies in Amman. She later flew to Erbil in northern Iraq.",
          "travel_mode", "plane", "Lena Moru"});
  Expect({"id", "Menteri Luar Negeri Sari Wulan menutup forum itu. Ia kemudian terbang ke Makassar untuk meninjau pelabuhan.",
          "travel_mode", "plane", "Sari Wulan"});
  Expect({"en", "Foreign Secretary Lena Moru met aid agencies in Amman. Relief lorries arrived at the border on Saturday.",
          "arrival_day", nullptr, nullptr});
  Expect({"en", "The striker got off to a flying start from the penalty spot.", "travel_mode", nullptr, nullptr});
  Expect({"id", "Harga cabai terbang ke level tertinggi menjelang Lebaran.", "travel_mode", nullptr, nullptr});
}

TEST_CASE("a sentence that carries on the one before ('Di sana', 'There she') takes its day", "[extract][continuation]") {
  Expect({"id", "Kamis (2/5/2024), Presiden Joko Widodo berkunjung ke Pangkalan TNI AL di Surabaya. Di sana ia bertemu dengan Panglima TNI Agus Subiyanto.",
          "meeting_day", "thursday", "Agus Subiyanto–Joko Widodo"});
  Expect({"en", "On Thursday Foreign Minister Lena Moru toured the base in Split. There she met Prime Minister Adi Paris.",
          "meeting_day", "thursday", "Adi Paris–Lena Moru"});
  // A sentence that does not carry on stays apart: "There are" is no place.
  Expect({"en", "On Thursday, Foreign Minister Lena Moru toured the naval base in Split. There are plans to meet Prime Minister Adi Paris.",
          "meeting_day", nullptr, nullptr});
  // "Surabaya." ends the sentence, not a name that runs on into "Di".
  auto runs = extract::CapitalizedRuns("ke Pangkalan TNI AL di Surabaya. Di sana ia bertemu George W. Bush dan Dr. Rudi Hartono.");
  CHECK(std::find(runs.begin(), runs.end(), "Surabaya.") != runs.end());
  CHECK(std::find(runs.begin(), runs.end(), "George W. Bush") != runs.end());
  CHECK(std::find(runs.begin(), runs.end(), "Dr. Rudi Hartono.") != runs.end());  // (TrimName takes the dot off)
}

TEST_CASE("meetings read in more phrasings: joined names, this afternoon, a visit received, a dateline's town", "[extract][frames]") {
  // A name joined by "dan"/"and" to a titled person is the other party.
  Expect({"id", "Menteri Sari Wulandari dan Tomas Berg bertemu pada Senin (3/3/2025) di Medan.", "meeting_day", "monday", "Sari Wulandari–Tomas Berg"});
  Expect({"en", "Foreign Minister Lena Moru and Tomas Berg met in Split on Monday.", "meeting_venue", "Split", "Lena Moru–Tomas Berg"});
  // A list of places meets nobody.
  Expect({"id", "Warga Jakarta dan Bandung bertemu di Bogor pada Senin.", "meeting_day", nullptr, nullptr});
  // "siang ini", "this afternoon": the published day.
  auto e = test::ExtractPublished("Presiden Lena Moru akan bertemu Presiden Prabowo siang ini di Istana Merdeka.", "id", "2025-10-22T08:00");
  auto days = e.With("meeting_day");
  REQUIRE(days.size() == 1);
  CHECK(days.front()->value == "wednesday");
  auto en = test::ExtractPublished("Prime Minister Adi Paris will meet President Lena Moru this afternoon in Split.", "en", "2025-10-23T08:00");
  REQUIRE(en.With("meeting_day").size() == 1);
  CHECK(en.With("meeting_day").front()->value == "thursday");
  // A visit received is a meeting.
  Expect({"id", "Gubernur Sari Wulandari menerima kunjungan kerja Duta Besar Tomas Berg pada Rabu (15/10/2025).", "meeting_day", "wednesday",
          "Sari Wulandari–Tomas Berg"});
  // A site with its town, the gazetteer's or a dateline's: "..., Lubuk Basung, Kamis (9/10)".
  Expect({"id", "Menteri Sari Wulandari bertemu Bupati Tomas Berg di Rumah Dinas Bupati Agam, Lubuk Basung, Kamis (9/10/2025).", "meeting_venue",
          "Rumah Dinas Bupati Agam, Lubuk Basung", nullptr});
  Expect({"id", "Menteri Sari Wulandari bertemu Bupati Tomas Berg di Kantor Imigrasi Sukamaju, Semarang, Kamis (9/10/2025).", "meeting_venue",
          "Kantor Imigrasi Sukamaju, Semarang", nullptr});
  // A list of names inside the met one's office does not push the venue out of reach.
  Expect({"id", "Ia bertemu dengan Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah Tomas Berg di Kantor Gubernur Jawa Tengah.",
          "meeting_venue", "Kantor Gubernur Jawa Tengah", nullptr});
  // The place and day after a verb of saying that is not after a quotation stay the meeting's.
  Expect({"en", "Foreign Minister Lena Moru will meet, officials said, Prime Minister Tomas Berg in Geneva on Thursday.", "meeting_venue", "Geneva",
          "Lena Moru–Tomas Berg"});
}

TEST_CASE("what is no meeting: a title's word, a statement's place and day, a point of the compass, an office's organization",
          "[extract][frames]") {
  Expect({"en", "Meet The Parents opens in the UK on Friday.", "meeting_day", nullptr, nullptr});
  Expect({"en", "Meet The Parents opens in the UK on Friday.", "meeting_venue", nullptr, nullptr});
  // The place and day after the verb of saying and its speaker are the statement's.
  Expect({"id", "\"Kami sudah melakukan pertemuan dengan mereka,\" ujar Juru Bicara Tomas Berg di Gedung Sate, Bandung, Rabu (11/6/2025).",
          "meeting_venue", nullptr, nullptr});
  Expect({"id", "Kim bertemu Moon Jae-in tiga kali di Selatan.", "meeting_venue", nullptr, nullptr});
  Expect({"en", "Union leaders shouted at Fiat chairman Luca Berg following a meeting on Tuesday.", "meeting_venue", nullptr, nullptr});
  Expect({"en", "The sprinter won the 60m at Sunday's Karlsruhe indoor meeting.", "meeting_day", nullptr, nullptr});
}

TEST_CASE("'She and eight others were killed' counts nine, 'delapan lainnya terluka' after another count counts eight", "[extract][frames]") {
  Expect({"en", "The plane crash happened off the coast. She and eight others were killed.", "deaths", "9", nullptr});
  Expect({"id", "Longsor terjadi di Garut. Kepala Desa Budi Santoso dan tiga orang lainnya tewas tertimbun.", "deaths", "4", nullptr});
  Expect({"id", "Longsor terjadi di Garut. Tiga orang tewas dan delapan lainnya terluka.", "injured", "8", nullptr});
  Expect({"id", "Longsor terjadi di Garut. Sekitar 113 orang lainnya tewas tertimbun.", "deaths", "113", nullptr});
  // Not after a place, a day or a group: "in Kherson and eight others", "Two Americans and eight others".
  Expect({"en", "A drone attack killed one person in Kherson and eight others were injured.", "injured", "8", nullptr});
  Expect({"en", "The bus crash happened on the coast road. Two soldiers died on Monday and five others were injured.", "injured", "5", nullptr});
}
