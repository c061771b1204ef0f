// Corroboration: which values the corpus supports and how strongly, and which articles are
// copies of each other. Pure: facts and texts in, claims out.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.h"
#include "core/types.h"

namespace cc::check {

// Near-duplicate articles: two articles that share at least `threshold` of the substantial
// paragraphs (eight words or more, compared folded and squeezed) of the shorter one are
// copies. A paragraph found in more than 64 articles is a template or boilerplate and does not
// count (which also keeps this linear in the corpus).
//
// Articles are added one at a time and only their paragraphs' hashes are kept (12 bytes a
// paragraph): a database's texts need not be in memory at once.
class DuplicateFinder {
 public:
  void Add(std::string_view id, std::string_view text);
  // Article id -> the id of its group's first article (the smallest id), for every article that
  // copies another; an article in no group, or first in its group, is not in it.
  std::map<std::string, std::string> Copies(double threshold = 0.6) const;

 private:
  std::string_view Id(size_t i) const {
    size_t b = i ? id_ends_[i - 1] : 0;
    return std::string_view(ids_).substr(b, id_ends_[i] - b);
  }
  std::string ids_;                   // every article's id, one after another
  std::vector<size_t> id_ends_;       // where each ends in ids_
  std::vector<uint32_t> paragraphs_;  // per article: its distinct substantial paragraphs
  struct Carrier {                    // an article that has a paragraph (by the paragraph's hash)
    uint32_t hash_hi, hash_lo, article;
  };
  std::vector<Carrier> carriers_;
};

// DuplicateFinder over `texts`: article id -> the id of its group's first article (by id), for
// every article.
std::map<std::string, std::string> DuplicateGroups(const std::map<std::string, std::string>& texts,
                                                   double threshold = 0.6);

// Claims for every (subject, predicate, event) with a value from at least one article, except
// generic date mentions. `group` maps article id -> duplicate group (DuplicateGroups).
std::vector<Claim> Corroborate(const std::vector<Fact>& facts, const std::map<std::string, std::string>& group,
                               const Context& ctx);

// The cross-check Corroborate ends with: a named event's period (an event_period claim) and
// its end weekday from another article (an event_end_day fact, `text` quoted) agree. For
// claims made a group at a time: the notes need facts of another predicate.
void NoteEventEnds(std::vector<Claim>& claims, const std::vector<Fact>& facts, const Context& ctx);

}  // namespace cc::check
