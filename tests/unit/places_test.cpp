// Places: the gettext catalog reader, ISO 3166 from iso-codes (a small copy of its tables we
// write here, and the installed package through the shipped rules), the rule files' places and
// what `rules lint` says about them, and what `agree` makes of known and unknown places.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "check/check.h"
#include "core/gazetteer.h"
#include "rules/loader.h"
#include "rules/mo_catalog.h"
#include "store/store.h"
#include "support/support.h"

using namespace cc;

namespace {

// A GNU .mo file holding `entries` (msgid, msgstr), in the given byte order; originals sorted
// unless `unsorted`.
std::string MakeMo(std::vector<std::pair<std::string, std::string>> entries, bool big_endian = false,
                   bool unsorted = false) {
  if (!unsorted) std::sort(entries.begin(), entries.end());
  const auto n = static_cast<uint32_t>(entries.size());
  const uint32_t originals = 28, translations = originals + 8 * n;
  std::string out(translations + 8 * n, '\0');
  auto put = [&](size_t at, uint32_t v) {
    for (size_t i = 0; i < 4; ++i) out[at + (big_endian ? 3 - i : i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  put(0, 0x950412de);
  put(4, 0);
  put(8, n);
  put(12, originals);
  put(16, translations);
  for (size_t table = 0; table < 2; ++table)
    for (uint32_t i = 0; i < n; ++i) {
      const std::string& s = table == 0 ? entries[i].first : entries[i].second;
      put((table == 0 ? originals : translations) + 8 * i, static_cast<uint32_t>(s.size()));
      put((table == 0 ? originals : translations) + 8 * i + 4, static_cast<uint32_t>(out.size()));
      out += s;
      out += '\0';
    }
  return out;
}

std::optional<std::string> Tr(const rules::MoCatalog& c, std::string_view id) {
  auto t = c.Translate(id);
  return t ? std::optional<std::string>(std::string(*t)) : std::nullopt;
}

}  // namespace

TEST_CASE("a .mo catalog is read in either byte order: plurals, contexts, the header left out", "[places]") {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"", "Project-Id-Version: iso_3166-1\nContent-Type: text/plain; charset=UTF-8\n"},
      {"Korea, Republic of", "Korea Selatan"},
      {"Russian Federation", "Federasi Rusia"},
      {std::string("%d island\0%d islands", 20), std::string("%d pulau\0%d pulau", 17)},
      {"place\x04Georgia", "Georgia"},
      {"Untranslated", ""},
  };
  for (bool big : {false, true}) {
    INFO("big-endian: " << big);
    std::string error;
    auto cat = rules::MoCatalog::Parse(MakeMo(entries, big), &error);
    REQUIRE(cat);
    CHECK(error.empty());
    CHECK(cat->size() == 4);
    CHECK(Tr(*cat, "Korea, Republic of") == "Korea Selatan");
    CHECK(Tr(*cat, "Russian Federation") == "Federasi Rusia");
    CHECK(Tr(*cat, "%d island") == "%d pulau");
    CHECK(Tr(*cat, "place\x04Georgia") == "Georgia");
    CHECK_FALSE(Tr(*cat, "Georgia"));
    CHECK_FALSE(Tr(*cat, ""));
    CHECK_FALSE(Tr(*cat, "Untranslated"));
    CHECK_FALSE(Tr(*cat, "Korea"));
  }
  // Originals out of order (msgfmt sorts them; another writer may not).
  auto unsorted = rules::MoCatalog::Parse(MakeMo({{"b", "B"}, {"a", "A"}, {"c", "C"}}, false, true));
  REQUIRE(unsorted);
  CHECK(Tr(*unsorted, "a") == "A");
  CHECK(Tr(*unsorted, "b") == "B");
  CHECK(Tr(*unsorted, "c") == "C");
}

TEST_CASE("a .mo catalog that is not one is refused with the reason", "[places]") {
  const std::string good = MakeMo({{"a", "A"}, {"b", "B"}});
  auto refused = [](std::string bytes) {
    std::string error;
    auto cat = rules::MoCatalog::Parse(std::move(bytes), &error);
    CHECK_FALSE(cat);
    return error;
  };
  CHECK(refused("").find("shorter than its header") != std::string::npos);
  CHECK(refused(std::string(40, 'x')).find("magic") != std::string::npos);
  std::string revision = good;
  revision[6] = 2;  // major revision 2
  CHECK(refused(revision).find("revision") != std::string::npos);
  CHECK(refused(good.substr(0, 40)).find("past the end") != std::string::npos);  // tables cut off
  std::string far = good;
  far[32] = '\x7f';  // the first original's offset far outside the file
  CHECK(refused(far).find("outside the file") != std::string::npos);
  std::string unterminated = good;
  unterminated.back() = 'x';  // the last string loses its NUL
  CHECK(refused(unterminated).find("outside the file") != std::string::npos);
}

namespace {

// A small iso-codes installation: a few countries and subdivisions shaped like the real
// tables, and catalogs made with MakeMo.
std::string FakeIsoCodes() {
  std::string share = test::TempDir("iso-codes");
  std::filesystem::create_directories(share + "/iso-codes/json");
  test::WriteFile(share + "/iso-codes/json/iso_3166-1.json", R"({"3166-1": [
    {"alpha_2": "ID", "alpha_3": "IDN", "name": "Indonesia", "numeric": "360", "official_name": "Republic of Indonesia"},
    {"alpha_2": "US", "alpha_3": "USA", "name": "United States", "numeric": "840", "official_name": "United States of America"},
    {"alpha_2": "AS", "alpha_3": "ASM", "name": "American Samoa", "numeric": "016"},
    {"alpha_2": "GE", "alpha_3": "GEO", "name": "Georgia", "numeric": "268"},
    {"alpha_2": "PR", "alpha_3": "PRI", "name": "Puerto Rico", "numeric": "630"},
    {"alpha_2": "KP", "alpha_3": "PRK", "common_name": "North Korea", "name": "Korea, Democratic People's Republic of", "numeric": "408"}
  ]})");
  test::WriteFile(share + "/iso-codes/json/iso_3166-2.json", R"({"3166-2": [
    {"code": "ID-JW", "name": "Jawa", "type": "Geographical unit"},
    {"code": "ID-JB", "name": "Jawa Barat", "parent": "JW", "type": "Province"},
    {"code": "ID-JT", "name": "Jawa Tengah", "parent": "JW", "type": "Province"},
    {"code": "ID-PP", "name": "Papua", "type": "Geographical unit"},
    {"code": "ID-PA", "name": "Papua", "parent": "PP", "type": "Province"},
    {"code": "ID-LM", "name": "Lima", "type": "Province"},
    {"code": "US-GA", "name": "Georgia", "type": "State"},
    {"code": "US-CA", "name": "California", "type": "State"},
    {"code": "US-PR", "name": "Puerto Rico", "type": "Outlying area"},
    {"code": "US-CE", "name": "Central", "type": "State"},
    {"code": "GE-CE", "name": "Central", "type": "Region"},
    {"code": "GE-DP", "name": "Deep", "parent": "CE", "type": "District"},
    {"code": "KP-01", "name": "P'yŏngyang", "type": "Capital city"}
  ]})");
  for (const char* lang : {"id", "en"}) std::filesystem::create_directories(share + "/locale/" + lang + "/LC_MESSAGES");
  test::WriteFile(share + "/locale/id/LC_MESSAGES/iso_3166-1.mo",
                  MakeMo({{"United States", "Amerika Serikat"}, {"Korea, Democratic People's Republic of", "Korea Utara"},
                          {"Republic of Indonesia", "Republik Indonesia"}}));
  test::WriteFile(share + "/locale/id/LC_MESSAGES/iso_3166-2.mo", MakeMo({{"California", "Kalifornia"}}));
  test::WriteFile(share + "/locale/en/LC_MESSAGES/iso_3166-2.mo", MakeMo({{"Jawa", "Java"}, {"P'yŏngyang", "Pyongyang"}}));
  return share;
}

