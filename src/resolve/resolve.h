// Resolve: after extraction, anchor every day-referring fact to a calendar day and give each
// fact an event key. A weekday or a partial date ("24 April") takes, in order: a full date in
// the same sentence, then in the same paragraph, the article's published date, a year
// consistent with the weekday after the latest year the article mentions, or stays partial.
// `anchor` records which. Pure: article and facts in, facts out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/types.h"

namespace cc::resolve {

// The article's published date as the page gives it (a `published_date` fact in its first
// paragraphs: "last modified Sat, 16 Mar 2019", a dateline), "" when there is none. Resolve
// uses it when the input has no `published`.
std::string DetectPublished(const std::vector<Fact>& facts);

void Resolve(const Article& a, std::vector<Fact>& facts);

// Across articles, after every article is resolved: a named event whose period one article
// gives without a year ("Forum Ekonomi Timur ... 10 hingga 13 September") and whose end weekday
// another gives ("... hingga hari Rabu") gets the first year, from the latest year either
// article mentions, where that day is that weekday (anchor `weekday`); the end-day fact gets
// the date (anchor `period`). An undated article (no published date) that names an event's end
// day is taken as written while the event runs: its weekdays resolve inside that window (the
// last such day on or before the end; a hedged one, the first on or after the start) and its
// partial dates take the event's year (anchor `period`). `published` maps article id to its
// published date ("" when unknown). Returns the indices of the facts it changed.
std::vector<size_t> ResolveCorpus(std::vector<Fact>& facts, const std::map<std::string, std::string>& published);

// Across articles: a day written without its year ("Rabu (14/3)") in an article with no
// published date takes the year that the story's other articles (`others`: facts of the same
// month, any article) give that day, when they give one year and no other (anchor `story`; its
// event too). Returns the indices into `facts` it changed.
std::vector<size_t> ResolveStoryYears(std::vector<Fact>& facts, const std::vector<Fact>& others);

// The event key of a fact: its anchored year-month ("2023-09"), its year, or "" unresolved.
std::string EventKey(const Fact& f);

}  // namespace cc::resolve
