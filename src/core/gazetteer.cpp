#include "core/gazetteer.h"

#include <algorithm>

#include "core/text.h"

namespace cc {

std::vector<const LexiconEntry*> RulePack::Entries(std::string_view name,
                                                   std::string_view lang) const {
  std::vector<const LexiconEntry*> out;
  for (const auto& lex : lexicons) {
    if (lex.name != name) continue;
    if (!(lang.empty() || lang == "any" || lex.lang == "any" || lex.lang == lang)) continue;
    for (const auto& e : lex.entries) out.push_back(&e);
  }
  return out;
}

bool RulePack::HasLexicon(std::string_view name) const {
  for (const auto& lex : lexicons)
    if (lex.name == name) return true;
  return false;
}

Gazetteer::Gazetteer(const RulePack& pack) {
  std::string key;
  size_t forms = 0;  // ISO's places make thousands: one allocation of buckets, not a rehash each doubling
  for (const LexiconEntry& e : pack.iso_places) forms += e.forms.size() + 1;
  by_form_.reserve(forms + 1024);
  names_.reserve(pack.iso_places.size() + 1024);
  for (const char* lexname : {"entity", "place"}) {
    bool place = std::string_view(lexname) == "place";
    for (const LexiconEntry* e : pack.Entries(lexname, "")) {
      const auto n = static_cast<uint32_t>(names_.size());
      names_.push_back({e->value, e->kind, place});
      by_form_[Fold(e->value)] = n;
      for (const auto& f : e->forms) {
        FoldKey(f, key);  // Fold(Squeeze(f))
        by_form_[key] = n;
      }
      if (place && !e->parent.empty()) parent_[e->value] = e->parent;
      if (place) places_.insert(e->value);
    }
  }
  for (const LexiconEntry& e : pack.iso_places) {  // after the rule files' places, as a lexicon of their own
    const auto n = static_cast<uint32_t>(names_.size());
    names_.push_back({e.value, e.kind, true});
    by_form_[Fold(e.value)] = n;
    for (const auto& f : e.forms) {
      FoldKey(f, key);
      by_form_[key] = n;
    }
    if (!e.parent.empty()) parent_[e.value] = e.parent;
    places_.insert(e.value);
  }
  for (const auto& [form, _] : by_form_) {
    max_words_ = std::max<size_t>(max_words_, 1 + std::count(form.begin(), form.end(), ' '));
    first_words_.insert(form.substr(0, form.find(' ')));
  }
}

Gazetteer::Gazetteer(std::map<std::string, std::string, std::less<>> parents,
                     std::optional<std::set<std::string, std::less<>>> places)
    : parent_(std::move(parents)) {
  if (places) {
    places_ = std::move(*places);
    return;
  }
  for (const auto& [place, parent] : parent_) {
    places_.insert(place);
    places_.insert(parent);
  }
}

const Gazetteer::Name* Gazetteer::Find(std::string_view form) const {
  thread_local std::string key;
  FoldKey(form, key);
  auto it = by_form_.find(key);
  return it == by_form_.end() ? nullptr : &names_[it->second];
}

bool Gazetteer::MayBegin(std::string_view word) const {
  thread_local std::string key;
  FoldKey(word, key);
  if (size_t sp = key.find(' '); sp != std::string::npos) key.resize(sp);
  return first_words_.count(key) > 0;
}

std::vector<std::string> Gazetteer::Ancestors(std::string_view place) const {
  std::vector<std::string> out;
  std::string cur(place);
  for (int guard = 0; guard < 32; ++guard) {  // the loader rejects cycles; this bounds anyway
    auto it = parent_.find(cur);
    if (it == parent_.end()) break;
    out.push_back(it->second);
    cur = it->second;
  }
  return out;
}

bool Gazetteer::Within(std::string_view inner, std::string_view outer) const {
  if (inner == outer) return true;
  for (const auto& a : Ancestors(inner))
    if (a == outer) return true;
  return false;
}

}  // namespace cc
