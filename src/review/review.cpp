#include "review/review.h"

#include <fmt/format.h>

#include <istream>
#include <ostream>
#include <set>

#include "core/text.h"

namespace cc::review {

namespace {

// Who decided, for a decision recorded without a name (no --editor and no login name known).
constexpr const char* kNoEditor = "an editor not recorded";

bool Involves(const report::Report& r, const Finding& f, const std::string& article) {
  for (const auto& id : f.facts) {
    const Fact* x = r.FactById(id);
    if (!x) continue;
    const ArticleMeta* a = r.Article(x->article);
    if (x->article == article || (a && (a->path == article || ShortName(a->path) == article || (!a->given_id.empty() && a->given_id == article)))) return true;
  }
  return false;
}

std::string StatusText(const Finding& f) {
  return f.changed_since_review ? f.status + ", changed since review" : f.status;
}

}  // namespace

report::Report Evidence(const store::Store& db, const std::vector<const Finding*>& findings, bool text) {
  report::Report r;
  std::set<std::string> fact_ids, article_ids;
  for (const Finding* f : findings) fact_ids.insert(f->facts.begin(), f->facts.end());
  r.facts = db.FactsById({fact_ids.begin(), fact_ids.end()});
  for (const auto& x : r.facts) article_ids.insert(x.article);
  r.articles = db.ArticlesById({article_ids.begin(), article_ids.end()});
  if (text)
    for (const auto& a : r.articles) r.raw[a.id] = db.Raw(a.id);
  return r;
}

std::vector<const Finding*> Select(const report::Report& r, const Filter& flt) {
  std::optional<Severity> min;
  if (!flt.severity.empty()) min = ParseSeverity(flt.severity);
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (!flt.status.empty() && !(flt.status == "changed" ? f.changed_since_review : f.status == flt.status)) continue;
    if (min && f.severity < *min) continue;
    if (!flt.predicate.empty() && f.predicate != flt.predicate) continue;
    if (!flt.article.empty() && !Involves(r, f, flt.article)) continue;
    out.push_back(&f);
  }
  return out;
}

const Finding* Find(const report::Report& r, const std::string& id, std::string& error) {
  if (id.size() < 4) {
    error = fmt::format("'{}': give at least 4 characters of the finding id", id);
    return nullptr;
  }
  const Finding* found = nullptr;
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
    if (StartsWith(f.id, id)) {
      if (found) {
        error = fmt::format("'{}' matches more than one finding; give more of the id", id);
        return nullptr;
      }
      found = &f;
    }
  }
  if (!found) error = fmt::format("no finding with id '{}' (see 'claimcheck review list')", id);
  return found;
}

void PrintList(std::ostream& out, const report::Report& r, const std::vector<const Finding*>& findings) {
  (void)r;
  for (const Finding* f : findings)
    out << fmt::format("{}  {:<7}  {:<28}  {} of {}: {}\n", f->id, ToString(f->severity), StatusText(*f), f->predicate,
                       f->subject.empty() ? "-" : f->subject, Join(f->values, " vs "));
  out << fmt::format("{} finding{}\n", findings.size(), findings.size() == 1 ? "" : "s");
}

void PrintShow(std::ostream& out, const report::Report& r, const Finding& f) {
  out << fmt::format("{} [{}] {}\n{}\n\n", ToString(f.severity), f.rule, f.id, f.message);
  out << fmt::format("{} of {}, event {}\n", f.predicate, f.subject.empty() ? "-" : f.subject,
                     f.event.empty() ? "unresolved" : f.event);
  for (const auto& id : f.facts) {
    const Fact* x = r.FactById(id);
    if (!x) continue;
    const ArticleMeta* a = r.Article(x->article);
    out << fmt::format("\n  {}  {}  ({}{})\n", DisplayValue(*x), report::Position(r, *x), ToString(x->modality),
                       x->source.empty() ? "" : " by " + x->source);
    if (a) {
      out << fmt::format("    article: {}\n", a->title.empty() ? ShortName(a->path) : a->title);
      std::vector<std::string> meta;
      if (!a->source.empty()) meta.push_back(a->source);
      if (!a->published.empty()) meta.push_back("published " + a->published);
      if (!a->url.empty()) meta.push_back(a->url);
      if (!meta.empty()) out << "    " << Join(meta, ", ") << "\n";
    }
    if (x->date) out << fmt::format("    refers to {} ({})\n", *x->date, x->anchor.empty() ? "as written" : x->anchor);
    if (!x->as_of.empty()) out << fmt::format("    as of {}\n", x->as_of);
    if (!x->note.empty()) out << fmt::format("    note: {}\n", x->note);
    auto e = report::ExcerptOf(r, *x, 240);
    out << "    \"" << e.before << "[" << e.value << "]" << e.after << "\"\n";
  }
  out << fmt::format("\nstatus: {}", StatusText(f));
  if (!f.reviewed_at.empty())
    out << fmt::format(" (by {} at {})", f.reviewed_by.empty() ? kNoEditor : f.reviewed_by, f.reviewed_at);
  out << "\n";
  if (!f.review_note.empty()) out << "note: " << f.review_note << "\n";
}

void PrintHistory(std::ostream& out, const std::vector<store::Review>& history) {
  if (history.empty()) out << "no decisions yet\n";
  for (const auto& h : history)
    out << fmt::format("{}  {:<10}  {}{}\n    values then: {}\n", h.at, h.status, h.by.empty() ? kNoEditor : h.by,
                       h.note.empty() ? "" : ": " + h.note, Join(h.values, " vs "));
}

size_t Walk(std::istream& in, std::ostream& out, store::Store& db, const report::Report& r, const std::string& by) {
  std::vector<const Finding*> todo;
  for (const auto& f : r.findings)
    if (f.status == "open" || f.changed_since_review) todo.push_back(&f);
  size_t decided = 0, i = 0;
  for (const Finding* f : todo) {
    ++i;
    out << fmt::format("\n── {} of {} ──────────────────────────────────────────\n", i, todo.size());
    PrintShow(out, Evidence(db, {f}), *f);
    std::string note = f->review_note;
    for (;;) {
      out << "\n[c]onfirm  [d]ismiss  needs-[i]nfo  [n]ote  [s]kip  [q]uit > " << std::flush;
      std::string line;
      if (!std::getline(in, line)) return decided;
      std::string cmd(Trim(line));
      if (cmd == "q") return decided;
      if (cmd == "s" || cmd.empty()) break;
      if (cmd == "n") {
        out << "note: " << std::flush;
        if (!std::getline(in, note)) return decided;
        continue;
      }
      const char* status = cmd == "c" ? "confirmed" : cmd == "d" ? "dismissed" : cmd == "i" ? "needs-info" : nullptr;
      if (!status) {
        out << "unknown key '" << cmd << "'\n";
        continue;
      }
      db.AddReview(f->id, status, note, by);
      ++decided;
      out << fmt::format("{}: {}\n", f->id, status);
      break;
    }
  }
  out << fmt::format("\nno more open findings; {} decision{} recorded\n", decided, decided == 1 ? "" : "s");
  return decided;
}

}  // namespace cc::review