const char* kIsoRules = R"(iso_3166: {countries: true, subdivisions: true, languages: [id], ignore_names: [Lima]}
lexicons:
  place:
    entries:
      - {value: United States, iso: US, forms: [AS, Amerika]}
      - {value: Bandung, kind: city, parent: ID-JB}
      - {value: Gedung Sate, kind: site, parent: Bandung}
)";

}  // namespace

TEST_CASE("ISO 3166 places: countries and first-level subdivisions with their translations and parents", "[places]") {
  const std::string share = FakeIsoCodes();
  auto r = rules::LoadAllFromString(kIsoRules, "places.yaml", "test", {.share_dir = share});
  for (const auto& d : r.diagnostics) FAIL_CHECK(d.Format());
  Gazetteer g(r.pack);
  auto canonical = [&](const char* form) -> std::string {
    const Gazetteer::Name* n = g.Find(form);
    return n ? n->canonical : "(none)";
  };
  // Countries: ISO's names and their translations; a link gives the rule file's name and aliases.
  CHECK(canonical("Amerika Serikat") == "United States");
  CHECK(canonical("United States of America") == "United States");
  CHECK(canonical("AS") == "United States");  // the rule file's alias, not American Samoa's code
  CHECK(canonical("American Samoa") == "American Samoa");
  CHECK(canonical("Korea Utara") == "North Korea");
  CHECK(canonical("Korea, Democratic People's Republic of") == "North Korea");
  CHECK(canonical("Republik Indonesia") == "Indonesia");
  CHECK(g.Find("KP") == nullptr);  // alpha codes are never forms
  CHECK(g.Find("ID") == nullptr);
  CHECK(g.Find("Indonesia")->kind == "country");
  // Subdivisions: in their country, or in the geographical unit ISO groups them in; named in
  // English when the English catalog has it; also written without diacritics.
  CHECK(g.Ancestors("Jawa Barat") == std::vector<std::string>{"Java", "Indonesia"});
  CHECK(canonical("Jawa") == "Java");
  CHECK(canonical("Kalifornia") == "California");
  CHECK(g.Within("California", "United States"));
  CHECK(canonical("Pyongyang") == "Pyongyang");
  CHECK(canonical("P'yongyang") == "Pyongyang");
  CHECK(g.Within("Pyongyang", "North Korea"));
  CHECK(g.Find("Jawa Barat")->kind == "region");
  // A place of the rule file in an ISO place named by its code, and a site below it.
  CHECK(g.Ancestors("Gedung Sate") == std::vector<std::string>{"Bandung", "Jawa Barat", "Java", "Indonesia"});
  // One name, several ISO places: the country's (Georgia), the containing one's (Papua the
  // region, not the province in it), nobody's when unrelated (Central); the others are known
  // under their name and code.
  CHECK(canonical("Georgia") == "Georgia");
  CHECK(g.Find("Georgia")->kind == "country");
  CHECK(g.Known("Georgia (US-GA)"));
  CHECK(g.Within("Georgia (US-GA)", "United States"));
  CHECK(canonical("Papua") == "Papua");
  CHECK(g.Within("Papua (ID-PA)", "Papua"));
  CHECK(g.Find("Central") == nullptr);
  CHECK(g.Known("Central (US-CE)"));
  CHECK(g.Known("Central (GE-CE)"));
  // A country ISO lists again as a subdivision of another: one place, inside that one.
  CHECK(g.Find("Puerto Rico")->kind == "territory");
  CHECK(g.Within("Puerto Rico", "United States"));
  CHECK_FALSE(g.Known("Puerto Rico (US-PR)"));
  // Names the rule file ignores, and subdivisions below the first level, are not places.
  CHECK(g.Find("Lima") == nullptr);
  CHECK(g.Find("Deep") == nullptr);
  CHECK_FALSE(g.Known("Atlantis"));
  CHECK(std::count(r.pack.data_files.begin(), r.pack.data_files.end(), share + "/iso-codes/json/iso_3166-2.json") == 1);
}

