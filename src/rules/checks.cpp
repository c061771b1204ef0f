// Loading the checks of a rule file: kind, predicates, severity, parameters, examples.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

const std::set<std::string> kCheckKinds = {"agree", "tolerance", "range", "calendar", "order", "sum", "monotonic", "tally", "align", "spelling", "breakdown"};
const std::set<std::string> kCheckKeys = {"id", "kind", "predicate", "type", "severity", "message",
                                          "abs", "rel", "min", "max", "window", "overlap", "strong", "days", "min_letters", "description", "status",
                                          "examples", "by_source", "timeless"};
const std::set<std::string> kCheckExampleKeys = {"expect", "severity", "facts"};

}  // namespace

void Loader::LoadCheckExamples(const YAML::Node& ex, CheckSpec& c) {
  static const std::set<std::string> kFactKeys = {"article", "subject", "predicate", "type", "value",
                                                  "unit", "bound", "modality", "source", "event",
                                                  "date", "weekday", "as_of", "qualifier", "anchor", "context", "measure"};
  if (!ex.IsSequence()) {
    Error(ex, "wrong-type", "'examples' must be a list");
    return;
  }
  for (const auto& e : ex) {
    CheckExample r;
    r.loc = Loc(e);
    if (!e.IsMap()) {
      Error(e, "wrong-type", "a check example must be a map with 'expect' and 'facts'");
      continue;
    }
    CheckKeys(e, kCheckExampleKeys, "check example");
    std::string expect;
    if (Scalar(e, "expect", expect, true, "check example")) {
      if (expect != "finding" && expect != "none")
        Error(e["expect"], "bad-value", "'expect' must be 'finding' or 'none'");
      r.finding = expect == "finding";
    }
    if (Scalar(e, "severity", r.severity, false, "check example") && !ParseSeverity(r.severity))
      Error(e["severity"], "bad-value", "'severity' must be error, warning or info");
    const YAML::Node facts = e["facts"];
    if (!facts) {
      Error(e, "missing-field", "a check example needs 'facts'");
    } else if (!facts.IsSequence()) {
      Error(facts, "wrong-type", "'facts' must be a list of maps of fact fields");
    } else {
      for (const auto& f : facts) {
        if (!f.IsMap()) {
          Error(f, "wrong-type", "a fact in a check example must be a map of fact fields");
          continue;
        }
        CheckKeys(f, kFactKeys, "example fact");
        std::map<std::string, std::string> fields;
        for (const auto& kv : f) fields[kv.first.as<std::string>("")] = kv.second.as<std::string>("");
        if (!fields.count("value")) Error(f, "missing-field", "an example fact needs a 'value'");
        r.facts.push_back(std::move(fields));
      }
    }
    c.examples.push_back(std::move(r));
  }
}

void Loader::LoadCheck(const YAML::Node& n) {
  if (!n.IsMap()) {
    Error(n, "wrong-type", "a check must be a map");
    return;
  }
  CheckSpec c;
  c.pack = pack_;
  c.loc = Loc(n);
  CheckKeys(n, kCheckKeys, "check");
  Scalar(n, "id", c.id, true, "check");
  std::string what = c.id.empty() ? "check" : fmt::format("check '{}'", c.id);
  if (Scalar(n, "kind", c.kind, true, what) && !kCheckKinds.count(c.kind))
    Error(n["kind"], "unknown-kind",
          fmt::format("unknown check kind '{}' (expected one of: {})", c.kind, OneOf(kCheckKinds)));
  if (n["predicate"]) c.predicates = StringList(n["predicate"], "'predicate'");
  if (std::string type; Scalar(n, "type", type, false, what)) {
    if (auto t = ParseFactType(type)) c.type = *t;
    else Error(n["type"], "bad-value", fmt::format("unknown type '{}' (expected one of: {})", type, Join(KnownTypes(), ", ")));
  }
  std::string sev = "error";
  if (Scalar(n, "severity", sev, false, what)) {
    if (auto s = ParseSeverity(sev)) c.severity = *s;
    else Error(n["severity"], "bad-value", "'severity' must be error, warning or info");
  }
  Scalar(n, "message", c.message, false, what);
  if (n["by_source"]) {
    try {
      c.by_source = n["by_source"].as<bool>();
    } catch (const YAML::Exception&) {
      Error(n["by_source"], "wrong-type", "'by_source' must be true or false");
    }
  }
  if (n["timeless"]) {
    try {
      c.timeless = n["timeless"].as<bool>();
    } catch (const YAML::Exception&) {
      Error(n["timeless"], "wrong-type", "'timeless' must be true or false");
    }
  }
  for (const char* k : {"abs", "rel", "min", "max", "window", "overlap", "strong", "days", "min_letters"}) {
    double v;
    if (Number(n, k, v)) c.params[k] = v;
  }
  if ((c.kind == "tolerance" || c.kind == "tally") && !c.params.count("abs") && !c.params.count("rel"))
    Error(n, "missing-field", fmt::format("{} of kind {} needs 'abs' or 'rel'", what, c.kind));
  if (c.kind == "sum" && !c.params.count("max"))
    Error(n, "missing-field", fmt::format("{} of kind sum needs 'max'", what));
  if (c.kind == "range" && !c.params.count("min") && !c.params.count("max"))
    Error(n, "missing-field", fmt::format("{} of kind range needs 'min' or 'max'", what));
  if ((c.kind == "agree" || c.kind == "tolerance") && c.predicates.empty())
    Error(n, "missing-field", fmt::format("{} needs a 'predicate'", what));
  c.status = "experimental";
  if (Scalar(n, "status", c.status, false, what) && c.status != "experimental" && c.status != "stable")
    Error(n["status"], "bad-value", "'status' must be 'experimental' or 'stable'");
  Scalar(n, "description", c.description, false, what);
  if (const YAML::Node ex = n["examples"]) LoadCheckExamples(ex, c);
  if (c.id.empty() || !Define(c.id, n["id"], c.overrides)) return;
  for (auto& existing : out_.checks) {
    if (existing.id == c.id) {
      existing = std::move(c);
      return;
    }
  }
  out_.checks.push_back(std::move(c));
}

}  // namespace cc::rules::internal
