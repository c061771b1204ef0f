// `rules lint`: the checks that need the whole pack, and compiler-style printing of every
// diagnostic (the loader's and ours) with the source line and a caret.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "authoring/authoring.h"
#include "core/text.h"
#include "rules/loader.h"

namespace cc::authoring {
namespace {

// True when `re` can match the empty string somewhere: tried at every position of a few
// probe strings (RE2 has no direct query for it).
bool MatchesEmpty(const RE2& re) {
  static const char* kProbes[] = {"", " ", "a", "1", "a b", "x.", "Rabu, 24 April 2019."};
  for (const char* p : kProbes) {
    std::string_view s(p);
    for (size_t pos = 0; pos <= s.size(); ++pos) {
      re2::StringPiece m;
      if (re.Match(s, pos, s.size(), RE2::UNANCHORED, &m, 1) && m.empty()) return true;
    }
  }
  return false;
}

// `{name}` references in a pattern.
void References(std::string_view pattern, std::set<std::string>& out) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
      continue;
    }
    if (pattern[i] != '{') continue;
    size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) return;
    out.insert(std::string(pattern.substr(i + 1, close - i - 1)));
  }
}

Diagnostic Make(Severity sev, std::string code, SourceLoc loc, std::string msg) {
  return {sev, std::move(code), std::move(loc), std::move(msg)};
}

}  // namespace

std::vector<Diagnostic> Lint(const RulePack& pack) {
  std::vector<Diagnostic> out;
  // Patterns that match nothing at all: every sentence would make a fact (or, for boilerplate,
  // every line would be dropped).
  for (const auto& x : pack.extractors) {
    if (x.regex && MatchesEmpty(*x.regex))
      out.push_back(Make(Severity::kError, "empty-match", x.pattern_loc.line ? x.pattern_loc : x.loc,
                         fmt::format("extractor '{}': the pattern can match the empty string", x.id)));
  }
  for (const auto& lex : pack.lexicons)
    for (const auto& e : lex.entries)
      if (e.regex && MatchesEmpty(*e.regex))
        out.push_back(Make(Severity::kError, "empty-match", e.loc,
                           fmt::format("lexicon '{}': the pattern can match the empty string", lex.name)));
  // Lexicons nothing reads.
  std::set<std::string> used = rules::BuiltinLexicons();
  for (const auto& x : pack.extractors) {
    References(x.pattern, used);
    for (const auto& how : x.subject_from)
      if (size_t colon = how.find(':'); colon != std::string::npos) used.insert(how.substr(colon + 1));
  }
  for (const auto& [name, body] : pack.macros) References(body, used);
  for (const auto& lex : pack.lexicons)
    for (const auto& e : lex.entries) References(e.pattern, used);
  for (const auto& lex : pack.lexicons)
    if (!used.count(lex.name))
      out.push_back(Make(Severity::kWarning, "unused-lexicon", lex.loc,
                         fmt::format("lexicon '{}' is never used: no pattern writes {{{}}} and the engine does not read it",
                                     lex.name, lex.name)));
  // Entries whose forms another entry of the same lexicon already claims: lookups give the
  // first, so the later entry never applies on those words.
  std::map<std::pair<std::string, std::string>, std::map<std::string, const LexiconEntry*>> forms;  // (name, lang)
  for (const auto& lex : pack.lexicons) {
    // (Places are checked by the loader, with ISO's: duplicate-place-form.)
    if (lex.name == "attribution" || lex.name == "boilerplate" || lex.name == "place") continue;
    auto& seen = forms[{lex.name, lex.lang}];
    for (const auto& e : lex.entries) {
      std::vector<std::string> taken;
      for (const auto& f : e.forms) {
        auto [it, fresh] = seen.emplace(Fold(f), &e);
        if (!fresh && it->second->value != e.value) taken.push_back(f);
      }
      if (taken.empty()) continue;
      bool all = taken.size() == e.forms.size();
      out.push_back(Make(Severity::kWarning, all ? "unused-entry" : "duplicate-form", e.loc,
                         fmt::format("lexicon '{}': {} of '{}' {} already {} of another entry, which wins",
                                     lex.name, all ? "every form" : fmt::format("'{}'", Join(taken, "', '")), e.value,
                                     all ? "is" : (taken.size() == 1 ? "is" : "are"), all ? "a form" : "forms")));
    }
  }
  // Checks about predicates nothing produces.
  std::set<std::string> produced;
  bool generic = false;  // generic claims produce "<predicate>.<dimension>"
  for (const auto& x : pack.extractors) {
    produced.insert(x.predicate);
    generic = generic || !x.generic.empty();
  }
  for (const auto& c : pack.checks)
    for (const auto& p : c.predicates)
      if (!produced.count(p) && !(generic && p.find('.') != std::string::npos && produced.count(p.substr(0, p.find('.')))))
        out.push_back(Make(Severity::kWarning, "no-producer", c.loc,
                           fmt::format("check '{}': no extractor produces predicate '{}', so the check never fires", c.id, p)));
  // Status and examples.
  for (const auto& x : pack.extractors) {
    size_t pos = std::count_if(x.examples.begin(), x.examples.end(), [](const RuleExample& e) { return !e.none; });
    size_t neg = x.examples.size() - pos;
    if (x.status == "stable" && (pos == 0 || neg == 0))
      out.push_back(Make(Severity::kError, "untested-stable", x.loc,
                         fmt::format("extractor '{}' is stable but has {} positive and {} negative examples (needs both)",
                                     x.id, pos, neg)));
    else if (x.examples.empty())
      out.push_back(Make(Severity::kWarning, "no-examples", x.loc, fmt::format("extractor '{}' has no examples", x.id)));
  }
  for (const auto& c : pack.checks) {
    size_t pos = std::count_if(c.examples.begin(), c.examples.end(), [](const CheckExample& e) { return e.finding; });
    size_t neg = c.examples.size() - pos;
    if (c.status == "stable" && (pos == 0 || neg == 0))
      out.push_back(Make(Severity::kError, "untested-stable", c.loc,
                         fmt::format("check '{}' is stable but has {} 'expect: finding' and {} 'expect: none' examples (needs both)",
                                     c.id, pos, neg)));
    else if (c.examples.empty())
      out.push_back(Make(Severity::kWarning, "no-examples", c.loc, fmt::format("check '{}' has no examples", c.id)));
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.column) < std::tie(b.loc.file, b.loc.line, b.loc.column);
  });
  return out;
}

