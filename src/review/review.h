// Editorial review of findings (`claimcheck review`): selecting, showing, recording decisions,
// and the interactive walk through open findings. Decisions live in the store (reviews table)
// and are appended, never overwritten; a finding's status is its latest decision.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "report/report.h"
#include "store/store.h"

namespace cc::review {

struct Filter {
  std::string status;     // open|confirmed|dismissed|needs-info|changed ("" = any)
  std::string severity;   // at least this severity ("" = any)
  std::string predicate;
  std::string article;    // article id, path or short name: findings with a fact from it
};

// What showing these findings needs from the store: the facts they quote, the articles of
// those facts and (with `text`) their text; the report's findings are left empty. Reading only
// this, and not every fact and article, keeps review quick on a database of millions of facts.
report::Report Evidence(const store::Store& db, const std::vector<const Finding*>& findings, bool text = true);

// The findings of the report that pass the filter, in report order. Filtering by article
// needs the findings' evidence in the report.
std::vector<const Finding*> Select(const report::Report& r, const Filter& f);

// The finding whose id is `id` or starts with it (at least 4 characters); nullptr with `error`
// set when there is none or more than one.
const Finding* Find(const report::Report& r, const std::string& id, std::string& error);

void PrintList(std::ostream& out, const report::Report& r, const std::vector<const Finding*>& findings);
// Everything an editor needs to decide: the message, each value with the article's title,
// source and date and the sentence around the claim, and the decision so far.
void PrintShow(std::ostream& out, const report::Report& r, const Finding& f);
void PrintHistory(std::ostream& out, const std::vector<store::Review>& history);

// Walks the open findings (and those changed since their review) one at a time, reading one
// command per line from `in`: c confirm, d dismiss, i needs-info, n note, s skip, q quit.
// Each finding's evidence is read from `db` when it is shown. Returns how many decisions
// were recorded.
size_t Walk(std::istream& in, std::ostream& out, store::Store& db, const report::Report& r, const std::string& by);

}  // namespace cc::review
