// Loading an extractor's `frame:` (rules/README.md, "Frames"): trigger words, and the slots
// that the value, the subject and the moment are read from.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

namespace {

const std::set<std::string> kFrameKeys = {"trigger", "value", "subject", "as_of", "negation", "denied"};
const std::set<std::string> kSlotKeys = {"slot",           "side",         "within", "within_before", "preceded_by",
                                         "not_preceded_by", "unit",         "required"};
const std::set<std::string> kSlotKinds = {"day", "date", "date_range", "time", "place", "number", "person", "party", "name"};

}  // namespace

SlotSpec Loader::LoadSlot(const YAML::Node& n, const std::string& what) {
  SlotSpec s;
  s.loc = Loc(n);
  if (n.IsScalar()) {  // `value: day` is short for `value: {slot: day}`
    s.kind = n.as<std::string>("");
  } else if (!n.IsMap()) {
    Error(n, "wrong-type", fmt::format("{}: a slot must be a kind (day, place, ...) or a map with 'slot'", what));
    return s;
  } else {
    CheckKeys(n, kSlotKeys, "slot");
    Scalar(n, "slot", s.kind, true, what);
    std::string side;
    if (Scalar(n, "side", side, false, what)) {
      if (side == "before") s.side = SlotSpec::Side::kBefore;
      else if (side == "after") s.side = SlotSpec::Side::kAfter;
      else if (side != "any") Error(n["side"], "bad-value", "'side' must be 'before', 'after' or 'any'");
    }
    double within = s.within;
    if (n["within"] && Number(n, "within", within)) {
      if (within < 1 || within > 60) Error(n["within"], "bad-value", "'within' must be a number of words from 1 to 60");
      else s.within = static_cast<uint32_t>(within);
    }
    double before = 0;
    if (n["within_before"] && Number(n, "within_before", before)) {
      if (before < 0 || before > 60) Error(n["within_before"], "bad-value", "'within_before' must be a number of words from 0 to 60");
      else s.within_before = static_cast<uint32_t>(before);
    }
    auto folded = [&](const char* key) {
      std::vector<std::string> out;
      if (n[key])
        for (const auto& w : StringList(n[key], fmt::format("'{}'", key))) out.push_back(Fold(w));
      return out;
    };
    s.preceded_by = folded("preceded_by");
    s.not_preceded_by = folded("not_preceded_by");
    if (n["unit"]) s.units = StringList(n["unit"], "'unit'");
    if (n["required"]) {
      try {
        s.required = n["required"].as<bool>();
      } catch (const YAML::Exception&) {
        Error(n["required"], "wrong-type", "'required' must be true or false");
      }
    }
  }
  const bool lexicon = StartsWith(s.kind, "lexicon:") && s.kind.size() > 8;
  if (!s.kind.empty() && !lexicon && !kSlotKinds.count(s.kind))
    Error(n, "bad-value", fmt::format("{}: unknown slot '{}' (expected one of: {}, lexicon:NAME)", what, s.kind, OneOf(kSlotKinds)));
  if (lexicon) subject_lexicons_.push_back({s.kind.substr(8), s.loc, file_});  // must name a lexicon
  if (!s.units.empty() && s.kind != "number") Error(n["unit"], "bad-value", "'unit' applies to a 'number' slot only");
  return s;
}

FrameSpec Loader::LoadFrame(const YAML::Node& n, const std::string& what) {
  FrameSpec f;
  f.loc = Loc(n);
  if (!n.IsMap()) {
    Error(n, "wrong-type", fmt::format("{}: 'frame' must be a map with 'trigger' and 'value'", what));
    return f;
  }
  CheckKeys(n, kFrameKeys, "frame");
  if (n["trigger"]) {
    for (const auto& t : StringList(n["trigger"], "'trigger'")) {
      std::string w = Squeeze(t);
      if (w.empty()) Error(n["trigger"], "bad-value", fmt::format("{}: an empty trigger", what));
      else f.triggers.push_back(w);
    }
  } else {
    Error(n, "missing-field", fmt::format("{}: the frame has no 'trigger'", what));
  }
  if (n["value"]) f.value = LoadSlot(n["value"], what + " value");
  else Error(n, "missing-field", fmt::format("{}: the frame has no 'value' slot", what));
  f.value.required = true;
  if (n["subject"]) f.subject = LoadSlot(n["subject"], what + " subject");
  if (n["as_of"]) {
    f.as_of = LoadSlot(n["as_of"], what + " as_of");
    if (f.as_of.kind != "time" && f.as_of.kind != "day")
      Error(n["as_of"], "bad-value", fmt::format("{}: an 'as_of' slot is a 'time' or a 'day'", what));
  }
  if (n["negation"])
    for (const auto& w : StringList(n["negation"], "'negation'")) f.negation.push_back(Fold(w));
  std::string denied;
  if (Scalar(n, "denied", denied, false, what)) {
    if (denied == "zero") f.denied_is_zero = true;
    else if (denied != "none") Error(n["denied"], "bad-value", "'denied' must be 'none' (no fact) or 'zero' (a count of 0)");
  }
  return f;
}

}  // namespace cc::rules::internal
