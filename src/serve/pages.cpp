// The pages of `claimcheck serve`: plain HTML forms and links, readable with JavaScript off.
// Every piece of text from the store goes through report::HtmlEscape; links only to http(s)
// URLs (report::HtmlLink).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.h"
#include "serve/serve.h"

namespace cc::serve::pages {
namespace {

using report::HtmlEscape;
using report::HtmlLink;

std::string UrlEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string Page(const Viewer& v, const std::string& title, const std::string& body) {
  std::string who;
  if (!v.name.empty()) {
    who = fmt::format("<form method=\"post\" action=\"/logout\" class=\"who\">{} ({}) "
                      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button>Sign out</button></form>",
                      HtmlEscape(v.name), HtmlEscape(v.role), HtmlEscape(v.csrf));
  } else if (v.role == "guest") {
    who = "<span class=\"who\">reading as a guest · <a href=\"/login\">sign in</a></span>";
  }
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>{} · claimcheck</title><link rel=\"stylesheet\" href=\"/app.css\"></head>\n<body>\n"
      "<nav><a href=\"/\"><strong>claimcheck</strong></a> <a href=\"/\">Findings</a> "
      "<a href=\"/corroborated\">Corroborated claims</a> {}</nav>\n<main>\n{}</main>\n"
      "<script src=\"/app.js\"></script>\n</body></html>\n",
      HtmlEscape(title), who, body);
}

// The non-empty parts, joined.
std::string Parts(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string StatusBadge(const std::string& status) {
  return fmt::format("<span class=\"status status-{}\">{}</span>", HtmlEscape(status), HtmlEscape(status));
}

std::string Select(const char* name, const std::string& current, const std::vector<std::string>& options) {
  std::string s = fmt::format("<select name=\"{}\"><option value=\"\">any {}</option>", name, name);
  for (const auto& o : options)
    s += fmt::format("<option{}>{}</option>", o == current ? " selected" : "", HtmlEscape(o));
  return s + "</select>";
}

}  // namespace

std::string Login(const std::string& error, bool guest_allowed) {
  std::string body = "<h1>Sign in</h1>\n";
  if (!error.empty()) body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", HtmlEscape(error));
  body += "<form method=\"post\" action=\"/login\" class=\"login\">"
          "<label>Name <input name=\"name\" id=\"name\" autocomplete=\"username\" required autofocus></label>"
          "<label>Password <input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
          "<button id=\"sign-in\">Sign in</button></form>\n";
  if (guest_allowed) body += "<p><a href=\"/\">Read without signing in</a> (guests cannot record decisions).</p>\n";
  return Page(Viewer{}, "Sign in", body);
}

std::string Findings(const Viewer& v, const std::vector<cc::Finding>& all, const std::vector<const cc::Finding*>& shown,
                     const ListQuery& q) {
  std::map<std::string, size_t> counts;
  std::vector<std::string> predicates;
  for (const auto& f : all) {
    ++counts[f.status];
    if (f.changed_since_review) ++counts["changed"];
    if (std::find(predicates.begin(), predicates.end(), f.predicate) == predicates.end()) predicates.push_back(f.predicate);
  }
  std::sort(predicates.begin(), predicates.end());
  std::string body = "<h1>Findings</h1>\n<p class=\"counts\">";
  body += fmt::format("<a href=\"/\">all {}</a>", all.size());
  for (const char* s : {"open", "confirmed", "dismissed", "needs-info", "changed"})
    body += fmt::format(" · <a href=\"/?status={}\">{} {}</a>", s, s, counts[s]);
  body += "</p>\n<form method=\"get\" action=\"/\" class=\"filters\">";
  body += Select("status", q.status, {"open", "confirmed", "dismissed", "needs-info", "changed"});
  body += Select("severity", q.severity, {"error", "warning", "info"});
  body += Select("predicate", q.predicate, predicates);
  body += fmt::format("<input name=\"article\" placeholder=\"article id or file\" value=\"{}\">"
                      "<input name=\"q\" type=\"search\" placeholder=\"search the messages\" value=\"{}\">"
                      "<button id=\"filter\">Filter</button></form>\n",
                      HtmlEscape(q.article), HtmlEscape(q.q));
  const size_t pages = std::max<size_t>(1, (shown.size() + kPageSize - 1) / kPageSize), page = std::min(std::max<size_t>(q.page, 1), pages);
  const size_t from = (page - 1) * kPageSize, to = std::min(shown.size(), from + kPageSize);
  body += fmt::format("<p class=\"shown\">{} shown{}</p>\n", shown.size(),
                      pages > 1 ? fmt::format(" · page {} of {} ({} to {})", page, pages, from + 1, to) : "");
  body += "<table class=\"findings\"><thead><tr><th>severity</th><th>status</th><th>what</th><th>finding</th></tr></thead><tbody>\n";
  for (size_t i = from; i < to; ++i) {
    const cc::Finding* f = shown[i];
    body += fmt::format("<tr class=\"sev-{}\"><td>{}</td><td>{}{}</td><td>{}</td><td><a class=\"finding-link\" href=\"/finding/{}\">{}</a></td></tr>\n",
                        ToString(f->severity), ToString(f->severity), StatusBadge(f->status),
                        f->changed_since_review ? " <span class=\"status changed\">changed</span>" : "",
                        HtmlEscape(f->predicate + " · " + report::Topic(*f)), UrlEncode(f->id), HtmlEscape(f->message));
  }
  body += "</tbody></table>\n";
  if (shown.empty()) body += "<p>No finding matches.</p>\n";
  auto link = [&](size_t p, const char* text) {
    return fmt::format("<a href=\"/?status={}&amp;severity={}&amp;predicate={}&amp;article={}&amp;q={}&amp;page={}\">{}</a>",
                       UrlEncode(q.status), UrlEncode(q.severity), UrlEncode(q.predicate), UrlEncode(q.article), UrlEncode(q.q), p, text);
  };
  if (pages > 1)
    body += "<p class=\"pages\">" + (page > 1 ? link(page - 1, "← previous") : std::string()) + (page > 1 && page < pages ? " · " : "") +
            (page < pages ? link(page + 1, "next →") : std::string()) + "</p>\n";
  return Page(v, "Findings", body);
}

std::string Finding(const Viewer& v, const cc::Finding& f, const report::Report& r, const std::vector<store::Review>& history,
                    const std::string& next_open, const std::string& notice) {
  std::string body;
  if (!notice.empty()) body += fmt::format("<p class=\"notice\" role=\"status\">{}</p>\n", HtmlEscape(notice));
  body += fmt::format("<h1 class=\"sev-{}\">{} · {}</h1>\n<p class=\"msg\">{}</p>\n", ToString(f.severity),
                      HtmlEscape(f.predicate), HtmlEscape(report::Topic(f)), HtmlEscape(f.message));
  body += fmt::format("<p class=\"meta\">{} {}{} · rule {} · event {} · id <code>{}</code></p>\n", ToString(f.severity),
                      StatusBadge(f.status), f.changed_since_review ? " <span class=\"status changed\">changed since review</span>" : "",
                      HtmlEscape(f.rule), HtmlEscape(f.event.empty() ? "unresolved" : f.event), HtmlEscape(f.id));
  // Why these claims were compared: one check's partition (check/check.h), said in words.
  body += fmt::format("<p class=\"why\">Compared by rule <code>{}</code> ({}): the {} claims {}{}.</p>\n", HtmlEscape(f.rule),
                      HtmlEscape(f.kind), HtmlEscape(f.predicate),
                      f.subject.empty() ? std::string("of one article") : "about " + HtmlEscape(f.subject),
                      f.event.empty() ? std::string(", whose day is not resolved") : " in event " + HtmlEscape(f.event));
  body += "<h2>What each article says</h2>\n<table class=\"evidence\"><thead><tr><th>value</th><th>article</th><th>in context</th></tr></thead><tbody>\n";
  for (const auto& id : f.facts) {
    const Fact* x = r.FactById(id);
    if (!x) continue;
    const ArticleMeta* a = r.Article(x->article);
    report::Excerpt e = report::ExcerptOf(r, *x, 240);
    std::string how(ToString(x->modality));
    if (!x->source.empty()) how += " by " + x->source;
    std::string title = a ? (a->title.empty() ? a->path : a->title) : x->article;
    std::string meta;
    if (a) {
      meta = HtmlEscape(Parts(std::vector<std::string>{a->source, a->published}, " · "));
      if (!a->url.empty()) meta += " · " + HtmlLink(a->url, "original");
    }
    body += fmt::format("<tr><td><span class=\"value\">{}</span><br><span class=\"src\">{}{}</span></td>"
                        "<td><a href=\"/article/{}\">{}</a><br><span class=\"src\">{}</span><br><span class=\"src\">{}</span></td>"
                        "<td>{}<mark>{}</mark>{}</td></tr>\n",
                        HtmlEscape(DisplayValue(*x)), HtmlEscape(how), x->date ? HtmlEscape(" · " + *x->date) : "",
                        UrlEncode(x->article), HtmlEscape(title), meta, HtmlEscape(report::Position(r, *x)), HtmlEscape(e.before),
                        HtmlEscape(e.value), HtmlEscape(e.after));
  }
  body += "</tbody></table>\n";
  body += "<h2>Decisions</h2>\n";
  if (history.empty()) {
    body += "<p>None yet.</p>\n";
  } else {
    body += "<table class=\"history\"><thead><tr><th>when</th><th>who</th><th>decision</th><th>note</th></tr></thead><tbody>\n";
    for (const auto& h : history)
      body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", HtmlEscape(h.at),
                          HtmlEscape(h.by.empty() ? "not recorded" : h.by), StatusBadge(h.status), HtmlEscape(h.note));
    body += "</tbody></table>\n";
  }
  const int64_t seen = history.empty() ? 0 : history.back().id;
  if (v.may_decide()) {
    body += fmt::format(
        "<form method=\"post\" action=\"/finding/{}/decide\" class=\"decide\" id=\"decide\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"seen\" value=\"{}\">"
        "<label>Note <textarea name=\"note\" id=\"note\" rows=\"2\"></textarea></label>"
        "<button name=\"status\" value=\"confirmed\" id=\"confirm\" title=\"c\">Confirm</button>"
        "<button name=\"status\" value=\"dismissed\" id=\"dismiss\" title=\"d\">Dismiss</button>"
        "<button name=\"status\" value=\"needs-info\" id=\"needs-info\" title=\"i\">Needs info</button>"
        "<button name=\"status\" value=\"open\" id=\"reopen\">Reopen</button></form>\n",
        UrlEncode(f.id), HtmlEscape(v.csrf), seen);
  } else {
    body += "<p class=\"src\">Guests read; editors decide.</p>\n";
  }
  if (!next_open.empty())
    body += fmt::format("<p><a id=\"next\" href=\"/finding/{}\" title=\"n\">Next open finding →</a></p>\n", UrlEncode(next_open));
  body += "<p class=\"src keys\">Keys: n next open finding · c confirm · d dismiss · i needs info · / search</p>\n";
  return Page(v, f.predicate + " · " + report::Topic(f), body);
}

