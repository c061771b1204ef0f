// Loading the extractors of a rule file: pattern, groups and their roles, subject, examples.
#include <fmt/format.h>

#include <map>

#include <memory>

#include <algorithm>

#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

const std::set<std::string> kExtractorKeys = {
    "id", "lang", "status", "predicate", "type", "pattern", "groups", "subject_from",
    "subject", "unit", "fallback", "unless", "when", "when_in", "examples", "description", "frame", "generic"};
const std::set<std::string> kExampleKeys = {"text", "expect", "none", "published"};
const std::set<std::string> kSubjectFallbacks = {"sentence", "article", "pair", "parties"};

}  // namespace

// An extractor's inline examples: texts that must (expect) or must not (none) give a fact.
void Loader::LoadExtractorExamples(const YAML::Node& ex, ExtractorSpec& x) {
  if (!ex.IsSequence()) {
    Error(ex, "wrong-type", "'examples' must be a list");
    return;
  }
  for (const auto& e : ex) {
    RuleExample r;
    r.loc = Loc(e);
    if (!e.IsMap()) {
      Error(e, "wrong-type", "an example must be a map with 'text' and 'expect' or 'none'");
      continue;
    }
    CheckKeys(e, kExampleKeys, "example");
    Scalar(e, "text", r.text, true, "example");
    Scalar(e, "published", r.published, false, "example");
    if (e["none"]) r.none = e["none"].as<bool>(false);
    if (const YAML::Node want = e["expect"]) {
      if (!want.IsMap()) {
        Error(want, "wrong-type", "'expect' must map fact fields to values");
      } else {
        for (const auto& kv : want) {
          std::string field = kv.first.as<std::string>("");
          if (std::find(ExampleFields().begin(), ExampleFields().end(), field) == ExampleFields().end())
            Error(kv.first, "unknown-key",
                  fmt::format("unknown fact field '{}' in 'expect' (expected one of: {})", field, Join(ExampleFields(), ", ")));
          r.expect[field] = kv.second.as<std::string>("");
        }
      }
    }
    if (!r.none && r.expect.empty())
      Error(e, "missing-field", "an example needs 'expect' (fields of the fact) or 'none: true'");
    if (r.none && !r.expect.empty())
      Error(e["none"], "bad-value", "an example has both 'expect' and 'none: true'; keep one");
    x.examples.push_back(std::move(r));
  }
}

