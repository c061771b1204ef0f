// Review in the browser (`claimcheck serve`) end to end: a real server on a local port, spoken
// to over HTTP (cpp-httplib's client) and driven in headless Chromium through ChromeDriver.
// Sign-in, filters, a decision with a note seen in `claimcheck review history`, CSRF, guests,
// hostile article text, two editors on one finding.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "serve/serve.h"
#include "support/support.h"

using cc::test::Run;
namespace fs = std::filesystem;

namespace {

const std::string kSource = CC_SOURCE_DIR;

// A database of the examples and the hostile articles, with an editor and a guest.
std::string MakeDb() {
  std::string db = cc::test::TempDir("serve") + "/desk.db";
  auto r = Run({"check", kSource + "/examples", kSource + "/tests/data/hostile", "--db", db, "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto st = cc::store::Store::Open(db);
  st->PutEditor({"ana", cc::serve::HashPassword("correct horse"), "editor"});
  st->PutEditor({"budi", cc::serve::HashPassword("battery staple"), "editor"});
  st->PutEditor({"tamu", cc::serve::HashPassword("just reading"), "guest"});
  return db;
}

// A server on a free port of 127.0.0.1, serving until the object goes.
struct Running {
  cc::serve::Server server;
  int port = 0;
  std::thread thread;
  explicit Running(cc::serve::Options o) : server((o.port = 0, o)) {
    port = server.Bind();
    thread = std::thread([this] { server.Listen(); });
  }
  ~Running() {
    server.Stop();
    thread.join();
  }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port); }
};

cc::serve::Options On(const std::string& db, bool guest = false) {
  cc::serve::Options o;
  o.db = db;
  o.guest = guest;
  o.threads = 4;
  return o;
}

// Signs in; the session cookie ("cc_session=...") or "".
std::string SignIn(httplib::Client& c, const std::string& name, const std::string& password) {
  auto res = c.Post("/login", httplib::Params{{"name", name}, {"password", password}});
  REQUIRE(res);
  if (res->status != 303) return "";
  std::string set = res->get_header_value("Set-Cookie");
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  return set.substr(0, set.find(';'));
}

std::string Get(httplib::Client& c, const std::string& cookie, const std::string& path, int want = 200) {
  auto res = c.Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
  REQUIRE(res);
  INFO(path);
  CHECK(res->status == want);
  return res->body;
}

std::string Match(const std::string& html, const std::string& re) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex(re))) return "";
  return m[1];
}

std::string Csrf(const std::string& html) { return Match(html, "name=\"csrf\" value=\"([0-9a-f]+)\""); }

std::string DepartureId(httplib::Client& c, const std::string& cookie) {
  std::string page = Get(c, cookie, "/?predicate=departure_day");
  std::string id = Match(page, "href=\"/finding/([0-9a-f]+)\"");
  REQUIRE(id.size() == 16);
  return id;
}

}  // namespace

TEST_CASE("serve: sign in, filter, open a finding, confirm it with a note, see it in review history") {
  std::string db = MakeDb();
  Running s(On(db));
  auto c = s.Client();
  // Nobody signed in: to the sign-in page.
  auto first = c.Get("/");
  REQUIRE(first);
  CHECK(first->status == 303);
  CHECK(first->get_header_value("Location") == "/login");
  CHECK(first->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(SignIn(c, "ana", "wrong password").empty());
  CHECK(SignIn(c, "nobody", "correct horse").empty());
  std::string cookie = SignIn(c, "ana", "correct horse");
  REQUIRE(!cookie.empty());

  std::string all = Get(c, cookie, "/");
  CHECK(all.find("departure_day · Joko Widodo") != std::string::npos);
  CHECK(all.find("open 6") != std::string::npos);
  std::string errors = Get(c, cookie, "/?severity=error&predicate=departure_day");
  CHECK(errors.find("1 shown") != std::string::npos);
  std::string searched = Get(c, cookie, "/?q=BORDER");
  CHECK(searched.find("border_length") != std::string::npos);
  CHECK(searched.find("departure_day · Joko Widodo") == std::string::npos);
  std::string by_article = Get(c, cookie, "/?article=en-wire");
  CHECK(by_article.find("departure_day · Joko Widodo") != std::string::npos);

  std::string id = DepartureId(c, cookie);
  std::string page = Get(c, cookie, "/finding/" + id);
  CHECK(page.find("on <mark>Sunday</mark> night") != std::string::npos);
  CHECK(page.find("None yet.") != std::string::npos);
  CHECK(page.find("Compared by rule <code>departure-day-agree</code> (agree): the departure_day claims about Joko Widodo in event 2023-07.") !=
        std::string::npos);
  std::string csrf = Csrf(page);
  REQUIRE(!csrf.empty());
  auto decided = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", cookie}},
                        httplib::Params{{"csrf", csrf}, {"status", "confirmed"}, {"note", "checked with the palace"}, {"seen", "0"}});
  REQUIRE(decided);
  CHECK(decided->status == 303);
  std::string after = Get(c, cookie, decided->get_header_value("Location"));
  CHECK(after.find("Recorded: confirmed.") != std::string::npos);
  CHECK(after.find("checked with the palace") != std::string::npos);
  CHECK(Get(c, cookie, "/").find("confirmed 1") != std::string::npos);
  // The same record the command line reads.
  auto history = Run({"review", "history", id, "--db", db});
  CHECK(history.status == 0);
  CHECK(history.out.find("confirmed") != std::string::npos);
  CHECK(history.out.find("ana: checked with the palace") != std::string::npos);

  // The article page marks its facts; the corroborated claims list.
  std::string article = Match(page, "href=\"/article/([0-9a-f]+)\"");
  REQUIRE(!article.empty());
  CHECK(Get(c, cookie, "/article/" + article).find("<mark title=\"") != std::string::npos);
  CHECK(Get(c, cookie, "/corroborated").find("Corroborated claims") != std::string::npos);
  Get(c, cookie, "/finding/ffffffffffffffff", 404);
  Get(c, cookie, "/article/nosuch", 404);
}

