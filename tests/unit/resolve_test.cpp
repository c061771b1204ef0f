// Resolve: clock times, published dates read from the page, weekdays anchored to the article's
// own dates, named events across articles, the wire-copy report day.
#include <catch2/catch.hpp>

#include "core/calendar.h"
#include "resolve/resolve.h"
#include "support/support.h"

using namespace cc;

TEST_CASE("clock times as news writes them", "[resolve][clock]") {
  CHECK(ParseClock("pukul 18.00 WIB") == "18:00");
  CHECK(ParseClock("21:30") == "21:30");
  CHECK(ParseClock("6 p.m.") == "18:00");
  CHECK(ParseClock("6pm") == "18:00");
  CHECK(ParseClock("12 a.m.") == "00:00");
  CHECK(ParseClock("pukul 4", "afternoon") == "16:00");
  CHECK(ParseClock("pukul 9", "evening") == "21:00");
  CHECK(ParseClock("noon", "midday") == "12:00");
  CHECK_FALSE(ParseClock("malam", "evening"));
  CHECK_FALSE(ParseClock("25.00"));
  CHECK_FALSE(ParseClock("123"));
  CHECK(ParseClock("1830 GMT") == "18:30");
  CHECK(ParseClock("10:28:47 GMT") == "10:28");
  CHECK(ParseClock("midnight", "midnight") == "00:00");
  CHECK_FALSE(ParseClock("2500"));
  CHECK_FALSE(ParseClock("12345"));
}

TEST_CASE("a published date is read from the page when the input has none", "[resolve]") {
  auto e = test::ExtractText("Tekad kedua negara\n(last modified Sat, 16 Mar 2019 10:28:47 GMT )\n\n"
                             "Presiden berangkat ke Moskow pada Selasa untuk berunding.",
                             "id");
  CHECK(resolve::DetectPublished(e.facts) == "2019-03-16");
  // A date deep in the body is not a dateline.
  auto body = test::ExtractText("Judul berita\n\nParagraf satu.\n\nParagraf dua.\n\nParagraf tiga.\n\nParagraf empat.\n\n"
                                "Diperbarui: 12 September 2023\n",
                                "id");
  CHECK(resolve::DetectPublished(body.facts).empty());
}

TEST_CASE("without a published date, weekdays fall in the week of the article's own dated day", "[resolve]") {
  auto e = test::ExtractText("Pemimpin Korea Utara, Kim Jong Un bertolak ke Rusia, Rabu (24 April 2019) untuk bertemu Putin. "
                             "Pembicaraan yang menurut ajudan Kremlin akan berlangsung Kamis di Vladivostok.",
                             "id");
  auto meeting = e.With("meeting_day");
  REQUIRE(meeting.size() == 1);
  CHECK(meeting[0]->date == std::optional<std::string>("2019-04-25"));  // hedged: the Thursday after
  CHECK(meeting[0]->event == "2019-04");
}

namespace {
Fact Make(const std::string& article, const std::string& predicate, const std::string& type, const std::string& value,
          const std::string& subject = "Eastern Economic Forum") {
  Fact f;
  f.id = article + predicate + value;
  f.article = article;
  f.predicate = predicate;
  f.type = cc::ParseFactType(type).value();
  f.value = value;
  f.subject = subject;
  f.subject_key = subject;
  if (type == "year") f.date = value;
  return f;
}
}  // namespace

TEST_CASE("a named event's dates and its end weekday, given in two articles, fix its year", "[resolve][corpus]") {
  std::vector<Fact> facts = {
      Make("b", "event_period", "date_range", "--09-10/--09-13"),
      Make("b", "mentions_date", "year", "2015", ""),
      Make("a", "event_end_day", "weekday", "wednesday"),
      Make("a", "mentions_date", "year", "2019", ""),
      Make("a", "departure_day", "weekday", "tuesday", "Kim Jong Un"),
      Make("a", "departure_day", "weekday", "sunday", "Kim Jong Un"),
  };
  facts[5].modality = Modality::kReported;
  Fact hedged = Make("a", "meeting_day", "weekday", "wednesday", "Kim Jong Un");
  hedged.modality = Modality::kHedged;
  facts.push_back(hedged);
  auto changed = resolve::ResolveCorpus(facts, {{"a", ""}, {"b", ""}});
  CHECK(changed.size() == 5);
  CHECK(facts[0].value == "2023-09-10/2023-09-13");  // 13 September is a Wednesday first in 2023, from 2019 on
  CHECK(facts[0].anchor == "weekday");
  CHECK(facts[2].date == std::optional<std::string>("2023-09-13"));
  CHECK(facts[4].date == std::optional<std::string>("2023-09-12"));  // the Tuesday before the end
  CHECK(facts[5].date == std::optional<std::string>("2023-09-10"));
  CHECK(facts[6].date == std::optional<std::string>("2023-09-13"));  // hedged: the first Wednesday from the start
  CHECK(facts[4].event == "2023-09");

  // An article with a published date keeps its own anchoring.
  std::vector<Fact> dated = {Make("b", "event_period", "date_range", "--09-10/--09-13"),
                             Make("a", "event_end_day", "weekday", "wednesday"),
                             Make("a", "departure_day", "weekday", "tuesday", "Kim Jong Un")};
  resolve::ResolveCorpus(dated, {{"a", "2023-09-12"}, {"b", ""}});
  CHECK_FALSE(dated[2].date);
}

TEST_CASE("a weekday set off by commas or after 'said' carries the wire-copy note", "[resolve][note]") {
  auto id = test::ExtractText("Kim Jong Un telah berangkat menuju Rusia menggunakan kereta lapis baja, Selasa, untuk bertemu Putin.", "id");
  REQUIRE(id.With("departure_day").size() == 1);
  CHECK(id.With("departure_day")[0]->note.find("day of the report") != std::string::npos);
  auto en = test::ExtractText("North Korean leader Kim Jong Un has left for Russia, state media said Tuesday.", "en");
  REQUIRE(en.With("departure_day").size() == 1);
  CHECK_FALSE(en.With("departure_day")[0]->note.empty());
  auto plain = test::ExtractText("Kim Jong Un meninggalkan Korea Utara dengan keretanya pada Minggu sore.", "id");
  REQUIRE(plain.With("departure_day").size() == 1);
  CHECK(plain.With("departure_day")[0]->note.empty());
}

TEST_CASE("a day without its year in an undated article takes the year the story's other articles give it", "[resolve][corpus]") {
  auto day = [](const std::string& article, const std::string& date, const std::string& anchor) {
    Fact f;
    f.article = article;
    f.predicate = "mentions_date";
    f.type = FactType::kDate;
    f.value = date;
    f.date = date;
    f.anchor = anchor;
    return f;
  };
  std::vector<Fact> yearless = {day("u", "--03-14", "explicit"), day("u", "--03-16", "explicit"), day("u", "--03-20", "explicit")};
  std::vector<Fact> others = {day("a", "2023-03-14", "published"), day("b", "2023-03-14", "explicit"),
                              day("a", "2023-03-16", "explicit"), day("c", "2021-03-16", "explicit"),
                              day("u", "--03-14", "explicit")};
  auto changed = resolve::ResolveStoryYears(yearless, others);
  REQUIRE(changed == std::vector<size_t>{0});  // 16 March has two years; 20 March none
  CHECK(yearless[0].date == "2023-03-14");
  CHECK(yearless[0].value == "2023-03-14");
  CHECK(yearless[0].anchor == "story");
  CHECK(yearless[0].event == "2023-03");
  CHECK(yearless[1].date == "--03-16");
}
