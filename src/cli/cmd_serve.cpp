// `claimcheck serve` (review in the browser, src/serve) and `claimcheck editors` (who may sign in).
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "serve/serve.h"
#include "store/store.h"

namespace po = boost::program_options;

namespace cc::cli {

namespace {

serve::Server* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->Stop();
}

// A password from standard input: the first line; typed without echo on a terminal, twice.
bool ReadPassword(std::string& out, std::string& error) {
  const bool tty = ::isatty(STDIN_FILENO);
  auto read_line = [&](const char* prompt, std::string& line) {
    termios old {};
    if (tty) {
      std::cerr << prompt << std::flush;
      ::tcgetattr(STDIN_FILENO, &old);
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
      ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
      std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return ok;
  };
  if (!read_line("password: ", out)) return error = "no password on standard input", false;
  if (tty) {
    std::string again;
    if (!read_line("again: ", again) || again != out) return error = "the two passwords differ", false;
  }
  if (out.size() < 8) return error = "a password needs at least 8 characters", false;
  return true;
}

}  // namespace

int RunServe(const Args& args) {
  serve::Options o;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> positional;
  po::options_description opts(
      "claimcheck serve --db FILE [--listen HOST:PORT] [--guest]\n\n"
      "Serves the findings of a database for review in the browser: the findings list (filter by\n"
      "status, severity, predicate, article, text), each finding with every quoted sentence, the\n"
      "articles with their facts marked, the corroborated claims. Editors sign in (add them with\n"
      "'claimcheck editors add NAME --db FILE') and record decisions, the same records as\n"
      "'claimcheck review set'. Keys on a finding: n next open, c confirm, d dismiss, i needs info.\n"
      "Stops on Ctrl-C.\n\noptions");
  opts.add_options()
      ("help,h", "show this help")
      ("db", po::value(&o.db), "the database written by 'claimcheck check --db FILE'")
      ("listen", po::value(&listen), "address and port (default 127.0.0.1:8080: this machine only)")
      ("guest", po::bool_switch(&o.guest), "let anyone who reaches the address read, without signing in (never decide)")
      ("threads", po::value(&o.threads), "requests served at once (default 8)");
  po::variables_map vm;
  if (int rc = ParseOptions("serve", opts, args, vm, positional); rc >= 0) return rc;
  if (!positional.empty()) return UsageError("serve", "unexpected argument '" + positional.front() + "'");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) return UsageError("serve", "--listen takes HOST:PORT, as 127.0.0.1:8080");
  o.host = listen.substr(0, colon);
  try {
    o.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    o.port = -1;
  }
  if (o.port < 0 || o.port > 65535) return UsageError("serve", "--listen: '" + listen.substr(colon + 1) + "' is not a port");
  auto db = OpenExisting("serve", o.db);
  if (!db) return 2;
  const bool no_editor = db->Editors().empty();
  db.reset();  // each request opens its own connection
  serve::Server server(o);
  int port = server.Bind();
  if (serve::Options{}.host != o.host)
    std::cerr << "claimcheck: serve: listening on " << o.host << ", not only this machine: put it behind HTTPS before editors sign in from elsewhere\n";
  if (no_editor)
    std::cerr << "claimcheck: serve: no editor can sign in yet: add one with 'claimcheck editors add NAME --db " << o.db << "'\n";
  std::cerr << fmt::format("claimcheck: serving {} on http://{}:{}/ (Ctrl-C stops)\n", o.db, o.host, port);
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  server.Listen();
  g_server = nullptr;
  std::cerr << "claimcheck: serve: stopped\n";
  return 0;
}

int RunEditors(const Args& args) {
  const char* usage = R"(usage: claimcheck editors <command> --db FILE [options]

Who may sign in to 'claimcheck serve'. Passwords are read from standard input (typed twice,
unechoed, on a terminal) and kept only as Argon2id hashes.

commands:
  add NAME [--role editor|guest]   add someone, or set their password and role (default: editor)
  list                             the names and roles
)";
  if (args.empty() || args.front() == "--help" || args.front() == "-h" || args.front() == "help") {
    (args.empty() ? std::cerr : std::cout) << usage;
    return args.empty() ? 2 : 0;
  }
  const std::string sub = args.front();
  Args rest(args.begin() + 1, args.end());
  std::string db, role = "editor";
  std::vector<std::string> positional;
  po::options_description opts("claimcheck editors " + sub + " --db FILE\n\noptions");
  opts.add_options()("help,h", "show this help")("db", po::value(&db), "the database written by 'claimcheck check --db FILE'");
  if (sub == "add") opts.add_options()("role", po::value(&role), "editor (reads and decides) or guest (reads)");
  else if (sub != "list") return UsageError("editors", "unknown command '" + sub + "' (expected add or list)");
  po::variables_map vm;
  if (int rc = ParseOptions("editors " + sub, opts, rest, vm, positional); rc >= 0) return rc;
  if (sub == "add" && positional.size() != 1) return UsageError("editors add", "give one NAME");
  if (sub == "list" && !positional.empty()) return UsageError("editors list", "unexpected argument '" + positional.front() + "'");
  if (role != "editor" && role != "guest") return UsageError("editors add", "--role is editor or guest");
  auto st = OpenExisting("editors " + sub, db);
  if (!st) return 2;
  if (sub == "list") {
    for (const auto& e : st->Editors()) std::cout << e.name << "\t" << e.role << "\n";
    return 0;
  }
  std::string password, error;
  if (!ReadPassword(password, error)) {
    std::cerr << "claimcheck: editors add: " << error << "\n";
    return 2;
  }
  bool existed = st->GetEditor(positional.front()).has_value();
  st->PutEditor({positional.front(), serve::HashPassword(password), role});
  std::cerr << "claimcheck: editors add: " << positional.front() << " " << (existed ? "updated" : "added") << " (" << role << ")\n";
  return 0;
}

}  // namespace cc::cli