std::string Article(const Viewer& v, const ArticleMeta& a, const std::string& raw, const std::vector<Fact>& facts) {
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"meta\">{}{} · id <code>{}</code></p>\n",
                                 HtmlEscape(a.title.empty() ? a.path : a.title),
                                 HtmlEscape(Parts(std::vector<std::string>{a.source, a.published, a.path}, " · ")),
                                 a.url.empty() ? "" : " · " + HtmlLink(a.url, "original"), HtmlEscape(a.id));
  // The facts' values marked in the text, the first of overlapping ones.
  std::vector<const Fact*> marks;
  for (const auto& f : facts)
    if (f.span.end <= raw.size() && f.span.begin < f.span.end) marks.push_back(&f);
  std::sort(marks.begin(), marks.end(), [](const Fact* x, const Fact* y) { return x->span.Key() < y->span.Key(); });
  std::string text;
  size_t at = 0;
  for (const Fact* f : marks) {
    if (f->span.begin < at) continue;
    text += HtmlEscape(std::string_view(raw).substr(at, f->span.begin - at));
    text += fmt::format("<mark title=\"{}\">{}</mark>", HtmlEscape(f->predicate + " = " + DisplayValue(*f)),
                        HtmlEscape(std::string_view(raw).substr(f->span.begin, f->span.size())));
    at = f->span.end;
  }
  text += HtmlEscape(std::string_view(raw).substr(std::min(at, raw.size())));
  body += "<div class=\"text\">" + text + "</div>\n";
  body += fmt::format("<h2>Facts ({})</h2>\n<table><thead><tr><th>predicate</th><th>subject</th><th>value</th></tr></thead><tbody>\n",
                      facts.size());
  for (const auto& f : facts)
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", HtmlEscape(f.predicate), HtmlEscape(f.subject),
                        HtmlEscape(DisplayValue(f)));
  body += "</tbody></table>\n";
  return Page(v, a.title.empty() ? a.path : a.title, body);
}

