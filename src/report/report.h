// Reports: a Report is the findings of a corpus and what they quote, as plain values; a Printer,
// one per format, is a sink that is fed a Report and then the corpus's listings (every article,
// fact and claim, which a database may hold millions of) one element at a time. Output is
// deterministic (findings in the store's order: severity, predicate, subject; facts by article
// and position), so that reports diff cleanly. No I/O beyond the given stream.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/types.h"

namespace cc::report {

// A finding's values over time: a number against the moment it is given for (a running tally),
// or a claimed day against the day the article was published (a departure day). Each point is
// one fact of the finding's subject, predicate and event; `conflict`: one of the finding's.
struct Timeline {
  struct Point {
    double x, y;  // x: minutes since 1970; y: the number, or the claimed day in minutes since 1970
    std::string label;  // "tuesday · 003_d6"
    bool conflict;
  };
  bool numeric = false;  // y is a number, not a day
  std::vector<Point> points;  // in the order of the facts
};
// The timeline of finding `f` from every fact of its subject and predicate (`subject_facts`,
// in report order); `first` is the first of the finding's facts, `article` finds a fact's
// article (null when unknown). Fewer than two points when it draws nothing: a finding of one
// fact, or without a subject, or whose facts cannot be placed.
Timeline MakeTimeline(const Finding& f, const Fact& first, const std::vector<Fact>& subject_facts,
                      const std::function<const ArticleMeta*(const std::string&)>& article);

// What the printers show besides the listings. It grows with the findings, not with the
// corpus. Made in one place for a store (pipeline/report.cpp, which fills only what the printer
// asks for: Printer::Needs); tests make it by hand.
struct Report {
  std::vector<Finding> findings;  // in report order (severity, predicate, subject)
  // The facts the findings quote, in report order (article path, then position in it).
  std::vector<Fact> facts;
  // The articles the report names: those of `facts` and of `duplicate_of`, in report order
  // (path).
  std::vector<ArticleMeta> articles;
  // Article id -> original text (what spans index), for the articles of `facts`.
  std::map<std::string, std::string> raw;
  std::map<std::string, std::string> duplicate_of;  // article id -> the article it copies
  // The claims worth showing a reader (Corroborated), in the order they were made.
  std::vector<Claim> corroborated;
  // Finding id -> where its values lie in time (MakeTimeline), for those with two points or more.
  std::map<std::string, Timeline> timelines;
  size_t article_count = 0, fact_count = 0;  // in the whole corpus, for the summary line

  // Look-ups by id; null when the report does not hold it. The indexes are built on first use
  // (and again when the vectors were reassigned).
  const ArticleMeta* Article(const std::string& id) const;
  const Fact* FactById(const std::string& id) const;
  const std::string* Raw(const std::string& id) const;

 private:
  mutable std::map<std::string, size_t> article_index_, fact_index_;
  mutable const void* indexed_articles_ = nullptr;  // the vectors' data when indexed:
  mutable const void* indexed_facts_ = nullptr;     // a reassigned vector is indexed again
};

// Copies of one article (Report::duplicate_of) make the same finding about their own text, one
// per copy: the same slip three times. A finding whose facts are all in one article, made with
// the same rule and values in other copies of that article, is shown once: the first in report
// order takes the others' facts, names the copies in its message and lists their ids in
// Finding::merged; the others leave the report (not the store, where each is reviewed).
// Needs the report's findings, facts, articles and duplicate_of.
void MergeCopies(Report& r);

// Whether a claim is worth showing a reader: a value from two or more independent articles, or
// a cross-check that holds.
bool Corroborated(const Claim& c);

// A printer (a sink): fed Begin(report), then every article, every fact and every claim of the
// corpus (those its Needs ask for, in that order), then End. It writes as it is fed.
class Printer {
 public:
  // What a printer needs beyond the report's findings, facts, articles, texts and counts.
  struct Needs {
    bool articles = false;      // OnArticle: every article, in report order
    bool facts = false;         // OnFact: every fact, in report order
    bool fact_texts = false;    // ... with its article and original text (for its position)
    bool claims = false;        // OnClaim: every claim (check::Corroborate's)
    bool duplicates = false;    // Report::duplicate_of
    bool corroborated = false;  // Report::corroborated
    bool timelines = false;     // Report::timelines
  };
  virtual ~Printer() = default;
  virtual Needs needs() const = 0;
  virtual void Begin(const Report& r) = 0;  // `r` outlives the printer's use of it
  virtual void OnArticle(const ArticleMeta& a) { (void)a; }
  // `article` and `raw`: the fact's article and its original text, when asked for
  // (Needs::fact_texts) and known; else null.
  virtual void OnFact(const Fact& f, const ArticleMeta* article, const std::string* raw) {
    (void)f, (void)article, (void)raw;
  }
  virtual void OnClaim(const Claim& c) { (void)c; }
  virtual void End() {}
};

// A corpus's listings held in memory: for a corpus small enough to hold, and for tests.
struct Listing {
  std::vector<ArticleMeta> articles;        // in report order
  std::vector<Fact> facts;                  // in report order
  std::vector<Claim> claims;
  std::map<std::string, std::string> raw;  // article id -> original text, for positions
};
// Feeds `p` the report and then what it needs of `all`, in Printer's order.
void Print(const Report& r, const Listing& all, Printer& p);

enum class Format { kText, kJson, kMarkdown, kHtml, kCsv, kClaimReview };
std::optional<Format> ParseFormat(std::string_view name);
std::vector<std::string> FormatNames();

struct WriteOptions {
  bool color = false;       // ANSI colors (text format)
  bool show_facts = false;  // text: list every fact after the findings
};

// The printer of a format, writing to `out` (which must outlive it).
std::unique_ptr<Printer> MakePrinter(Format f, std::ostream& out, const WriteOptions& opt = {});
std::unique_ptr<Printer> TextPrinter(std::ostream& out, const WriteOptions& opt);
std::unique_ptr<Printer> JsonPrinter(std::ostream& out);
std::unique_ptr<Printer> MarkdownPrinter(std::ostream& out);
std::unique_ptr<Printer> HtmlPrinter(std::ostream& out);
std::unique_ptr<Printer> CsvPrinter(std::ostream& out);
std::unique_ptr<Printer> ClaimReviewPrinter(std::ostream& out);  // confirmed and dismissed findings

// Helpers shared by the printers.
// Text for HTML, every markup character escaped; a link only to an http(s) URL, else the text.
std::string HtmlEscape(std::string_view s);
std::string HtmlLink(const std::string& url, const std::string& text);
struct Excerpt {
  std::string before, value, after;  // original text around a fact, whitespace squeezed
};
Excerpt ExcerptOf(const Report& r, const Fact& f, size_t context_chars = 90);
// "003_d6.txt:9:96": the fact's article and line and column in its original text; the
// article's id when it is unknown, "name@offset" when its text is.
std::string Position(const Fact& f, const ArticleMeta* article, const std::string* raw);
std::string Position(const Report& r, const Fact& f);  // of a fact whose article the report holds
std::string Summary(const Report& r);  // "5 articles, 63 facts, 1 finding (1 error)"
// What a finding is about, for its heading: its subject, else what its kind checks ("a weekday
// that does not match its date").
std::string Topic(const Finding& f);

}  // namespace cc::report