TEST_CASE("ISO 3166 places: a missing iso-codes package is one error naming it", "[places]") {
  const std::string share = test::TempDir("no-iso-codes");
  auto r = rules::LoadAllFromString(kIsoRules, "places.yaml", "test", {.share_dir = share});
  std::vector<Diagnostic> errors;
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::kError) errors.push_back(d);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "missing-iso-codes");
  CHECK(errors[0].loc.file == "places.yaml");
  CHECK(errors[0].loc.line == 1);
  CHECK(errors[0].message.find("iso-codes") != std::string::npos);
  CHECK(errors[0].message.find("apt-get install iso-codes") != std::string::npos);
  // A pack that does not ask for ISO places does without them.
  auto plain = rules::LoadRulesFromString("lexicons:\n  place:\n    - {value: Bandung, kind: city}\n", "p.yaml", "test",
                                          {.share_dir = share});
  CHECK(plain.ok());
}

TEST_CASE("rules lint on places: unknown parents, cycles, links and names given to two places", "[places]") {
  const std::string share = FakeIsoCodes();
  auto lint = [&](const std::string& yaml) {
    auto r = rules::LoadAllFromString(yaml, "rules/p.yaml", "test", {.share_dir = share});
    return r.diagnostics;
  };
  auto only = [](const std::vector<Diagnostic>& ds, const std::string& code) {
    std::vector<Diagnostic> out;
    for (const auto& d : ds)
      if (d.code == code) out.push_back(d);
    return out;
  };
  const std::string head = "iso_3166: {countries: true, subdivisions: true}\nlexicons:\n  place:\n    entries:\n";
  // A parent that names no place, of the rule files or ISO's.
  auto bad = only(lint(head + "      - {value: Bandung, kind: city, parent: Jawa Baratt}\n"
                              "      - {value: Cimahi, kind: city, parent: ID-ZZ}\n"),
                  "unknown-place");
  REQUIRE(bad.size() == 2);
  CHECK(bad[0].severity == Severity::kError);
  CHECK(bad[0].Format().rfind("rules/p.yaml:5:9: error[unknown-place]: place 'Bandung' has unknown parent 'Jawa Baratt'", 0) == 0);
  CHECK(bad[1].loc.line == 6);
  CHECK(bad[1].message.find("'ID-ZZ'") != std::string::npos);
  // A cycle.
  auto cycle = only(lint(head + "      - {value: A, kind: city, parent: B}\n      - {value: B, kind: city, parent: A}\n"), "place-cycle");
  REQUIRE(cycle.size() == 2);
  CHECK(cycle[0].severity == Severity::kError);
  CHECK(cycle[0].loc.line == 5);
  CHECK(cycle[0].loc.column == 9);
  // A link to a code ISO does not have.
  auto link = only(lint(head + "      - {value: Atlantis, iso: XX-YY}\n"), "unknown-iso-code");
  REQUIRE(link.size() == 1);
  CHECK(link[0].loc.line == 5);
  // One name for two places: two of the rule file's, and one of the rule file's and an ISO
  // country's; each warning names both.
  auto twice = only(lint(head + "      - {value: Bandung, kind: city, parent: ID-JB, forms: [Kota Kembang]}\n"
                                "      - {value: Bogor, kind: city, parent: ID-JB, forms: [Kota Kembang]}\n"
                                "      - {value: Georgia, kind: state, parent: US}\n"),
                    "duplicate-place-form");
  REQUIRE(twice.size() == 3);
  for (const auto& d : twice) CHECK(d.severity == Severity::kWarning);
  CHECK(twice[0].loc.line == 6);
  CHECK(twice[0].message.find("'Bogor'") != std::string::npos);
  CHECK(twice[0].message.find("'Bandung'") != std::string::npos);
  CHECK(twice[1].loc.line == 7);
  CHECK(twice[1].message.find("ISO 3166 place 'Georgia' (GE)") != std::string::npos);
  CHECK(twice[2].message.find("ISO 3166 place 'Georgia' (US-GA)") != std::string::npos);  // the same place, twice
  // The shape of `iso_3166` itself.
  CHECK(only(lint("iso_3166: {countries: yes please}\n"), "wrong-type").size() == 1);
  CHECK(only(lint("iso_3166: {countries: true, colour: red}\n"), "unknown-key").size() == 1);
  CHECK(only(lint("iso_3166: {subdivisions: true}\n"), "bad-value").size() == 1);
  CHECK(only(lint("lexicons:\n  hazard:\n    - {value: flood, iso: ID}\n"), "unknown-key").size() == 1);
}

