// Countries (ISO 3166-1) and their first-level subdivisions (ISO 3166-2) with their names in
// other languages, read from Debian's iso-codes package: the JSON tables in
// <share>/iso-codes/json/ and the gettext catalogs <share>/locale/<lang>/LC_MESSAGES/
// iso_3166-{1,2}.mo. A rule file asks for them with `iso_3166:` (rules/README.md); the loader
// (places.cpp) turns them into `place` entries. Internal to src/rules.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cc::rules {

// What a rule file asks for: `iso_3166: {countries: true, subdivisions: true, languages: [id, en]}`.
struct IsoRequest {
  bool countries = false;
  bool subdivisions = false;      // first-level only (see IsoPlace::parent)
  std::set<std::string> languages;  // catalogs whose translations become forms
  std::set<std::string> ignore;     // folded names never taken for a place ("North", "Lima")
  bool operator==(const IsoRequest&) const = default;
};

// One country or subdivision.
struct IsoPlace {
  std::string code;  // "RU", "ID-JB"
  std::string kind;  // country, territory (a country ISO also lists as a subdivision of
                     // another: Puerto Rico, US-PR), or region (a subdivision)
  // The code of the place it lies in: a subdivision's country ("RU"), or the subdivision
  // ISO puts it in when that one is a geographical grouping above the first administrative
  // level (Indonesia's provinces lie in Jawa, Sumatera, ... : ID-JB in ID-JW); a territory's
  // country ("US"); "" for a country.
  std::string parent;
  // Its name in English, as news writes it: a country's common name ("North Korea"), else its
  // ISO name; a subdivision's name in the English catalog ("Bavaria"), else its ISO name
  // without annotations ("Jawa Barat"; "Wales" for "Wales [Cymru GB-CYM]") and, when it has
  // letters outside Latin-1, without diacritics ("Tehran" for "Tehrān"). forms.front().
  std::string name;
  // Every way to write it: ISO's names (name, common and official name) and their
  // translations in the requested languages, as written when in Latin-1 ("Türkiye") and
  // without diacritics ("Tehrān": "Tehran"; a transliteration's marks are not written in
  // Indonesian or English news), and a subdivision's name before a comma ("Madrid, Comunidad
  // de": "Madrid"). No two fold to the same key. Never the alpha codes ("AS" is American Samoa
  // in ISO and the United States in Indonesian).
  std::vector<std::string> forms;
  std::vector<std::string> keys;  // each form's lookup key, FoldKey(form)
};

struct IsoTables {
  std::vector<IsoPlace> places;        // countries in ISO order, then subdivisions
  std::vector<std::string> files;      // every file read
  std::vector<std::string> warnings;   // requested languages no catalog translates
};

// Reads the tables under `share` ("/usr/share" on Debian). Fails (nullopt, with `error` naming
// the package and the file) when a table is missing or is not what iso-codes ships; a
// missing catalog only leaves its language out (IsoTables::warnings).
std::optional<IsoTables> ReadIso3166(const IsoRequest& request, const std::string& share, std::string* error);

}  // namespace cc::rules
