#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/text.h"

namespace cc::report {

const ArticleMeta* Report::Article(const std::string& id) const {
  if (indexed_articles_ != articles.data() || article_index_.size() != articles.size()) {
    indexed_articles_ = articles.data();
    article_index_.clear();
    for (size_t i = 0; i < articles.size(); ++i) article_index_.emplace(articles[i].id, i);
  }
  auto it = article_index_.find(id);
  return it == article_index_.end() ? nullptr : &articles[it->second];
}

const Fact* Report::FactById(const std::string& id) const {
  if (indexed_facts_ != facts.data() || fact_index_.size() != facts.size()) {
    indexed_facts_ = facts.data();
    fact_index_.clear();
    for (size_t i = 0; i < facts.size(); ++i) fact_index_.emplace(facts[i].id, i);
  }
  auto it = fact_index_.find(id);
  return it == fact_index_.end() ? nullptr : &facts[it->second];
}

const std::string* Report::Raw(const std::string& id) const {
  auto it = raw.find(id);
  return it == raw.end() ? nullptr : &it->second;
}

bool Corroborated(const Claim& c) { return (!c.values.empty() && c.values.front().independent >= 2) || !c.notes.empty(); }

void Print(const Report& r, const Listing& all, Printer& p) {
  const Printer::Needs needs = p.needs();
  p.Begin(r);
  if (needs.articles)
    for (const auto& a : all.articles) p.OnArticle(a);
  if (needs.facts) {
    std::map<std::string, const ArticleMeta*> by_id;
    for (const auto& a : all.articles) by_id.emplace(a.id, &a);
    for (const auto& f : all.facts) {
      const ArticleMeta* a = nullptr;
      const std::string* text = nullptr;
      if (needs.fact_texts) {
        auto it = by_id.find(f.article);
        a = it != by_id.end() ? it->second : r.Article(f.article);
        auto t = all.raw.find(f.article);
        text = t != all.raw.end() ? &t->second : r.Raw(f.article);
      }
      p.OnFact(f, a, text);
    }
  }
  if (needs.claims)
    for (const auto& c : all.claims) p.OnClaim(c);
  p.End();
}

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  if (name == "csv") return Format::kCsv;
  if (name == "claimreview") return Format::kClaimReview;
  return std::nullopt;
}

std::vector<std::string> FormatNames() { return {"text", "json", "md", "html", "csv", "claimreview"}; }

std::unique_ptr<Printer> MakePrinter(Format f, std::ostream& out, const WriteOptions& opt) {
  switch (f) {
    case Format::kText: return TextPrinter(out, opt);
    case Format::kJson: return JsonPrinter(out);
    case Format::kMarkdown: return MarkdownPrinter(out);
    case Format::kHtml: return HtmlPrinter(out);
    case Format::kCsv: return CsvPrinter(out);
    case Format::kClaimReview: return ClaimReviewPrinter(out);
  }
  return nullptr;
}

namespace {
// Moves `i` back/forward to a code point boundary.
size_t Back(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}
}  // namespace

Excerpt ExcerptOf(const Report& r, const Fact& f, size_t context) {
  const std::string* text = r.Raw(f.article);
  if (!text || f.span.end > text->size()) return {"", f.text, ""};
  std::string_view raw = *text;
  // Context stays within the paragraph (line) of the value.
  size_t line_b = raw.rfind('\n', f.span.begin == 0 ? 0 : f.span.begin - 1);
  line_b = (line_b == std::string_view::npos || f.span.begin == 0) ? 0 : line_b + 1;
  size_t line_e = raw.find('\n', f.span.end);
  if (line_e == std::string_view::npos) line_e = raw.size();
  size_t b = f.span.begin > line_b + context ? Back(raw, f.span.begin - context) : line_b;
  size_t e = f.span.end + context < line_e ? Back(raw, f.span.end + context) : line_e;
  Excerpt x;
  x.before = Squeeze(raw.substr(b, f.span.begin - b));
  if (!raw.substr(b, f.span.begin - b).empty() && (raw[f.span.begin - 1] == ' ')) x.before += ' ';
  x.value = std::string(raw.substr(f.span.begin, f.span.size()));
  x.after = std::string(raw.substr(f.span.end, e - f.span.end));
  bool lead_space = !x.after.empty() && x.after[0] == ' ';
  x.after = Squeeze(x.after);
  if (lead_space) x.after.insert(x.after.begin(), ' ');  // (not " " + ...: GCC 12's -Wrestrict false positive)
  if (b > line_b) x.before = "..." + x.before;
  if (e < line_e) x.after += "...";
  return x;
}

