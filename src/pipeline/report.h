// Where a report is made: the report of a store (report::Report, plain values) fed to a
// printer with the listings it asks for, streamed from the store.
#pragma once

#include "core/gazetteer.h"
#include "pipeline/progress.h"
#include "report/report.h"
#include "store/store.h"

namespace cc::pipeline {

struct ReportOptions {
  // The places for the claims' "lies in" notes: the rules' gazetteer; null: the places the
  // store's last check knew (so the notes are the same whichever command writes the report).
  const Gazetteer* gazetteer = nullptr;
  bool findings = true;      // false: no findings, nor the facts and texts they quote
  store::FactFilter facts;   // the facts listed (Printer::OnFact); every fact by default
  ProgressFn progress;       // running counts of the facts listed and read for the claims
};

// What `needs` asks of the store's report: the findings, the facts and texts they quote and
// the articles the report names, the counts, and (when asked) the copies, the corroborated
// claims and the timelines. Its size follows the findings, not the corpus.
report::Report MakeReport(const store::Store& db, const report::Printer::Needs& needs, const ReportOptions& opt = {});

// Makes the report `p` needs and feeds it to `p`, then every article, fact and claim it asks
// for, read from the store as they are printed: memory never holds the corpus (a database can
// hold millions of facts). Returns the report.
report::Report PrintReport(const store::Store& db, report::Printer& p, const ReportOptions& opt = {});

}  // namespace cc::pipeline
