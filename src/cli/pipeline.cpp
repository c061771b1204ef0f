#include "cli/pipeline.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "check/corroborate.h"
#include "core/text.h"
#include "resolve/resolve.h"
#include "rules/loader.h"

namespace cc::cli {
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
  std::vector<std::string> dirs;
  if (!no_defaults) {
    std::string d = DefaultRulesDir();
    if (d.empty())
      return std::vector{Diagnostic{Severity::kError, "missing-rules", {},
                                    "cannot find the shipped rules; set CLAIMCHECK_RULES or pass --rules DIR"}};
    dirs.push_back(d);
  }
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  if (dirs.empty())
    return std::vector{Diagnostic{Severity::kError, "missing-rules", {}, "no rules: --no-default-rules needs --rules DIR"}};
  auto pack = rules::LoadRules(dirs);
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
  return r;
}

Result<std::vector<Article>> ReadInputs(const std::vector<std::string>& paths, const ingest::Limits& limits,
                                        bool progress) {
  auto files = ingest::ListInputs(paths);
  if (!files.ok()) return files.diagnostics();
  std::vector<Article> out;
  std::vector<Diagnostic> diags;
  std::set<std::string> seen;
  const auto& list = files.value();
  for (size_t i = 0; i < list.size(); ++i) {
    if (progress && (i % 50 == 0 || i + 1 == list.size()))
      std::cerr << fmt::format("\rclaimcheck: reading {}/{} files", i + 1, list.size()) << std::flush;
    auto arts = ingest::ReadFile(list[i], limits);
    if (!arts.ok()) {
      diags.insert(diags.end(), arts.diagnostics().begin(), arts.diagnostics().end());
      continue;
    }
    for (auto& a : arts.value())
      if (seen.insert(a.id).second) out.push_back(std::move(a));  // the same text twice is one article
  }
  if (progress) std::cerr << "\n";
  if (!diags.empty()) return diags;
  return out;
}

std::vector<Fact> ProcessArticle(Article& a, const Rules& rules) {
  ingest::Segment(a, rules.segment);
  auto facts = rules.engine->Extract(a);
  if (a.published.empty()) a.published = resolve::DetectPublished(facts);  // stored and reported
  resolve::Resolve(a, facts);
  return facts;
}

std::vector<Finding> CheckStore(store::Store& db, const Rules& rules, int64_t run) {
  auto facts = db.Facts();
  auto articles = db.Articles();
  std::map<std::string, std::string> published;
  for (const auto& a : articles) published[a.id] = a.published;
  db.UpdateResolution(facts, resolve::ResolveCorpus(facts, published));
  check::Context ctx;
  ctx.gazetteer = &rules.engine->gazetteer();
  for (const auto& a : articles) {
    ctx.article_label[a.id] = ShortName(a.path);
    ctx.article_published[a.id] = a.published;
  }
  auto findings = check::RunChecks(rules.checks, facts, ctx);
  db.ReplaceFindings(findings, run);
  return findings;
}

report::Report BuildReport(const store::Store& db, const Gazetteer* gazetteer, bool claims) {
  report::Report r;
  r.articles = db.Articles();
  r.facts = db.Facts();
  r.findings = db.Findings();
  for (const auto& a : r.articles) r.raw[a.id] = db.Raw(a.id);
  if (!claims) return r;
  auto groups = check::DuplicateGroups(r.raw);
  for (const auto& [id, first] : groups)
    if (id != first) r.duplicate_of[id] = first;
  check::Context ctx;
  ctx.gazetteer = gazetteer;
  for (const auto& a : r.articles) ctx.article_label[a.id] = ShortName(a.path);
  r.claims = check::Corroborate(r.facts, groups, ctx);
  return r;
}

void PrintDiagnostics(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) std::cerr << "claimcheck: " << d.Format() << "\n";
}

void WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content << std::flush;
    return;
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path));
    out << content;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(fmt::format("{}: write failed", path));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: {}", path, ec.message()));
  }
}

}  // namespace cc::cli
