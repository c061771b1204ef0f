// `rules explain` and `rules list`: what the engine does with a text, and what is loaded.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

#include "authoring/authoring.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"

namespace cc::authoring {

void Explain(std::ostream& out, Article& a, const pipeline::Rules& rules) {
  ingest::Segment(a, rules.segment);
  std::vector<extract::Match> trace;
  auto facts = rules.engine->Extract(a, &trace);
  resolve::Resolve(a, facts);
  out << fmt::format("article: {}\nlanguage: {}{}\npublished: {}\nsentences: {}, facts: {}\n", a.path.empty() ? "(text)" : a.path,
                     a.lang.empty() ? "unknown" : a.lang, a.lang.empty() ? " (language-neutral rules only)" : "",
                     a.published.empty() ? "unknown" : a.published, a.sentences.size(), facts.size());
  std::map<uint32_t, std::vector<const extract::Match*>> by_sentence;
  for (const auto& m : trace) by_sentence[m.sentence].push_back(&m);
  std::map<uint32_t, std::vector<const Fact*>> facts_by;
  for (const auto& f : facts) facts_by[f.sentence_index].push_back(&f);
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    auto ms = by_sentence.find(si);
    auto fs = facts_by.find(si);
    if (ms == by_sentence.end() && fs == facts_by.end()) continue;
    out << fmt::format("\n[{}] {}\n", si + 1, Squeeze(a.Text(a.sentences[si].span)));
    if (ms != by_sentence.end()) {
      for (const auto* m : ms->second) {
        if (!m->groups.empty() || m->reason.empty()) {
          out << fmt::format("  {} matched \"{}\"\n", m->rule, m->text);
          for (const auto& [g, t] : m->groups) out << fmt::format("      {} = \"{}\"\n", g, t);
        }
        if (!m->reason.empty()) out << fmt::format("    dropped ({}): \"{}\": {}\n", m->rule, m->text, m->reason);
      }
    }
    if (fs != facts_by.end()) {
      for (const Fact* f : fs->second) {
        std::vector<std::string> parts;
        for (const char* k : {"subject", "unit", "bound", "qualifier", "modality", "source", "date", "anchor", "event", "as_of"}) {
          std::string v = FactField(*f, k);
          if (v.empty() || (std::string(k) == "bound" && v == "exact") || (std::string(k) == "modality" && v == "asserted")) continue;
          parts.push_back(fmt::format("{}={}", k, v));
        }
        out << fmt::format("  => fact {} = {}  [{}]  {}  (\"{}\")\n", f->predicate, f->value, f->rule, Join(parts, " "), f->text);
      }
    }
  }
  if (!a.dropped.empty()) {
    out << "\ndropped before extraction (boilerplate lines, repeated paragraphs):\n";
    for (Span s : a.dropped) {
      std::string t = Squeeze(a.Text(s));
      if (t.size() > 100) t = t.substr(0, 97) + "...";
      if (!t.empty()) out << "  - " << t << "\n";
    }
  }
}

void List(std::ostream& out, const RulePack& pack) {
  struct Row {
    std::string pack, kind, id, lang, status, predicate, examples, note;
  };
  std::vector<Row> rows;
  for (const auto& x : pack.extractors) {
    size_t pos = std::count_if(x.examples.begin(), x.examples.end(), [](const RuleExample& e) { return !e.none; });
    rows.push_back({x.pack, "extractor", x.id, x.lang, x.status, x.predicate,
                    fmt::format("+{} -{}", pos, x.examples.size() - pos),
                    x.overrides.file.empty() ? "" : "overrides " + x.overrides.file});
  }
  for (const auto& c : pack.checks) {
    size_t pos = std::count_if(c.examples.begin(), c.examples.end(), [](const CheckExample& e) { return e.finding; });
    rows.push_back({c.pack, "check:" + c.kind, c.id, "any", c.status,
                    c.predicates.empty() ? (!c.type ? "(all)" : "(type " + std::string(ToString(*c.type)) + ")") : Join(c.predicates, ","),
                    fmt::format("+{} -{}", pos, c.examples.size() - pos),
                    c.overrides.file.empty() ? "" : "overrides " + c.overrides.file});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return std::tie(a.pack, a.kind) < std::tie(b.pack, b.kind); });
  Row head{"PACK", "KIND", "ID", "LANG", "STATUS", "PREDICATE", "EXAMPLES", ""};
  std::vector<size_t> w(7, 0);
  auto cols = [](const Row& r) { return std::vector<std::string>{r.pack, r.kind, r.id, r.lang, r.status, r.predicate, r.examples}; };
  for (const auto& r : rows) {
    auto c = cols(r);
    for (size_t i = 0; i < c.size(); ++i) w[i] = std::max(w[i], CodePoints(c[i]));
  }
  auto h = cols(head);
  for (size_t i = 0; i < h.size(); ++i) w[i] = std::max(w[i], h[i].size());
  auto print = [&](const Row& r) {
    auto c = cols(r);
    std::string line;
    for (size_t i = 0; i < c.size(); ++i) line += fmt::format("{:<{}}  ", c[i], w[i]);
    line += r.note;
    out << std::string(Trim(line)) << "\n";
  };
  print(head);
  for (const auto& r : rows) print(r);
  size_t xs = pack.extractors.size(), cs = pack.checks.size(), lex = pack.lexicons.size();
  out << fmt::format("\n{} extractors, {} checks, {} lexicons from {} files\n", xs, cs, lex, pack.files.size());
}

}  // namespace cc::authoring
