#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <simdjson.h>
#include <sstream>

#include "core/hash.h"
#include "core/text.h"
#include "ingest/ingest.h"

namespace cc::ingest {
namespace fs = std::filesystem;
namespace {

Diagnostic Err(std::string code, const std::string& file, std::string msg, int line = 0) {
  return Diagnostic{Severity::kError, std::move(code), {file, line, 0}, std::move(msg)};
}

bool IsArticleFile(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".txt" || ext == ".jsonl";
}

// Sets the article id from its raw bytes (and the path for identical texts in one file).
void SetId(Article& a) { a.id = Hasher().Add(a.raw).Hex(); }

bool HasErrors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

// Text that is not valid UTF-8 but plainly Windows-1252 (Latin-1) is read as that, with a
// warning; else the error at the first invalid byte. `line` is 0 for a whole file (the error
// then says the line of the byte), else the JSONL line. True when `data` is UTF-8 now.
bool ToUtf8(std::string& data, const std::string& path, int line, std::vector<Diagnostic>& diags) {
  auto bad = FindInvalidUtf8(data);
  if (!bad) return true;
  auto [l, col] = LineCol(data, *bad);  // the text before *bad is valid UTF-8
  SourceLoc at{path, line ? line : static_cast<int>(l), static_cast<int>(col)};
  std::string where = line ? fmt::format("byte {} of the line", *bad) : fmt::format("byte {}", *bad);
  if (auto decoded = FromWindows1252(data)) {
    data = std::move(*decoded);
    diags.push_back(Diagnostic{Severity::kWarning, "not-utf8", at, "not UTF-8 (at " + where + "): read as Windows-1252"});
    return true;
  }
  diags.push_back(Diagnostic{Severity::kError, "invalid-utf8", at, "invalid UTF-8 at " + where});
  return false;
}

}  // namespace

Result<std::vector<std::string>> ListInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  std::vector<Diagnostic> diags;
  for (const auto& p : paths) {
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diags.push_back(Err("missing-path", p, "no such file or directory"));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      auto opts = fs::directory_options::skip_permission_denied;
      for (auto it = fs::recursive_directory_iterator(p, opts, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && IsArticleFile(it->path())) found.push_back(it->path().string());
      }
      if (ec) {
        diags.push_back(Err("unreadable", p, ec.message()));
        continue;
      }
      if (found.empty()) {
        diags.push_back(Err("no-articles", p, "no article files (*.txt, *.jsonl) in this directory"));
        continue;
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);
    }
  }
  if (!diags.empty()) return diags;
  return out;
}

size_t ParseHeader(std::string_view raw, Article& a) {
  static const std::set<std::string, std::less<>> kKeys = {
      "title", "source", "url", "published", "date", "lang", "language", "author", "id"};
  std::map<std::string, std::string> kv;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t nl = raw.find('\n', pos);
    std::string_view line = raw.substr(pos, nl == std::string_view::npos ? raw.size() - pos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) {
      if (kv.empty()) return 0;
      for (auto& [k, v] : kv) {
        if (k == "title") a.title = v;
        else if (k == "id") a.given_id = v;
        else if (k == "source") a.source = v;
        else if (k == "url") a.url = v;
        else if (k == "published" || k == "date") a.published = v;
        else if (k == "lang" || k == "language") a.lang = v;
      }
      return nl == std::string_view::npos ? raw.size() : nl + 1;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return 0;
    std::string key(Trim(line.substr(0, colon)));
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!kKeys.count(key)) return 0;
    kv[key] = std::string(Trim(line.substr(colon + 1)));
    if (nl == std::string_view::npos) return 0;  // a header must end with a blank line
    pos = nl + 1;
  }
  return 0;
}

namespace {

// The string fields of a JSONL article that claimcheck reads; a field that is missing or not
// a string is empty (but an integer "id" is kept, written in decimal).
struct JsonlFields {
  std::optional<std::string> text, id, title, source, url, published, lang;
};

// Reads the fields with simdjson, which parses a line at GB/s (nlohmann built every string a
// character at a time: 14 % of a run on real news). False when simdjson refuses the line or
// it is not an object; the caller then parses it with nlohmann, whose answer on such lines
// (an error, or numbers simdjson cannot hold) stays the reference. As with nlohmann, the last
// of repeated keys wins.
bool FastFields(const std::string& line, JsonlFields& f) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(line).get(obj) != simdjson::SUCCESS) return false;
  for (auto [key, value] : obj) {
    std::optional<std::string>* field = key == "text"        ? &f.text
                                        : key == "id"        ? &f.id
                                        : key == "title"     ? &f.title
                                        : key == "source"    ? &f.source
                                        : key == "url"       ? &f.url
                                        : key == "published" ? &f.published
                                        : key == "lang"      ? &f.lang
                                                             : nullptr;
    if (!field) continue;
    std::string_view v;
    int64_t n = 0;
    uint64_t u = 0;
    if (value.get(v) == simdjson::SUCCESS) *field = std::string(v);
    else if (field == &f.id && value.get(n) == simdjson::SUCCESS) *field = std::to_string(n);  // "id": 17
    else if (field == &f.id && value.get(u) == simdjson::SUCCESS) *field = std::to_string(u);
    else field->reset();
  }
  return true;
}