TEST_CASE("ISO 3166 places: a later rules directory may link an ISO place again, one directory may not", "[places]") {
  const std::string share = FakeIsoCodes();
  const std::string shipped = test::TempDir("iso-shipped"), mine = test::TempDir("iso-mine");
  test::WriteFile(shipped + "/places.yaml", kIsoRules);
  test::WriteFile(mine + "/places.yaml", "lexicons:\n  place:\n    - {value: United States, iso: US, forms: [Amrik]}\n");
  auto r = rules::LoadAll({shipped, mine}, {.share_dir = share});
  for (const auto& d : r.diagnostics) FAIL_CHECK(d.Format());
  Gazetteer g(r.pack);
  CHECK(g.Find("Amrik")->canonical == "United States");
  CHECK(g.Find("AS")->canonical == "United States");
  CHECK(g.Within("California", "United States"));
  // Twice in one directory: an error.
  test::WriteFile(mine + "/more.yaml", "lexicons:\n  place:\n    - {value: USA, iso: US}\n");
  auto twice = rules::LoadAll({shipped, mine}, {.share_dir = share});
  CHECK(std::count_if(twice.diagnostics.begin(), twice.diagnostics.end(),
                      [](const Diagnostic& d) { return d.code == "duplicate-iso-link"; }) == 1);
}

