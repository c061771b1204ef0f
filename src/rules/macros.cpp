// Expanding {name} in a pattern: a macro (a regex fragment, expanded in turn) or a lexicon
// (an alternation of its forms, longest first).
#include <algorithm>
#include <cctype>

#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

std::string AsciiUpper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string Loader::LexiconAlternation(const std::string& name, const std::string& lang) const {
  std::vector<std::string> forms;
  bool sensitive = false;
  for (const auto& lex : out_.lexicons)
    if (lex.name == name && (lang == "any" || lex.lang == "any" || lex.lang == lang))
      sensitive = sensitive || lex.case_sensitive;
  for (const LexiconEntry* e : out_.Entries(name, lang)) {
    for (const auto& f : e->forms) {
      forms.push_back(f);
      if (sensitive) forms.push_back(AsciiUpper(f));
    }
  }
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::string alt;
  for (const auto& f : forms) {
    if (!alt.empty()) alt += '|';
    std::string q = RE2::QuoteMeta(f);
    // A space in a form matches any run of whitespace.
    std::string spaced;
    for (size_t i = 0; i < q.size(); ++i) {
      if (q[i] == '\\' && i + 1 < q.size() && q[i + 1] == ' ') {
        spaced += "\\s+";
        ++i;
      } else {
        spaced += q[i];
      }
    }
    alt += spaced;
  }
  if (alt.empty()) alt = "[^\\x00-\\x{10FFFF}]";  // an empty lexicon matches nothing
  return (sensitive ? "(?:" : "(?i:") + alt + ")";
}

std::string Loader::Expand(const std::string& pattern, const std::string& lang, int depth,
                           std::string& unknown) const {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '{' && i + 1 < pattern.size() && (std::islower(static_cast<unsigned char>(pattern[i + 1])) || pattern[i + 1] == '_')) {
      size_t close = pattern.find('}', i);
      std::string name = close == std::string::npos ? "" : pattern.substr(i + 1, close - i - 1);
      bool ident = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
        return std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '_';
      });
      if (ident) {
        auto m = out_.macros.find(name);
        if (m != out_.macros.end()) {
          if (depth > 8) {
            unknown = name + " (macros nest too deep)";
            return pattern;
          }
          out += "(?:" + Expand(m->second, lang, depth + 1, unknown) + ")";
        } else if (out_.HasLexicon(name)) {
          out += LexiconAlternation(name, lang);
        } else {
          unknown = name;
          out += "{" + name + "}";
        }
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace cc::rules::internal
