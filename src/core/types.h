// Value types shared by every stage of the pipeline: articles, sentences, facts, findings,
// diagnostics. Plain aggregates with a total order (Key()), no I/O, no behaviour beyond
// formatting helpers, but for an article's byte map (OriginMap, origin.cpp). Every other
// folder may include this; this includes nothing of ours.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace cc {

// [begin, end) in bytes. Which text it indexes is said where a Span is stored.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool Overlaps(Span o) const { return begin < o.end && o.begin < end; }
  bool Contains(Span o) const { return begin <= o.begin && o.end <= end; }
  auto Key() const { return std::tie(begin, end); }
  bool operator==(const Span&) const = default;
};

// One sentence of an article; spans index Article::text (the normalized text).
struct Sentence {
  Span span;                // in Article::text
  uint32_t paragraph = 0;   // index into Article::paragraphs
};

// Where each byte of a normalized text came from: the Span of the original bytes that
// produced it, as a vector of one Span per byte would say, kept as runs. Most of a news text
// is copied byte for byte, one run for all of it; a byte that stands for other bytes (a
// quote for a curly one, a composed letter for its decomposed form, a line break for CR LF)
// maps to the whole span it came from, and so do the other bytes made from that span. A
// vector of Spans cost 8 bytes for every byte of text, written as the text was normalized.
class OriginMap {
 public:
  // Appends one byte that came from `s`.
  void Append(Span s);
  // Appends n bytes copied from the original bytes starting at `from`: byte k from
  // [from + k, from + k + 1).
  void AppendCopy(uint32_t from, uint32_t n);
  // Forgets the last byte's origin. Precondition: !empty().
  void PopBack();
  void Clear();
  // Clears and gives the memory back.
  void Release();

  // The origin of byte i. Precondition: i < size().
  Span operator[](uint32_t i) const;
  Span back() const { return (*this)[size_ - 1]; }
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t runs() const { return runs_.size(); }
  // The same origin for every byte. (The runs are canonical: a one-byte span always extends
  // or starts a copied run, so equal maps have equal runs.)
  bool operator==(const OriginMap& o) const { return size_ == o.size_ && runs_ == o.runs_; }

 private:
  struct Run {
    uint32_t at = 0;     // the run's first byte
    uint32_t begin = 0;  // copied: the original byte of `at`; else the span every byte maps to
    uint32_t end = 0;    // kCopied for a copied run
    bool operator==(const Run&) const = default;
  };
  static constexpr uint32_t kCopied = UINT32_MAX;
  std::vector<Run> runs_;
  uint32_t size_ = 0;
};

// An article after ingest. `raw` is the original bytes that spans in facts refer to (the file,
// or for JSONL the UTF-8 bytes of the `text` field); `text` is the normalized text the
// extractors read; `origin` maps every byte of `text` back to a Span of `raw`.
struct Article {
  std::string id;         // content hash of `raw` (16 hex digits), stable across runs
  std::string path;       // as given on the command line (JSONL: path:line)
  std::string given_id;   // the id its source gives it (a JSONL line's "id", a .txt header's "id:"), "" if none
  std::string title;
  std::string source;
  std::string url;
  std::string published;  // ISO 8601 date or date-time as given / detected, "" if unknown
  std::string lang;       // "id", "en", ... ("" = unknown)
  std::string raw;
  uint32_t body_begin = 0;        // where the body starts in `raw` (after a .txt header block)
  std::string text;
  OriginMap origin;               // origin[i] = bytes of `raw` that produced text[i]; one more at the end
  std::vector<Span> paragraphs;   // in `text`
  std::vector<Sentence> sentences;
  uint32_t dropped_boilerplate = 0;  // lines dropped as boilerplate
  uint32_t dropped_repeats = 0;      // paragraphs dropped as verbatim repeats
  uint32_t cut_sentences = 0;        // sentences over SegmentConfig::max_sentence_bytes, cut in pieces
  std::vector<Span> dropped;         // in `text`: those lines and paragraphs (for `rules explain`)

