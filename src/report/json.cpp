// JSON report: exactly the contract in DESIGN.md (version 1), keys in contract order.
// New fields may be added; none is renamed or dropped.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace cc::report {

namespace {

using J = nlohmann::ordered_json;

J OrNull(const std::string& s) { return s.empty() ? J() : J(s); }

// The document is written a member at a time, each element of its arrays dumped on its own:
// the bytes are those of dump(2) on the whole document, without the whole document in memory
// (a million facts made a 10 GB tree). An element sits two levels deep, so each of its lines
// gets 4 more spaces; dump escapes newlines inside strings, so every '\n' it writes is a line.
void WriteElement(std::ostream& out, const J& j) {
  const std::string s = j.dump(2);
  out << "    ";
  size_t from = 0;
  for (size_t nl; (nl = s.find('\n', from)) != std::string::npos; from = nl + 1) {
    out.write(s.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    out << "    ";
  }
  out.write(s.data() + from, static_cast<std::streamsize>(s.size() - from));
}

// `"key": [ ... ]` with one element per item that `each` gives (each(visit) calls visit(item)),
// as dump(2) writes it ("[]" when empty).
template <typename Each, typename ToJson>
void WriteArrayOf(std::ostream& out, const char* key, Each each, ToJson to_json, bool last = false) {
  out << "  \"" << key << "\": [";
  bool first = true;
  each([&](const auto& item) {
    out << (first ? "\n" : ",\n");
    first = false;
    WriteElement(out, to_json(item));
  });
  out << (first ? "]" : "\n  ]") << (last ? "\n" : ",\n");
}

template <typename Items, typename ToJson>
void WriteArray(std::ostream& out, const char* key, const Items& items, ToJson to_json, bool last = false) {
  WriteArrayOf(
      out, key, [&](const auto& visit) { for (const auto& item : items) visit(item); }, to_json, last);
}

J FactJson(const Fact& f) {
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
  return j;
}

}  // namespace

void WriteJson(const Report& r, std::ostream& out) {
  out << "{\n  \"version\": 1,\n";
  WriteArrayOf(out, "articles", [&](const auto& visit) { r.ForEachArticle(visit); }, [&](const ArticleMeta& a) {
    auto dup = r.duplicate_of.find(a.id);
    return J{{"id", a.id}, {"path", a.path}, {"title", a.title}, {"source", a.source},
             {"published", OrNull(a.published)}, {"lang", a.lang}, {"url", a.url}, {"bytes", a.bytes},
             {"duplicate_of", dup == r.duplicate_of.end() ? J() : J(dup->second)}};
  });
  WriteArrayOf(out, "facts", [&](const auto& visit) { r.ForEachFact(visit); }, FactJson);
  WriteArray(out, "findings", r.findings, [](const Finding& f) {
    return J{{"id", f.id}, {"rule", f.rule}, {"kind", f.kind},
             {"severity", std::string(ToString(f.severity))}, {"subject", f.subject},
             {"predicate", f.predicate}, {"event", OrNull(f.event)}, {"values", f.values},
             {"facts", f.facts}, {"message", f.message}, {"status", f.status},
             {"review_note", OrNull(f.review_note)}, {"reviewed_by", OrNull(f.reviewed_by)},
             {"reviewed_at", OrNull(f.reviewed_at)}, {"changed_since_review", f.changed_since_review}};
  });
  // Extension: what the corpus supports, per subject, predicate and event.
  WriteArrayOf(
      out, "claims", [&](const auto& visit) { r.ForEachClaim(visit); },
      [](const Claim& c) {
        J values = J::array();
        for (const auto& v : c.values)
          values.push_back({{"value", v.value}, {"articles", v.articles}, {"facts", v.facts}, {"independent", v.independent},
                            {"asserted", v.asserted}, {"reported", v.reported}, {"hedged", v.hedged}, {"sources", v.sources}});
        return J{{"subject", c.subject}, {"predicate", c.predicate}, {"event", OrNull(c.event)}, {"values", values},
                 {"notes", c.notes}, {"summary", c.summary}};
      },
      /*last=*/true);
  out << "}\n";
}

}  // namespace cc::report