TEST_CASE("serve: a POST without the CSRF token is refused, a guest reads but cannot decide") {
  std::string db = MakeDb();
  Running s(On(db, /*guest=*/true));
  auto c = s.Client();
  // Guests read without signing in.
  std::string list = Get(c, "", "/");
  CHECK(list.find("reading as a guest") != std::string::npos);
  std::string cookie = SignIn(c, "ana", "correct horse");
  std::string id = DepartureId(c, cookie);
  auto forged = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", cookie}},
                       httplib::Params{{"status", "dismissed"}, {"note", "from another site"}, {"seen", "0"}});
  REQUIRE(forged);
  CHECK(forged->status == 403);
  auto wrong = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", cookie}},
                      httplib::Params{{"csrf", std::string(64, 'a')}, {"status", "dismissed"}, {"seen", "0"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 403);
  // A signed-in guest has a token but no right to decide.
  std::string guest = SignIn(c, "tamu", "just reading");
  std::string page = Get(c, guest, "/finding/" + id);
  CHECK(page.find("id=\"decide\"") == std::string::npos);
  auto refused = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", guest}},
                        httplib::Params{{"csrf", Csrf(page)}, {"status", "dismissed"}, {"seen", "0"}});
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(cc::store::Store::Open(db)->History(id).empty());
  // An unknown status is a clear error, not a record.
  std::string mine = Get(c, cookie, "/finding/" + id);
  auto bad = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", cookie}},
                    httplib::Params{{"csrf", Csrf(mine)}, {"status", "maybe"}, {"seen", "0"}});
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(cc::store::Store::Open(db)->History(id).empty());
}

TEST_CASE("serve: hostile titles, bodies and links stay text") {
  std::string db = MakeDb();
  Running s(On(db));
  auto c = s.Client();
  std::string cookie = SignIn(c, "ana", "correct horse");
  std::string id = DepartureId(c, cookie);
  std::string page = Get(c, cookie, "/finding/" + id);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("href=\"javascript:") == std::string::npos);
  // Every article page of the hostile files: only the page's own script element.
  for (const auto& a : cc::store::Store::Open(db)->ArticlesById({Match(page, "href=\"/article/([0-9a-f]+)\"")})) {
    std::string text = Get(c, cookie, "/article/" + a.id);
    size_t scripts = 0;
    for (size_t at = 0; (at = text.find("<script", at)) != std::string::npos; ++at) ++scripts;
    CHECK(scripts == 1);
    CHECK(text.find("<script src=\"/app.js\"></script>") != std::string::npos);
    CHECK(text.find("<img") == std::string::npos);
  }
}