std::string Corroborated(const Viewer& v, const std::vector<Claim>& claims, size_t page) {
  const size_t pages = std::max<size_t>(1, (claims.size() + kPageSize - 1) / kPageSize);
  page = std::min(std::max<size_t>(page, 1), pages);
  const size_t from = (page - 1) * kPageSize, to = std::min(claims.size(), from + kPageSize);
  std::string body = fmt::format("<h1>Corroborated claims ({})</h1>\n", claims.size());
  if (pages > 1) {
    body += fmt::format("<p class=\"pages\">page {} of {}", page, pages);
    if (page > 1) body += fmt::format(" · <a href=\"/corroborated?page={}\">← previous</a>", page - 1);
    if (page < pages) body += fmt::format(" · <a href=\"/corroborated?page={}\">next →</a>", page + 1);
    body += "</p>\n";
  }
  body += "<ul class=\"claims\">\n";
  for (size_t i = from; i < to; ++i) {
    const Claim& c = claims[i];
    body += fmt::format("<li><strong>{}</strong> of {}, event {}: {}", HtmlEscape(c.predicate), HtmlEscape(c.subject),
                        HtmlEscape(c.event.empty() ? "unresolved" : c.event), HtmlEscape(c.summary));
    for (const auto& n : c.notes) body += "<br><span class=\"src\">" + HtmlEscape(n) + "</span>";
    body += "</li>\n";
  }
  body += "</ul>\n";
  return Page(v, "Corroborated claims", body);
}

