// JSON report: exactly the contract in DESIGN.md (version 1), keys in contract order.
// New fields may be added; none is renamed or dropped.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace cc::report {

namespace {
nlohmann::ordered_json OrNull(const std::string& s) { return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s); }
}  // namespace

void WriteJson(const Report& r, std::ostream& out) {
  using J = nlohmann::ordered_json;
  J doc;
  doc["version"] = 1;
  J articles = J::array();
  for (const auto& a : r.articles) {
    auto dup = r.duplicate_of.find(a.id);
    articles.push_back({{"id", a.id}, {"path", a.path}, {"title", a.title}, {"source", a.source},
                        {"published", OrNull(a.published)}, {"lang", a.lang}, {"url", a.url}, {"bytes", a.bytes},
                        {"duplicate_of", dup == r.duplicate_of.end() ? J() : J(dup->second)}});
  }
  doc["articles"] = articles;
  J facts = J::array();
  for (const auto& f : r.facts) {
    J j;
    j["id"] = f.id;
    j["article"] = f.article;
    j["subject"] = f.subject;
    j["predicate"] = f.predicate;
    j["value"] = f.value;
    j["type"] = f.type;
    j["unit"] = OrNull(f.unit);
    j["event"] = OrNull(f.event);
    j["modality"] = std::string(ToString(f.modality));
    j["text"] = f.text;
    j["span"] = {f.span.begin, f.span.end};
    j["sentence"] = f.sentence;
    j["rule"] = f.rule;
    j["date"] = f.date ? J(*f.date) : J();
    j["anchor"] = OrNull(f.anchor);
    // Extensions beyond the version-1 contract.
    j["source"] = OrNull(f.source);
    j["number"] = f.number ? J(*f.number) : J();
    j["bound"] = std::string(ToString(f.bound));
    j["qualifier"] = OrNull(f.qualifier);
    j["weekday"] = f.weekday ? J(*f.weekday) : J();
    j["evidence"] = {f.evidence.begin, f.evidence.end};
    j["as_of"] = OrNull(f.as_of);
    j["note"] = OrNull(f.note);
    facts.push_back(std::move(j));
  }
  doc["facts"] = facts;
  J findings = J::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"id", f.id}, {"rule", f.rule}, {"kind", f.kind},
                        {"severity", std::string(ToString(f.severity))}, {"subject", f.subject},
                        {"predicate", f.predicate}, {"event", OrNull(f.event)}, {"values", f.values},
                        {"facts", f.facts}, {"message", f.message}, {"status", f.status},
                        {"review_note", OrNull(f.review_note)}, {"reviewed_by", OrNull(f.reviewed_by)},
                        {"reviewed_at", OrNull(f.reviewed_at)}, {"changed_since_review", f.changed_since_review}});
  }
  doc["findings"] = findings;
  // Extension: what the corpus supports, per subject, predicate and event.
  J claims = J::array();
  for (const auto& c : r.claims) {
    J values = J::array();
    for (const auto& v : c.values)
      values.push_back({{"value", v.value}, {"articles", v.articles}, {"facts", v.facts}, {"independent", v.independent},
                        {"asserted", v.asserted}, {"reported", v.reported}, {"hedged", v.hedged}, {"sources", v.sources}});
    claims.push_back({{"subject", c.subject}, {"predicate", c.predicate}, {"event", OrNull(c.event)}, {"values", values},
                      {"notes", c.notes}, {"summary", c.summary}});
  }
  doc["claims"] = claims;
  out << doc.dump(2) << "\n";
}

}  // namespace cc::report
