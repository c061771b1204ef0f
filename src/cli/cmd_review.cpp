// `claimcheck review list|show|set|history|next` and `claimcheck report`: the editor's
// commands on a database written by `check --db`. src/review does the work.
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/output.h"
#include "pipeline/report.h"
#include "core/text.h"
#include "review/review.h"

namespace po = boost::program_options;

namespace cc::cli {

namespace {

const char* kReviewUsage = R"(usage: claimcheck review <command> --db FILE [options]

Work through findings and record editorial decisions. Decisions are kept in the database,
appended and never overwritten; they survive re-running 'check' and adding articles (a
finding whose values changed after the decision is marked "changed since review").

commands:
  list                 findings with their status (filter: --status, --severity, --predicate, --article)
  show ID              one finding: every quoted sentence in context, titles, sources, dates
  set ID --status S    record a decision: confirmed, dismissed, needs-info or open
                       (--note TEXT, --editor NAME; default: your login name)
  history ID           every decision on a finding
  next                 walk the open findings one at a time in the terminal

ID is a finding id or its first characters (at least 4).
)";

struct Opts {
  std::string db, status, severity, predicate, article, note, editor, by, format = "text", output;
  std::vector<std::string> positional;
};

int Parse(const std::string& name, const std::string& synopsis, const Args& args, Opts& o, po::options_description extra) {
  po::options_description opts(synopsis + "\n\noptions");
  opts.add_options()("help,h", "show this help")("db", po::value(&o.db), "the database written by 'claimcheck check --db FILE'");
  opts.add(extra);
  po::variables_map vm;
  return ParseOptions(name, opts, args, vm, o.positional);
}

// Who decides when --editor is not given: the login name of the terminal's session, else
// $LOGNAME or $USER, else the account of the real user id; "" when none is known (a container
// running as a user id that has no account and no such variables).
std::string LoginName() {
  char buf[256] = {};
  if (::getlogin_r(buf, sizeof buf) == 0 && buf[0]) return buf;
  for (const char* var : {"LOGNAME", "USER"})
    if (const char* v = std::getenv(var); v && *v) return v;
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> scratch(16384);
  if (::getpwuid_r(::getuid(), &pw, scratch.data(), scratch.size(), &found) == 0 && found && found->pw_name &&
      found->pw_name[0])
    return found->pw_name;
  return "";
}

// The options that name who decides: --editor, and --by, its older name.
void AddEditor(po::options_description& extra, Opts& o) {
  extra.add_options()
      ("editor", po::value(&o.editor), "who decides (default: your login name)")
      ("by", po::value(&o.by), "the same as --editor");
}

}  // namespace

