#include "rules/iso3166.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <utf8proc.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <algorithm>

#include "core/text.h"
#include "rules/mo_catalog.h"

namespace cc::rules {

namespace {

namespace fs = std::filesystem;

// The catalog of `domain` for `lang`, or nullopt when it is not installed or unreadable.
std::optional<MoCatalog> ReadCatalog(const std::string& share, const std::string& lang, const char* domain,
                                     std::vector<std::string>& files) {
  std::string path = fmt::format("{}/locale/{}/LC_MESSAGES/{}.mo", share, lang, domain);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  auto cat = MoCatalog::Parse(ss.str());
  if (cat) files.push_back(path);
  return cat;
}

// `s` without diacritics ("Tehrān" -> "Tehran", "Hà Nội" -> "Ha Noi"); `s` itself when it has
// none or is not UTF-8.
std::string WithoutMarks(const std::string& s) {
  bool ascii = true;
  for (unsigned char c : s) ascii = ascii && c < 0x80;
  if (ascii) return s;
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                        static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK));
  std::string r = n < 0 ? s : std::string(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  free(out);
  return r;
}

// An ISO name without its annotations: "Wales [Cymru GB-CYM]" -> "Wales",
// "Nafarroako Foru Komunitatea*" -> "Nafarroako Foru Komunitatea".
std::string Clean(std::string_view s) {
  if (size_t b = s.find(" ["); b != std::string_view::npos) s = s.substr(0, b);
  while (!s.empty() && s.back() == '*') s.remove_suffix(1);
  return Squeeze(s);
}

// True when every character of UTF-8 `s` is in Latin-1 (ASCII, and é, ü, ã, ç, ...): what
// Indonesian and English news write. The marks of transliteration (ā, ḩ, ş, ǒ, ộ) are not.
bool Latin1(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if ((c != 0xC2 && c != 0xC3) || i + 1 == s.size()) return false;
    ++i;  // U+0080..U+00FF: two bytes, C2 or C3 then one continuation byte
  }
  return true;
}

// Forms in order, each once by its folded key. A name is kept as written when it is Latin-1
// ("Türkiye", "São Paulo"), and without its diacritics ("Tehrān": "Tehran"; "Hà Nội": "Ha
// Noi") when that is.
class Forms {
 public:
  void Add(std::string_view raw, bool before_comma = false) {
    std::string s = Clean(raw);
    if (s.empty()) return;
    if (Latin1(s)) Push(s);
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      if (std::string plain = WithoutMarks(s); Latin1(plain)) Push(plain);
    if (size_t comma = s.find(", "); before_comma && comma != std::string::npos) Add(s.substr(0, comma));
  }
  // A place none of whose names is Latin-1, even without diacritics ("Łódzkie"): its ISO name
  // as written, so that it has one.
  void AtLeastOne(std::string_view name) {
    if (forms_.empty()) Push(Clean(name));
  }
  void Take(IsoPlace& p) {
    p.forms = std::move(forms_);
    p.keys = std::move(keys_);
  }

 private:
  void Push(const std::string& s) {
    FoldKey(s, key_);
    if (std::find(keys_.begin(), keys_.end(), key_) != keys_.end()) return;  // a few forms a place
    forms_.push_back(s);
    keys_.push_back(key_);
  }
  std::vector<std::string> forms_, keys_;
  std::string key_;
};

std::string_view Field(simdjson::dom::object o, const char* key) {
  std::string_view v;
  if (o[key].get(v) != simdjson::SUCCESS) return {};
  return v;
}

}  // namespace