std::string_view Hint(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kHints = {
      {"unknown-key", "check the spelling; the message lists the keys allowed here"},
      {"wrong-type", "see the key reference in rules/README.md for the shape this key takes"},
      {"missing-field", "add the field; rules/README.md says which fields each rule needs"},
      {"duplicate-id", "rename one of the two; to replace a shipped rule, put yours in a separate --rules directory"},
      {"bad-regex", "patterns are RE2: no backreferences or lookaround; escape literal ( ) [ ] { } . with a backslash"},
      {"unmapped-group", "give the group a role under 'groups', or make it non-capturing: (?:...)"},
      {"missing-group", "name the group in the pattern as (?P<name>...), or remove it from 'groups'"},
      {"unknown-macro", "define it under 'macros' or as a lexicon, or write a literal brace as \\{"},
      {"bad-role", "use one of the roles listed; rules/README.md says what each one does"},
      {"bad-value", "use one of the values listed in the message"},
      {"unknown-kind", "use one of the check kinds listed; a new kind needs C++ (src/check)"},
      {"yaml-syntax", "check the indentation; quote patterns with single quotes when they contain ': ', '#' or start with {"},
      {"unknown-place", "add the parent place to the 'place' lexicon, or fix its spelling"},
      {"place-cycle", "a place cannot contain itself; fix one of the 'parent' entries"},
      {"duplicate-place-form", "a name stands for one place: remove it from one of them, or link the place to the ISO one with 'iso: CODE'"},
      {"missing-iso-codes", "install Debian's iso-codes package (apt-get install iso-codes), or remove 'iso_3166' from the rule file"},
      {"unknown-iso-code", "ISO 3166 codes are a country's alpha-2 (RU) or a first-level subdivision's code (ID-JK); see /usr/share/iso-codes/json"},
      {"duplicate-iso-link", "an ISO place is one place: link it from one entry only"},
      {"unused-iso-link", "add 'iso_3166: {countries: true, subdivisions: true}' to a rule file, or remove the link"},
      {"empty-match", "make at least one part required: + instead of *, or no group that is optional as a whole"},
      {"unused-lexicon", "write {name} in a pattern where it belongs, or delete the lexicon"},
      {"no-producer", "add an extractor with this predicate, or fix the spelling of 'predicate'"},
      {"untested-stable", "add examples that must match and examples with 'none: true' (checks: 'expect: finding' and 'expect: none'), or set status: experimental"},
      {"no-examples", "add inline examples so `claimcheck rules test` covers this rule"},
      {"unused-entry", "merge the two entries, or remove the form from one of them"},
      {"duplicate-form", "a form can belong to one entry only; remove it from one of them"},
      {"missing-rules", "pass a directory of *.yaml rule files, or a rule file"},
      {"invalid-utf8", "save the file as UTF-8 (most editors: File > Save with encoding)"},
  };
  auto it = kHints.find(code);
  return it == kHints.end() ? std::string_view() : it->second;
}

