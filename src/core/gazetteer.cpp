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
  for (const char* lexname : {"entity", "place"}) {
    bool place = std::string_view(lexname) == "place";
    for (const LexiconEntry* e : pack.Entries(lexname, "")) {
      Name n{e->value, e->kind, place};
      by_form_[Fold(e->value)] = n;
      surface_[e->value].push_back(e->value);
      for (const auto& f : e->forms) {
        by_form_[Fold(Squeeze(f))] = n;
        surface_[e->value].push_back(f);
      }
      if (place && !e->parent.empty()) parent_[e->value] = e->parent;
    }
  }
  for (const auto& [form, _] : by_form_)
    max_words_ = std::max<size_t>(max_words_, 1 + std::count(form.begin(), form.end(), ' '));
}

const Gazetteer::Name* Gazetteer::Find(std::string_view form) const {
  // The key is Fold(Squeeze(form)); for ASCII (most names) built in one pass into a buffer.
  thread_local std::string key;
  if (std::all_of(form.begin(), form.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    key.clear();
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    for (size_t i = 0; i < form.size();) {
      while (i < form.size() && space(form[i])) ++i;
      if (i == form.size()) break;
      if (!key.empty()) key += ' ';
      for (; i < form.size() && !space(form[i]); ++i) {
        char c = form[i];
        key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
    }
  } else {
    key = Fold(Squeeze(form));
  }
  auto it = by_form_.find(key);
  return it == by_form_.end() ? nullptr : &it->second;
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