TEST_CASE("the shipped places: ISO's, under the names reports use, and the sites below them", "[places]") {
  const Gazetteer& g = test::ShippedRules().engine->gazetteer();
  auto canonical = [&](const char* form) -> std::string {
    const Gazetteer::Name* n = g.Find(form);
    return n ? n->canonical : "(none)";
  };
  // Names reports and goldens hold, from ISO's names, its Indonesian ones and the aliases.
  CHECK(canonical("Russian Federation") == "Russia");
  CHECK(canonical("Federasi Rusia") == "Russia");
  CHECK(canonical("Korea, Democratic People's Republic of") == "North Korea");
  CHECK(canonical("Korut") == "North Korea");
  CHECK(canonical("Korea Selatan") == "South Korea");
  CHECK(canonical("Tiongkok") == "China");
  CHECK(canonical("AS") == "United States");
  CHECK(canonical("American Samoa") == "American Samoa");
  CHECK(canonical("Viet Nam") == "Vietnam");
  CHECK(canonical("Arab Saudi") == "Saudi Arabia");  // ISO's Indonesian name, no alias needed
  // Subdivisions in Indonesian (ISO's) and English (ours), and their parents.
  CHECK(canonical("Jawa Barat") == "Jawa Barat");
  CHECK(canonical("West Java") == "Jawa Barat");
  CHECK(canonical("Provinsi Jawa Timur") == "Jawa Timur");
  CHECK(g.Within("Jawa Barat", "Indonesia"));
  CHECK(g.Within("Bavaria", "Germany"));
  CHECK(canonical("Bayern") == "Bavaria");
  // Sites: in their city, in its country.
  CHECK(g.Ancestors("Istana Merdeka") == std::vector<std::string>{"Jakarta Pusat", "Jakarta", "Jawa", "Indonesia"});
  CHECK(g.Within("Istana Bogor", "Bogor"));
  CHECK(g.Within("Istana Bogor", "Jawa Barat"));
  CHECK(g.Within("Soekarno-Hatta International Airport", "Banten"));
  CHECK(canonical("Kosmodrom Vostochny") == "Vostochny Cosmodrome");
  CHECK(g.Within("Vostochny Cosmodrome", "Russia"));
  CHECK(g.Within("Pier 33", "Russia"));
}