namespace {

// Source lines of rule files, read once.
class Sources {
 public:
  std::string Line(const std::string& file, int line) {
    auto it = files_.find(file);
    if (it == files_.end()) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      std::vector<std::string> lines;
      for (auto l : SplitLines(text)) lines.emplace_back(l);
      it = files_.emplace(file, std::move(lines)).first;
    }
    if (line < 1 || static_cast<size_t>(line) > it->second.size()) return "";
    return it->second[static_cast<size_t>(line - 1)];
  }

 private:
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace

void PrintDiagnostics(std::ostream& out, const std::vector<Diagnostic>& diags, bool color) {
  Sources src;
  auto paint = [&](fmt::text_style st, const std::string& s) { return color ? fmt::format(st, "{}", s) : s; };
  for (const auto& d : diags) {
    std::string head = d.Format();
    auto sev_style = d.severity == Severity::kError ? fg(fmt::terminal_color::red) | fmt::emphasis::bold
                                                    : fg(fmt::terminal_color::yellow) | fmt::emphasis::bold;
    std::string sev = fmt::format("{}[{}]", ToString(d.severity), d.code);
    size_t at = head.find(sev);
    if (color && at != std::string::npos)
      head = paint(fmt::emphasis::bold, head.substr(0, at)) + paint(sev_style, sev) + head.substr(at + sev.size());
    out << head << "\n";
    std::string line = d.loc.line > 0 ? src.Line(d.loc.file, d.loc.line) : "";
    if (!line.empty() && FindInvalidUtf8(line) == std::nullopt) {
      std::string num = std::to_string(d.loc.line);
      out << fmt::format(" {} | {}\n", num, line);
      if (d.loc.column > 0) {
        // yaml-cpp columns count bytes; the caret goes under the code point.
        size_t bytes = std::min(line.size(), static_cast<size_t>(d.loc.column - 1));
        size_t width = CodePoints(std::string_view(line).substr(0, bytes));
        out << fmt::format(" {} | {}{}\n", std::string(num.size(), ' '), std::string(width, ' '),
                           paint(sev_style, "^"));
      }
    }
    if (auto h = Hint(d.code); !h.empty()) out << "  = hint: " << h << "\n";
  }
}

std::string DiagnosticsJson(const std::vector<Diagnostic>& diags) {
  using J = nlohmann::json;
  J list = J::array();
  size_t errors = 0, warnings = 0;
  for (const auto& d : diags) {
    (d.severity == Severity::kError ? errors : warnings) += 1;
    list.push_back({{"file", d.loc.file},
                    {"line", d.loc.line},
                    {"column", d.loc.column},
                    {"severity", std::string(ToString(d.severity))},
                    {"code", d.code},
                    {"message", d.message},
                    {"hint", std::string(Hint(d.code))}});
  }
  J doc = {{"diagnostics", list}, {"errors", errors}, {"warnings", warnings}};
  return doc.dump(2) + "\n";
}

}  // namespace cc::authoring