std::string Error(const Viewer& v, int status, const std::string& message) {
  return Page(v, fmt::format("{}", status), fmt::format("<h1>{}</h1>\n<p class=\"error\">{}</p>\n", status, HtmlEscape(message)));
}

const char* const kStyle = R"(body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem;color:#1b1b1b}
nav{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ddd;padding-bottom:.5rem;flex-wrap:wrap}nav .who{margin-left:auto}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-top:1px solid #eee;padding:.35rem .4rem;text-align:left;vertical-align:top}
.status{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.8rem;background:#eee}.status-confirmed{background:#fde0dc}
.status-dismissed{background:#e0f2e9}.status-needs-info{background:#fff3cd}.changed{background:#ffe0b2}
tr.sev-error td:first-child,h1.sev-error{border-left:5px solid #c62828;padding-left:.4rem}tr.sev-warning td:first-child,h1.sev-warning{border-left:5px solid #ef8f00;padding-left:.4rem}
tr.sev-info td:first-child,h1.sev-info{border-left:5px solid #1565c0;padding-left:.4rem}
mark{background:#ffeb3b}.value{font-weight:600}.src,.meta{color:#666;font-size:.85rem}.error{color:#b71c1c}.notice{background:#fff3cd;padding:.4rem .6rem}
form.filters,form.decide,form.login{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin:.6rem 0}
form.login{flex-direction:column;align-items:start;max-width:20rem}label{display:flex;flex-direction:column;font-size:.9rem}
.text{white-space:pre-wrap;border:1px solid #eee;padding:.6rem;max-height:60vh;overflow:auto}button{padding:.3rem .8rem}
)";

// Keyboard shortcuts for the review walk; the pages work without it.
const char* const kScript = R"(document.addEventListener('keydown', function (e) {
  var t = e.target.tagName;
  if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT' || e.ctrlKey || e.metaKey || e.altKey) return;
  var click = function (id) { var el = document.getElementById(id); if (el) { e.preventDefault(); el.click(); } };
  if (e.key === 'n') click('next');
  else if (e.key === 'c') click('confirm');
  else if (e.key === 'd') click('dismiss');
  else if (e.key === 'i') click('needs-info');
  else if (e.key === '/') { var q = document.querySelector('input[name=q]'); if (q) { e.preventDefault(); q.focus(); } }
});
)";

}  // namespace cc::serve::pages
