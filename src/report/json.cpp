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

J FactJson(const Fact& f) {
  J j;
  j["id"] = f.id;
  j["article"] = f.article;
  j["subject"] = f.subject;
  j["predicate"] = f.predicate;
  j["value"] = f.value;
  j["type"] = ToString(f.type);
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
  // A generic claim's measured thing, and the stems around a claim that `align` pairs it by.
  j["measure"] = OrNull(f.measure);
  j["context"] = OrNull(f.context);
  return j;
}

J ArticleJson(const ArticleMeta& a, const std::map<std::string, std::string>& duplicate_of) {
  auto dup = duplicate_of.find(a.id);
  return J{{"id", a.id}, {"path", a.path}, {"title", a.title}, {"source", a.source},
           {"published", OrNull(a.published)}, {"lang", a.lang}, {"url", a.url}, {"bytes", a.bytes},
           {"duplicate_of", dup == duplicate_of.end() ? J() : J(dup->second)}};
}

J FindingJson(const Finding& f) {
  return J{{"id", f.id}, {"rule", f.rule}, {"kind", f.kind},
           {"severity", std::string(ToString(f.severity))}, {"subject", f.subject},
           {"predicate", f.predicate}, {"event", OrNull(f.event)}, {"values", f.values},
           {"facts", f.facts}, {"message", f.message}, {"status", f.status},
           {"review_note", OrNull(f.review_note)}, {"reviewed_by", OrNull(f.reviewed_by)},
           {"reviewed_at", OrNull(f.reviewed_at)}, {"changed_since_review", f.changed_since_review},
           {"merged", f.merged}};
}

J ClaimJson(const Claim& c) {
  J values = J::array();
  for (const auto& v : c.values)
    values.push_back({{"value", v.value}, {"articles", v.articles}, {"facts", v.facts}, {"independent", v.independent},
                      {"asserted", v.asserted}, {"reported", v.reported}, {"hedged", v.hedged}, {"sources", v.sources}});
  return J{{"subject", c.subject}, {"predicate", c.predicate}, {"event", OrNull(c.event)}, {"values", values},
           {"notes", c.notes}, {"summary", c.summary}};
}

// The document's arrays in order: each is opened when its first element comes (or when a later
// one does), and the findings, which the report holds, are written whole on the way.
class Json final : public Printer {
 public:
  explicit Json(std::ostream& out) : out_(out) {}
  Needs needs() const override {
    Needs n;
    n.articles = n.facts = n.claims = n.duplicates = true;
    return n;
  }
  void Begin(const Report& r) override {
    r_ = &r;
    out_ << "{\n  \"version\": 1,\n";
    Open(kArticles);
  }
  void OnArticle(const ArticleMeta& a) override {
    Reach(kArticles);
    Element(ArticleJson(a, r_->duplicate_of));
  }
  void OnFact(const Fact& f, const ArticleMeta*, const std::string*) override {
    Reach(kFacts);
    Element(FactJson(f));
  }
  void OnClaim(const Claim& c) override {
    Reach(kClaims);  // Extension: what the corpus supports, per subject, predicate and event.
    Element(ClaimJson(c));
  }
  void End() override {
    Reach(kDone);
    out_ << "}\n";
  }

 private:
  enum Part { kArticles, kFacts, kFindings, kClaims, kDone };

  // Closes the arrays before `p` and opens p's.
  void Reach(Part p) {
    while (part_ < p) {
      out_ << (first_ ? "]" : "\n  ]") << (part_ == kClaims ? "\n" : ",\n");
      if (part_ + 1 == kDone) {
        part_ = kDone;
        return;
      }
      Open(static_cast<Part>(part_ + 1));
      if (part_ == kFindings)
        for (const auto& f : r_->findings) Element(FindingJson(f));
    }
  }
  // `"key": [` as dump(2) writes it; the first element (or the "]" of none) follows.
  void Open(Part p) {
    static constexpr const char* kKeys[] = {"articles", "facts", "findings", "claims"};
    part_ = p;
    out_ << "  \"" << kKeys[p] << "\": [";
    first_ = true;
  }
  void Element(const J& j) {
    out_ << (first_ ? "\n" : ",\n");
    first_ = false;
    WriteElement(out_, j);
  }

  std::ostream& out_;
  const Report* r_ = nullptr;
  Part part_ = kArticles;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Printer> JsonPrinter(std::ostream& out) { return std::make_unique<Json>(out); }

}  // namespace cc::report
