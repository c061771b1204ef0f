// Runs every inline example of every shipped extractor: text that must produce a fact with
// the given fields, text that must produce no fact of that rule.
#include <catch2/catch.hpp>

#include "support/support.h"

using namespace cc;

namespace {
std::string Field(const Fact& f, const std::string& k) {
  if (k == "subject") return f.subject;
  if (k == "value") return f.value;
  if (k == "text") return f.text;
  if (k == "unit") return f.unit;
  if (k == "predicate") return f.predicate;
  if (k == "type") return f.type;
  if (k == "weekday") return f.weekday.value_or("");
  if (k == "date") return f.date.value_or("");
  if (k == "qualifier") return f.qualifier;
  if (k == "modality") return std::string(ToString(f.modality));
  if (k == "source") return f.source;
  if (k == "bound") return std::string(ToString(f.bound));
  return "<unknown field " + k + ">";
}
}  // namespace

TEST_CASE("every shipped extractor passes its inline examples", "[rules][examples]") {
  const auto& rules = test::ShippedRules();
  size_t positive = 0, negative = 0;
  for (const auto& x : rules.pack->extractors) {
    bool has_pos = false, has_neg = false;
    for (const auto& ex : x.examples) {
      INFO(x.id << " at " << ex.loc.file << ":" << ex.loc.line << ": " << ex.text);
      auto e = test::ExtractText(ex.text, x.lang == "any" ? "" : x.lang);
      std::vector<const Fact*> mine;
      for (const auto& f : e.facts)
        if (f.rule == x.id) mine.push_back(&f);
      if (ex.none) {
        has_neg = true;
        ++negative;
        for (const Fact* f : mine) UNSCOPED_INFO("unexpected fact: " << f->value);
        CHECK(mine.empty());
        continue;
      }
      has_pos = true;
      ++positive;
      bool ok = false;
      for (const Fact* f : mine) {
        bool all = true;
        for (const auto& [k, v] : ex.expect) all = all && Field(*f, k) == v;
        ok = ok || all;
      }
      if (!ok) {
        for (const auto& f : e.facts)
          UNSCOPED_INFO("got " << f.rule << ": value=" << f.value << " subject=" << f.subject << " text=" << f.text
                               << " unit=" << f.unit << " modality=" << ToString(f.modality) << " source=" << f.source
                               << " qualifier=" << f.qualifier << " weekday=" << f.weekday.value_or(""));
      }
      CHECK(ok);
    }
    INFO(x.id);
    CHECK(has_pos);  // every extractor has positive and negative examples
    CHECK(has_neg);
  }
  CHECK(positive >= 40);
  CHECK(negative >= 20);
}