  // Maps a span of `text` back to the original bytes. Precondition: span within text.
  Span ToOriginal(Span s) const {
    if (s.begin >= s.end) return {origin[s.begin].begin, origin[s.begin].begin};
    return {origin[s.begin].begin, origin[s.end - 1].end};
  }
  std::string_view Text(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  std::string_view Raw(Span s) const { return std::string_view(raw).substr(s.begin, s.size()); }
};

// What reports and the store keep of an article: its metadata, not its text.
struct ArticleMeta {
  std::string id, path, title, source, url, published, lang;
  uint64_t bytes = 0;
  std::string given_id;  // Article::given_id
};

enum class Modality { kAsserted, kHedged, kReported };
std::string_view ToString(Modality m);
std::optional<Modality> ParseModality(std::string_view s);

enum class Severity { kInfo, kWarning, kError };
std::string_view ToString(Severity s);
std::optional<Severity> ParseSeverity(std::string_view s);
// One step less severe (error -> warning -> info).
Severity Lower(Severity s);

// What a fact's value is. The JSON report and the store write its name ("weekday", "date_range").
enum class FactType : uint8_t { kWeekday, kDate, kDateRange, kYear, kQuantity, kPercent, kCount, kPlace, kTransport, kEntity, kTime };
std::string_view ToString(FactType t);
std::optional<FactType> ParseFactType(std::string_view s);
// Every type's name, in enum order (what a rule file's `type:` may say).
const std::vector<std::string>& FactTypeNames();

// How a number was qualified in the text ("at least 40", "about 2,500", "up to 5").
enum class Bound { kExact, kAtLeast, kAtMost, kApprox };
std::string_view ToString(Bound b);
Bound ParseBound(std::string_view s);  // ToString's names back; kExact for any other

// A typed claim made by one article, with its evidence.
struct Fact {
  std::string id;          // stable: hash of article id, rule, predicate, span
  std::string article;     // Article::id
  std::string subject;     // canonical name ("Kim Jong Un") or a measure phrase
  std::string subject_key; // grouping key for subject (canonical, case-folded)
  std::string predicate;   // "departure_day", "border_length", "mentions_date", ...
  std::string value;       // normalized: "tuesday", "2019-04-24", "17", "Vladivostok", "train"
  FactType type = FactType::kEntity;
  std::string unit;        // canonical unit for numbers ("km", "%"), "" otherwise
  std::optional<double> number;  // numeric value in `unit`
  Bound bound = Bound::kExact;
  std::string qualifier;   // extra words kept with the value: "armoured", "afternoon", ...
  std::string event;       // event key, "" when unresolved
  Modality modality = Modality::kAsserted;
  std::string source;      // who the claim is attributed to ("KCNA"), "" if none
  std::string text;        // original bytes at `span`: raw[span] == text, always
  Span span;               // the value's bytes in Article::raw
  Span evidence;           // the whole match in Article::raw (for highlighting context)
  std::string sentence;    // the normalized sentence the fact came from
  uint32_t sentence_index = 0;
  uint32_t paragraph_index = 0;
  std::string rule;        // id of the extractor that made it
  std::optional<std::string> weekday;  // for dates written with a weekday, and weekday facts
  std::optional<std::string> date;     // ISO day the fact refers to, when known (may be --MM-DD)
  std::string anchor;      // how `date` was resolved: explicit|sentence|paragraph|published|article|""
  std::optional<int> year_offset;  // "tahun lalu" = -1: years from the published date; resolve turns
                                   // it into `date` and `value` (or drops the fact); never stored
  std::string occasion;  // "earlier" when its sentence speaks of an earlier occasion ("sebelumnya",
                         // "last year"): with no date of its own, its event is not the story's; never stored
  std::optional<int> day_offset;  // "kemarin" = -1: days from the published date; resolve turns it
                                  // into `date` and `value` (or drops the fact); never stored
  bool done_hedged = false;  // hedged in the perfect ("diduga telah berangkat", "is believed to
                             // have left"): about the past, so a weekday alone is the one
                             // before, not after (resolve); never stored
  std::string note;        // a caution for the editor about how the value is written ("", or why)
  std::string as_of;       // the moment a running figure is given for ("18:00"), "" if not said:
                           // tallies for different moments are updates, not contradictions
  bool fallback = false;   // made by a generic extractor (mentions_date, a generic claim): dropped
                           // when a specific extractor claims the same words
  std::string measure;     // a generic claim: the measured thing as written ("bunga utang", "kecepatan");
                           // a breakdown's member: its breakdown ("3.0 all"), its role in `subject`
  std::string context;     // a generic claim or a date: the stems of the words around the value, sorted,
                           // one space apart; two claims with the same words around them are aligned;
                           // a breakdown's member: the place of its last written digit ("10000")

