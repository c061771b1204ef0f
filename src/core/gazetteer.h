// Names of people, organizations and places with their aliases, and the part-of hierarchy of
// places (Pier 33 in Vladivostok in Primorsky Krai in Russia). Built from the rule packs'
// `entity` and `place` lexicons and ISO 3166's places (RulePack::iso_places). Lookups are
// case-insensitive on the folded form.
#pragma once

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/rulepack.h"

namespace cc {

class Gazetteer {
 public:
  Gazetteer() = default;
  explicit Gazetteer(const RulePack& pack);
  // Only the hierarchy of places (place -> the place it lies in), as parents() gives it, and
  // the canonical names of every place, as places() gives them: what a database keeps of its
  // rules for reports, which compare places but name nothing. Without `places` (a database
  // written before they were kept), the places of the hierarchy are the known ones.
  explicit Gazetteer(std::map<std::string, std::string, std::less<>> parents,
                     std::optional<std::set<std::string, std::less<>>> places = std::nullopt);

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
  // True when `place` is the canonical name of a known place (of the `place` lexicon, or ISO
  // 3166's): only then does a place it does not contain, nor lie in, disagree with it.
  bool Known(std::string_view place) const { return places_.count(place) > 0; }
  std::vector<std::string> Ancestors(std::string_view place) const;  // nearest first
  // False when no known form starts with this word (so no run of words starting with it is a
  // name): a cheap test before looking up every run.
  bool MayBegin(std::string_view word) const;
  // The most words in any known form: a longer run of words cannot be one name.
  size_t max_words() const { return max_words_; }
  const std::map<std::string, std::string, std::less<>>& parents() const { return parent_; }
  const std::set<std::string, std::less<>>& places() const { return places_; }

 private:
  std::vector<Name> names_;                                 // one per entry
  std::unordered_map<std::string, uint32_t> by_form_;       // folded form -> index into names_
  std::unordered_set<std::string> first_words_;             // the first word of each form
  size_t max_words_ = 0;
  std::map<std::string, std::string, std::less<>> parent_;  // canonical -> parent canonical
  std::set<std::string, std::less<>> places_;               // canonical names of every place
};

}  // namespace cc