// One JSONL line as an article, or why not (a diagnostic at line n); a warning goes to `warnings`.
std::optional<Diagnostic> JsonlArticle(const std::string& path, std::string& line, int n, const Limits& limits,
                                       Normalized normalized, Article& a, std::vector<Diagnostic>& warnings) {
  if (line.size() > limits.max_article_bytes)
    return Err("too-large", path, fmt::format("article is {} bytes, over the limit of {} bytes", line.size(), limits.max_article_bytes), n);
  std::vector<Diagnostic> said;
  if (!ToUtf8(line, path, n, said)) return said.front();
  warnings.insert(warnings.end(), said.begin(), said.end());
  if (line.find('\0') != std::string::npos) return Err("binary", path, "line contains NUL bytes (binary?)", n);
  JsonlFields f;
  if (!FastFields(line, f)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Err("bad-jsonl", path, "line is not a JSON object", n);
    auto str = [&](const char* k, std::optional<std::string>& out) {
      auto it = j.find(k);
      if (it != j.end() && it->is_string()) out = it->get<std::string>();
    };
    str("text", f.text);
    str("id", f.id);
    if (auto it = j.find("id"); it != j.end() && it->is_number_integer()) f.id = it->dump();
    str("title", f.title);
    str("source", f.source);
    str("url", f.url);
    str("published", f.published);
    str("lang", f.lang);
  }
  if (!f.text) return Err("bad-jsonl", path, "object has no string field \"text\"", n);
  a.path = fmt::format("{}:{}", path, n);
  a.raw = std::move(*f.text);
  a.title = f.title.value_or("");
  a.given_id = f.id.value_or("");
  a.source = f.source.value_or("");
  a.url = f.url.value_or("");
  a.published = f.published.value_or("");
  a.lang = f.lang.value_or("");
  SetId(a);
  if (normalized == Normalized::kNow) Normalize(a, 0);
  return std::nullopt;
}

// A JSONL stream, line by line: memory holds one line, whatever the size of the file.
std::vector<Diagnostic> ReadJsonl(std::istream& in, const std::string& path, const Limits& limits,
                                  const std::function<void(Article)>& fn, Normalized normalized) {
  std::string line;
  int n = 0;
  size_t articles = 0;
  std::vector<Diagnostic> diags;
  while (std::getline(in, line)) {
    ++n;
    if (Trim(line).empty()) continue;
    Article a;
    if (auto err = JsonlArticle(path, line, n, limits, normalized, a, diags)) {
      diags.push_back(*err);
      continue;
    }
    ++articles;
    fn(std::move(a));  // also after a bad line: the caller decides whether one bad line fails the run
  }
  if (in.bad()) diags.push_back(Err("unreadable", path, "read error"));
  if (!HasErrors(diags) && articles == 0) diags.push_back(Err("empty", path, n ? "no articles in this JSONL file" : "file is empty"));
  return diags;
}

// A .txt article from its bytes.
std::vector<Diagnostic> ReadTxt(const std::string& path, std::string data, const std::function<void(Article)>& fn,
                                Normalized normalized) {
  if (Trim(data).empty()) return {Err("empty", path, "file is empty")};
  if (data.find('\0') != std::string::npos) return {Err("binary", path, "file contains NUL bytes (binary?)")};
  std::vector<Diagnostic> diags;  // a 1-based line and byte column, like a compiler
  if (!ToUtf8(data, path, 0, diags)) return diags;
  Article a;
  a.path = path;
  a.raw = std::move(data);
  a.body_begin = static_cast<uint32_t>(ParseHeader(a.raw, a));
  SetId(a);
  if (normalized == Normalized::kNow) Normalize(a, a.body_begin);
  fn(std::move(a));
  return diags;
}

bool IsJsonl(const std::string& path) { return fs::path(path).extension() == ".jsonl"; }

Result<std::vector<Article>> Collect(const std::function<std::vector<Diagnostic>(const std::function<void(Article)>&)>& read) {
  std::vector<Article> out;
  auto diags = read([&](Article a) { out.push_back(std::move(a)); });
  if (HasErrors(diags)) return diags;
  return out;
}

}  // namespace

std::vector<Diagnostic> ReadEach(const std::string& path, const Limits& limits, const std::function<void(Article)>& fn,
                                 Normalized normalized) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return {Err("is-directory", path, "is a directory")};
  auto size = fs::file_size(path, ec);
  if (ec) return {Err("unreadable", path, ec.message())};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {Err("unreadable", path, "cannot open file for reading")};
  if (IsJsonl(path)) return ReadJsonl(in, path, limits, fn, normalized);  // the limit is per article (line)
  if (size > limits.max_article_bytes)
    return {Err("too-large", path, fmt::format("file is {} bytes, over the limit of {} bytes", size, limits.max_article_bytes))};
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return {Err("unreadable", path, "read error")};
  if (data.size() > limits.max_article_bytes)  // it grew while we read it
    return {Err("too-large", path, fmt::format("file is over the limit of {} bytes", limits.max_article_bytes))};
  return ReadTxt(path, std::move(data), fn, normalized);
}

Result<std::vector<Article>> ReadFile(const std::string& path, const Limits& limits) {
  return Collect([&](const auto& fn) { return ReadEach(path, limits, fn); });
}

Result<std::vector<Article>> ReadBuffer(const std::string& path, std::string data) {
  return Collect([&](const auto& fn) {
    if (!IsJsonl(path)) return ReadTxt(path, std::move(data), fn, Normalized::kNow);
    if (Trim(data).empty()) return std::vector{Err("empty", path, "file is empty")};
    std::istringstream in(std::move(data));
    return ReadJsonl(in, path, Limits{}, fn, Normalized::kNow);
  });
}

}  // namespace cc::ingest