  auto Key() const { return std::tie(article, span.begin, span.end, predicate, rule, id); }
};

// The value as a reader sees it: "17 km", "34%", "tuesday".
inline std::string DisplayValue(const Fact& f) {
  if (f.unit == "%") return f.value + "%";
  return f.unit.empty() ? f.value : f.value + " " + f.unit;
}

// The moment a fact is given for: its day (the start of a range) and `as_of` time, else the
// day and time of `published` (the article's published date[-time]); the time only when it
// is on that day. "2026-03-02T18:00", "2026-03-02" without a time, "" without a day.
inline std::string FactMoment(const Fact& f, std::string_view published) {
  std::string day = f.date && f.date->size() >= 10 && (*f.date)[0] != '-' ? f.date->substr(0, 10) : "";
  std::string time = f.as_of;
  // A published date that is a day ("2025-10-21", "2025-10-21T20:43"), not "2004/2005".
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  bool iso_day = published.size() >= 10 && published[4] == '-' && published[7] == '-' && digit(published[0]) &&
                 digit(published[3]) && digit(published[5]) && digit(published[6]) && digit(published[8]) && digit(published[9]);
  if (!iso_day) published = {};
  if (day.empty() && published.size() >= 10) day = std::string(published.substr(0, 10));
  if (time.empty() && published.size() >= 16 && published[10] == 'T' && published.substr(0, 10) == day)
    time = std::string(published.substr(11, 5));
  if (day.empty()) return "";
  return time.size() == 5 && time[2] == ':' ? day + "T" + time : day;
}

// A disagreement (or a rule violation) found among facts.
struct Finding {
  std::string id;          // stable: hash of rule, subject, predicate, event and fact ids
  std::string rule;        // check id
  std::string kind;        // agree|tolerance|range|calendar
  Severity severity = Severity::kError;
  std::string subject;
  std::string predicate;
  std::string event;
  std::vector<std::string> values;  // distinct normalized values involved, sorted
  std::vector<std::string> facts;   // fact ids, in fact order
  std::string message;
  std::string status = "open";  // the latest review decision: open|confirmed|dismissed|needs-info
  // What the finding is about, for its id: a pairwise check's group (subject, predicate,
  // event), so that a value added by a new article keeps the id; "" = the facts themselves.
  std::string about;
  std::string fingerprint;   // hash of the facts it is made of now
  // The fact partition the finding was made from (check/check.h PartKey): re-checking that
  // partition replaces it. Stored, not shown.
  std::string part;
  // The latest review, when there is one.
  std::string review_note, reviewed_by, reviewed_at;
  bool changed_since_review = false;  // its facts changed after the decision
  // In a report only: the ids of the same finding in copies of its article, shown as this one
  // (report::MergeCopies).
  std::vector<std::string> merged;

  // Most severe first; the strings by reference (sorting 222K findings copied them per comparison).
  auto Key() const {
    return std::tuple<int, const std::string&, const std::string&, const std::string&, const std::string&,
                      const std::string&>(-static_cast<int>(severity), predicate, subject, event, rule, id);
  }
};

// What the corpus says about one subject, predicate and event: each value with the articles
// that support it, ranked by independent support (copies of one article count once) and
// modality, and why, in words. Made by check/corroborate.cpp, shown by every report.
struct Claim {
  std::string subject, predicate, event;
  struct Support {
    std::string value;                  // as displayed ("17 km", "tuesday")
    std::vector<std::string> facts;     // one fact id per supporting article
    std::vector<std::string> articles;  // article ids
    size_t independent = 0;             // articles after folding near-duplicates together
    size_t asserted = 0, reported = 0, hedged = 0;
    std::vector<std::string> sources;   // named sources, sorted, distinct
  };
  std::vector<Support> values;  // best supported first
  std::vector<std::string> notes;  // cross-checks that hold ("13 September 2023 is a Wednesday, as 003 says")
  std::string summary;
};

// Where something is in a source file (rule files, inputs). Lines and columns are 1-based;
// 0 means unknown.
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;
};

// A user-facing problem with a location: a rule-file error, an unreadable input.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;     // short stable code: "bad-regex", "unknown-key", "invalid-utf8", ...
  SourceLoc loc;
  std::string message;  // lowercase start, no final period (LLVM style)
  std::string Format() const;  // "file:line:col: error[code]: message"
};

// A value or the diagnostics that prevented it.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(std::vector<Diagnostic> diags) : diags_(std::move(diags)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::optional<T> value_;
  std::vector<Diagnostic> diags_;
};

}  // namespace cc