void Loader::LoadExtractor(const YAML::Node& n, const std::string& file_lang) {
  if (!n.IsMap()) {
    Error(n, "wrong-type", "an extractor must be a map");
    return;
  }
  ExtractorSpec x;
  x.pack = pack_;
  x.layer = layer_;
  x.loc = Loc(n);
  x.lang = file_lang;
  CheckKeys(n, kExtractorKeys, "extractor");
  Scalar(n, "id", x.id, true, "extractor");
  std::string what = x.id.empty() ? "extractor" : fmt::format("extractor '{}'", x.id);
  Scalar(n, "lang", x.lang, false, what);
  x.status = "experimental";
  if (Scalar(n, "status", x.status, false, what) && x.status != "experimental" && x.status != "stable")
    Error(n["status"], "bad-value", "'status' must be 'experimental' or 'stable'");
  Scalar(n, "predicate", x.predicate, true, what);
  if (std::string type; Scalar(n, "type", type, true, what)) {
    if (auto t = ParseFactType(type)) x.type = *t;
    else Error(n["type"], "bad-value", fmt::format("unknown type '{}' (expected one of: {})", type, Join(KnownTypes(), ", ")));
  }
  // A pattern with its groups, a frame, or the generic claims (claims.cpp of src/extract).
  if (n["generic"]) {
    if (Scalar(n, "generic", x.generic, true, what) && x.generic != "quantities" && x.generic != "names" &&
        x.generic != "breakdowns")
      Error(n["generic"], "bad-value",
            "'generic' must be 'quantities' (every quantity no other extractor claims), 'names' (every run of capitalized "
            "words) or 'breakdowns' (a whole and its parts, a count times an amount each)");
    if (n["pattern"] || n["frame"]) Error(n, "bad-value", fmt::format("{} is generic: no 'pattern' or 'frame'", what));
    x.fallback = true;
  } else if (n["frame"]) {
    if (n["pattern"]) Error(n["pattern"], "bad-value", fmt::format("{} has both 'pattern' and 'frame'; keep one", what));
    x.frame = LoadFrame(n["frame"], what);
  } else if (Scalar(n, "pattern", x.pattern, true, what)) {
    x.pattern_loc = Loc(n["pattern"]);
  }
  Scalar(n, "subject", x.subject, false, what);
  Scalar(n, "unit", x.unit, false, what);
  if (n["fallback"]) {
    try {
      x.fallback = n["fallback"].as<bool>();
    } catch (const YAML::Exception&) {
      Error(n["fallback"], "wrong-type", "'fallback' must be true or false");
    }
  }
  if (n["subject_from"]) {
    x.subject_from = StringList(n["subject_from"], "'subject_from'");
    for (const auto& s : x.subject_from) {
      size_t colon = s.find(':');
      std::string how = s.substr(0, colon);
      if (colon != std::string::npos && (how == "lexicon" || how == "topic" || how == "nearest"))
        subject_lexicons_.push_back({s.substr(colon + 1), Loc(n["subject_from"]), file_});
      else if (!kSubjectFallbacks.count(s))
        Error(n["subject_from"], "bad-value",
              fmt::format("unknown subject_from '{}' (expected one of: {}, lexicon:NAME, nearest:NAME, topic:NAME)", s, OneOf(kSubjectFallbacks)));
    }
  }
  if (const YAML::Node g = n["groups"]) {
    if (!g.IsMap()) {
      Error(g, "wrong-type", "'groups' must map group names to roles");
    } else {
      for (const auto& kv : g) {
        std::string group = kv.first.as<std::string>(""), role = kv.second.as<std::string>("");
        if (std::find(KnownRoles().begin(), KnownRoles().end(), role) == KnownRoles().end())
          Error(kv.second, "bad-role",
                fmt::format("unknown role '{}' for group '{}' (expected one of: {})", role, group,
                            Join(KnownRoles(), ", ")));
        x.groups[group] = role;
      }
    }
  } else if (!x.frame && x.generic.empty()) {
    Error(n, "missing-field", fmt::format("{} has no 'groups'", what));
  }
  std::vector<PendingCondition> conditions;
  if (const YAML::Node u = n["unless"])
    for (const auto& p : StringList(u, "'unless'")) conditions.push_back({PendingCondition::kUnless, p, u});
  if (const YAML::Node w = n["when"])
    for (const auto& p : StringList(w, "'when'")) conditions.push_back({PendingCondition::kWhen, p, w});
  if (const YAML::Node wi = n["when_in"]) {
    // `when_in: article`, or `when_in: {article: PATTERNS}`: a sentence the article's `when`
    // speaks for must match one of PATTERNS.
    if (wi.IsMap() && wi.size() == 1 && wi["article"]) {
      x.when_in_article = true;
      for (const auto& p : StringList(wi["article"], "'when_in: article'"))
        conditions.push_back({PendingCondition::kWhenArticle, p, wi["article"]});
    } else {
      std::string scope;
      Scalar(n, "when_in", scope, false, what);
      if (scope == "article") x.when_in_article = true;
      else if (scope != "sentence")
        Error(wi, "bad-value", fmt::format("{}: when_in is 'sentence', 'article' or {{article: PATTERNS}}", what));
    }
    if (!n["when"]) Error(wi, "missing-field", fmt::format("{}: when_in without 'when'", what));
  }
  if (const YAML::Node ex = n["examples"]) LoadExtractorExamples(ex, x);
  Scalar(n, "description", x.description, false, what);
  if (x.id.empty() || !Define(x.id, n["id"], x.overrides)) return;
  // A later layer overrides an earlier rule with the same id.
  for (size_t i = 0; i < out_.extractors.size(); ++i) {
    if (out_.extractors[i].id == x.id) {
      out_.extractors[i] = std::move(x);
      std::erase_if(conditions_, [&](const PendingCondition& c) { return c.index == i; });
      for (auto& c : conditions) c.index = i, conditions_.push_back(std::move(c));
      // Rebound, not assigned: assigning a YAML::Node writes through to the node it refers to,
      // and a frame's missing "pattern" cannot be written (a layer overriding a frame failed).
      for (auto& p : pending_)
        if (p.index == i) {
          std::destroy_at(&p);
          std::construct_at(&p, Pending{i, n["pattern"]});
        }
      return;
    }
  }
  pending_.push_back({out_.extractors.size(), n["pattern"]});
  for (auto& c : conditions) c.index = out_.extractors.size(), conditions_.push_back(std::move(c));
  out_.extractors.push_back(std::move(x));
}

void Loader::CompileConditions() {
  // One regex per distinct pattern: many extractors share a `when` ("poll|survey|..."), and the
  // extractor asks each once a sentence (ArticleExtractor::When keeps the answer by regex).
  std::map<std::string, RegexPtr> compiled;
  for (const PendingCondition& c : conditions_) {
    ExtractorSpec& x = out_.extractors[c.index];
    static constexpr const char* kKey[] = {"unless", "when", "when_in"};
    std::string unknown, saved_file = file_;
    file_ = x.loc.file;
    std::string expanded = Expand(c.pattern, x.lang, 0, unknown);
    if (!unknown.empty()) {
      Error(c.where, "unknown-macro",
            fmt::format("extractor '{}' {}: '{{{}}}' is neither a macro nor a lexicon", x.id, kKey[c.which], unknown));
    } else {
      RegexPtr& re = compiled[expanded];
      if (!re) re = Compile(expanded, c.where, fmt::format("extractor '{}' {}", x.id, kKey[c.which]));
      if (re && re->ok())
        (c.which == PendingCondition::kUnless ? x.unless : c.which == PendingCondition::kWhen ? x.when : x.when_article_sentence).push_back(re);
    }
    file_ = saved_file;
  }
  conditions_.clear();
}

}  // namespace cc::rules::internal
