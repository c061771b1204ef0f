// Check kinds on literal facts: no files, no database.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "check/check.h"
#include "support/support.h"

using namespace cc;

namespace {
Fact F(std::string article, std::string subject, std::string predicate, std::string value, std::string type,
       std::string event = "", Modality m = Modality::kAsserted) {
  Fact f;
  f.id = article + ":" + value + ":" + predicate;
  f.article = std::move(article);
  f.subject = subject;
  f.subject_key = subject;
  f.predicate = std::move(predicate);
  f.value = std::move(value);
  f.type = cc::ParseFactType(type).value();
  f.event = std::move(event);
  f.modality = m;
  return f;
}
std::vector<Finding> Run(const std::vector<Fact>& facts, std::unordered_map<std::string, std::string> published = {}) {
  check::Context ctx;
  ctx.article_published = std::move(published);
  ctx.gazetteer = &test::ShippedRules().engine->gazetteer();
  return check::RunChecks(test::ShippedRules().checks, facts, ctx);
}
}  // namespace

TEST_CASE("agree: different values for one event conflict, repeats count once", "[check]") {
  auto found = Run({F("a", "Kim Jong Un", "departure_day", "tuesday", "weekday", "2023-09"),
                    F("a", "Kim Jong Un", "departure_day", "tuesday", "weekday", "2023-09"),
                    F("b", "Kim Jong Un", "departure_day", "sunday", "weekday", "2023-09")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kError);
  CHECK(found[0].values == std::vector<std::string>{"sunday", "tuesday"});
  CHECK(found[0].facts.size() == 2);
  CHECK(found[0].id.size() == 16);
}

TEST_CASE("agree: different events are not compared, unresolved ones are, as a note", "[check]") {
  CHECK(Run({F("a", "X", "departure_day", "tuesday", "weekday", "2019-04"),
             F("b", "X", "departure_day", "sunday", "weekday", "2023-09")}).empty());
  auto found = Run({F("a", "X", "departure_day", "tuesday", "weekday", "2019-04"),
                    F("b", "X", "departure_day", "sunday", "weekday", "")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kInfo);  // they may be two trips: never an alarm
  CHECK(found[0].message.find("different events") != std::string::npos);
  // Two undated days in one article are two occasions as often as a slip: a note too ("met on
  // Sunday ... a further meeting on Friday"); two dated alike are compared at full severity.
  found = Run({F("a", "X", "meeting_day", "sunday", "weekday", ""), F("a", "X", "meeting_day", "friday", "weekday", "")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kInfo);
  found = Run({F("a", "X", "meeting_day", "sunday", "weekday", "2019-04"), F("b", "X", "meeting_day", "friday", "weekday", "2019-04")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kError);
}

TEST_CASE("agree: a hedged value against an asserted one is a warning", "[check]") {
  auto found = Run({F("a", "X", "meeting_day", "thursday", "weekday", "2019-04"),
                    F("b", "X", "meeting_day", "wednesday", "weekday", "2019-04", Modality::kHedged)});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
}

TEST_CASE("agree: places agree when one contains the other", "[check]") {
  CHECK(Run({F("a", "X", "meeting_venue", "Pier 33", "place"), F("b", "X", "meeting_venue", "Vladivostok", "place"),
             F("c", "X", "meeting_venue", "Russia", "place")}).empty());
  auto found = Run({F("a", "X", "meeting_venue", "Vladivostok", "place"), F("b", "X", "meeting_venue", "Khabarovsk", "place")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].values == std::vector<std::string>{"Khabarovsk", "Vladivostok"});
}

TEST_CASE("tolerance: numbers within tolerance agree, bounds are honoured", "[check]") {
  auto num = [](std::string art, double v, Bound b = Bound::kExact) {
    Fact f = F(std::move(art), "North Korea–Russia", "border_length", std::to_string(v), "quantity");
    f.number = v;
    f.unit = "km";
    f.bound = b;
    return f;
  };
  CHECK(Run({num("a", 17), num("b", 17.4)}).empty());
  CHECK(Run({num("a", 17, Bound::kAtLeast), num("b", 40)}).empty());
  auto found = Run({num("a", 17), num("b", 39)});
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "tolerance");
}

TEST_CASE("range: a percentage above 100 is an error", "[check]") {
  Fact f = F("a", "warga yang puas", "poll_share", "104", "percent");
  f.number = 104;
  f.unit = "%";
  auto found = Run({f});
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "range");
}

TEST_CASE("calendar: a weekday must match its explicit date", "[check]") {
  Fact ok = F("a", "", "mentions_date", "2019-04-24", "date");
  ok.weekday = "wednesday";
  ok.date = "2019-04-24";
  ok.anchor = "explicit";
  Fact bad = ok;
  bad.id = "bad";
  bad.weekday = "monday";
  bad.date = "2023-07-05";
  bad.value = "2023-07-05";
  auto found = Run({ok, bad});
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "calendar");
  CHECK(found[0].message.find("wednesday") != std::string::npos);
  // The same slip written twice in one article is one finding with both places; in another
  // article, another finding.
  Fact again = bad;
  again.id = "again";
  again.span = {300, 310};
  Fact elsewhere = bad;
  elsewhere.id = "elsewhere";
  elsewhere.article = "b";
  found = Run({ok, bad, again, elsewhere});
  REQUIRE(found.size() == 2);
  CHECK(found[0].facts.size() + found[1].facts.size() == 3);
  auto twice = found[0].facts.size() == 2 ? found[0] : found[1];
  CHECK(twice.facts == std::vector<std::string>{"bad", "again"});
  CHECK(twice.message.find("written so 2 times") != std::string::npos);
}

TEST_CASE("monotonic: a tally goes down only within one event, a later event starts afresh", "[check]") {
  auto toll = [](std::string article, std::string date, double n) {
    Fact f = F(article, "earthquake", "deaths", fmt::format("{}", n), "count", date.substr(0, 7));
    f.number = n;
    f.unit = "people";
    f.date = date;
    f.as_of = "18:00";
    return f;
  };
  // 248 dead in March 2009, 57 dead in another quake in December 2013: no finding.
  auto none = Run({toll("a", "2009-03-18", 248), toll("b", "2013-12-21", 57)});
  CHECK(std::none_of(none.begin(), none.end(), [](const Finding& f) { return f.kind == "monotonic"; }));
  // 25 at 18:00, then 19 the next day, one quake: a finding, about that event.
  auto found = Run({toll("a", "2009-03-18", 25), toll("b", "2009-03-19", 19)});
  REQUIRE(std::count_if(found.begin(), found.end(), [](const Finding& f) { return f.kind == "monotonic"; }) == 1);
  for (const auto& f : found)
    if (f.kind == "monotonic") CHECK(f.event == "2009-03");
}

TEST_CASE("monotonic: a figure dated to an earlier day is the count as its article went out", "[check]") {
  auto injured = [](std::string article, std::string date, double n) {
    Fact f = F(article, "unrest", "injured", fmt::format("{}", n), "count", "2025-10");
    f.number = n;
    f.bound = Bound::kApprox;
    f.unit = "people";
    if (!date.empty()) f.date = date;
    return f;
  };
  auto monotonic = [](const std::vector<Finding>& found) {
    return std::count_if(found.begin(), found.end(), [](const Finding& f) { return f.kind == "monotonic"; });
  };
  // "about 113 injured in Wednesday's protest" in a Friday afternoon article, "about 102" in a
  // Friday night one: the count went down.
  auto found = Run({injured("a", "2025-10-15", 113), injured("b", "", 102)},
                   {{"a", "2025-10-17T13:54"}, {"b", "2025-10-17T21:16"}});
  REQUIRE(monotonic(found) == 1);
  for (const auto& f : found)
    if (f.kind == "monotonic") CHECK(f.message.find("(as published)") != std::string::npos);
  // The same article gives Thursday's count too: Wednesday's 113 is an earlier count, not the
  // one it went out with, and Thursday's 95 is compared with nothing later that is lower.
  auto earlier = Run({injured("a", "2025-10-15", 113), injured("a", "2025-10-16", 95), injured("b", "", 102)},
                     {{"a", "2025-10-17T13:54"}, {"b", "2025-10-17T21:16"}});
  CHECK(monotonic(earlier) == 0);
  // The same article gives an undated figure too ("Kini jumlahnya 268 orang"): the dated one is
  // an earlier count, not the one it went out with.
  auto undated = Run({injured("a", "2025-10-15", 62), injured("a", "", 268), injured("b", "", 162)},
                     {{"a", "2025-10-17T13:54"}, {"b", "2025-10-16T09:00"}});
  CHECK(monotonic(undated) == 0);
  // A look back weeks later ("the 15 October protest injured 60") is no count of today.
  CHECK(monotonic(Run({injured("a", "2025-10-15", 60), injured("b", "", 102)},
                      {{"a", "2025-10-30T10:00"}, {"b", "2025-10-17T21:16"}})) == 0);
  // Without a published time the day alone gives no moment: no order, no finding.
  CHECK(monotonic(Run({injured("a", "2025-10-15", 113), injured("b", "", 102)}, {{"b", "2025-10-17T21:16"}})) == 0);
}

TEST_CASE("part keys name a fact's partition and read back", "[check]") {
  Fact f = F("art", "Kim Jong Un", "departure_day", "tuesday", "weekday");
  auto s = check::ParsePartKey(check::PartKey(check::Partition::kSubject, f));
  REQUIRE(s);
  CHECK(s->predicate == "departure_day");
  CHECK(s->key == "Kim Jong Un");
  CHECK(!s->by_article);
  auto a = check::ParsePartKey(check::PartKey(check::Partition::kArticle, f));
  REQUIRE(a);
  CHECK(a->by_article);
  CHECK(a->key == "art");
  f.subject_key.clear();  // no subject: the fact's article, for the single-fact kinds
  auto e = check::ParsePartKey(check::PartKey(check::Partition::kSubject, f));
  REQUIRE(e);
  CHECK(e->subjectless);
  CHECK(e->key == "art");
  CHECK_FALSE(check::ParsePartKey("nonsense"));
  CHECK_FALSE(check::ParsePartKey("q\x1fp\x1fk"));
  // Findings say which part they were made from.
  auto found = check::RunPartition(test::ShippedRules().checks, check::Partition::kSubject,
                                   {F("a", "X", "departure_day", "tuesday", "weekday", "2023-09"),
                                    F("b", "X", "departure_day", "sunday", "weekday", "2023-09")},
                                   check::Context{});
  REQUIRE(found.size() == 1);
  CHECK(found[0].part == "s\x1f" "departure_day\x1fX");
}

TEST_CASE("align: groups a check tells apart only by their facts keep distinct ids", "[check]") {
  // Two lists of three, item by item: three groups with the same words around them, the same
  // subject and event, so the same `about`. Each must keep a finding of its own.
  std::vector<Fact> facts;
  for (const char* article : {"a", "b"})
    for (int item = 0; item < 3; ++item) {
      const int value = 10 * (item + 1) + (article[0] == 'b' ? 5 : 0);
      Fact f = F(article, "sekolah rusak", "claim.count", std::to_string(value), "count");
      f.number = value;
      f.unit = "sekolah";
      f.context = "^sekolah ^rusak banjir kabupaten";
      f.sentence_index = 4;
      f.span = {static_cast<uint32_t>(100 + 10 * item), static_cast<uint32_t>(102 + 10 * item)};
      facts.push_back(f);
    }
  auto found = Run(facts);
  REQUIRE(found.size() == 3);
  std::set<std::string> ids;
  for (const auto& f : found) ids.insert(f.id);
  CHECK(ids.size() == 3);
}

TEST_CASE("align: a figure that looks like a slip of the other, with the words next to it alike, is one figure", "[check]") {
  auto claim = [](std::string article, double value, std::string context) {
    Fact f = F(std::move(article), "penerima manfaat", "claim.count", fmt::format("{:.0f}", value), "count");
    f.number = value;
    f.unit = "luarga";
    f.context = std::move(context);
    return f;
  };
  // The sentences are built differently (few stems shared overall), the words next to the
  // figures agree, and 35,49 juta against 35,04 juta is two digits within 5 %: a warning.
  auto found = Run({claim("a", 35040000, "^erima ^jangkau ^luarga ^manfaat blts gus ipul kpm program sampai"),
                    claim("b", 35490000, "^cakup ^erima ^luarga ^manfaat jiwa juta")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(found[0].message.find("two digits differ") != std::string::npos);
  // Figures that differ otherwise (another month's count) are not aligned so.
  CHECK(Run({claim("a", 35040000, "^erima ^jangkau ^luarga ^manfaat blts gus ipul kpm program sampai"),
             claim("b", 31200000, "^cakup ^erima ^luarga ^manfaat jiwa juta")}).empty());
  // Nor are figures of two digits ("35 juta" against "36 juta"): too few to slip among.
  CHECK(Run({claim("a", 35000000, "^erima ^jangkau ^luarga ^manfaat blts gus ipul kpm program sampai"),
             claim("b", 36000000, "^cakup ^erima ^luarga ^manfaat jiwa juta")}).empty());
}

TEST_CASE("align: one statement quoted alike and dated on each article's own day is one statement", "[check]") {
  auto day = [](std::string article, std::string date, std::string context) {
    Fact f = F(std::move(article), "", "mentions_date", date, "date");
    f.date = date;
    f.anchor = "explicit";
    f.fallback = true;
    f.context = std::move(context);
    f.subject_key = "day:--10";  // as resolve keys a day of October
    return f;
  };
  check::Context ctx;
  ctx.gazetteer = &test::ShippedRules().engine->gazetteer();
  ctx.article_published = {{"a", "2025-10-20T17:24"}, {"b", "2025-10-21T16:45"}};
  // The same words of the same person: the day of one statement, told two ways.
  auto found = check::RunChecks(test::ShippedRules().checks,
                                {day("a", "2025-10-20", "by:luthfi q:aman q:investasi q:sini"),
                                 day("b", "2025-10-21", "by:luthfi q:aman q:investasi q:sini")}, ctx);
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(found[0].message.find("the same words quoted in both: aman, investasi, sini") != std::string::npos);
  // Days each article calls its own, read alike around them but no statement: two occasions.
  CHECK(check::RunChecks(test::ShippedRules().checks,
                         {day("a", "2025-10-20", "^bloomberg ^data dolar level menguat rupiah"),
                          day("b", "2025-10-21", "^bloomberg ^data dolar level menguat rupiah")}, ctx).empty());
}
