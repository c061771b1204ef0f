// `rules test`: every inline example of every extractor and check, run through the same code
// as `claimcheck check`.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "authoring/authoring.h"
#include "check/check.h"
#include "core/hash.h"
#include "core/numbers.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"

namespace cc::authoring {
namespace fs = std::filesystem;

bool UnderAny(const std::string& file, const std::vector<std::string>& roots) {
  if (roots.empty()) return true;
  std::error_code ec;
  std::string f = fs::weakly_canonical(file, ec).string();
  for (const auto& r : roots) {
    std::string root = fs::weakly_canonical(r, ec).string();
    if (f == root || StartsWith(f, root + "/")) return true;
  }
  return false;
}

std::string FactField(const Fact& f, const std::string& k) {
  if (k == "subject") return f.subject;
  if (k == "predicate") return f.predicate;
  if (k == "type") return std::string(ToString(f.type));
  if (k == "value") return f.value;
  if (k == "unit") return f.unit;
  if (k == "number") return f.number ? FormatNumber(*f.number) : "";
  if (k == "bound") return std::string(ToString(f.bound));
  if (k == "qualifier") return f.qualifier;
  if (k == "modality") return std::string(ToString(f.modality));
  if (k == "source") return f.source;
  if (k == "weekday") return f.weekday.value_or("");
  if (k == "date") return f.date.value_or("");
  if (k == "anchor") return f.anchor;
  if (k == "event") return f.event;
  if (k == "as_of") return f.as_of;
  if (k == "text") return f.text;
  return "";
}

namespace {

// "value=321 unit=people subject=Gempa Cianjur"
std::string Fields(const Fact& f, const std::vector<std::string>& which) {
  std::vector<std::string> parts;
  for (const auto& k : which) {
    std::string v = FactField(f, k);
    if (!v.empty()) parts.push_back(k + "=" + v);
  }
  return Join(parts, " ");
}

std::string Expected(const std::map<std::string, std::string>& want) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : want) parts.push_back(k + "=" + v);
  return Join(parts, " ");
}

ExampleResult RunExtractorExample(const pipeline::Rules& rules, const ExtractorSpec& x, const RuleExample& ex) {
  ExampleResult r;
  r.rule = x.id;
  r.loc = ex.loc;
  r.what = ex.text;
  Article a;
  a.path = ex.loc.file;
  a.lang = x.lang == "any" ? "" : x.lang;
  a.raw = ex.text;
  a.published = ex.published;
  a.id = Hasher().Add(ex.text).Hex();
  ingest::Normalize(a, 0);
  // What pipeline::ProcessArticle does, keeping the trace to say why this rule made nothing.
  ingest::Segment(a, rules.segment);
  std::vector<extract::Match> trace;
  auto facts = rules.engine->Extract(a, &trace);
  resolve::Resolve(a, facts);
  std::vector<const Fact*> mine;
  for (const auto& f : facts)
    if (f.rule == x.id) mine.push_back(&f);
  std::vector<std::string> got;
  for (const auto& f : facts) {
    std::vector<std::string> keys;
    if (ex.none) keys = {"value", "subject", "unit", "text"};
    for (const auto& [k, _] : ex.expect) keys.push_back(k);
    if (std::find(keys.begin(), keys.end(), "value") == keys.end()) keys.insert(keys.begin(), "value");
    got.push_back(fmt::format("{}{}: {}", f.rule == x.id ? "" : "(other rule) ", f.rule, Fields(f, keys)));
  }
  if (got.empty()) got.push_back("no fact at all");
  for (const auto& m : trace)
    if (m.rule == x.id && !m.reason.empty()) got.push_back(fmt::format("{} dropped \"{}\": {}", x.id, m.text, m.reason));
  r.got = Join(got, "\n");
  if (ex.none) {
    r.expected = "no fact of this rule";
    r.passed = mine.empty();
    return r;
  }
  r.expected = Expected(ex.expect);
  for (const Fact* f : mine) {
    bool all = true;
    for (const auto& [k, v] : ex.expect) all = all && FactField(*f, k) == v;
    r.passed = r.passed || all;
  }
  return r;
}

