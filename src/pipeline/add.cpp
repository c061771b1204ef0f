#include "pipeline/add.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "core/ordered_pool.h"
#include "core/text.h"
#include "pipeline/article.h"

namespace cc::pipeline {

namespace {

// An article on its way from the reading thread, through an extracting thread, to the store.
struct Extracting {
  Article article;
  std::vector<Fact> facts;
  size_t made = 0;  // the facts extraction made, when over the cap (AddOptions::max_article_facts)
};

// Extracts one article. Storing needs only the original text, the metadata and the facts: the
// normalized text, its byte map and the sentences go now, not when the article is stored.
void Extract(Extracting& x, const Rules& rules, size_t max_facts) {
  x.facts = ProcessArticle(x.article, rules);
  if (x.facts.size() > max_facts) {  // in text order: the first ones are kept
    x.made = x.facts.size();
    x.facts.resize(max_facts);
  }
  Article& a = x.article;
  std::string().swap(a.text);
  a.origin.Release();
  std::vector<Span>().swap(a.paragraphs);
  std::vector<Sentence>().swap(a.sentences);
  std::vector<Span>().swap(a.dropped);
}

// When the storing thread has to wait, it waits until this many articles at the head are
// extracted (or all that are left, if fewer), not for each one: woken once per article, it
// cost ~3,000 context switches on the real news at -j 2.
constexpr size_t kStoreRun = 16;

}  // namespace

Result<AddStats> AddInputs(store::Store& db, const std::vector<std::string>& paths, const Rules& rules,
                           const AddOptions& opt, int64_t run) {
  auto files = ingest::ListInputs(paths);
  if (!files.ok()) return files.diagnostics();
  AddStats stats;
  std::vector<Diagnostic> diags;
  std::set<std::string> seen;
  // Articles in input order, extracted by `jobs` worker threads while this thread reads more
  // and stores the finished ones in order: reading and storing overlap with extraction. With
  // one job there are no threads: each article is extracted as soon as it is read.
  const unsigned jobs = std::max(1u, opt.jobs);
  OrderedPool<Extracting>::Options window;
  window.threads = opt.jobs > 1 ? opt.jobs : 0;
  window.max_items = std::max<size_t>(1, opt.window_articles) * jobs;
  window.max_weight = opt.window_bytes * jobs;
  window.wake_run = kStoreRun;
  OrderedPool<Extracting> queue(window, [&](Extracting& x, unsigned) { Extract(x, rules, opt.max_article_facts); }, [&](Extracting& x) {
    const Article& a = x.article;
    const std::vector<Fact>& facts = x.facts;
    stats.cut_sentences += a.cut_sentences;
    if (x.made) {
      Diagnostic& d = stats.capped.emplace_back();
      d.severity = Severity::kWarning;
      d.code = "too-many-facts";
      d.loc.file = a.path;
      d.message = fmt::format("{} facts, over the limit of {}: the first {} are kept (--max-article-facts)", x.made,
                              opt.max_article_facts, opt.max_article_facts);
    }
    if (opt.touched) {
      // What this run changes: the new facts and, for an article stored before, its old ones.
      auto keep = [&](const Fact& f) {
        Fact k;
        k.article = f.article;
        k.predicate = f.predicate;
        k.subject_key = f.subject_key;
        k.type = f.type;
        opt.touched->push_back(std::move(k));
      };
      for (const auto& f : db.FactsOfArticles({a.id})) keep(f);
      for (const auto& f : facts) keep(f);
    }
    db.PutArticle(a, facts, run);
    if (opt.written) (*opt.written)[a.id] = {ArticleLabel(a.given_id, a.path), a.published};
    ++stats.articles;
    stats.facts += facts.size();
    stats.bytes += a.raw.size();
    if (opt.progress) opt.progress({Progress::Stage::kStoring, stats.articles, stats.facts, 0, false});
  });
  const auto& list = files.value();
  for (size_t i = 0; i < list.size(); ++i) {
    // Articles go to the queue as they are read; after a bad input, files are read on only
    // to report every problem (the caller rolls back what was stored).
    auto t0 = std::chrono::steady_clock::now();
    double pushing = 0;
    // Normalized by ProcessArticle, on the extracting threads.
    auto found = ingest::ReadEach(list[i], opt.limits, [&](Article a) {
      if (!diags.empty() || !seen.insert(a.id).second) return;  // the same text twice is one article
      auto p0 = std::chrono::steady_clock::now();
      const size_t bytes = a.raw.size();
      queue.Push(Extracting{std::move(a), {}}, bytes);
      pushing += std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
    }, ingest::Normalized::kLater);
    stats.read_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() - pushing;
    for (auto& d : found) {
      if (d.severity != Severity::kError) stats.warnings.push_back(std::move(d));
      else if (opt.fail_fast) diags.push_back(std::move(d));
      else stats.skipped.push_back(std::move(d));
    }
  }
  // Nothing read at all (every input bad): the run fails, as with one bad input of one.
  if (diags.empty() && !stats.skipped.empty() && seen.empty()) diags = std::move(stats.skipped);
  if (diags.empty()) queue.Drain();
  stats.extract_seconds = queue.work_seconds();
  stats.store_seconds = queue.consume_seconds();
  stats.peak_articles = queue.peak_items();
  stats.peak_bytes = queue.peak_weight();
  if (opt.progress && stats.articles) opt.progress({Progress::Stage::kStoring, stats.articles, stats.facts, 0, true});
  if (!diags.empty()) return diags;
  return stats;
}

}  // namespace cc::pipeline
