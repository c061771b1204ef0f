// Checks: each kind (agree, tolerance, range, order, sum, monotonic, calendar, tally, align, spelling, breakdown) lives in its own file and is
// registered in registry.cpp. A Check is built from a CheckSpec (its factory validates its
// own parameters) and turns facts into findings. Pure: no I/O.
#pragma once

#include <map>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/gazetteer.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::check {

struct Context {
  const Gazetteer* gazetteer = nullptr;               // place hierarchy for `agree`
  std::unordered_map<std::string, std::string> article_label;      // article id -> short label for messages
  std::unordered_map<std::string, std::string> article_published;  // article id -> published date[-time]
  // For an article not in the maps: fills its label and published date (false if unknown).
  // The store answers it, so that only the articles a finding or a tally needs are read.
  std::function<bool(const std::string& id, std::string& label, std::string& published)> lookup;

  const std::string& Label(const std::string& article) const;      // the id itself if unknown
  const std::string& Published(const std::string& article) const;  // "" if unknown

 private:
  void Fetch(const std::string& article) const;
  mutable std::unordered_map<std::string, std::pair<std::string, std::string>> fetched_;
};

// What a check must see at once. By subject: the facts of one predicate about one subject
// (agree, tolerance, monotonic, and the single-fact kinds); by article: the facts of one
// predicate in one article (sum). Checks run one partition at a time, so a corpus of any size
// is checked in bounded memory, and adding an article re-checks only the partitions it touches.
enum class Partition { kSubject, kArticle };

class Check {
 public:
  explicit Check(CheckSpec spec) : spec_(std::move(spec)) {}
  virtual ~Check() = default;
  // Findings about `facts` (all facts of the corpus; the check selects its own).
  virtual std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const = 0;
  const CheckSpec& spec() const { return spec_; }
  virtual Partition partition() const { return Partition::kSubject; }

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

// The partition of fact `f` for checks of kind `p`, as a string stored with each finding:
// "s" predicate subject_key, "a" predicate article, and "e" predicate article for a fact with
// no subject key (only the single-fact checks look at those), joined by U+001F.
std::string PartKey(Partition p, const Fact& f);
// The group of facts to load for a part key: the predicate, the key (subject key or article)
// and whether it is by article; nullopt for a malformed key.
struct PartGroup {
  Partition partition;
  std::string predicate, key;
  bool by_article;      // load by (predicate, article)
  bool subjectless;     // an "e" part: only the facts with no subject key belong to it
};
std::optional<PartGroup> ParsePartKey(const std::string& part);

// Runs the checks of partition `p` on the facts of one partition (a batch of facts of one
// partition, or a chunk of subjectless facts); findings come with ids, fingerprints and parts,
// unsorted.
std::vector<Finding> RunPartition(const std::vector<std::unique_ptr<Check>>& checks, Partition p,
                                  const std::vector<Fact>& facts, const Context& ctx);

}  // namespace cc::check
