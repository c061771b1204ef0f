// Adding articles to a store: the inputs read file by file, each article extracted on worker
// threads and stored with its facts, in input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/types.h"
#include "ingest/ingest.h"
#include "pipeline/progress.h"
#include "pipeline/rules.h"
#include "store/store.h"

namespace cc::pipeline {

// Article id -> (label, published date): what the checks say about an article's source
// (the label: ArticleLabel, the article's own id else its file's short name).
using ArticleLabels = std::map<std::string, std::pair<std::string, std::string>>;

struct AddOptions {
  ingest::Limits limits;
  unsigned jobs = 1;                    // worker threads for extraction
  ProgressFn progress;                  // running counts (kStoring)
  std::vector<Fact>* touched = nullptr; // when given, gets the key fields (article, predicate,
                                        // subject key, type) of every fact added or replaced
  ArticleLabels* written = nullptr;     // when given, gets each stored article's label and date
  // With 2 jobs or more, the articles read but not stored yet, per job: at most this many,
  // and this much original text (past that, only the one being stored). A wide window lets
  // the extracting threads run ahead while storing is slow for a while (bench/RESULTS.md).
  size_t window_articles = 2048;
  size_t window_bytes = size_t{32} << 20;
  // The first bad input fails the run (else each is skipped and reported: AddStats::skipped).
  bool fail_fast = false;
  // An article that makes more facts keeps its first this many (in text order), and the run
  // says so (AddStats::capped): memory and the checks stay bounded on a hostile input.
  size_t max_article_facts = 20000;
};
struct AddStats {
  size_t articles = 0, facts = 0, bytes = 0;
  double read_seconds = 0, store_seconds = 0;
  double extract_seconds = 0;  // normalizing text included; summed over the worker threads
  size_t peak_articles = 0, peak_bytes = 0;  // the most articles, and bytes of their text, held at once
  std::vector<Diagnostic> skipped;   // the bad inputs (a file, a JSONL line) left out, one error each
  std::vector<Diagnostic> warnings;  // inputs read with a warning (not UTF-8, read as Windows-1252)
  size_t cut_sentences = 0;          // sentences over the byte limit, matched in pieces
  std::vector<Diagnostic> capped;    // articles over max_article_facts, one warning each
};
// Reads the inputs file by file and stores each article with its facts (extracted on `jobs`
// threads while reading and storing go on, stored in input order: the result does not depend
// on `jobs`). Memory holds the window of AddOptions. A bad input (a file, a JSONL line) is
// skipped and reported in AddStats::skipped, as ripgrep goes on past an unreadable file; with
// AddOptions::fail_fast, or when no input could be read at all, every problem is returned
// together instead and the caller rolls back what was stored. The same text twice is one article.
Result<AddStats> AddInputs(store::Store& db, const std::vector<std::string>& paths, const Rules& rules,
                           const AddOptions& opt, int64_t run);

}  // namespace cc::pipeline
