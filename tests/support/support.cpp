#include "support/support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/hash.h"
#include "ingest/ingest.h"

extern char** environ;

namespace cc::test {
namespace fs = std::filesystem;

const pipeline::Rules& ShippedRules() {
  static pipeline::Rules* rules = [] {
    auto r = pipeline::LoadRules({}, false);
    if (!r.ok()) {
      for (const auto& d : r.diagnostics()) UNSCOPED_INFO(d.Format());
      FAIL("shipped rules do not load");
    }
    return new pipeline::Rules(std::move(r.value()));
  }();
  return *rules;
}

std::vector<const Fact*> Extracted::With(const std::string& predicate) const {
  std::vector<const Fact*> out;
  for (const auto& f : facts)
    if (f.predicate == predicate) out.push_back(&f);
  return out;
}

namespace {
Extracted Extract(const std::string& text, const std::string& lang, const std::string& published, const pipeline::Rules& rules) {
  Extracted e;
  e.article.path = "test.txt";
  e.article.lang = lang;
  e.article.published = published;
  e.article.raw = text;
  e.article.id = Hasher().Add(text).Hex();
  ingest::Normalize(e.article, 0);
  e.facts = pipeline::ProcessArticle(e.article, rules);
  return e;
}
}  // namespace

Extracted ExtractText(const std::string& text, const std::string& lang, const pipeline::Rules& rules) {
  return Extract(text, lang, "", rules);
}

Extracted ExtractPublished(const std::string& text, const std::string& lang, const std::string& published) {
  return Extract(text, lang, published, ShippedRules());
}

namespace {
// Runs argv_s[0] with standard input from `input` (a file), its output into files.
Started Spawn(std::vector<std::string> argv_s, const std::vector<std::string>& env, const std::string& input) {
  Started st;
  std::string dir = TempDir("run");
  st.out_path = dir + "/stdout";
  st.err_path = dir + "/stderr";
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
  env_s.insert(env_s.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, st.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, st.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (posix_spawn(&st.pid, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0) st.pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return st;
}
}  // namespace

Started Start(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv = {CC_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return Spawn(std::move(argv), env, "/dev/null");
}

Started StartProgram(const std::vector<std::string>& argv) { return Spawn(argv, {}, "/dev/null"); }

RunResult RunWithInput(const std::vector<std::string>& args, const std::string& input) {
  std::string path = TempDir("input") + "/stdin";
  WriteFile(path, input);
  std::vector<std::string> argv = {CC_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return Wait(Spawn(std::move(argv), {}, path));
}

bool Running(Started& s) {
  if (s.pid <= 0) return false;
  int st = 0;
  if (waitpid(s.pid, &st, WNOHANG) == 0) return true;
  s.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  s.pid = 0;
  return false;
}

RunResult Wait(Started s) {
  RunResult r;
  if (s.pid > 0) {
    int st = 0;
    waitpid(s.pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  } else {
    r.status = s.status;
  }
  r.out = ReadFile(s.out_path);
  r.err = ReadFile(s.err_path);
  return r;
}

RunResult Run(const std::vector<std::string>& args, const std::vector<std::string>& env) { return Wait(Start(args, env)); }

void ExpectInputError(const RunResult& r, const std::string& what) {
  INFO("stderr: " << r.err);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("claimcheck: ", 0) == 0);
  CHECK(r.err.find(what) != std::string::npos);
}

std::string TempDir(const std::string& name) {
  static int counter = 0;
  fs::path p = fs::temp_directory_path() / ("claimcheck-test-" + std::to_string(::getpid())) /
               (name + "-" + std::to_string(++counter));
  fs::remove_all(p);
  fs::create_directories(p);
  static struct Cleanup {
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("claimcheck-test-" + std::to_string(::getpid())), ec);
    }
  } cleanup;
  return p.string();
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SharedDir() {
  fs::path p = fs::path(CC_SOURCE_DIR) / ".." / "shared";
  if (fs::is_directory(p / "seeds")) return fs::canonical(p).string();
  return "";
}

}  // namespace cc::test