TEST_CASE("the shipped places in Indonesian and English text", "[places]") {
  struct Case {
    const char* text;
    const char* lang;
    const char* venue;
  };
  const Case cases[] = {
      {"Presiden Prabowo bertemu Perdana Menteri Anwar Ibrahim, Senin (27/1), di Jawa Barat.", "id", "Jawa Barat"},
      {"Presiden Prabowo bertemu Perdana Menteri Anwar Ibrahim, Senin (27/1), di Provinsi Jawa Timur.", "id", "Jawa Timur"},
      {"President Prabowo met Prime Minister Anwar Ibrahim in West Java on Monday.", "en", "Jawa Barat"},
      {"Presiden Prabowo bertemu Perdana Menteri Anwar Ibrahim di Istana Bogor, Senin (27/1).", "id", "Istana Bogor"},
      {"Kim Jong Un bertemu Vladimir Putin di Kosmodrom Vostochny pada Rabu.", "id", "Vostochny Cosmodrome"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto x = test::ExtractText(c.text, c.lang);
    auto venues = x.With("meeting_venue");
    REQUIRE(venues.size() == 1);
    CHECK(venues[0]->value == c.venue);
  }
}

namespace {
Fact Venue(std::string article, std::string value) {
  Fact f;
  f.id = article + ":" + value;
  f.article = std::move(article);
  f.subject = f.subject_key = "Kim Jong Un–Vladimir Putin";
  f.predicate = "meeting_venue";
  f.type = FactType::kPlace;
  f.value = std::move(value);
  f.event = "2025-01";
  return f;
}
std::vector<Finding> Agree(const std::vector<Fact>& facts) {
  check::Context ctx;
  ctx.gazetteer = &test::ShippedRules().engine->gazetteer();
  return check::RunChecks(test::ShippedRules().checks, facts, ctx);
}
}  // namespace

TEST_CASE("agree on places: disagree only when both are known and neither contains the other", "[places][check]") {
  // Contained: no finding.
  CHECK(Agree({Venue("a", "Istana Bogor"), Venue("b", "Jawa Barat"), Venue("c", "Indonesia")}).empty());
  // Known and apart: the check's severity.
  auto apart = Agree({Venue("a", "Jawa Barat"), Venue("b", "Jawa Timur")});
  REQUIRE(apart.size() == 1);
  CHECK(apart[0].severity == Severity::kError);
  CHECK(apart[0].message.find("not in the gazetteer") == std::string::npos);
  // One unknown: info at most, and the note says why.
  auto unknown = Agree({Venue("a", "Vladivostok"), Venue("b", "Dermaga Tujuh")});
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].severity == Severity::kInfo);
  CHECK(unknown[0].message.find("'Dermaga Tujuh' is not in the gazetteer, so whether it lies in 'Vladivostok' is unknown") !=
        std::string::npos);
  // Both unknown.
  auto neither = Agree({Venue("a", "Dermaga Tujuh"), Venue("b", "Gedung Sembilan")});
  REQUIRE(neither.size() == 1);
  CHECK(neither[0].severity == Severity::kInfo);
  CHECK(neither[0].message.find("are not in the gazetteer, so whether one lies in the other is unknown") != std::string::npos);
  // A known pair apart and an unknown one: the known pair sets the severity, the note stays.
  auto both = Agree({Venue("a", "Jawa Barat"), Venue("b", "Jawa Timur"), Venue("c", "Dermaga Tujuh")});
  REQUIRE(both.size() == 1);
  CHECK(both[0].severity == Severity::kError);
  CHECK(both[0].message.find("'Dermaga Tujuh' is not in the gazetteer") != std::string::npos);
}

TEST_CASE("a database keeps which places are known, for reports written without the rules", "[places][store]") {
  // The hierarchy alone: its places are the known ones (a database from before names were kept).
  using Parents = std::map<std::string, std::string, std::less<>>;
  Gazetteer old(Parents{{"Vladivostok", "Russia"}});
  CHECK(old.Known("Russia"));
  CHECK_FALSE(old.Known("Japan"));
  // With the names: a place without a parent is known too.
  Gazetteer kept(Parents{{"Vladivostok", "Russia"}}, std::set<std::string, std::less<>>{"Vladivostok", "Russia", "Japan"});
  CHECK(kept.Known("Japan"));
  CHECK(kept.Compatible("Vladivostok", "Russia"));
  // What `check --db` writes.
  const std::string dir = test::TempDir("places-db");
  auto r = test::Run({"check", std::string(CC_SOURCE_DIR) + "/examples", "--db", dir + "/c.db", "--no-report"});
  REQUIRE(r.status >= 0);
  REQUIRE(r.status <= 1);
  auto db = store::Store::Open(dir + "/c.db");
  const std::string names = db->Meta("place_names");
  CHECK(names.find("\"Indonesia\"") != std::string::npos);
  CHECK(names.find("\"Jawa Barat\"") != std::string::npos);
  CHECK(db->Meta("places").find("\"Jawa Barat\":\"Jawa\"") != std::string::npos);
}
