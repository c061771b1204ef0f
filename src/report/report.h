// Report writers: one per format, each taking a Report and an ostream. Output is
// deterministic (findings sorted by severity, predicate, subject; facts by article and
// position) so that reports diff cleanly. No I/O beyond the given stream.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/types.h"

namespace cc::report {

struct Report {
  // The articles, in report order (path). A report of a database holds here only those whose
  // facts its findings quote, lists every article through `each_article` (`article_count` of
  // them), and reads any other through `fetch_article` when a writer asks (Article).
  std::vector<ArticleMeta> articles;
  std::function<void(const std::function<void(const ArticleMeta&)>&)> each_article;
  size_t article_count = 0;
  std::function<std::optional<ArticleMeta>(const std::string& id)> fetch_article;
  // The facts the writers look up (FactById) and chart: every fact, in report order (article
  // path, then position), unless `each_fact` is set. A report of a database (millions of
  // facts) holds only the findings' facts here, streams every fact from the store through
  // `each_fact`, in that order, `fact_count` of them, and reads a subject's facts for a chart
  // through `fetch_subject_facts` (SubjectFacts).
  std::vector<Fact> facts;
  std::function<void(const std::function<void(const Fact&)>&)> each_fact;
  size_t fact_count = 0;
  std::function<std::vector<Fact>(const std::string& predicate, const std::string& subject_key)> fetch_subject_facts;
  std::vector<Finding> findings;
  // Article id -> original text, for positions and excerpts. A report of a database holds here
  // only the texts of the articles its findings quote, and reads any other article's through
  // `fetch_raw` when a writer asks (Raw): listed facts come article by article, so one text is
  // kept at a time and memory does not grow with the corpus.
  std::map<std::string, std::string> raw;
  std::function<std::string(const std::string& id)> fetch_raw;
  // What the corpus supports (check/corroborate). A report of a database holds none here and
  // makes them as a writer lists them, through `each_claim`, a subject at a time.
  std::vector<Claim> claims;
  std::function<void(const std::function<void(const Claim&)>&)> each_claim;
  std::map<std::string, std::string> duplicate_of;  // article id -> the article it copies

  // Every claim (`each_claim`, else `claims`).
  void ForEachClaim(const std::function<void(const Claim&)>& fn) const;
  // Claims worth showing a reader: a value from two or more independent articles, or a
  // cross-check that holds. With `each_claim`, made once and only these kept.
  std::vector<const Claim*> Corroborated() const;

  // Every fact of one predicate about one subject, in report order: fetched (the last
  // subject's are kept: findings come sorted by predicate and subject), else from `facts`.
  // Valid until the next call.
  const std::vector<Fact>& SubjectFacts(const std::string& predicate, const std::string& subject_key) const;

  // Every article in report order (`each_article`, else `articles`), and how many.
  void ForEachArticle(const std::function<void(const ArticleMeta&)>& fn) const;
  size_t ArticleCount() const { return each_article ? article_count : articles.size(); }

  // Every fact in report order (`each_fact`, else `facts`), and how many.
  void ForEachFact(const std::function<void(const Fact&)>& fn) const;
  size_t FactCount() const { return each_fact ? fact_count : facts.size(); }

  // Lookups by id; the index is built on first use (reports can hold millions of facts). An
  // article not held but fetched is valid until Article is next asked for another one.
  const ArticleMeta* Article(const std::string& id) const;
  const Fact* FactById(const std::string& id) const;
  // An article's original text: from `raw`, else fetched when the article is in `articles`;
  // null if neither has it. Valid until the next call.
  const std::string* Raw(const std::string& id) const;

 private:
  // What a fetch gave for the last key asked: fetched again only when the key changes.
  template <typename Key, typename Value>
  struct LastFetched {
    std::optional<std::pair<Key, Value>> kept;
    template <typename Fetch>
    const Value& Get(const Key& key, const Fetch& fetch) {
      if (!kept || kept->first != key) kept.emplace(key, fetch());
      return kept->second;
    }
  };
  mutable LastFetched<std::string, std::optional<ArticleMeta>> fetched_article_;
  mutable LastFetched<std::string, std::string> fetched_raw_;
  mutable LastFetched<std::pair<std::string, std::string>, std::vector<Fact>> subject_facts_;
  mutable std::vector<Claim> corroborated_;  // Corroborated() of each_claim, once made
  mutable bool corroborated_made_ = false;
  mutable std::map<std::string, size_t> article_index_, fact_index_;
  mutable const void* indexed_articles_ = nullptr;  // the vectors' data when indexed:
  mutable const void* indexed_facts_ = nullptr;     // a reassigned vector is indexed again
};

enum class Format { kText, kJson, kMarkdown, kHtml, kCsv, kClaimReview };
std::optional<Format> ParseFormat(std::string_view name);
std::vector<std::string> FormatNames();

struct WriteOptions {
  bool color = false;       // ANSI colors (text format)
  bool show_facts = false;  // text: list every fact after the findings
};

void Write(const Report& r, Format f, std::ostream& out, const WriteOptions& opt = {});
void WriteText(const Report& r, std::ostream& out, const WriteOptions& opt);
void WriteJson(const Report& r, std::ostream& out);
void WriteMarkdown(const Report& r, std::ostream& out);
void WriteHtml(const Report& r, std::ostream& out);
void WriteCsv(const Report& r, std::ostream& out);
void WriteClaimReview(const Report& r, std::ostream& out);  // confirmed and dismissed findings

// Internal helpers shared by the writers.
struct Excerpt {
  std::string before, value, after;  // original text around a fact, whitespace squeezed
};
Excerpt ExcerptOf(const Report& r, const Fact& f, size_t context_chars = 90);
std::string Position(const Report& r, const Fact& f);  // "003_d6.txt:9:96"
std::string Summary(const Report& r);                   // "5 articles, 63 facts, 1 finding (1 error)"

}  // namespace cc::report
