// Names of people, organizations and places with their aliases, and the part-of hierarchy of
// places (Pier 33 in Vladivostok in Primorsky Krai in Russia). Built from the rule packs'
// `entity` and `place` lexicons. Lookups are case-insensitive on the folded form.
#pragma once

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rulepack.h"

namespace cc {

class Gazetteer {
 public:
  Gazetteer() = default;
  explicit Gazetteer(const RulePack& pack);
  // Only the hierarchy of places (place -> the place it lies in), as parents() gives it: what
  // a database keeps of its rules for reports, which compare places but name nothing.
  explicit Gazetteer(std::map<std::string, std::string, std::less<>> parents) : parent_(std::move(parents)) {}

  struct Name {
    std::string canonical;
    std::string kind;  // person, org, city, country, ...
    bool place = false;
  };
  // Canonical name for a surface form ("Moskow" -> "Moscow"), or null if unknown. The
  // pointer lives as long as the gazetteer: no copy per lookup (extraction looks up every
  // capitalized run and its sub-runs).
  const Name* Find(std::string_view form) const;
  // True when `inner` is `outer` or lies within it (Pier 33 within Russia).
  bool Within(std::string_view inner, std::string_view outer) const;
  // Two places agree when one contains the other.
  bool Compatible(std::string_view a, std::string_view b) const {
    return Within(a, b) || Within(b, a);
  }
  std::vector<std::string> Ancestors(std::string_view place) const;  // nearest first
  // False when no known form starts with this word (so no run of words starting with it is a
  // name): a cheap test before looking up every run.
  bool MayBegin(std::string_view word) const;
  // The most words in any known form: a longer run of words cannot be one name.
  size_t max_words() const { return max_words_; }
  const std::map<std::string, std::string, std::less<>>& parents() const { return parent_; }
  // Every surface form of each canonical name.
  const std::map<std::string, std::vector<std::string>, std::less<>>& surface() const {
    return surface_;
  }

 private:
  std::unordered_map<std::string, Name> by_form_;           // folded form -> name
  std::unordered_set<std::string> first_words_;             // the first word of each form
  size_t max_words_ = 0;
  std::map<std::string, std::string, std::less<>> parent_;  // canonical -> parent canonical
  std::map<std::string, std::vector<std::string>, std::less<>> surface_;  // canonical -> forms
};

}  // namespace cc
