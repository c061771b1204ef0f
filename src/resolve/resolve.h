// Resolve: after extraction, anchor every day-referring fact to a calendar day and give each
// fact an event key. A weekday or a partial date ("24 April") takes, in order: a full date in
// the same sentence, then in the same paragraph, the article's published date, a year
// consistent with the weekday after the latest year the article mentions, or stays partial.
// `anchor` records which. Pure: article and facts in, facts out.
#pragma once

#include <vector>

#include "core/types.h"

namespace cc::resolve {

void Resolve(const Article& a, std::vector<Fact>& facts);

// The event key of a fact: its anchored year-month ("2023-09"), its year, or "" unresolved.
std::string EventKey(const Fact& f);

}  // namespace cc::resolve
