// Text report for a terminal: one block per finding, each value with its article position
// and the quoted words, the value highlighted; a summary line at the end.
#include <fmt/format.h>

#include "core/text.h"
#include "report/report.h"

namespace cc::report {
namespace {

struct Style {
  bool on;
  std::string operator()(std::string_view s, const char* code) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
};

const char* SeverityColor(Severity s) {
  return s == Severity::kError ? "1;31" : s == Severity::kWarning ? "1;33" : "1;36";
}

class Text final : public Printer {
 public:
  Text(std::ostream& out, const WriteOptions& opt) : out_(out), opt_(opt), st_{opt.color} {}
  Needs needs() const override {
    Needs n;
    n.facts = n.fact_texts = opt_.show_facts;
    n.duplicates = n.corroborated = true;
    return n;
  }
  void Begin(const Report& r) override;
  void OnFact(const Fact& x, const ArticleMeta* article, const std::string* raw) override {
    out_ << fmt::format("  {:<28} {:<18} {:<14} {}  {}\n", Position(x, article, raw), x.predicate, x.value,
                        x.subject.empty() ? "-" : x.subject, ToString(x.modality));
  }
  void End() override {
    if (opt_.show_facts) out_ << "\n";
    out_ << "claimcheck: " << Summary(*r_) << "\n";
  }

 private:
  std::ostream& out_;
  const WriteOptions opt_;
  const Style st_;
  const Report* r_ = nullptr;
};

// The findings with their evidence, the corroborated claims and the copies; the facts, when
// listed, follow (OnFact), and the summary line ends the report.
void Text::Begin(const Report& r) {
  r_ = &r;
  std::ostream& out = out_;
  const Style& st = st_;
  for (const auto& f : r.findings) {
    out << st(ToString(f.severity), SeverityColor(f.severity)) << st(fmt::format("[{}]", f.rule), "1") << ": "
        << f.message << "\n";
    out << "  " << st("-->", "34") << " " << f.predicate << " of " << Topic(f)
        << ", event " << (f.event.empty() ? "unresolved" : f.event) << ", id " << f.id << "\n";
    if (f.status != "open" || f.changed_since_review) {
      out << "  " << st("review:", "34") << " " << f.status << (f.changed_since_review ? ", changed since review" : "");
      if (!f.reviewed_by.empty()) out << " (by " << f.reviewed_by << ")";
      if (!f.review_note.empty()) out << ": " << f.review_note;
      out << "\n";
    }
    for (const auto& id : f.facts) {
      const Fact* x = r.FactById(id);
      if (!x) continue;
      std::string value = DisplayValue(*x);
      std::vector<std::string> notes = {std::string(ToString(x->modality))};
      if (!x->source.empty()) notes.back() += " by " + x->source;
      if (x->date) notes.push_back(*x->date + (x->anchor.empty() ? "" : " (" + x->anchor + ")"));
      out << "   " << st("|", "34") << " " << st(value, "1") << "  " << Position(r, *x) << "  ["
          << Join(notes, ", ") << "]\n";
      Excerpt e = ExcerptOf(r, *x);
      out << "   " << st("|", "34") << "   " << e.before << (opt_.color ? st(e.value, "1;4") : "[" + e.value + "]")
          << e.after << "\n";
    }
    out << "\n";
  }
  if (!r.corroborated.empty()) {
    out << st("corroborated:", "1") << "\n";
    for (const Claim& c : r.corroborated) {
      out << "  " << c.predicate << " of " << c.subject << ", event " << (c.event.empty() ? "unresolved" : c.event)
          << ": " << c.summary << "\n";
      for (const auto& n : c.notes) out << "    - " << n << "\n";
    }
    out << "\n";
  }
  for (const auto& [id, original] : r.duplicate_of) {
    const ArticleMeta* a = r.Article(id);
    if (!a) continue;
    std::string copy = ArticleLabel(a->given_id, a->path);
    const ArticleMeta* o = r.Article(original);
    if (o) out << "note: " << copy << " is a copy of " << ArticleLabel(o->given_id, o->path) << "; it counts once\n";
  }
  if (opt_.show_facts) out << "facts:\n";
}

}  // namespace

std::unique_ptr<Printer> TextPrinter(std::ostream& out, const WriteOptions& opt) { return std::make_unique<Text>(out, opt); }

}  // namespace cc::report
