// Markdown report: a summary, one section per finding with a table of values and their quoted
// evidence (the claim in bold), and the list of articles. Article text is escaped for
// Markdown so that it cannot add links, images, HTML or table cells.
#include <fmt/format.h>

#include "core/text.h"
#include "report/report.h"

namespace cc::report {
namespace {

std::string Esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|':
      case '!': case '~': case '(': case ')': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// The findings and the corroborated claims, then a row per article.
class Markdown final : public Printer {
 public:
  explicit Markdown(std::ostream& out) : out_(out) {}
  Needs needs() const override {
    Needs n;
    n.articles = n.corroborated = true;
    return n;
  }
  void Begin(const Report& r) override;
  void OnArticle(const ArticleMeta& a) override {
    out_ << fmt::format("| {} | {} | {} | {} | {} |\n", Esc(ArticleLabel(a.given_id, a.path)), Esc(a.title), Esc(a.source),
                        Esc(a.published), Esc(a.lang));
  }

 private:
  std::ostream& out_;
};

void Markdown::Begin(const Report& r) {
  std::ostream& out = out_;
  out << "# claimcheck report\n\n" << Esc(Summary(r)) << "\n\n";
  out << "## Findings\n\n";
  if (r.findings.empty()) out << "No findings.\n\n";
  int number = 0;
  for (const auto& f : r.findings) {
    out << fmt::format("### {}. {} · {} · {}\n\n", ++number, ToString(f.severity), Esc(f.predicate),
                       Esc(Topic(f)));
    out << Esc(f.message) << "\n\n";
    out << fmt::format("Rule `{}` ({}), event {}, status {}{}, id `{}`\n\n", f.rule, f.kind,
                       f.event.empty() ? "unresolved" : Esc(f.event), Esc(f.status),
                       f.changed_since_review ? " (changed since review)" : "", f.id);
    if (!f.review_note.empty())
      out << "> " << Esc(f.review_note) << (f.reviewed_by.empty() ? "" : " — " + Esc(f.reviewed_by)) << "\n\n";
    out << "| value | article | position | modality | evidence |\n|---|---|---|---|---|\n";
    for (const auto& id : f.facts) {
      const Fact* x = r.FactById(id);
      if (!x) continue;
      const ArticleMeta* a = r.Article(x->article);
      Excerpt e = ExcerptOf(r, *x);
      std::string mod(ToString(x->modality));
      if (!x->source.empty()) mod += " by " + x->source;
      out << fmt::format("| {} | {} | {} | {} | {}**{}**{} |\n", Esc(DisplayValue(*x)),
                         Esc(a ? (a->title.empty() ? ShortName(a->path) : a->title) : x->article), Esc(Position(r, *x)),
                         Esc(mod), Esc(e.before), Esc(e.value), Esc(e.after));
    }
    out << "\n";
  }
  if (!r.corroborated.empty()) {
    out << "## Corroborated claims\n\n";
    for (const Claim& c : r.corroborated) {
      out << fmt::format("- **{}** of {}, event {}: {}\n", Esc(c.predicate), Esc(c.subject),
                         c.event.empty() ? "unresolved" : Esc(c.event), Esc(c.summary));
      for (const auto& n : c.notes) out << "  - " << Esc(n) << "\n";
    }
    out << "\n";
  }
  out << "## Articles\n\n| article | title | source | published | lang |\n|---|---|---|---|---|\n";
}

}  // namespace

std::unique_ptr<Printer> MarkdownPrinter(std::ostream& out) { return std::make_unique<Markdown>(out); }

}  // namespace cc::report
