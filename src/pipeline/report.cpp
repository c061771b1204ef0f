#include "pipeline/report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "check/corroborate.h"
#include "core/text.h"
#include "pipeline/progress.h"

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

}  // namespace

report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer, bool claims, bool progress) {
  report::Report r;
  r.findings = db.Findings();
  // Articles stream from the store too; what is kept of each is its place in report order and
  // its label for the claims.
  auto order = std::make_shared<ArticleOrder>();
  std::unordered_map<std::string, std::string> labels;
  db.ForEachArticlePath([&](std::string_view id, std::string_view path) {
    order->emplace(id, static_cast<uint32_t>(order->size() + 1));
    if (claims) labels.emplace(id, ShortName(path));
  });
  r.article_count = order->size();
  r.each_article = [&db](const std::function<void(const ArticleMeta&)>& fn) { db.ForEachArticle(fn); };
  r.fetch_article = [&db](const std::string& id) -> std::optional<ArticleMeta> {
    auto found = db.ArticlesById({id});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  };
  // Every fact streams from the store when a writer lists them: a database can hold millions.
  r.fact_count = db.FactCount();
  r.each_fact = [&db, progress, total = r.fact_count](const std::function<void(const Fact&)>& fn) {
    ProgressClock clock;
    size_t n = 0;
    bool shown = false;
    db.ForEachFact({}, [&](const Fact& f) {
      fn(f);
      if (progress && ++n % 1024 == 0 && clock.Due()) {
        std::cerr << fmt::format("\rclaimcheck: report: {} of {} facts written", n, total) << std::flush;
        shown = true;
      }
    });
    if (shown) std::cerr << fmt::format("\rclaimcheck: report: {} of {} facts written\n", total, total);
  };
  r.facts = FindingFacts(db, r.findings, *order);
  // The articles the findings quote are kept, with their texts; any other is read when a
  // writer asks for it.
  std::set<std::string> quoted;
  for (const auto& f : r.facts) quoted.insert(f.article);
  r.articles = db.ArticlesById({quoted.begin(), quoted.end()});
  std::sort(r.articles.begin(), r.articles.end(), [&](const ArticleMeta& a, const ArticleMeta& b) { return order->at(a.id) < order->at(b.id); });
  // A chart's subject is read when the HTML writer draws it (in report order, as Facts()).
  r.fetch_subject_facts = [&db](const std::string& predicate, const std::string& key) { return db.FactsOfSubject(predicate, key); };
  for (const auto& a : r.articles) r.raw.emplace(a.id, db.Raw(a.id));
  r.fetch_raw = [&db](const std::string& id) { return db.Raw(id); };
  if (!claims) return r;
  check::DuplicateFinder copies;
  db.ForEachRaw([&copies](std::string_view id, std::string_view text) { copies.Add(id, text); });
  r.duplicate_of = copies.Copies();
  // Claims are made as a writer lists them, not held: a database has as many as subjects.
  struct ClaimMaker {
    std::shared_ptr<const ArticleOrder> order;
    std::map<std::string, std::string> groups;  // copies -> their first article
    check::Context ctx;
    std::vector<Fact> event_ends;
    Gazetteer places;  // the database's, when no rules were loaded
  };
  auto maker = std::make_shared<ClaimMaker>();
  maker->order = order;
  maker->groups = r.duplicate_of;
  maker->ctx.gazetteer = gazetteer;
  // Without rules (report, findings, facts), the places the last check knew: a claim's "lies
  // in" notes are the same whichever command writes the report.
  if (!gazetteer) {
    auto places = nlohmann::json::parse(db.Meta("places"), nullptr, /*allow_exceptions=*/false);
    try {
      if (places.is_object()) {
        maker->places = Gazetteer(places.get<std::map<std::string, std::string, std::less<>>>());
        maker->ctx.gazetteer = &maker->places;
      }
    } catch (const nlohmann::json::exception&) {  // not ours: no places, as before it was kept
    }
  }
  maker->ctx.article_label = std::move(labels);
  maker->event_ends = db.Facts({"event_end_day", "", ""});
  // A claim is one (predicate, subject, event): made a subject at a time, in the store's group
  // order, which is the order of Corroborate's keys; each subject's facts in report order, as
  // Corroborate over every fact would see them. (Facts without a subject make no claim: they
  // come in batches of 4096, for nothing.)
  r.each_claim = [&db, maker, progress, total = r.fact_count](const std::function<void(const Claim&)>& fn) {
    ProgressClock clock;
    size_t read = 0;
    bool shown = false;
    db.ForEachGroup(
        false, {}, 4096,
        [&](std::vector<Fact>& batch) {
          read += batch.size();
          if (progress && clock.Due()) {
            std::cerr << fmt::format("\rclaimcheck: report: claims from {} of {} facts", read, total) << std::flush;
            shown = true;
          }
          SortForReport(batch, *maker->order);
          auto made = check::Corroborate(batch, maker->groups, maker->ctx);
          check::NoteEventEnds(made, maker->event_ends, maker->ctx);
          for (const auto& c : made) fn(c);
        },
        /*sorted=*/false);
    if (shown) std::cerr << fmt::format("\rclaimcheck: report: claims from {} of {} facts\n", read, total);
  };
  return r;
}

}  // namespace cc::pipeline
