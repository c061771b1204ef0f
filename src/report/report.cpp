#include "report/report.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace cc::report {

const ArticleMeta* Report::Article(const std::string& id) const {
  if (indexed_articles_ != articles.data() || article_index_.size() != articles.size()) {
    indexed_articles_ = articles.data();
    article_index_.clear();
    for (size_t i = 0; i < articles.size(); ++i) article_index_.emplace(articles[i].id, i);
  }
  auto it = article_index_.find(id);
  if (it != article_index_.end()) return &articles[it->second];
  if (!fetch_article) return nullptr;
  const auto& fetched = fetched_article_.Get(id, [&] { return fetch_article(id); });
  return fetched ? &*fetched : nullptr;
}

void Report::ForEachArticle(const std::function<void(const ArticleMeta&)>& fn) const {
  if (each_article) {
    each_article(fn);
    return;
  }
  for (const auto& a : articles) fn(a);
}

void Report::ForEachFact(const std::function<void(const Fact&)>& fn) const {
  if (each_fact) {
    each_fact(fn);
    return;
  }
  for (const auto& f : facts) fn(f);
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
  if (auto it = raw.find(id); it != raw.end()) return &it->second;
  if (!fetch_raw || !Article(id)) return nullptr;
  return &fetched_raw_.Get(id, [&] { return fetch_raw(id); });
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

void Write(const Report& r, Format f, std::ostream& out, const WriteOptions& opt) {
  switch (f) {
    case Format::kText: WriteText(r, out, opt); break;
    case Format::kJson: WriteJson(r, out); break;
    case Format::kMarkdown: WriteMarkdown(r, out); break;
    case Format::kHtml: WriteHtml(r, out); break;
    case Format::kCsv: WriteCsv(r, out); break;
    case Format::kClaimReview: WriteClaimReview(r, out); break;
  }
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

std::string Position(const Report& r, const Fact& f) {
  const ArticleMeta* a = r.Article(f.article);
  std::string name = a ? ShortName(a->path) : f.article;
  const std::string* text = r.Raw(f.article);
  if (!text) return fmt::format("{}@{}", name, f.span.begin);
  auto [line, col] = LineCol(*text, f.span.begin);
  return fmt::format("{}:{}:{}", name, line, col);
}

const std::vector<Fact>& Report::SubjectFacts(const std::string& predicate, const std::string& subject_key) const {
  return subject_facts_.Get({predicate, subject_key}, [&] {
    if (fetch_subject_facts) return fetch_subject_facts(predicate, subject_key);
    std::vector<Fact> out;
    for (const auto& f : facts)
      if (f.predicate == predicate && f.subject_key == subject_key) out.push_back(f);
    return out;
  });
}

void Report::ForEachClaim(const std::function<void(const Claim&)>& fn) const {
  if (each_claim) {
    each_claim(fn);
    return;
  }
  for (const auto& c : claims) fn(c);
}

std::vector<const Claim*> Report::Corroborated() const {
  auto worth = [](const Claim& c) { return (!c.values.empty() && c.values.front().independent >= 2) || !c.notes.empty(); };
  std::vector<const Claim*> out;
  if (each_claim) {
    if (!corroborated_made_) {
      each_claim([&](const Claim& c) {
        if (worth(c)) corroborated_.push_back(c);
      });
      corroborated_made_ = true;
    }
    for (const auto& c : corroborated_) out.push_back(&c);
    return out;
  }
  for (const auto& c : claims)
    if (worth(c)) out.push_back(&c);
  return out;
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
  if (infos) parts.push_back(plural(static_cast<size_t>(infos), "note", "notes"));
  return fmt::format("{}, {}, {}{}", plural(r.ArticleCount(), "article", "articles"),
                     plural(r.FactCount(), "fact", "facts"), plural(r.findings.size(), "finding", "findings"),
                     parts.empty() ? "" : " (" + Join(parts, ", ") + ")");
}

}  // namespace cc::report