int RunReview(const Args& args) {
  if (args.empty()) {
    std::cerr << kReviewUsage;
    return 2;
  }
  const std::string sub = args.front();
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::cout << kReviewUsage;
    return 0;
  }
  Args rest(args.begin() + 1, args.end());
  Opts o;
  po::options_description extra;
  std::string synopsis;
  size_t want_ids = 0;
  if (sub == "list") {
    synopsis = "claimcheck review list --db FILE [options]\n\nLists findings with their review status.";
    extra.add_options()
        ("status", po::value(&o.status), "open, confirmed, dismissed, needs-info, or changed (changed since review)")
        ("severity", po::value(&o.severity), "at least: error, warning, info")
        ("predicate", po::value(&o.predicate), "only this predicate (departure_day, deaths, ...)")
        ("article", po::value(&o.article), "only findings quoting this article (id, path or name)");
  } else if (sub == "show" || sub == "history") {
    synopsis = "claimcheck review " + sub + " ID --db FILE\n\n" +
               (sub == "show" ? "Shows one finding with every quoted sentence in context." : "Lists every decision on a finding, oldest first.");
    want_ids = 1;
  } else if (sub == "set") {
    synopsis = "claimcheck review set ID --status S --db FILE [--note TEXT] [--editor NAME]\n\nRecords a decision on a finding.";
    extra.add_options()
        ("status", po::value(&o.status), "confirmed, dismissed, needs-info or open")
        ("note", po::value(&o.note), "why (kept with the decision)");
    AddEditor(extra, o);
    want_ids = 1;
  } else if (sub == "next") {
    synopsis = "claimcheck review next --db FILE [--editor NAME]\n\nWalks the open findings one at a time: c confirm, d dismiss,\n"
               "i needs-info, n note, s skip, q quit (each followed by Enter).";
    AddEditor(extra, o);
  } else {
    return UsageError("review", "unknown command '" + sub + "' (expected list, show, set, history or next)");
  }
  if (int rc = Parse("review " + sub, synopsis, rest, o, extra); rc >= 0) return rc;
  if (o.positional.size() != want_ids)
    return UsageError("review " + sub, want_ids ? "give one finding ID" : "unexpected argument '" + o.positional.front() + "'");
  if (!o.editor.empty() && !o.by.empty() && o.editor != o.by)
    return UsageError("review " + sub, "--editor and --by name different editors (--by is the older name of --editor)");
  if (o.editor.empty()) o.editor = o.by;
  if (sub == "next" && !::isatty(STDIN_FILENO)) {
    std::cerr << "claimcheck: review next: standard input is not a terminal; record decisions with "
                 "'claimcheck review set ID --status S' instead\n";
    return 2;
  }
  auto st = OpenExisting("review " + sub, o.db);
  if (!st) return 2;
  if ((sub == "set" || sub == "next") && o.editor.empty()) {
    o.editor = LoginName();
    if (o.editor.empty())
      std::cerr << "claimcheck: review " << sub << ": who decides is unknown (no --editor, and no login name: "
                << "no $LOGNAME, no $USER, no account for this user id); decisions are recorded without a name\n";
  }
  // The findings; the facts and articles only of those shown (or filtered by article).
  report::Report r;
  r.findings = st->Findings();
  if (sub == "list") {
    static const std::set<std::string> kStatuses = {"", "open", "confirmed", "dismissed", "needs-info", "changed"};
    if (!kStatuses.count(o.status)) return UsageError("review list", "unknown --status '" + o.status + "'");
    if (!o.severity.empty() && !ParseSeverity(o.severity)) return UsageError("review list", "unknown --severity '" + o.severity + "'");
    if (!o.article.empty()) {
      std::vector<const Finding*> all;
      for (const auto& f : r.findings) all.push_back(&f);
      report::Report ev = review::Evidence(*st, all, /*text=*/false);
      r.facts = std::move(ev.facts);
      r.articles = std::move(ev.articles);
    }
    review::PrintList(std::cout, r, review::Select(r, {o.status, o.severity, o.predicate, o.article}));
    return 0;
  }
  if (sub == "next") {
    review::Walk(std::cin, std::cout, *st, r, o.editor);
    return 0;
  }
  std::string error;
  const Finding* f = review::Find(r, o.positional.front(), error);
  if (sub == "history" && !f) {  // a finding no longer produced still has its history
    auto h = st->History(o.positional.front());
    if (h.empty()) {
      std::cerr << "claimcheck: " << error << "\n";
      return 2;
    }
    review::PrintHistory(std::cout, h);
    return 0;
  }
  if (!f) {
    std::cerr << "claimcheck: " << error << "\n";
    return 2;
  }
  if (sub == "show") {
    review::PrintShow(std::cout, review::Evidence(*st, {f}), *f);
  } else if (sub == "history") {
    review::PrintHistory(std::cout, st->History(f->id));
  } else {  // set
    if (o.status.empty()) return UsageError("review set", "--status is required (confirmed, dismissed, needs-info or open)");
    st->AddReview(f->id, o.status, o.note, o.editor);
    std::cout << fmt::format("{}: {}{}\n", f->id, o.status, o.note.empty() ? "" : " (" + o.note + ")");
  }
  return 0;
}

int RunReport(const Args& args) {
  Opts o;
  po::options_description extra;
  extra.add_options()
      ("format,f", po::value(&o.format), "text, md, html, json, csv or claimreview (default: text)")
      ("output,o", po::value(&o.output), "write to FILE (default: standard output)");
  if (int rc = Parse("report",
                     "claimcheck report --db FILE [--format F] [-o FILE]\n\n"
                     "Writes the report of a database: findings with their review status and notes,\n"
                     "the evidence of each value, corroborated claims, the articles. 'claimreview'\n"
                     "exports confirmed and dismissed findings as schema.org ClaimReview JSON-LD.",
                     args, o, extra);
      rc >= 0)
    return rc;
  if (!o.positional.empty()) return UsageError("report", "unexpected argument '" + o.positional.front() + "'");
  auto kind = report::ParseFormat(o.format);
  if (!kind) return UsageError("report", fmt::format("unknown format '{}' (expected one of: {})", o.format, Join(report::FormatNames(), ", ")));
  auto st = OpenExisting("report", o.db);
  if (!st) return 2;
  report::WriteOptions wo;
  wo.color = o.output.empty() && StdoutIsTerminal();
  pipeline::ReportOptions ro;
  if (ShowReportProgress(o.output)) ro.progress = TerminalProgress();
  WriteOutput(o.output, [&](std::ostream& out) { pipeline::PrintReport(*st, *report::MakePrinter(*kind, out, wo), ro); });
  return 0;
}

}  // namespace cc::cli