TEST_CASE("serve: two editors decide one finding, both kept, the later told of the earlier") {
  std::string db = MakeDb();
  Running s(On(db));
  auto c = s.Client();
  std::string ana = SignIn(c, "ana", "correct horse"), budi = SignIn(c, "budi", "battery staple");
  std::string id = DepartureId(c, ana);
  std::string ana_page = Get(c, ana, "/finding/" + id), budi_page = Get(c, budi, "/finding/" + id);
  auto decide = [&](const std::string& cookie, const std::string& page, const std::string& status) {
    auto res = c.Post(("/finding/" + id + "/decide").c_str(), httplib::Headers{{"Cookie", cookie}},
                      httplib::Params{{"csrf", Csrf(page)}, {"status", status}, {"seen", Match(page, "name=\"seen\" value=\"([0-9]+)\"")}});
    REQUIRE(res);
    CHECK(res->status == 303);
    return Get(c, cookie, res->get_header_value("Location"));
  };
  std::string first = decide(ana, ana_page, "confirmed");
  CHECK(first.find("after you opened") == std::string::npos);
  std::string second = decide(budi, budi_page, "dismissed");  // opened before ana decided
  CHECK(second.find("ana recorded confirmed at") != std::string::npos);
  auto history = cc::store::Store::Open(db)->History(id);
  REQUIRE(history.size() == 2);
  CHECK(history[0].by == "ana");
  CHECK(history[1].by == "budi");
  CHECK(Get(c, ana, "/finding/" + id).find("status-dismissed") != std::string::npos);
}

TEST_CASE("editors add: the password from standard input, kept as an Argon2id hash") {
  std::string db = MakeDb();
  auto added = cc::test::RunWithInput({"editors", "add", "citra", "--db", db}, "a long passphrase\n");
  INFO(added.err);
  CHECK(added.status == 0);
  auto e = cc::store::Store::Open(db)->GetEditor("citra");
  REQUIRE(e);
  CHECK(e->hash.rfind("$argon2id$", 0) == 0);
  CHECK(e->hash.find("a long passphrase") == std::string::npos);
  CHECK(cc::serve::VerifyPassword(e->hash, "a long passphrase"));
  CHECK(!cc::serve::VerifyPassword(e->hash, "a long passphrasE"));
  auto listed = Run({"editors", "list", "--db", db});
  CHECK(listed.out.find("citra\teditor") != std::string::npos);
  CHECK(listed.out.find("tamu\tguest") != std::string::npos);
  CHECK(cc::test::RunWithInput({"editors", "add", "dewi", "--db", db}, "short\n").status == 2);
  CHECK(cc::test::RunWithInput({"editors", "add", "dewi", "--db", db, "--role", "boss"}, "long enough pass\n").status == 2);
  CHECK(cc::test::RunWithInput({"editors", "add", "dewi", "--db", db + ".missing"}, "long enough pass\n").status == 2);
  CHECK(Run({"serve", "--db", db, "--listen", "localhost"}).status == 2);
  CHECK(Run({"serve", "--db", db + ".missing"}).status == 2);
  CHECK(Run({"serve", "--help"}).status == 0);
}

// ---- In Chromium, through ChromeDriver (Debian's chromium-driver; scripts/test installs it) ----

namespace {

struct WebDriver {
  cc::test::Started process;
  std::unique_ptr<httplib::Client> http;
  std::string session;

