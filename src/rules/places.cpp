// Places from ISO 3166 (iso3166.h) merged with the rule files' `place` entries: the rule
// files ask for them (`iso_3166:`), may link an entry to ISO places (`iso: RU`) to give them
// their canonical name, aliases, kind or parent, and add what ISO lacks (cities, sites).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

const std::set<std::string> kIsoKeys = {"countries", "subdivisions", "languages", "ignore_names"};

}  // namespace

bool IsIsoCode(const std::string& s) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto alnum = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  if (s.size() < 2 || !upper(s[0]) || !upper(s[1])) return false;
  if (s.size() == 2) return true;
  if (s[2] != '-' || s.size() < 4 || s.size() > 6) return false;
  return std::all_of(s.begin() + 3, s.end(), alnum);
}

namespace {

bool IsLanguage(const std::string& s) {  // "id", "en", "pt_BR", "sr@latin": a locale directory name
  if (s.size() < 2) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
  });
}

IsoRead ReadTables(const IsoRequest& request, const std::string& share) {
  IsoRead read;
  read.tables = ReadIso3166(request, share, &read.error);
  return read;
}

std::string Key(std::string_view form) {  // Fold(Squeeze(form)), ASCII in one pass
  std::string key;
  FoldKey(form, key);
  return key;
}

}  // namespace

void Loader::LoadIsoRequest(const YAML::Node& n) {
  if (!n.IsMap()) {
    Error(n, "wrong-type", "'iso_3166' must be a map: {countries: true, subdivisions: true, languages: [id, en]}");
    return;
  }
  CheckKeys(n, kIsoKeys, "'iso_3166'");
  IsoRequest r;
  for (const char* key : {"countries", "subdivisions"}) {
    const YAML::Node v = n[key];
    if (!v) continue;
    bool on = false;
    try {
      on = v.as<bool>();
    } catch (const YAML::Exception&) {
      Error(v, "wrong-type", fmt::format("'{}' must be true or false", key));
      continue;
    }
    (std::string_view(key) == "countries" ? r.countries : r.subdivisions) = on;
  }
  if (r.subdivisions && !r.countries)
    Error(n["subdivisions"], "bad-value", "'subdivisions' needs 'countries: true' (a subdivision lies in its country)");
  if (const YAML::Node l = n["languages"])
    for (const auto& lang : StringList(l, "'languages'")) {
      if (!IsLanguage(lang)) Error(l, "bad-value", fmt::format("'{}' is not a language code (id, en, pt_BR, ...)", lang));
      else r.languages.insert(lang);
    }
  if (const YAML::Node l = n["ignore_names"])
    for (const auto& name : StringList(l, "'ignore_names'")) r.ignore.insert(Key(name));
  if (!r.countries) return;
  if (!iso_) {
    iso_ = std::move(r);
    iso_loc_ = Loc(n);
    iso_read_for_ = *iso_;
    iso_read_ = std::async(std::launch::async, ReadTables, iso_read_for_, ShareDir());
    return;
  }
  iso_->subdivisions = iso_->subdivisions || r.subdivisions;  // several files: all they ask for
  iso_->languages.insert(r.languages.begin(), r.languages.end());
  iso_->ignore.insert(r.ignore.begin(), r.ignore.end());
}


void Loader::LoadIsoLink(const YAML::Node& n, const std::string& lexicon, LexiconEntry& entry) {
  if (lexicon != "place") {
    Error(n, "unknown-key", fmt::format("'iso' links a place to ISO 3166; lexicon '{}' is not 'place'", lexicon));
    return;
  }
  for (auto& code : StringList(n, "'iso'")) {
    if (!IsIsoCode(code))
      Error(n, "bad-value", fmt::format("'{}' is not an ISO 3166 code (a country as 'RU', a subdivision as 'ID-JK')", code));
    else
      entry.iso.push_back(std::move(code));
  }
}

