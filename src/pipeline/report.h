// Where a report is made: the report of everything in a store, for the writers of src/report.
#pragma once

#include "core/gazetteer.h"
#include "report/report.h"
#include "store/store.h"

namespace cc::pipeline {

// The report of everything in the store; with the gazetteer, claims note which places lie
// in which.
// `claims` = false skips corroboration and near-duplicate detection (review commands).
// `progress`: running counts on stderr while the claims are made and the facts written (a
// report of millions of facts takes minutes).
report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer = nullptr, bool claims = true,
                           bool progress = false);

}  // namespace cc::pipeline
