#include "pipeline/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "check/corroborate.h"
#include "core/text.h"

namespace cc::pipeline {

namespace {

// Each article's place in report order (path, then id), from 1; 0 for an unknown article.
using ArticleOrder = std::unordered_map<std::string, uint32_t>;

// Sorts facts in report order: article path, then position in the article.
void SortForReport(std::vector<Fact>& facts, const ArticleOrder& order) {
  auto place = [&](const Fact& f) {
    auto it = order.find(f.article);
    return it == order.end() ? 0 : it->second;
  };
  store::SortFacts(facts, [&](const Fact& a, const Fact& b) {
    return std::make_tuple(place(a), std::string_view(a.article), a.span.begin, a.span.end, std::string_view(a.predicate), std::string_view(a.id)) <
           std::make_tuple(place(b), std::string_view(b.article), b.span.begin, b.span.end, std::string_view(b.predicate), std::string_view(b.id));
  });
}

// The facts a report quotes: those of the findings, in report order.
std::vector<Fact> FindingFacts(const store::Store& db, const std::vector<Finding>& findings, const ArticleOrder& order) {
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.facts.begin(), f.facts.end());
  std::vector<Fact> facts = db.FactsById({ids.begin(), ids.end()});
  SortForReport(facts, order);
  return facts;
}

// Makes the claims of a store a subject at a time, never all at once: a database has as many
// claims as subjects.
class ClaimMaker {
 public:
  ClaimMaker(const store::Store& db, const ArticleOrder& order, std::unordered_map<std::string, std::string> labels,
             const std::map<std::string, std::string>& duplicate_of, const Gazetteer* gazetteer)
      : db_(db), order_(order), groups_(duplicate_of) {
    ctx_.gazetteer = gazetteer;
    // Without rules (report, findings, facts), the places the last check knew: a claim's "lies
    // in" notes are the same whichever command writes the report.
    if (!gazetteer) {
      auto places = nlohmann::json::parse(db.Meta("places"), nullptr, /*allow_exceptions=*/false);
      try {
        if (places.is_object()) {
          auto names = nlohmann::json::parse(db.Meta("place_names"), nullptr, /*allow_exceptions=*/false);
          std::optional<std::set<std::string, std::less<>>> known;
          if (names.is_array()) known = names.get<std::set<std::string, std::less<>>>();
          places_ = Gazetteer(places.get<std::map<std::string, std::string, std::less<>>>(), std::move(known));
          ctx_.gazetteer = &places_;
        }
      } catch (const nlohmann::json::exception&) {  // not ours: no places, as before it was kept
      }
    }
    ctx_.article_label = std::move(labels);
    event_ends_ = db.Facts({"event_end_day", "", ""});
  }

  // Every claim, one (predicate, subject, event) each: made a subject at a time, in the store's
  // group order, which is the order of Corroborate's keys; each subject's facts in report order,
  // as Corroborate over every fact would see them. (Facts without a subject make no claim: they
  // come in batches of 4096, for nothing.) `total`: the facts in the store, for the progress.
  template <typename Fn>
  void ForEach(const Fn& fn, const ProgressFn& progress, size_t total) {
    size_t read = 0;
    db_.ForEachGroup(
        false, {}, 4096,
        [&](std::vector<Fact>& batch) {
          read += batch.size();
          if (progress) progress({Progress::Stage::kReportClaims, read, 0, total, false});
          SortForReport(batch, order_);
          auto made = check::Corroborate(batch, groups_, ctx_);
          check::NoteEventEnds(made, event_ends_, ctx_);
          for (const auto& c : made) fn(c);
        },
        /*sorted=*/false);
    if (progress) progress({Progress::Stage::kReportClaims, read, 0, total, true});
  }