std::string Position(const Fact& f, const ArticleMeta* article, const std::string* raw) {
  std::string name = article ? ShortName(article->path) : f.article;
  if (!raw) return fmt::format("{}@{}", name, f.span.begin);
  auto [line, col] = LineCol(*raw, f.span.begin);
  return fmt::format("{}:{}:{}", name, line, col);
}

std::string Position(const Report& r, const Fact& f) {
  return Position(f, r.Article(f.article), r.Raw(f.article));
}

std::string Topic(const Finding& f) {
  if (!f.subject.empty()) return f.subject;
  if (f.kind == "calendar") return "a weekday that does not match its date";
  if (f.kind == "range") return "a value outside its range";
  return "(no subject)";
}

std::string Summary(const Report& r) {
  int errors = 0, warnings = 0, infos = 0;
  for (const auto& f : r.findings) {
    if (f.severity == Severity::kError) ++errors;
    else if (f.severity == Severity::kWarning) ++warnings;
    else ++infos;
  }
  auto plural = [](size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); };
  std::vector<std::string> parts;
  if (errors) parts.push_back(plural(static_cast<size_t>(errors), "error", "errors"));
  if (warnings) parts.push_back(plural(static_cast<size_t>(warnings), "warning", "warnings"));
  if (infos) parts.push_back(fmt::format("{} info", infos));  // the severity's own name, as findings show it
  return fmt::format("{}, {}, {}{}", plural(r.article_count, "article", "articles"),
                     plural(r.fact_count, "fact", "facts"), plural(r.findings.size(), "finding", "findings"),
                     parts.empty() ? "" : " (" + Join(parts, ", ") + ")");
}

void MergeCopies(Report& r) {
  if (r.duplicate_of.empty()) return;
  // The findings about one article, with the first article of its copy group.
  struct One {
    size_t i;
    std::string article, group;
  };
  std::vector<One> ones;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    std::string article;
    bool one = !r.findings[i].facts.empty();
    for (const auto& id : r.findings[i].facts) {
      const Fact* fact = r.FactById(id);
      one = fact && (article.empty() || fact->article == article);
      if (!one) break;
      article = fact->article;
    }
    if (!one) continue;
    auto copy = r.duplicate_of.find(article);
    ones.push_back({i, article, copy == r.duplicate_of.end() ? article : copy->second});
  }
  // The original's finding is the one kept, where it has one; else the first in report order.
  std::stable_partition(ones.begin(), ones.end(), [](const One& o) { return o.article == o.group; });
  std::map<std::tuple<std::string, std::vector<std::string>, std::string>, size_t> kept;
  std::map<size_t, std::vector<std::string>> copies;  // kept finding -> the copies' labels
  std::vector<bool> drop(r.findings.size());
  for (const One& o : ones) {
    const Finding& f = r.findings[o.i];
    auto [it, fresh] = kept.emplace(std::make_tuple(f.rule, f.values, o.group), o.i);
    if (fresh) continue;
    Finding& first = r.findings[it->second];
    first.facts.insert(first.facts.end(), f.facts.begin(), f.facts.end());
    first.merged.push_back(f.id);
    const ArticleMeta* a = r.Article(o.article);
    copies[it->second].push_back(a ? ArticleLabel(a->given_id, a->path) : o.article);
    drop[o.i] = true;
  }
  for (const auto& [i, labels] : copies) {
    std::string names;
    for (const auto& l : labels) names += (names.empty() ? "" : ", ") + l;
    r.findings[i].message += fmt::format(" (the same in its {} {})", labels.size() == 1 ? "copy" : "copies", names);
  }
  size_t n = 0;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    if (drop[i]) continue;
    if (n != i) r.findings[n] = std::move(r.findings[i]);
    ++n;
  }
  r.findings.resize(n);
}

}  // namespace cc::report