  nlohmann::json Call(const std::string& method, const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    std::string url = session.empty() ? path : "/session/" + session + path;
    httplib::Result res = method == "GET"      ? http->Get(url.c_str())
                          : method == "DELETE" ? http->Delete(url.c_str())
                                               : http->Post(url.c_str(), body.dump(), "application/json");
    REQUIRE(res);
    INFO(method << " " << url << " -> " << res->body.substr(0, 500));
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body)["value"];
  }
  std::string Find(const std::string& css) {
    auto v = Call("POST", "/element", {{"using", "css selector"}, {"value", css}});
    return v.begin().value().get<std::string>();
  }
  void Type(const std::string& css, const std::string& text) { Call("POST", "/element/" + Find(css) + "/value", {{"text", text}}); }
  void Click(const std::string& css) { Call("POST", "/element/" + Find(css) + "/click"); }
  void Go(const std::string& url) { Call("POST", "/url", {{"url", url}}); }
  std::string Source() { return Call("GET", "/source").get<std::string>(); }
  std::string Url() { return Call("GET", "/url").get<std::string>(); }
  // The page's source once it holds `text` (a click's navigation may still be under way), or
  // after 10 s, what it is then.
  std::string WaitFor(const std::string& text) {
    std::string source;
    for (int i = 0; i < 100; ++i) {
      if ((source = Source()).find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return source;
  }
  void Key(const std::string& key) {
    nlohmann::json actions = {{"actions", {{{"type", "key"}, {"id", "keyboard"}, {"actions", {{{"type", "keyDown"}, {"value", key}}, {{"type", "keyUp"}, {"value", key}}}}}}}};
    Call("POST", "/actions", actions);
  }
  ~WebDriver() {
    if (http && !session.empty()) http->Delete(("/session/" + session).c_str());
    if (process.pid > 0) {
      ::kill(process.pid, SIGTERM);
      ::waitpid(process.pid, nullptr, 0);
    }
  }
};

}  // namespace

TEST_CASE("serve: in Chromium, an editor signs in, filters, confirms a finding with a note, and walks on with a key") {
  const char* chromium = "/usr/bin/chromium";
  const char* driver = "/usr/bin/chromedriver";
  if (!fs::exists(chromium) || !fs::exists(driver)) {
    if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true") FAIL("chromium or chromedriver is not installed and CI=true");
    WARN("skipped: chromium and chromium-driver are not installed (scripts/test installs them)");
    return;
  }
  std::string db = MakeDb();
  Running s(On(db));
  const std::string base = "http://127.0.0.1:" + std::to_string(s.port);
  WebDriver wd;
  const int port = 20000 + static_cast<int>(::getpid() % 20000);
  wd.process = cc::test::StartProgram({driver, "--port=" + std::to_string(port)});
  wd.http = std::make_unique<httplib::Client>("127.0.0.1", port);
  for (int i = 0; i < 100; ++i) {
    if (auto r = wd.http->Get("/status"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::string profile = cc::test::TempDir("chromium-profile");
  nlohmann::json caps = {{"capabilities",
                          {{"alwaysMatch",
                            {{"goog:chromeOptions",
                              {{"binary", chromium},
                               {"args", {"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile}}}}}}}}};
  auto created = wd.Call("POST", "/session", caps);
  wd.session = created["sessionId"].get<std::string>();

  wd.Go(base + "/");
  CHECK(wd.Url() == base + "/login");
  wd.Type("#name", "ana");
  wd.Type("#password", "correct horse");
  wd.Click("#sign-in");
  CHECK(wd.WaitFor("departure_day · Joko Widodo").find("departure_day · Joko Widodo") != std::string::npos);
  // Filter by predicate with the form, open the finding.
  wd.Type("input[name=q]", "departure");
  wd.Click("#filter");
  CHECK(wd.WaitFor("1 shown").find("1 shown") != std::string::npos);
  wd.Click("a.finding-link");
  CHECK(wd.WaitFor("<mark>Sunday</mark>").find("<mark>Sunday</mark>") != std::string::npos);
  std::string id = Match(wd.Url(), "/finding/([0-9a-f]+)");
  REQUIRE(!id.empty());
  wd.Type("#note", "two sources against four; asked the desk");
  wd.Click("#confirm");
  std::string after = wd.WaitFor("Recorded: confirmed.");
  CHECK(after.find("Recorded: confirmed.") != std::string::npos);
  CHECK(after.find("two sources against four; asked the desk") != std::string::npos);
  auto history = Run({"review", "history", id, "--db", db});
  CHECK(history.out.find("ana: two sources against four; asked the desk") != std::string::npos);
  // The keyboard: n goes to the next open finding.
  wd.Key("n");
  std::string next;
  for (int i = 0; i < 100 && (next.empty() || next == id); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    next = Match(wd.Url(), "/finding/([0-9a-f]+)");
  }
  CHECK(!next.empty());
  CHECK(next != id);
  // A hostile article page in the browser: its text shown, none of its script run.
  wd.Go(base + "/finding/" + id);
  wd.Click("a[href^='/article/']");
  wd.WaitFor("<h2>Facts");
  CHECK(wd.Call("POST", "/execute/sync", {{"script", "return document.querySelectorAll('img').length"}, {"args", nlohmann::json::array()}}) == 0);
  CHECK(wd.Call("POST", "/execute/sync", {{"script", "return document.scripts.length"}, {"args", nlohmann::json::array()}}) == 1);
  CHECK(wd.Source().find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("serve: the findings list comes in pages of 200, the filters kept in the links") {
  std::vector<cc::Finding> all(450);
  for (size_t i = 0; i < all.size(); ++i) {
    all[i].id = fmt::format("{:016x}", i);
    all[i].predicate = "deaths";
    all[i].subject = "flood";
    all[i].message = fmt::format("finding {}", i);
  }
  std::vector<const cc::Finding*> shown;
  for (const auto& f : all) shown.push_back(&f);
  cc::serve::Viewer v{"ana", "editor", "00"};
  cc::serve::pages::ListQuery q{"open", "", "deaths", "", "flood <b>", 2};
  std::string page = cc::serve::pages::Findings(v, all, shown, q);
  CHECK(page.find("450 shown · page 2 of 3 (201 to 400)") != std::string::npos);
  CHECK(page.find("finding 200<") != std::string::npos);
  CHECK(page.find("finding 199<") == std::string::npos);
  CHECK(page.find("finding 400<") == std::string::npos);
  CHECK(page.find("q=flood%20%3Cb%3E&amp;page=3\">next") != std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
  q.page = 99;  // past the end: the last page
  CHECK(cc::serve::pages::Findings(v, all, shown, q).find("page 3 of 3 (401 to 450)") != std::string::npos);
}
