#include "pipeline/rules.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/hash.h"
#include "rules/loader.h"

namespace cc::pipeline {
namespace fs = std::filesystem;

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("CLAIMCHECK_RULES"); env && *env) return env;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto share = exe.parent_path().parent_path() / "share" / "claimcheck" / "rules";
    if (fs::is_directory(share, ec)) return share.string();
  }
#ifdef CLAIMCHECK_DEFAULT_RULES
  if (fs::is_directory(CLAIMCHECK_DEFAULT_RULES, ec)) return CLAIMCHECK_DEFAULT_RULES;
#endif
  return "";
}

Result<Rules> LoadRules(const std::vector<std::string>& extra, bool no_defaults) {
  auto missing = [](const char* message) {
    Diagnostic d;
    d.code = "missing-rules";
    d.message = message;
    return std::vector{std::move(d)};
  };
  std::vector<std::string> dirs;
  if (!no_defaults) {
    std::string d = DefaultRulesDir();
    if (d.empty()) return missing("cannot find the shipped rules; set CLAIMCHECK_RULES or pass --rules DIR");
    dirs.push_back(d);
  }
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  if (dirs.empty()) return missing("no rules: --no-default-rules needs --rules DIR");
  // Each language's extractors are compiled when an article in it first comes (most runs meet
  // one or two languages; compiling the others was a third of the start-up).
  auto pack = rules::LoadRules(dirs, {.defer_languages = true});
  if (!pack.ok()) return pack.diagnostics();
  Rules r;
  r.pack = std::make_unique<RulePack>(std::move(pack.value()));
  auto engine = extract::Engine::Build(*r.pack);
  if (!engine.ok()) return engine.diagnostics();
  r.engine = engine.value();
  auto checks = check::MakeChecks(*r.pack);
  if (!checks.ok()) return checks.diagnostics();
  r.checks = std::move(checks.value());
  r.segment = ingest::MakeSegmentConfig(*r.pack);
  r.fingerprint = RulesFingerprint(*r.pack);
  return r;
}

std::string RulesFingerprint(const RulePack& pack) {
  Hasher h;
  for (const auto& file : pack.files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    h.Add(file).Add(content.str());
  }
  // Data the rules read (iso-codes' tables and catalogs): a new version of the package changes
  // its files' size or time.
  for (const auto& file : pack.data_files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    auto time = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
    h.Add(file).Add(std::to_string(size)).Add(std::to_string(time));
  }
  return h.Hex();
}

}  // namespace cc::pipeline
