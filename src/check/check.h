// Checks: each kind (agree, tolerance, range, order, sum, monotonic, calendar) lives in its own file and is
// registered in registry.cpp. A Check is built from a CheckSpec (its factory validates its
// own parameters) and turns facts into findings. Pure: no I/O.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/gazetteer.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::check {

struct Context {
  const Gazetteer* gazetteer = nullptr;               // place hierarchy for `agree`
  std::map<std::string, std::string> article_label;   // article id -> short label for messages
  std::map<std::string, std::string> article_published;  // article id -> published date[-time]
};

class Check {
 public:
  explicit Check(CheckSpec spec) : spec_(std::move(spec)) {}
  virtual ~Check() = default;
  // Findings about `facts` (all facts of the corpus; the check selects its own).
  virtual std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const = 0;
  const CheckSpec& spec() const { return spec_; }

 // The predicate/type filter of the spec.
  bool Applies(const Fact& f) const;

 protected:
  CheckSpec spec_;
};

using Factory = std::unique_ptr<Check> (*)(const CheckSpec&, std::vector<Diagnostic>&);

// name -> factory, one line per kind.
const std::map<std::string, Factory>& Registry();

// Builds every check of the pack; diagnostics for bad parameters.
Result<std::vector<std::unique_ptr<Check>>> MakeChecks(const RulePack& pack);

// Runs all checks and returns findings with stable ids, sorted (severity, predicate, subject).
std::vector<Finding> RunChecks(const std::vector<std::unique_ptr<Check>>& checks,
                               const std::vector<Fact>& facts, const Context& ctx);

}  // namespace cc::check
