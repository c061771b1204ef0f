// The names a rule file may use: group roles, fact types, example fields, built-in lexicons.
#include "rules/loader.h"

namespace cc::rules {

const std::vector<std::string>& KnownRoles() {
  static const std::vector<std::string> kRoles = {
      "subject", "subject2", "weekday", "day",     "month",     "year",   "day_end",
      "month_end", "year_end", "number", "unit",   "bound",     "place",  "transport",
      "qualifier", "time",     "measure", "source", "span",     "value",  "as_of", "relative", "relative_year"};
  return kRoles;
}

const std::vector<std::string>& ExampleFields() {
  static const std::vector<std::string> kFields = {
      "subject", "predicate", "type",  "value", "unit",  "number", "bound", "qualifier", "modality",
      "source",  "weekday",   "date",  "anchor", "event", "as_of", "text"};
  return kFields;
}

const std::set<std::string>& BuiltinLexicons() {
  static const std::set<std::string> kNames = {
      "weekday", "month", "unit", "place", "entity", "transport", "transport_qualifier",
      "time_of_day", "bound", "title", "stopword", "boilerplate", "abbreviation", "org_word",
      "number_word", "number_scale", "number_suffix", "number_format", "hedge", "attribution", "place_word", "counterpart_word", "report_verb", "relative_day",
      "negation", "clause_break", "soft_break", "particle", "place_head", "currency", "party_word", "group_word", "relative_word", "auxiliary", "relative_year", "earlier_occasion",
      "link_word", "measure_synonym", "verb_prefix", "reference_word", "count_modifier", "thing_classifier", "title_complement", "fraction", "ratio_word", "source_word", "part_word", "personal_pronoun", "continuation", "perfect_marker", "party_member", "admin_head", "contrastive_negation", "agent_marker", "compass", "others_word", "list_continuation",
      "bound_after", "whole_word", "remainder_word", "each_word", "total_word", "change_word", "change_from", "change_to", "denial_joiner", "collective_number", "degree_word", "cause_verb", "passive_prefix", "result_marker", "place_relative", "name_intro", "role_party", "range_joiner", "infinitive_marker", "aspect_verb",
      "list_joiner", "per_word", "rate_apart", "range_word", "rate_joiner"};
  return kNames;
}

const std::vector<std::string>& KnownTypes() { return FactTypeNames(); }

}  // namespace cc::rules