void Loader::AddIsoPlaces() {
  std::vector<LexiconEntry*> hand;  // the rule files' places, in load order
  std::unordered_map<const LexiconEntry*, int> layer;  // of each
  for (auto& lex : out_.lexicons)
    if (lex.name == "place")
      for (auto& e : lex.entries) {
        hand.push_back(&e);
        layer[&e] = lex.layer;
      }
  // Two places written the same way: a lookup finds one of them only.
  std::unordered_map<std::string, const LexiconEntry*> hand_form;  // folded form -> first place written so
  for (const LexiconEntry* e : hand)
    for (const auto& f : e->forms) {
      auto [it, fresh] = hand_form.emplace(Key(f), e);
      if (!fresh && it->second->value != e->value)
        Warning(e->loc, "duplicate-place-form",
                fmt::format("'{}' is a form of place '{}' and of place '{}' ({}:{}); a name can stand for one place only",
                            f, e->value, it->second->value, it->second->loc.file, it->second->loc.line));
    }
  if (!iso_) {
    for (const LexiconEntry* e : hand)
      if (!e->iso.empty())
        Warning(e->loc, "unused-iso-link",
                fmt::format("place '{}' links ISO 3166 '{}', but no rule file loads ISO places (iso_3166: {{countries: true}})",
                            e->value, e->iso.front()));
    return;
  }
  IsoRead read = iso_read_.valid() ? iso_read_.get() : IsoRead{};
  if (!(iso_read_for_ == *iso_) || (!read.tables && read.error.empty())) read = ReadTables(*iso_, ShareDir());
  auto& tables = read.tables;
  if (!tables) {
    Error(iso_loc_, "missing-iso-codes", read.error);
    iso_missing_ = true;
    return;
  }
  for (const auto& w : tables->warnings) Warning(iso_loc_, "bad-value", w);
  out_.data_files = tables->files;
  std::vector<IsoPlace>& iso = tables->places;
  std::unordered_map<std::string, size_t> at;  // code -> index into iso
  for (size_t i = 0; i < iso.size(); ++i) at.emplace(iso[i].code, i);

  // Links: the rule file's entry is the ISO place, under the entry's name. A later rules
  // directory may link an ISO place again (a newsroom's name for it): its entry wins.
  std::vector<LexiconEntry*> link(iso.size(), nullptr);
  for (LexiconEntry* e : hand)
    for (const auto& code : e->iso) {
      auto it = at.find(code);
      if (it == at.end()) {
        Error(e->loc, "unknown-iso-code",
              fmt::format("place '{}': '{}' is not a country or first-level subdivision in ISO 3166 (iso-codes)", e->value, code));
      } else if (link[it->second] && link[it->second] != e && layer[link[it->second]] == layer[e]) {
        Error(e->loc, "duplicate-iso-link",
              fmt::format("place '{}': ISO 3166 '{}' is already linked to place '{}' ({}:{})", e->value, code,
                          link[it->second]->value, link[it->second]->loc.file, link[it->second]->loc.line));
      } else {
        link[it->second] = e;
      }
    }
  // Whether ISO place `outer` contains `inner` (or is it).
  auto contains = [&](size_t outer, size_t inner) {
    for (int guard = 0; guard < 8; ++guard) {
      if (inner == outer) return true;
      auto it = at.find(iso[inner].parent);
      if (it == at.end()) return false;
      inner = it->second;
    }
    return false;
  };
  // Names of entities (people, organizations) stay theirs.
  std::unordered_set<std::string> entity_form;
  for (const LexiconEntry* e : out_.Entries("entity", ""))
    for (const auto& f : e->forms) entity_form.insert(Key(f));

  // Each ISO form goes to one place: a form the rule files write is theirs (a rule file's
  // Washington is the city, not the state); among ISO places, a country's over a subdivision's,
  // a place's over those it contains (Papua the region, not the province in it); a form several
  // unrelated subdivisions share ("Central") is nobody's. Keys are views of IsoPlace::keys.
  struct Claimants {
    size_t first;
    std::vector<size_t> more;  // rarely any
  };
  std::unordered_map<std::string_view, Claimants> claimants;  // folded form -> ISO places
  claimants.reserve(iso.size() * 3);
  // A rule file's form that an ISO place it does not link also has: warned about below.
  struct Shadow {
    const LexiconEntry* entry;
    size_t iso, form;  // the ISO place and its form
  };
  std::vector<Shadow> shadows;
  std::set<std::pair<const LexiconEntry*, size_t>> shadowed;
  for (size_t i = 0; i < iso.size(); ++i)
    for (size_t j = 0; j < iso[i].keys.size(); ++j) {
      const std::string& key = iso[i].keys[j];
      if (auto h = hand_form.find(key); h != hand_form.end()) {
        // Written by the entry linked to this place (nothing to add), by another entry that
        // links it (that one wins), or by a place that does not link it.
        if (!link[i] && shadowed.insert({h->second, i}).second) shadows.push_back({h->second, i, j});
        continue;
      }
      if (entity_form.count(key) || iso_->ignore.count(key)) continue;
      auto [it, fresh] = claimants.try_emplace(key, Claimants{i, {}});
      if (!fresh && it->second.first != i && std::find(it->second.more.begin(), it->second.more.end(), i) == it->second.more.end())
        it->second.more.push_back(i);
    }
  std::vector<std::vector<size_t>> forms(iso.size());  // the forms each ISO place won (indices)
  for (size_t i = 0; i < iso.size(); ++i)
    for (size_t j = 0; j < iso[i].keys.size(); ++j) {
      auto it = claimants.find(iso[i].keys[j]);
      if (it == claimants.end()) continue;
      const Claimants& c = it->second;
      std::optional<size_t> winner;
      if (c.more.empty()) {
        winner = c.first;
      } else {
        std::vector<size_t> all = c.more;
        all.insert(all.begin(), c.first);
        auto pick = [&](auto pred) -> std::optional<size_t> {
          std::optional<size_t> w;
          for (size_t k : all)
            if (pred(k)) {
              if (w) return std::nullopt;
              w = k;
            }
          return w;
        };
        winner = pick([&](size_t k) { return link[k] != nullptr; });
        if (!winner) winner = pick([&](size_t k) { return iso[k].kind != "region"; });
        if (!winner)
          winner = pick([&](size_t k) { return std::all_of(all.begin(), all.end(), [&](size_t o) { return contains(k, o); }); });
      }
      if (winner && *winner == i) forms[i].push_back(j);
    }
  // Canonical names: the linked entry's value, else the English name, made unique with the
  // code when another place has it or is written so ("Georgia (US-GA)").
  std::vector<std::string> canonical(iso.size());
  std::unordered_map<std::string_view, size_t> name_count;
  for (size_t i = 0; i < iso.size(); ++i)
    if (!link[i]) ++name_count[iso[i].keys.front()];  // the name is the first form
  for (size_t i = 0; i < iso.size(); ++i) {
    if (link[i]) {
      canonical[i] = link[i]->value;
      continue;
    }
    const std::string& key = iso[i].keys.front();
    bool mine = !forms[i].empty() && forms[i].front() == 0;
    // Its own name, when the name is its form (it won it) or nobody's and no other place's name.
    bool taken = !mine && (claimants.count(key) || name_count[key] > 1 || hand_form.count(key) || entity_form.count(key) ||
                           iso_->ignore.count(key));
    canonical[i] = taken ? fmt::format("{} ({})", iso[i].name, iso[i].code) : iso[i].name;
  }
  auto parent_of = [&](size_t i) -> std::string {
    auto it = at.find(iso[i].parent);
    return it == at.end() ? std::string() : canonical[it->second];
  };
  // A rule file's place may name its parent by ISO code ("parent: ID-JB"): the ISO place's name.
  std::unordered_set<std::string> hand_value;
  for (const LexiconEntry* e : hand) hand_value.insert(e->value);
  for (LexiconEntry* e : hand)
    if (!e->parent.empty() && !hand_value.count(e->parent) && IsIsoCode(e->parent))
      if (auto it = at.find(e->parent); it != at.end()) e->parent = canonical[it->second];
  // A form of a rule file's place that an ISO place loses: a warning when it may be the same
  // place written twice (the ISO place is a country, or lies in the same country), unless the
  // form is one of the ISO names of a place the entry links (its link settles which place has
  // it: Maryland the state, not the Liberian county). A city abroad named like a subdivision
  // (Manchester, England; Manchester, Jamaica) is the reading the rule file chose.
  std::unordered_map<std::string, std::string> country_of;  // canonical name -> alpha-2
  for (size_t i = 0; i < iso.size(); ++i)
    country_of[canonical[i]] = iso[i].kind == "region" ? iso[i].code.substr(0, 2) : iso[i].parent.empty() ? iso[i].code : iso[i].parent;
  std::unordered_map<std::string, const LexiconEntry*> hand_by_value;
  for (const LexiconEntry* e : hand) hand_by_value.emplace(e->value, e);
  auto country = [&](const LexiconEntry* e) -> std::string {
    for (int guard = 0; e && guard < 16; ++guard) {
      if (auto c = country_of.find(e->value); c != country_of.end()) return c->second;
      if (auto c = country_of.find(e->parent); c != country_of.end()) return c->second;
      auto up = hand_by_value.find(e->parent);
      e = up == hand_by_value.end() ? nullptr : up->second;
    }
    return {};
  };
  for (const auto& sh : shadows) {
    const IsoPlace& p = iso[sh.iso];
    const std::string& key = p.keys[sh.form];
    bool settled = std::any_of(sh.entry->iso.begin(), sh.entry->iso.end(), [&](const std::string& code) {
      auto it = at.find(code);
      return it != at.end() && std::count(iso[it->second].keys.begin(), iso[it->second].keys.end(), key) > 0;
    });
    if (settled) continue;
    std::string mine = country(sh.entry);
    std::string theirs = p.kind == "region" ? p.code.substr(0, 2) : p.code;
    if (p.kind == "region" && !mine.empty() && mine != theirs) continue;
    Warning(sh.entry->loc, "duplicate-place-form",
            fmt::format("'{}' is a form of place '{}' and of the ISO 3166 place '{}' ({}), which loses it; "
                        "if they are the same place, link it with 'iso: {}'",
                        p.forms[sh.form], sh.entry->value, p.name, p.code, p.code));
  }
  // Linked entries take the forms, and the kind and parent they do not give.
  for (size_t i = 0; i < iso.size(); ++i) {
    LexiconEntry* e = link[i];
    if (!e) continue;
    std::unordered_set<std::string> has;
    for (const auto& g : e->forms) has.insert(Key(g));
    for (size_t j : forms[i])
      if (has.insert(iso[i].keys[j]).second) e->forms.push_back(iso[i].forms[j]);
    if (e->kind.empty()) e->kind = iso[i].kind;
    if (e->parent.empty()) e->parent = parent_of(i);
  }
  const std::string tables_dir = ShareDir() + "/iso-codes/json/";
  out_.iso_places.reserve(iso.size());
  for (size_t i = 0; i < iso.size(); ++i) {
    if (link[i]) continue;
    LexiconEntry& e = out_.iso_places.emplace_back();
    e.value = canonical[i];
    e.kind = iso[i].kind;
    e.parent = parent_of(i);
    e.iso = {iso[i].code};
    e.forms.reserve(forms[i].size() + 1);
    if (forms[i].empty() || iso[i].forms[forms[i].front()] != e.value) e.forms.push_back(e.value);
    for (size_t j : forms[i]) e.forms.push_back(std::move(iso[i].forms[j]));
    e.loc = SourceLoc{tables_dir + (iso[i].kind == "region" ? "iso_3166-2.json" : "iso_3166-1.json"), 0, 0};
  }
}

}  // namespace cc::rules::internal
