// Loading the lexicons of a rule file: entries, forms, kinds, parents, number words, patterns.
#include <fmt/format.h>

#include <algorithm>

#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

const std::set<std::string> kLexiconKeys = {"case", "entries"};
const std::set<std::string> kEntryKeys = {"value", "forms", "kind", "parent", "iso", "op",
                                          "factor", "pattern", "reject_before", "reject_after"};
const std::set<std::string> kNumberOps = {"add", "teen", "times", "scale"};

}  // namespace

void Loader::LoadLexicons(const YAML::Node& lexicons, const std::string& lang) {
  if (!lexicons.IsMap()) {
    Error(lexicons, "wrong-type", "'lexicons' must be a map of lexicon name to entries");
    return;
  }
  for (const auto& kv : lexicons) {
    Lexicon lex;
    lex.name = kv.first.as<std::string>("");
    lex.lang = lang;
    lex.layer = layer_;
    lex.loc = Loc(kv.first);
    // (A YAML::Node assigned to aliases the node it was made from; bind once, never assign.)
    const YAML::Node& value = kv.second;
    const YAML::Node entries = value.IsMap() ? value["entries"] : value;
    if (value.IsMap()) {
      CheckKeys(value, kLexiconKeys, fmt::format("lexicon '{}'", lex.name));
      std::string c;
      if (Scalar(value, "case", c, false, "lexicon")) {
        if (c != "sensitive" && c != "insensitive")
          Error(value["case"], "bad-value", "'case' must be 'sensitive' or 'insensitive'");
        lex.case_sensitive = c == "sensitive";
      }
      if (!entries) {
        Error(kv.second, "missing-field", fmt::format("lexicon '{}' has no 'entries'", lex.name));
        continue;
      }
    }
    if (!entries.IsSequence()) {
      Error(entries, "wrong-type", fmt::format("entries of lexicon '{}' must be a list", lex.name));
      continue;
    }
    for (const auto& e : entries) {
      LexiconEntry entry;
      entry.loc = Loc(e);
      if (e.IsScalar()) {  // a bare word: its own value and form
        entry.value = e.as<std::string>();
        entry.forms = {entry.value};
        lex.entries.push_back(std::move(entry));
        continue;
      }
      if (!e.IsMap()) {
        Error(e, "wrong-type", fmt::format("an entry of lexicon '{}' must be a string or a map", lex.name));
        continue;
      }
      std::string what = fmt::format("entry of lexicon '{}'", lex.name);
      CheckKeys(e, kEntryKeys, what);
      Scalar(e, "value", entry.value, false, what);
      if (e["forms"]) entry.forms = StringList(e["forms"], "'forms'");
      Scalar(e, "kind", entry.kind, false, what);
      Scalar(e, "parent", entry.parent, false, what);
      if (const YAML::Node iso = e["iso"]) LoadIsoLink(iso, lex.name, entry);
      if (Scalar(e, "op", entry.op, false, what) && !kNumberOps.count(entry.op))
        Error(e["op"], "bad-value", fmt::format("'op' must be one of: {}", OneOf(kNumberOps)));
      Number(e, "factor", entry.factor);
      if (Scalar(e, "pattern", entry.pattern, false, what))
        lexicon_patterns_.push_back({out_.lexicons.size(), lex.entries.size(), e["pattern"], file_});
      std::string rb, ra;
      if (Scalar(e, "reject_before", rb, false, what))
        entry.reject_before = Compile("(?:" + rb + ")$", e["reject_before"], "reject_before");
      if (Scalar(e, "reject_after", ra, false, what))
        entry.reject_after = Compile("^(?:" + ra + ")", e["reject_after"], "reject_after");
      if (entry.value.empty() && !entry.forms.empty()) entry.value = entry.forms.front();
      if (entry.value.empty() && entry.pattern.empty())
        Error(e, "missing-field", fmt::format("{} has neither 'value', 'forms' nor 'pattern'", what));
      if (entry.forms.empty() && !entry.value.empty() && entry.pattern.empty())
        entry.forms = {entry.value};
      // A canonical name is also a way to write it.
      if ((lex.name == "place" || lex.name == "entity") &&
          std::find(entry.forms.begin(), entry.forms.end(), entry.value) == entry.forms.end())
        entry.forms.insert(entry.forms.begin(), entry.value);
      lex.entries.push_back(std::move(entry));
    }
    out_.lexicons.push_back(std::move(lex));
  }
}

}  // namespace cc::rules::internal