// The type an example fact takes when it does not say: the type of the extractors that
// produce its predicate, else quantity for a number.
FactType TypeFor(const RulePack& pack, const CheckSpec& c, const std::string& predicate, const std::string& value) {
  if (c.type) return *c.type;
  for (const auto& x : pack.extractors)
    if (x.predicate == predicate) return x.type;
  return ParseNumber(value, NumberConventions{}) ? FactType::kQuantity : FactType::kEntity;
}

ExampleResult RunCheckExample(const pipeline::Rules& rules, const CheckSpec& c, const CheckExample& ex) {
  ExampleResult r;
  r.rule = c.id;
  r.loc = ex.loc;
  std::vector<Fact> facts;
  std::vector<std::string> shown;
  for (size_t i = 0; i < ex.facts.size(); ++i) {
    const auto& m = ex.facts[i];
    auto get = [&](const char* k, std::string def = "") {
      auto it = m.find(k);
      return it == m.end() ? def : it->second;
    };
    Fact f;
    f.id = fmt::format("example-fact-{}", i + 1);
    f.article = get("article", fmt::format("article-{}", i + 1));
    f.predicate = get("predicate", c.predicates.empty() ? "example" : c.predicates.front());
    f.value = get("value");
    f.type = m.count("type") ? ParseFactType(get("type")).value_or(FactType::kEntity) : TypeFor(*rules.pack, c, f.predicate, f.value);
    f.subject = get("subject", "example subject");
    f.subject_key = Fold(f.subject);
    f.unit = get("unit", f.type == FactType::kPercent ? "%" : "");
    if (f.type == FactType::kQuantity || f.type == FactType::kPercent || f.type == FactType::kCount) f.number = ParseNumber(f.value, NumberConventions{});
    f.bound = ParseBound(get("bound", "exact"));
    f.modality = ParseModality(get("modality", "asserted")).value_or(Modality::kAsserted);
    f.source = get("source");
    f.event = get("event");
    if (m.count("date")) f.date = get("date");
    else if (f.type == FactType::kDate) f.date = f.value;
    if (m.count("weekday")) f.weekday = get("weekday");
    f.anchor = get("anchor", f.date ? "explicit" : "");
    f.as_of = get("as_of");
    f.qualifier = get("qualifier");
    f.context = get("context");
    f.measure = get("measure");
    f.text = f.value;
    f.sentence = f.value;
    std::vector<std::string> parts;
    for (const auto& [k, v] : m) parts.push_back(k + "=" + v);
    shown.push_back("{" + Join(parts, ", ") + "}");
    facts.push_back(std::move(f));
  }
  r.what = Join(shown, " ");
  r.expected = ex.finding ? (ex.severity.empty() ? "a finding" : "a finding of severity " + ex.severity) : "no finding";
  std::vector<Diagnostic> diags;
  auto factory = check::Registry().find(c.kind);
  if (factory == check::Registry().end()) {
    r.got = "unknown check kind " + c.kind;
    return r;
  }
  auto chk = factory->second(c, diags);
  check::Context ctx;
  ctx.gazetteer = &rules.engine->gazetteer();
  auto findings = chk->Run(facts, ctx);
  std::vector<std::string> got;
  bool severity_ok = ex.severity.empty();
  for (const auto& f : findings) {
    got.push_back(fmt::format("{}: {}", ToString(f.severity), f.message));
    if (!ex.severity.empty() && ToString(f.severity) == ex.severity) severity_ok = true;
  }
  if (got.empty()) got.push_back("no finding");
  r.got = Join(got, "\n");
  r.passed = ex.finding ? !findings.empty() && severity_ok : findings.empty();
  return r;
}

}  // namespace

std::vector<ExampleResult> RunExamples(const pipeline::Rules& rules, const std::vector<std::string>& only) {
  std::vector<ExampleResult> out;
  for (const auto& x : rules.pack->extractors) {
    if (!UnderAny(x.loc.file, only)) continue;
    for (const auto& ex : x.examples) out.push_back(RunExtractorExample(rules, x, ex));
  }
  for (const auto& c : rules.pack->checks) {
    if (!UnderAny(c.loc.file, only)) continue;
    for (const auto& ex : c.examples) out.push_back(RunCheckExample(rules, c, ex));
  }
  return out;
}

}  // namespace cc::authoring
