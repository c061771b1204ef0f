// `claimcheck serve`: editors review findings in the browser, over the same store and the same
// decision records as `claimcheck review`. Server-rendered pages (pages.cpp), sign-in with
// Argon2id password hashes, sessions in HttpOnly SameSite cookies and a CSRF token on every
// form (server.cpp). The HTTP server is cpp-httplib's; every request opens its own connection
// to the store, so a `check` run or another editor's decision is seen on the next page.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "report/report.h"
#include "store/store.h"

namespace cc::serve {

// Password hashing (libsodium's crypto_pwhash: Argon2id). Hash throws std::runtime_error when
// libsodium cannot start or is out of memory.
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

struct Options {
  std::string db;                  // the SQLite database written by `check --db`
  std::string host = "127.0.0.1";  // localhost unless asked otherwise
  int port = 8080;                 // 0: any free port (tests)
  bool guest = false;              // anyone may read without signing in (never decide)
  unsigned threads = 8;            // requests served at once
};

// Who is asking: a signed-in editor or guest, or nobody.
struct Viewer {
  std::string name;  // "" when not signed in
  std::string role;  // "editor", "guest" (signed in or anonymous with Options::guest), ""
  std::string csrf;  // the session's token for forms
  bool may_decide() const { return role == "editor"; }
};

// The pages, as HTML documents (pages.cpp). Everything from the store is escaped; the only
// script is /app.js (keyboard shortcuts), served by the server, which the pages' CSP allows.
namespace pages {

struct ListQuery {
  std::string status, severity, predicate, article, q;
  size_t page = 1;  // of kPageSize findings
};
inline constexpr size_t kPageSize = 200;
std::string Login(const std::string& error, bool guest_allowed);
// The findings list: counts by status over `all`, then `shown` (the filtered ones).
std::string Findings(const Viewer& v, const std::vector<Finding>& all, const std::vector<const Finding*>& shown,
                     const ListQuery& q);
// One finding: each claim's sentence with the claim marked, its article's title, source, link
// and date; the history of decisions; the decision form for an editor. `notice` is shown above
// (a decision recorded, or another editor's decision since the page was opened).
std::string Finding(const Viewer& v, const cc::Finding& f, const report::Report& evidence,
                    const std::vector<store::Review>& history, const std::string& next_open, const std::string& notice);
// One article's text with every fact marked.
std::string Article(const Viewer& v, const ArticleMeta& a, const std::string& raw, const std::vector<Fact>& facts);
std::string Corroborated(const Viewer& v, const std::vector<Claim>& claims, size_t page);  // kPageSize a page
std::string Error(const Viewer& v, int status, const std::string& message);
extern const char* const kScript;  // /app.js
extern const char* const kStyle;   // /app.css

}  // namespace pages

class Server {
 public:
  explicit Server(Options opt);
  ~Server();
  // Binds the address (throws std::runtime_error when it cannot) and returns the port.
  int Bind();
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Listen();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::serve
