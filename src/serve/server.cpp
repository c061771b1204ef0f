// The HTTP side of `claimcheck serve`: routes, sign-in and sessions, CSRF, the store per request.
// Sessions live in memory (a restart signs everyone out); a session token is 32 random bytes
// in an HttpOnly, SameSite=Strict cookie, and its CSRF token (another 32) is required on every
// POST. A decision is the same record `claimcheck review set` writes (Store::AddReview).
#include <fmt/format.h>
#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "core/text.h"
#include "pipeline/report.h"
#include "review/review.h"
#include "serve/serve.h"

namespace cc::serve {

namespace {

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialized");
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The value of cookie `name` in a Cookie header.
std::string CookieValue(const std::string& header, const std::string& name) {
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(at, end - at);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part.erase(0, b);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

constexpr const char* kCookie = "cc_session";
constexpr auto kSessionIdle = std::chrono::hours(12);

}  // namespace

std::string HashPassword(const std::string& password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing the password");
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

struct Server::Impl {
  struct Session {
    std::string name, role, csrf;
    std::chrono::steady_clock::time_point used;
    std::string flash;  // what the next page says once ("Recorded: confirmed.")
  };

  Options opt;
  httplib::Server http;
  std::mutex mu;
  std::map<std::string, Session> sessions;  // token -> who
  std::string dummy_hash;  // checked for an unknown name, so that timing does not tell names apart

  explicit Impl(Options o) : opt(std::move(o)), dummy_hash(HashPassword(RandomToken())) {}

  std::unique_ptr<store::Store> Db() const { return store::Store::Open(opt.db); }

  // Who sent the request: the session's editor, else a guest when guests may read.
  Viewer Who(const httplib::Request& req) {
    Viewer v;
    std::string token = CookieValue(req.get_header_value("Cookie"), kCookie);
    if (!token.empty()) {
      std::lock_guard<std::mutex> lock(mu);
      auto it = sessions.find(token);
      auto now = std::chrono::steady_clock::now();
      if (it != sessions.end() && now - it->second.used < kSessionIdle) {
        it->second.used = now;
        return {it->second.name, it->second.role, it->second.csrf};
      }
      if (it != sessions.end()) sessions.erase(it);
    }
    if (opt.guest) v.role = "guest";
    return v;
  }

  // A message for the session's next page (kept server-side: a link cannot put words on a page).
  void SetFlash(const httplib::Request& req, std::string text) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = sessions.find(CookieValue(req.get_header_value("Cookie"), kCookie));
    if (it != sessions.end()) it->second.flash = std::move(text);
  }
  std::string TakeFlash(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = sessions.find(CookieValue(req.get_header_value("Cookie"), kCookie));
    return it == sessions.end() ? "" : std::exchange(it->second.flash, "");
  }

  static size_t PageParam(const httplib::Request& req) {
    std::string p = req.get_param_value("page");
    if (p.empty() || p.size() > 8 || !std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isdigit(c); })) return 1;
    return std::stoul(p);
  }

  static void Html(httplib::Response& res, const std::string& page, int status = 200) {
    res.status = status;
    res.set_content(page, "text/html; charset=utf-8");
  }

  // Reading needs a viewer (signed in, or a guest when guests may read); else to the sign-in.
  bool MayRead(const Viewer& v, httplib::Response& res) {
    if (!v.role.empty()) return true;
    res.set_redirect("/login", 303);
    return false;
  }

  // A state-changing request: a session and its CSRF token.
  bool CsrfOk(const Viewer& v, const httplib::Request& req, httplib::Response& res) {
    if (!v.name.empty() && SameToken(req.get_param_value("csrf"), v.csrf)) return true;
    Html(res, pages::Error(v, 403, "This form has expired or did not come from claimcheck: reload the page and try again."), 403);
    return false;
  }

  void Routes() {
    http.set_default_headers({
        {"Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    });
    http.Get("/app.css", [](const httplib::Request&, httplib::Response& res) { res.set_content(pages::kStyle, "text/css"); });
    http.Get("/app.js", [](const httplib::Request&, httplib::Response& res) { res.set_content(pages::kScript, "text/javascript"); });

    http.Get("/login", [this](const httplib::Request&, httplib::Response& res) { Html(res, pages::Login("", opt.guest)); });
    http.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
      std::string name = req.get_param_value("name"), password = req.get_param_value("password");
      auto e = Db()->GetEditor(name);
      bool ok = VerifyPassword(e ? e->hash : dummy_hash, password) && e;
      if (!ok) {
        Html(res, pages::Login("Wrong name or password.", opt.guest), 401);
        return;
      }
      std::string token = RandomToken();
      {
        std::lock_guard<std::mutex> lock(mu);
        auto now = std::chrono::steady_clock::now();
        std::erase_if(sessions, [&](const auto& kv) { return now - kv.second.used >= kSessionIdle; });
        sessions[token] = {e->name, e->role, RandomToken(), std::chrono::steady_clock::now(), ""};
      }
      res.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/", kCookie, token));
      res.set_redirect("/", 303);
    });
    http.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!CsrfOk(v, req, res)) return;
      {
        std::lock_guard<std::mutex> lock(mu);
        sessions.erase(CookieValue(req.get_header_value("Cookie"), kCookie));
      }
      res.set_header("Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kCookie));
      res.set_redirect("/login", 303);
    });