std::optional<IsoTables> ReadIso3166(const IsoRequest& request, const std::string& share, std::string* error) {
  IsoTables out;
  if (!request.countries && !request.subdivisions) return out;
  const std::string dir = share + "/iso-codes/json";
  auto missing = [&](const std::string& path, const std::string& why) -> std::optional<IsoTables> {
    if (error)
      *error = fmt::format("{}: {}: the ISO 3166 place names come from Debian's iso-codes package; install it "
                           "(apt-get install iso-codes) or remove 'iso_3166' from the rule file",
                           path, why);
    return std::nullopt;
  };
  // The catalogs: the requested languages' for forms, the English ones for names.
  struct Catalogs {
    std::optional<MoCatalog> countries, subdivisions;
  };
  std::map<std::string, Catalogs> catalogs;
  for (const auto& lang : request.languages) {
    Catalogs& c = catalogs[lang];
    if (request.countries) c.countries = ReadCatalog(share, lang, "iso_3166-1", out.files);
    if (request.subdivisions) c.subdivisions = ReadCatalog(share, lang, "iso_3166-2", out.files);
    // ISO's own names are English: there is no English catalog of countries.
    if (!c.countries && !c.subdivisions && lang != "en")
      out.warnings.push_back(fmt::format("iso-codes has no translations of ISO 3166 names into '{}' (no {}/locale/{}/LC_MESSAGES/iso_3166-*.mo)",
                                         lang, share, lang));
  }
  std::optional<MoCatalog> english_own;
  const MoCatalog* english = nullptr;
  if (request.subdivisions) {
    if (auto it = catalogs.find("en"); it != catalogs.end() && it->second.subdivisions) english = &*it->second.subdivisions;
    else if ((english_own = ReadCatalog(share, "en", "iso_3166-2", out.files))) english = &*english_own;
  }
  auto translations = [&](Forms& forms, std::string_view msgid, bool country, bool before_comma) {
    for (const auto& [lang, c] : catalogs) {
      const auto& cat = country ? c.countries : c.subdivisions;
      if (!cat) continue;
      if (auto t = cat->Translate(msgid)) forms.Add(*t, before_comma);
    }
  };

  simdjson::dom::parser parser;
  std::unordered_map<std::string, size_t> country_at;  // alpha-2 -> index into out.places
  // Countries (a subdivision needs its country: the loader asks for both or for countries only).
  {
    const std::string path = dir + "/iso_3166-1.json";
    simdjson::dom::element doc;
    if (auto err = parser.load(path).get(doc)) return missing(path, simdjson::error_message(err));
    simdjson::dom::array list;
    if (doc["3166-1"].get(list)) return missing(path, "no '3166-1' list");
    out.files.push_back(path);
    out.places.reserve(list.size());
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      if (e.get(o)) continue;
      std::string_view code = Field(o, "alpha_2"), name = Field(o, "name"), common = Field(o, "common_name"),
                       official = Field(o, "official_name");
      if (code.empty() || name.empty()) continue;
      IsoPlace p;
      p.code = std::string(code);
      p.kind = "country";
      Forms forms;
      forms.Add(common.empty() ? name : common);
      forms.Add(name);
      forms.Add(official);
      for (auto n : {common, name, official})
        if (!n.empty()) translations(forms, n, true, false);
      forms.AtLeastOne(name);
      forms.Take(p);
      p.name = p.forms.front();
      country_at.emplace(p.code, out.places.size());
      out.places.push_back(std::move(p));
    }
  }
  if (request.subdivisions) {
    const std::string path = dir + "/iso_3166-2.json";
    simdjson::dom::element doc;
    if (auto err = parser.load(path).get(doc)) return missing(path, simdjson::error_message(err));
    simdjson::dom::array list;
    if (doc["3166-2"].get(list)) return missing(path, "no '3166-2' list");
    out.files.push_back(path);
    // First the types (a parent's type says whether it is a geographical grouping), then the places.
    std::unordered_map<std::string_view, std::string_view> type_of;  // code -> type
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      if (!e.get(o)) type_of.emplace(Field(o, "code"), Field(o, "type"));
    }
    std::vector<IsoPlace> subdivisions;
    subdivisions.reserve(list.size());
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      if (e.get(o)) continue;
      std::string_view code = Field(o, "code"), name = Field(o, "name"), parent = Field(o, "parent");
      size_t dash = code.find('-');
      if (dash == std::string_view::npos || name.empty()) continue;
      std::string country(code.substr(0, dash));
      if (!country_at.count(country)) continue;
      IsoPlace p;
      p.code = std::string(code);
      p.kind = "region";
      p.parent = country;
      // ISO's parent is a subdivision too ("ID-JW", or "JW" in the country): the place is
      // first-level only when that one is a geographical grouping, not an administrative level.
      if (!parent.empty()) {
        std::string pc = parent.find('-') == std::string_view::npos ? country + "-" + std::string(parent) : std::string(parent);
        auto t = type_of.find(pc);
        if (t == type_of.end() || !StartsWith(t->second, "Geographical")) continue;
        p.parent = pc;
      }
      Forms forms;
      std::optional<std::string_view> en = english ? english->Translate(name) : std::nullopt;
      if (en) forms.Add(*en, true);
      forms.Add(name, true);
      translations(forms, name, false, true);
      forms.AtLeastOne(name);
      forms.Take(p);
      p.name = p.forms.front();
      // A country ISO lists again as a subdivision of another (US-PR, Puerto Rico): one place,
      // in that other country.
      auto self = country_at.find(std::string(code.substr(dash + 1)));
      if (parent.empty() && self != country_at.end() && self->first != country && out.places[self->second].keys.front() == p.keys.front()) {
        IsoPlace& c = out.places[self->second];
        c.parent = country;
        c.kind = "territory";
        continue;
      }
      subdivisions.push_back(std::move(p));
    }
    out.places.reserve(out.places.size() + subdivisions.size());
    for (auto& p : subdivisions) out.places.push_back(std::move(p));
  }
  return out;
}

}  // namespace cc::rules
