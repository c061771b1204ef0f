// Reading rule files: YAML parsing with positions, and the typed field readers that turn a
// wrong shape into a diagnostic at the node.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules::internal {

std::string OneOf(const std::set<std::string>& s) {
  std::vector<std::string> v(s.begin(), s.end());
  return Join(v, ", ");
}

ParsedFile Parse(std::string file, std::string pack, const std::string& t) {
  ParsedFile p{std::move(file), std::move(pack), {}, std::nullopt};
  if (auto bad = FindInvalidUtf8(t)) {
    auto [line, col] = LineCol(t, *bad);
    p.error = Diagnostic{Severity::kError, "invalid-utf8", SourceLoc{p.file, static_cast<int>(line), static_cast<int>(col)},
                         fmt::format("rule files must be UTF-8; invalid byte 0x{:02x}", static_cast<unsigned char>(t[*bad]))};
    return p;
  }
  try {
    p.root = YAML::Load(t);
  } catch (const YAML::ParserException& e) {
    SourceLoc loc{p.file, e.mark.line + 1, e.mark.column + 1};
    // yaml-cpp notices an unclosed [ or { where the file ends; point at the bracket instead.
    bool seq = e.msg.find("end of sequence flow") != std::string::npos;
    bool map = e.msg.find("end of map flow") != std::string::npos;
    if ((seq || map) && e.mark.pos > 0) {
      char open = seq ? '[' : '{', close = seq ? ']' : '}';
      size_t end = std::min(t.size(), static_cast<size_t>(e.mark.pos));
      int depth = 0;
      for (size_t i = end; i-- > 0;) {
        if (t[i] == close) ++depth;
        if (t[i] == open && depth-- == 0) {
          auto [line, col] = LineCol(t, i);
          loc.line = static_cast<int>(line);
          loc.column = static_cast<int>(col);
          break;
        }
      }
    }
    p.error = Diagnostic{Severity::kError, "yaml-syntax", std::move(loc), e.msg};
  } catch (const YAML::Exception& e) {  // parsed on a worker thread: nothing may escape
    p.error = Diagnostic{Severity::kError, "yaml-syntax", SourceLoc{p.file, e.mark.line + 1, e.mark.column + 1}, e.msg};
  }
  return p;
}

bool Loader::Define(const std::string& id, const YAML::Node& where, SourceLoc& overrides) {
  auto prev = rules_.find(id);
  if (prev != rules_.end() && prev->second.layer == layer_) {
    Error(where, "duplicate-id",
          fmt::format("rule id '{}' is already defined at {}:{}:{} (pack '{}'); ids must be unique across the packs of one rules directory",
                      id, prev->second.loc.file, prev->second.loc.line, prev->second.loc.column, prev->second.pack));
    return false;
  }
  if (prev != rules_.end()) overrides = prev->second.loc;
  rules_[id] = {layer_, pack_, Loc(where)};
  return true;
}

void Loader::CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                       std::string_view what) {
  for (const auto& kv : map) {
    auto key = kv.first.as<std::string>("");
    if (!allowed.count(key))
      Error(kv.first, "unknown-key",
            fmt::format("unknown key '{}' in {} (expected one of: {})", key, what, OneOf(allowed)));
  }
}

bool Loader::Scalar(const YAML::Node& map, const char* key, std::string& out, bool required,
                    std::string_view what) {
  const YAML::Node n = map[key];
  if (!n) {
    if (required) Error(map, "missing-field", fmt::format("{} has no '{}'", what, key));
    return false;
  }
  if (!n.IsScalar()) {
    Error(n, "wrong-type", fmt::format("'{}' in {} must be a string", key, what));
    return false;
  }
  out = n.as<std::string>();
  return true;
}

bool Loader::Number(const YAML::Node& map, const char* key, double& out) {
  const YAML::Node n = map[key];
  if (!n) return false;
  try {
    out = n.as<double>();
    return true;
  } catch (const YAML::Exception&) {
    Error(n, "wrong-type", fmt::format("'{}' must be a number", key));
    return false;
  }
}

std::vector<std::string> Loader::StringList(const YAML::Node& n, std::string_view what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        Error(item, "wrong-type", fmt::format("{} must be a list of strings", what));
        continue;
      }
      out.push_back(item.as<std::string>());
    }
  } else {
    Error(n, "wrong-type", fmt::format("{} must be a string or a list of strings", what));
  }
  return out;
}

}  // namespace cc::rules::internal
