// Kind `order`: a range must start before it ends ("fieldwork 10-15 January" is right;
// "survei 20 Januari-5 Januari" is not). Applies to date_range facts ("start/end" values).
#include <fmt/format.h>

#include "check/common.h"
#include "core/calendar.h"

namespace cc::check {
namespace {

class Order : public Check {
 public:
  using Check::Check;
  std::vector<Finding> Run(const std::vector<Fact>& facts, const Context& ctx) const override {
    std::vector<Finding> out;
    for (const auto& fact : facts) {
      if (!Applies(fact) || fact.type != FactType::kDateRange) continue;
      size_t slash = fact.value.find('/');
      if (slash == std::string::npos) continue;
      auto start = ParseIso(fact.value.substr(0, slash));
      auto end = ParseIso(fact.value.substr(slash + 1));
      if (!start || !end) continue;
      // With both years known, compare whole dates. Without, a later month at the start is
      // taken as a range over the new year (28 December to 5 January); only the same month
      // with the days inverted is out of order.
      bool wrong;
      if (start->year && end->year) wrong = std::make_tuple(start->year, start->month, start->day) > std::make_tuple(end->year, end->month, end->day);
      else wrong = start->month == end->month && start->day > end->day;
      if (!wrong) continue;
      std::string details = fmt::format("{} gives a range that ends ({}) before it starts ({})", ctx.Label(fact.article),
                                        fact.value.substr(slash + 1), fact.value.substr(0, slash));
      out.push_back(SingleFactFinding(*this, fact, {fact.value}, details, "{subject}: {predicate} ends before it starts: {details}"));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Check> MakeOrder(const CheckSpec& spec, std::vector<Diagnostic>&) {
  return std::make_unique<Order>(spec);
}

}  // namespace cc::check
