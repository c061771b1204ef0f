// Internal to src/check: helpers shared by the check kinds (grouping, event comparison,
// message templates, finding ids).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "check/check.h"

namespace cc::check {

// Facts grouped by (predicate, subject_key), and by source when the check says `by_source`;
// within a group one fact per (article, value): a claim repeated inside one article counts once.
using Group = std::vector<const Fact*>;
std::map<std::pair<std::string, std::string>, Group> GroupFacts(const std::vector<Fact>& facts,
                                                                const Check& check);

// How strongly two facts are taken to speak of the same event.
enum class SameEvent {
  kNo,          // both dated, different events (or tallies for different moments): never compared
  kSame,        // same event key, or the same article
  kUnresolved,  // at least one undated, from different articles: compared at lower confidence
};
SameEvent Compare(const Fact& a, const Fact& b);

// Severity for a conflicting pair: the check's, one lower when one of the two is hedged, and for
// each of them that carries a caution note. (A pair whose events are unresolved is a note at
// most, whatever the kind: PairwiseFindings sees to it.)
Severity PairSeverity(Severity base, const Fact& a, const Fact& b);

// Fills {subject}, {predicate}, {values}, {details} in a message template.
std::string Render(const std::string& tmpl, const Finding& f, const std::string& details);

// A finding's id: the rule and what it is about (its group), else its facts. Re-running on
// the same corpus gives the same ids; an article that adds a value to a group keeps the id.
std::string FindingId(const Finding& f);
// What the finding is made of (its facts and values), to tell a decision is out of date.
std::string Fingerprint(const Finding& f);

// A finding about one fact (range, order, calendar): the check's rule, kind and severity, the
// fact's subject, predicate and event, and the message template (the spec's, else `fallback`).
Finding SingleFactFinding(const Check& check, const Fact& fact, std::vector<std::string> values,
                          const std::string& details, const std::string& fallback);
// For two places of which the gazetteer does not know one (or both): a note that says whether
// one lies in the other is unknown; "" when it knows both.
std::string UnknownPlaceNote(const Gazetteer& g, const std::string& a, const std::string& b);
std::string Notes(const Fact& f, const Context& ctx);     // "003, 2023-09-12, according to KCNA"
std::string Describe(const Fact& f, const Context& ctx);  // "tuesday (003, according to KCNA)"

}  // namespace cc::check

#include <functional>
#include <optional>
#include <string>

namespace cc::check {

// The significant digits of a number ("599440.9" -> "5994409", 0.0135 -> "135").
std::string Digits(double v);
// The power of ten two figures are apart (1 for tenfold, 3 for a thousandfold), 0 when they are
// not: the same significant digits, as far as the shorter of the two writes them.
int PowerOfTenApart(double a, double b);

// Whether two numbers in one unit disagree beyond `abs` (in the unit) or `rel` (a fraction of
// the larger), their bounds honoured: "at least 40" and 45 agree; "about 2,500" widens the
// tolerance to at least 10 %.
bool NumbersConflict(const Fact& a, const Fact& b, double abs, double rel);

// How two values compare when a conflict may be uncertain: whether they conflict, the most
// severe the pair may make the finding (the check's severity, lowered as for any pair, is
// capped to it), and a note for the finding's details saying why (each note once).
struct Conflict {
  bool conflict = false;
  std::optional<Severity> at_most;
  std::string note;
};

// How a check kind weighs a pair that conflicts: the severity of the finding it makes, or
// nullopt when the two are not compared at all (a tally given for another moment). Without one,
// PairSeverity decides.
using PairJudge = std::function<std::optional<Severity>(const Fact&, const Fact&, SameEvent)>;

// The findings for one group: one per event, from every pair of facts whose values `conflict`
// and whose events may be the same (undated facts are compared with every event, at lower
// severity), and one for conflicts among undated facts alone; none when no pair conflicts.
// Pairs are formed within an event only, so a subject told about in many events costs the sum
// of its events' squares, not the square of its facts. Used by agree, tolerance and tally.
std::vector<Finding> PairwiseFindings(const Check& check, const Group& group, const Context& ctx,
                                      const std::function<bool(const Fact&, const Fact&)>& conflict,
                                      const PairJudge& judge = nullptr, const std::string& note = "");
std::vector<Finding> PairwiseFindings(const Check& check, const Group& group, const Context& ctx,
                                      const std::function<Conflict(const Fact&, const Fact&)>& conflict,
                                      const PairJudge& judge = nullptr, const std::string& note = "");

}  // namespace cc::check
