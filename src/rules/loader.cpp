#include "rules/loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "core/numbers.h"
#include "core/parallel.h"
#include "core/text.h"
#include "rules/loader_internal.h"

namespace cc::rules {
namespace internal {

namespace {

const std::set<std::string> kTopKeys = {"lang", "macros", "lexicons", "extractors", "checks", "iso_3166"};

}  // namespace

void Loader::LoadFile(const ParsedFile& parsed) {
  file_ = parsed.file;
  pack_ = parsed.pack;
  out_.files.push_back(parsed.file);
  if (parsed.error) {
    diags_.push_back(*parsed.error);
    return;
  }
  const YAML::Node& root = parsed.root;
  if (root.IsNull()) return;  // an empty file is allowed
  if (!root.IsMap()) {
    Error(root, "wrong-type", "a rule file must be a map with lexicons, extractors or checks");
    return;
  }
  try {
    LoadRoot(root);
  } catch (const YAML::Exception& e) {  // a shape yaml-cpp refuses to walk: report, never crash
    Error(SourceLoc{file_, e.mark.line + 1, e.mark.column + 1}, "wrong-type", "cannot read this part of the file: " + e.msg);
  }
}

void Loader::LoadRoot(const YAML::Node& root) {
  CheckKeys(root, kTopKeys, "rule file");
  std::string lang = "any";
  Scalar(root, "lang", lang, false, "rule file");
  if (const YAML::Node m = root["macros"]) {
    if (!m.IsMap()) {
      Error(m, "wrong-type", "'macros' must map names to regex fragments");
    } else {
      for (const auto& kv : m) out_.macros[kv.first.as<std::string>("")] = kv.second.as<std::string>("");
    }
  }
  if (const YAML::Node iso = root["iso_3166"]) LoadIsoRequest(iso);
  if (const YAML::Node l = root["lexicons"]) LoadLexicons(l, lang);
  if (const YAML::Node x = root["extractors"]) {
    if (!x.IsSequence()) Error(x, "wrong-type", "'extractors' must be a list");
    else for (const auto& e : x) LoadExtractor(e, lang);
  }
  if (const YAML::Node c = root["checks"]) {
    if (!c.IsSequence()) Error(c, "wrong-type", "'checks' must be a list");
    else for (const auto& e : c) LoadCheck(e);
  }
}

LoadOutcome Loader::Finish() {
  AddIsoPlaces();
  CheckPlaces();
  CheckReferences();
  Expanded expanded = ExpandPatterns();
  PrecompileAll(expanded);
  CompileLexiconPatterns(expanded);
  CompileExtractorPatterns(expanded);
  CompileConditions();
  return {std::move(out_), std::move(diags_)};
}

// The place hierarchy: parents must exist and must not form a cycle. (Views of the entries'
// strings: ISO's thousands of places are checked too.)
void Loader::CheckPlaces() {
  std::vector<const LexiconEntry*> entries = out_.Entries("place", "");
  for (const LexiconEntry& e : out_.iso_places) entries.push_back(&e);
  std::map<std::string_view, const LexiconEntry*> parent;  // place -> its entry, which names its parent
  std::unordered_set<std::string_view> places;
  for (const LexiconEntry* e : entries) places.insert(e->value);
  for (const LexiconEntry* e : entries) {
    if (e->parent.empty()) continue;
    // (A parent named by ISO code cannot be checked without iso-codes, which was reported.)
    if (!places.count(e->parent) && !(iso_missing_ && IsIsoCode(e->parent)))
      Error(e->loc, "unknown-place", fmt::format("place '{}' has unknown parent '{}'", e->value, e->parent));
    parent[e->value] = e;
  }
  for (const auto& [p, entry] : parent) {
    std::string_view cur = p;
    for (size_t steps = 0; steps <= parent.size(); ++steps) {
      auto it = parent.find(cur);
      if (it == parent.end()) break;
      cur = it->second->parent;
      if (cur == p) {
        Error(entry->loc, "place-cycle", fmt::format("place '{}' is its own ancestor", p));
        break;
      }
    }
  }
}

// Number words have numeric values; subject_from names lexicons that exist.
void Loader::CheckReferences() {
  for (const auto& lex : out_.lexicons) {
    if (lex.name != "number_word") continue;
    for (const auto& e : lex.entries) {
      if (!ParseNumber(e.value, NumberConventions{}).has_value() && e.value.find_first_not_of("0123456789.") != std::string::npos)
        Error(e.loc, "bad-value", fmt::format("number word '{}' needs a numeric 'value'", e.value));
    }
  }
  for (const auto& s : subject_lexicons_)
    if (!out_.HasLexicon(s.name))
      Error(s.loc, "unknown-macro", fmt::format("subject_from names lexicon '{}', which does not exist", s.name));
}

// Every pattern expanded once ({macros} and {lexicons}; `unknown` names one that is neither).
Loader::Expanded Loader::ExpandPatterns() {
  Expanded ex;
  ex.lexicon.resize(lexicon_patterns_.size());
  ex.lexicon_unknown.resize(lexicon_patterns_.size());
  for (size_t i = 0; i < lexicon_patterns_.size(); ++i) {
    const Lexicon& lex = out_.lexicons[lexicon_patterns_[i].lexicon];
    ex.lexicon[i] = Expand(lex.entries[lexicon_patterns_[i].entry].pattern, lex.lang, 0, ex.lexicon_unknown[i]);
  }
  ex.extractor_unknown.resize(pending_.size());
  for (size_t i = 0; i < pending_.size(); ++i) {
    ExtractorSpec& x = out_.extractors[pending_[i].index];
    if (!x.pattern.empty()) x.expanded = Expand(x.pattern, x.lang, 0, ex.extractor_unknown[i]);
  }
  return ex;
}

}  // namespace internal

namespace {

using internal::Loader;
using internal::Parse;
using internal::ParsedFile;
namespace fs = std::filesystem;

Result<RulePack> Strict(LoadOutcome o) {
  bool errors = std::any_of(o.diagnostics.begin(), o.diagnostics.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (errors) return std::move(o.diagnostics);
  return std::move(o.pack);
}

}  // namespace

LoadOutcome LoadAllFromString(const std::string& yaml, const std::string& file, const std::string& pack,
                              LoadOptions options) {
  Loader l(options);
  l.LoadFile(Parse(file, pack, yaml));
  return l.Finish();
}

Result<RulePack> LoadRulesFromString(const std::string& yaml, const std::string& file, const std::string& pack,
                                     LoadOptions options) {
  return Strict(LoadAllFromString(yaml, file, pack, options));
}

Result<RulePack> LoadRules(const std::vector<std::string>& dirs, LoadOptions options) {
  return Strict(LoadAll(dirs, options));
}

LoadOutcome LoadAll(const std::vector<std::string>& dirs, LoadOptions options) {
  // Every file of every layer, in load order; read and parsed in parallel, then loaded in order.
  struct Item {
    size_t layer;
    fs::path path;
    std::string pack;
  };
  std::vector<Item> items;
  std::vector<Diagnostic> diags;
  auto missing = [&diags](const std::string& where, const char* why) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.code = "missing-rules";
    d.loc.file = where;
    d.message = why;
    diags.push_back(std::move(d));
  };
  for (size_t layer = 0; layer < dirs.size(); ++layer) {
    const auto& dir = dirs[layer];
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) {  // one rule file: a pack of its own
      items.push_back({layer, dir, fs::path(dir).parent_path().filename().string()});
      continue;
    }
    if (!fs::is_directory(dir, ec)) {
      missing(dir, "rules directory not found");
      continue;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    // Packs in order: common first, then the rest sorted; files sorted within a pack.
    std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
      auto pa = a.parent_path().filename().string(), pb = b.parent_path().filename().string();
      bool ca = pa == "common", cb = pb == "common";
      if (ca != cb) return ca;
      return a < b;
    });
    if (files.empty())
      missing(dir, "no rule files (*.yaml) in this directory");
    for (const auto& f : files) items.push_back({layer, f, f.parent_path().filename().string()});
  }
  // Parsed on every core, and loaded in order on this thread as each file is ready. The other
  // threads parse the largest files first: the packs' largest files are the last loaded, and
  // one of them parsed on its own at the end kept the other cores idle.
  std::vector<size_t> largest(items.size());
  std::vector<uintmax_t> bytes(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    std::error_code ec;
    largest[i] = i;
    bytes[i] = fs::file_size(items[i].path, ec);
    if (ec) bytes[i] = 0;
  }
  std::stable_sort(largest.begin(), largest.end(), [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });
  std::vector<std::optional<ParsedFile>> parsed(items.size());
  Loader l(options);
  size_t layer = 0;
  l.NextLayer();
  ParallelForInOrder(
      items.size(),
      [&](size_t i) {
        std::ifstream in(items[i].path);
        std::stringstream ss;
        ss << in.rdbuf();
        if (!in) return;  // reported in order
        parsed[i] = Parse(items[i].path.string(), items[i].pack, ss.str());
      },
      [&](size_t i) {
        for (; layer < items[i].layer; ++layer) l.NextLayer();
        if (parsed[i]) l.LoadFile(*parsed[i]);
        else missing(items[i].path.string(), "cannot read this rule file");
      },
      largest);
  LoadOutcome out = l.Finish();
  diags.insert(diags.end(), out.diagnostics.begin(), out.diagnostics.end());
  out.diagnostics = std::move(diags);
  return out;
}

}  // namespace cc::rules