 private:
  const store::Store& db_;
  const ArticleOrder& order_;
  std::map<std::string, std::string> groups_;  // copies -> their first article
  check::Context ctx_;
  std::vector<Fact> event_ends_;
  Gazetteer places_;  // the database's, when no rules were loaded
};

// The timelines of the report's findings, from their subjects' facts, read a subject at a time
// (the findings come sorted by predicate and subject) with their articles.
void MakeTimelines(const store::Store& db, report::Report& r) {
  std::pair<std::string, std::string> subject;  // (predicate, subject key) of `facts`
  std::vector<Fact> facts;
  std::map<std::string, ArticleMeta> articles;
  auto article = [&](const std::string& id) -> const ArticleMeta* {
    if (const ArticleMeta* held = r.Article(id)) return held;
    auto it = articles.find(id);
    return it == articles.end() ? nullptr : &it->second;
  };
  for (const auto& f : r.findings) {
    const Fact* first = nullptr;
    for (const auto& id : f.facts)
      if ((first = r.FactById(id))) break;
    if (!first || f.facts.size() < 2 || first->subject_key.empty()) continue;  // nothing moves
    if (subject != std::pair(first->predicate, first->subject_key)) {
      subject = {first->predicate, first->subject_key};
      facts = db.FactsOfSubject(first->predicate, first->subject_key);
      std::set<std::string> ids;
      for (const auto& x : facts)
        if (!r.Article(x.article)) ids.insert(x.article);
      articles.clear();
      for (auto& a : db.ArticlesById({ids.begin(), ids.end()})) articles.emplace(a.id, std::move(a));
    }
    report::Timeline t = report::MakeTimeline(f, *first, facts, article);
    if (t.points.size() >= 2) r.timelines.emplace(f.id, std::move(t));
  }
}

// A report and what listing the rest of the store needs: each article's place in report order
// and its label.
struct Made {
  report::Report report;
  ArticleOrder order;
  std::unordered_map<std::string, std::string> labels;  // for the claims
};

Made Make(const store::Store& db, const report::Printer::Needs& needs, const ReportOptions& opt) {
  Made m;
  report::Report& r = m.report;
  const bool claims = needs.claims || needs.corroborated;
  if (opt.findings) r.findings = db.Findings();
  db.ForEachArticlePath(
      [&](std::string_view id, std::string_view, std::string_view label) {
        m.order.emplace(id, static_cast<uint32_t>(m.order.size() + 1));
        if (claims) m.labels.emplace(id, label);
      },
      claims);
  r.article_count = m.order.size();
  r.fact_count = db.FactCount();
  r.facts = FindingFacts(db, r.findings, m.order);
  // The articles the report names, and the texts of those its findings quote.
  std::set<std::string> quoted, named;
  for (const auto& f : r.facts) quoted.insert(f.article);
  named = quoted;
  // The copies: for the printers that name them, for claims (a copy counts once), and for
  // findings (one per copy group: MergeCopies).
  if (needs.duplicates || claims || !r.findings.empty()) {
    check::DuplicateFinder copies;
    db.ForEachRaw([&copies](std::string_view id, std::string_view text) { copies.Add(id, text); });
    r.duplicate_of = copies.Copies();
    if (needs.duplicates)
      for (const auto& [copy, original] : r.duplicate_of) named.insert({copy, original});
  }
  r.articles = db.ArticlesById({named.begin(), named.end()});
  std::sort(r.articles.begin(), r.articles.end(),
            [&](const ArticleMeta& a, const ArticleMeta& b) { return m.order.at(a.id) < m.order.at(b.id); });
  report::MergeCopies(r);
  if (!needs.duplicates && !claims) r.duplicate_of.clear();  // as before for the printers that do not name them
  for (const auto& id : quoted) r.raw.emplace(id, db.Raw(id));
  if (needs.timelines) MakeTimelines(db, r);
  if (needs.corroborated) {
    // (A printer that lists the claims too makes them again: none does.)
    ClaimMaker maker(db, m.order, needs.claims ? m.labels : std::move(m.labels), r.duplicate_of, opt.gazetteer);
    maker.ForEach([&](const Claim& c) {
      if (report::Corroborated(c)) r.corroborated.push_back(c);
    }, opt.progress, r.fact_count);
  }
  return m;
}

// An article's metadata and text, read once for the run of facts that quotes it.
class ArticleReader {
 public:
  ArticleReader(const store::Store& db, const report::Report& r) : db_(db), r_(r) {}
  // The article and its text (null when there is no such article); valid until the next call.
  std::pair<const ArticleMeta*, const std::string*> Get(const std::string& id) {
    if (const ArticleMeta* held = r_.Article(id)) {
      const std::string* text = r_.Raw(id);
      if (!text) text = Fetched(id);
      return {held, text};
    }
    if (id != article_id_) {
      article_id_ = id;
      auto found = db_.ArticlesById({id});
      article_ = found.empty() ? std::nullopt : std::optional<ArticleMeta>(std::move(found.front()));
    }
    if (!article_) return {nullptr, nullptr};
    return {&*article_, Fetched(id)};
  }

 private:
  const std::string* Fetched(const std::string& id) {
    if (id != raw_id_ || !raw_) {
      raw_id_ = id;
      raw_ = db_.Raw(id);
    }
    return &*raw_;
  }
  const store::Store& db_;
  const report::Report& r_;
  std::string article_id_, raw_id_;
  std::optional<ArticleMeta> article_;
  std::optional<std::string> raw_;
};

}  // namespace

report::Report MakeReport(const store::Store& db, const report::Printer::Needs& needs, const ReportOptions& opt) {
  return Make(db, needs, opt).report;
}

report::Report PrintReport(const store::Store& db, report::Printer& p, const ReportOptions& opt) {
  const report::Printer::Needs needs = p.needs();
  Made m = Make(db, needs, opt);
  const report::Report& r = m.report;
  p.Begin(r);
  if (needs.articles) db.ForEachArticle([&](const ArticleMeta& a) { p.OnArticle(a); });
  if (needs.facts) {
    ArticleReader articles(db, r);
    size_t n = 0;
    db.ForEachFact(opt.facts, [&](const Fact& f) {
      if (needs.fact_texts) {
        auto [a, text] = articles.Get(f.article);
        p.OnFact(f, a, text);
      } else {
        p.OnFact(f, nullptr, nullptr);
      }
      if (opt.progress && ++n % 1024 == 0) opt.progress({Progress::Stage::kReportFacts, n, 0, r.fact_count, false});
    });
    if (opt.progress) opt.progress({Progress::Stage::kReportFacts, r.fact_count, 0, r.fact_count, true});
  }
  if (needs.claims) {
    ClaimMaker maker(db, m.order, std::move(m.labels), r.duplicate_of, opt.gazetteer);
    maker.ForEach([&](const Claim& c) { p.OnClaim(c); }, opt.progress, r.fact_count);
  }
  p.End();
  return std::move(m.report);
}

}  // namespace cc::pipeline
