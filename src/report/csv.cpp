// CSV report: one row per (finding, fact) pair, for spreadsheets. RFC 4180: CRLF line ends,
// every field quoted, quotes doubled. A field that a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
#include <fmt/format.h>

#include "report/report.h"

namespace cc::report {
namespace {

std::string Cell(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) s.insert(0, 1, '\'');
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void Row(std::ostream& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << Cell(cells[i]);
  out << "\r\n";
}

// Every row comes from the report: it lists no more than the findings' facts.
class Csv final : public Printer {
 public:
  explicit Csv(std::ostream& out) : out_(out) {}
  Needs needs() const override { return {}; }
  void Begin(const Report& r) override;

 private:
  std::ostream& out_;
};

void Csv::Begin(const Report& r) {
  std::ostream& out = out_;
  Row(out, {"finding_id", "rule", "severity", "status", "changed_since_review", "review_note", "subject", "predicate",
            "event", "value", "article", "title", "source", "published", "url", "position", "modality", "claim_source",
            "date", "as_of", "text", "sentence", "message"});
  for (const auto& f : r.findings) {
    for (const auto& id : f.facts) {
      const Fact* x = r.FactById(id);
      if (!x) continue;
      const ArticleMeta* a = r.Article(x->article);
      Row(out, {f.id, f.rule, std::string(ToString(f.severity)), f.status, f.changed_since_review ? "yes" : "no",
                f.review_note, f.subject, f.predicate, f.event, DisplayValue(*x), a ? a->path : x->article,
                a ? a->title : "", a ? a->source : "", a ? a->published : "", a ? a->url : "", Position(r, *x),
                std::string(ToString(x->modality)), x->source, x->date.value_or(""), x->as_of, x->text, x->sentence,
                f.message});
    }
  }
}

}  // namespace

std::unique_ptr<Printer> CsvPrinter(std::ostream& out) { return std::make_unique<Csv>(out); }

}  // namespace cc::report