    http.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!MayRead(v, res)) return;
      auto db = Db();
      report::Report r;
      r.findings = db->Findings();
      pages::ListQuery q{req.get_param_value("status"), req.get_param_value("severity"), req.get_param_value("predicate"),
                         req.get_param_value("article"), req.get_param_value("q"), 1};
      q.page = PageParam(req);
      review::Filter flt{q.status, q.severity, q.predicate, q.article};
      if (!q.article.empty()) {
        std::vector<const cc::Finding*> all;
        for (const auto& f : r.findings) all.push_back(&f);
        report::Report ev = review::Evidence(*db, all, false);
        r.facts = std::move(ev.facts);
        r.articles = std::move(ev.articles);
      }
      std::vector<const cc::Finding*> shown = review::Select(r, flt);
      if (!q.q.empty()) {
        std::string needle = Fold(q.q);
        std::erase_if(shown, [&](const cc::Finding* f) {
          return Fold(f->message).find(needle) == std::string::npos && Fold(f->subject).find(needle) == std::string::npos &&
                 f->id.find(q.q) == std::string::npos;
        });
      }
      Html(res, pages::Findings(v, r.findings, shown, q));
    });

    http.Get(R"(/finding/([0-9A-Za-z]+))", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!MayRead(v, res)) return;
      ShowFinding(v, req.matches[1], TakeFlash(req), res);
    });
    http.Post(R"(/finding/([0-9A-Za-z]+)/decide)", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!CsrfOk(v, req, res)) return;
      if (!v.may_decide()) {
        Html(res, pages::Error(v, 403, "Guests read; only editors record decisions."), 403);
        return;
      }
      std::string id = req.matches[1], status = req.get_param_value("status");
      auto db = Db();
      auto before = db->History(id);
      const std::string seen = req.get_param_value("seen");
      std::string notice = "Recorded: " + status + ".";
      if (!before.empty() && seen != std::to_string(before.back().id))
        notice += fmt::format(" Note: {} recorded {} at {}, after you opened this page; both decisions are kept, yours is the latest.",
                              before.back().by.empty() ? "another editor" : before.back().by, before.back().status, before.back().at);
      try {
        db->AddReview(id, status, req.get_param_value("note"), v.name);
      } catch (const store::StoreError& e) {
        Html(res, pages::Error(v, 400, e.what()), 400);
        return;
      }
      SetFlash(req, notice);
      res.set_redirect("/finding/" + id, 303);
    });

    http.Get(R"(/article/([0-9A-Za-z_.-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!MayRead(v, res)) return;
      auto db = Db();
      std::string id = req.matches[1];
      auto found = db->ArticlesById({id});
      if (found.empty()) {
        Html(res, pages::Error(v, 404, "No article with id " + id + "."), 404);
        return;
      }
      Html(res, pages::Article(v, found.front(), db->Raw(id), db->FactsOfArticles({id})));
    });

    http.Get("/corroborated", [this](const httplib::Request& req, httplib::Response& res) {
      Viewer v = Who(req);
      if (!MayRead(v, res)) return;
      report::Printer::Needs needs;
      needs.corroborated = true;
      pipeline::ReportOptions ro;
      ro.findings = false;
      report::Report r = pipeline::MakeReport(*Db(), needs, ro);
      Html(res, pages::Corroborated(v, r.corroborated, PageParam(req)));
    });

    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown error";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      res.status = 500;
      res.set_content(pages::Error(Viewer{}, 500, what), "text/html; charset=utf-8");
    });
  }

  void ShowFinding(const Viewer& v, const std::string& id, const std::string& notice, httplib::Response& res) {
    auto db = Db();
    std::vector<cc::Finding> all = db->Findings();
    const cc::Finding* f = nullptr;
    std::string next_open;
    bool past = false;
    for (const auto& x : all) {
      if (x.id == id) f = &x, past = true;
      else if (past && next_open.empty() && (x.status == "open" || x.changed_since_review)) next_open = x.id;
    }
    if (!f) {
      Html(res, pages::Error(v, 404, "No finding with id " + id + " (a re-check may have replaced it)."), 404);
      return;
    }
    if (next_open.empty())
      for (const auto& x : all)
        if (x.id != id && (x.status == "open" || x.changed_since_review)) {
          next_open = x.id;
          break;
        }
    report::Report r = review::Evidence(*db, {f}, true);
    Html(res, pages::Finding(v, *f, r, db->History(id), next_open, notice));
  }
};

Server::Server(Options opt) : impl_(std::make_unique<Impl>(std::move(opt))) {
  EnsureSodium();
  impl_->Db();  // fails here, with the store's message, on a file that is not a claimcheck database
  impl_->Routes();
  const unsigned threads = impl_->opt.threads ? impl_->opt.threads : 1;
  impl_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

Server::~Server() = default;

int Server::Bind() {
  auto& o = impl_->opt;
  int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host) : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
  return port;
}

void Server::Listen() { impl_->http.listen_after_bind(); }
void Server::Stop() { impl_->http.stop(); }

}  // namespace cc::serve
