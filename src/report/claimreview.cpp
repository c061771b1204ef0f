// ClaimReview export: the confirmed and dismissed findings as schema.org ClaimReview JSON-LD
// (https://schema.org/ClaimReview), one review per finding. The claim reviewed is the value
// each article gives; the rating says whether the sources contradict each other (confirmed)
// or not (dismissed), in words (alternateName), as fact-checkers publish it.
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "report/report.h"

namespace cc::report {
namespace {

// Every review comes from the report's findings and the facts they quote.
class ClaimReview final : public Printer {
 public:
  explicit ClaimReview(std::ostream& out) : out_(out) {}
  Needs needs() const override { return {}; }
  void Begin(const Report& r) override;

 private:
  std::ostream& out_;
};

void ClaimReview::Begin(const Report& r) {
  std::ostream& out = out_;
  using J = nlohmann::ordered_json;
  J list = J::array();
  for (const auto& f : r.findings) {
    if (f.status != "confirmed" && f.status != "dismissed") continue;
    bool confirmed = f.status == "confirmed";
    J appearances = J::array();
    std::vector<std::string> claims;
    for (const auto& id : f.facts) {
      const Fact* x = r.FactById(id);
      if (!x) continue;
      const ArticleMeta* a = r.Article(x->article);
      J work = {{"@type", "CreativeWork"}, {"headline", a ? a->title : ""}};
      if (a && !a->url.empty()) work["url"] = a->url;
      if (a && !a->published.empty()) work["datePublished"] = a->published;
      if (a && !a->source.empty()) work["publisher"] = {{"@type", "Organization"}, {"name", a->source}};
      work["text"] = x->sentence;
      appearances.push_back(work);
      claims.push_back(DisplayValue(*x) + " (" + (a ? ArticleLabel(a->given_id, a->path) : x->article) + ")");
    }
    J review = {{"@context", "https://schema.org"},
                {"@type", "ClaimReview"},
                {"identifier", f.id},
                {"claimReviewed", f.subject + ", " + f.predicate + ": " + Join(claims, " vs ")},
                {"itemReviewed", {{"@type", "Claim"}, {"appearance", appearances}}},
                {"reviewRating",
                 {{"@type", "Rating"},
                  {"ratingValue", confirmed ? 1 : 5},
                  {"bestRating", 5},
                  {"worstRating", 1},
                  {"alternateName", confirmed ? "Sources contradict each other" : "No contradiction"}}},
                {"reviewBody", f.review_note.empty() ? f.message : f.review_note}};
    if (!f.reviewed_at.empty()) review["datePublished"] = f.reviewed_at.substr(0, 10);
    if (!f.reviewed_by.empty()) review["author"] = {{"@type", "Person"}, {"name", f.reviewed_by}};
    list.push_back(review);
  }
  out << list.dump(2) << "\n";
}

}  // namespace

std::unique_ptr<Printer> ClaimReviewPrinter(std::ostream& out) { return std::make_unique<ClaimReview>(out); }

}  // namespace cc::report
