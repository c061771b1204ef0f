// HTML report: one self-contained page (no script, no network: a Content-Security-Policy that
// forbids both), readable on a phone. Findings grouped by severity with their review status and
// note, each value's evidence sentence with the claim marked, an SVG timeline where values move
// over time, corroborated claims, and the article list. Every piece of text is escaped.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/calendar.h"
#include "core/text.h"
#include "report/report.h"

namespace cc::report {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Only http(s) URLs become links; anything else (javascript:, data:) is shown as text.
std::string HtmlLink(const std::string& url, const std::string& text) {
  if (StartsWith(url, "http://") || StartsWith(url, "https://"))
    return fmt::format("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", HtmlEscape(url), HtmlEscape(text));
  return HtmlEscape(text);
}

namespace {

const char* kStyle = R"(
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.summary{color:#555}.finding{border:1px solid #ddd;border-left:6px solid #888;border-radius:6px;padding:.6rem .9rem;margin:1rem 0}
.sev-error{border-left-color:#c62828}.sev-warning{border-left-color:#ef8f00}.sev-info{border-left-color:#1565c0}
.finding h4{margin:.1rem 0 .4rem;font-size:1.05rem}.meta{color:#666;font-size:.85rem;word-break:break-all}
.status{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.8rem;background:#eee}
.status-confirmed{background:#fde0dc}.status-dismissed{background:#e0f2e9}.status-needs-info{background:#fff3cd}
.changed{background:#ffe0b2;margin-left:.3rem}.note{margin:.4rem 0;padding:.3rem .6rem;background:#f7f7f7;border-left:3px solid #bbb}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-top:1px solid #eee;padding:.35rem .4rem;text-align:left;vertical-align:top}
mark{background:#ffeb3b;padding:0 .1rem}.value{font-weight:600;white-space:nowrap}.src{color:#666;font-size:.85rem}
svg{width:100%;max-width:30rem;height:auto;margin:.4rem 0 0;display:block}ul.claims li{margin:.3rem 0}
ol.key{margin:.1rem 0 .6rem;padding-left:1.6rem;font-size:.85rem}ol.key li.disputed::marker{color:#c62828;font-weight:700}ol.key li.other{color:#666}
@media (max-width:40rem){table,tbody,tr,td,th{display:block}th{display:none}td{border:0;padding:.15rem 0}tr{border-top:1px solid #eee;padding:.4rem 0}}
)";

std::string DayLabel(double minutes) {
  PartialDate d = CivilFromDays(static_cast<long>(std::floor(minutes / 1440)));
  int m = static_cast<int>(std::fmod(minutes, 1440));
  return m ? fmt::format("{} {:02d}:{:02d}", ToIso(d), m / 60, m % 60) : ToIso(d);
}

// A finding's timeline (report::Timeline) as a small SVG chart and its key: each dot is one
// claim, numbered across by when it was made; the finding's values red, the same subject's
// other values of the event grey. Across: the day the article was published (a figure: the
// moment it is given for); up: the day it claims (the figure). The key under the chart, in
// HTML, says what each number is and wraps on a phone, where text inside an SVG would shrink
// with it. "" when fewer than two points can be placed.
std::string Timeline(const Report& r, const Finding& f) {
  using Point = cc::report::Timeline::Point;
  auto it = r.timelines.find(f.id);
  if (it == r.timelines.end()) return "";
  const bool numeric = it->second.numeric;
  std::vector<Point> pts = it->second.points;
  if (pts.size() < 2) return "";
  std::stable_sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return std::tie(a.x, a.y) < std::tie(b.x, b.y); });
  auto [xmin_it, xmax_it] = std::minmax_element(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.x < b.x; });
  auto [ymin_it, ymax_it] = std::minmax_element(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.y < b.y; });
  double x0 = xmin_it->x, x1 = xmax_it->x, y0 = ymin_it->y, y1 = ymax_it->y;
  const bool one_moment = x1 - x0 < 1;
  if (one_moment) x0 -= 720, x1 += 720;  // half a day either side, and one label under the dots
  if (y1 - y0 < 1e-9) y0 -= 1, y1 += 1;
  // The plot stands off its axes by a dot and a half, so that no dot or number sits on a line.
  const double W = 420, H = 200, L = 84, R = 24, T = 16, B = 44, pad = 22;
  auto sx = [&](double x) { return L + pad + (x - x0) / (x1 - x0) * (W - L - R - 2 * pad); };
  auto sy = [&](double y) { return H - B - pad - (y - y0) / (y1 - y0) * (H - T - B - 2 * pad); };
  auto ylabel = [&](double y) { return numeric ? fmt::format("{:g}", y) : DayLabel(y).substr(0, 10); };
  const char* across = numeric ? "moment given for" : "published";
  const char* up = numeric ? "figure" : "day claimed";
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\">"
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
      W, H, HtmlEscape(fmt::format("{} of {}: {} against {}", f.predicate, f.subject, up, across)), L, H - B, W - R, H - B, L, T, L, H - B);
  // The extremes on each axis, and what each axis is.
  svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>", L - 5, sy(y1) + 4, HtmlEscape(ylabel(y1)));
  svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>", L - 5, sy(y0) + 4, HtmlEscape(ylabel(y0)));
  auto xlabel = [&](double x) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>", sx(x), H - B + 15,
                       HtmlEscape(DayLabel(x).substr(0, 10)));
  };
  if (one_moment) {
    xlabel((x0 + x1) / 2);
  } else {
    xlabel(x0);
    if (DayLabel(x1).substr(0, 10) != DayLabel(x0).substr(0, 10)) xlabel(x1);
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">{} →</text>", (L + W - R) / 2, H - 6, across);
  svg += fmt::format("<text x=\"12\" y=\"{}\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 12 {})\">{} →</text>",
                     (T + H - B) / 2, (T + H - B) / 2, up);
  // Dots on one spot (articles published the same day claiming the same day) side by side,
  // towards the middle of the chart.
  std::map<std::pair<double, double>, int> spot;  // (x, y) -> dots placed there
  std::string key = "<ol class=\"key\">";
  for (size_t i = 0; i < pts.size(); ++i) {
    const auto& p = pts[i];
    const int k = spot[{p.x, p.y}]++;
    const double cx = sx(p.x) + (sx(p.x) < (L + W - R) / 2 ? 17 : -17) * k;
    const char* color = p.conflict ? "#c62828" : "#757575";
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"8\" fill=\"{}\"><title>{}</title></circle>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#fff\" text-anchor=\"middle\">{}</text>",
                       cx, sy(p.y), color, HtmlEscape(p.label), cx, sy(p.y) + 3.5, i + 1);
    std::string where = numeric ? fmt::format("given for {}", DayLabel(p.x))
                                : fmt::format("published {}, claims {}", DayLabel(p.x).substr(0, 10), DayLabel(p.y).substr(0, 10));
    key += fmt::format("<li class=\"{}\">{} <span class=\"src\">({})</span></li>", p.conflict ? "disputed" : "other",
                       HtmlEscape(p.label), HtmlEscape(where));
  }
  return svg + "</svg>" + key + "</ol>";
}

// The findings with their evidence and timelines, the corroborated claims, then a row per
// article.
class Html final : public Printer {
 public:
  explicit Html(std::ostream& out) : out_(out) {}
  Needs needs() const override {
    Needs n;
    n.articles = n.duplicates = n.corroborated = n.timelines = true;
    return n;
  }
  void Begin(const Report& r) override;
  void OnArticle(const ArticleMeta& a) override {
    auto dup = r_->duplicate_of.find(a.id);
    out_ << fmt::format("<tr id=\"a-{}\"><td>{}<br><span class=\"src\">{}{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        HtmlEscape(a.id), HtmlLink(a.url, a.title.empty() ? ShortName(a.path) : a.title), HtmlEscape(a.path),
                        dup == r_->duplicate_of.end() ? "" : HtmlEscape(" · a copy of " + dup->second), HtmlEscape(a.source),
                        HtmlEscape(a.published), HtmlEscape(a.lang));
  }
  void End() override { out_ << "</tbody></table>\n</section>\n</body>\n</html>\n"; }

 private:
  std::ostream& out_;
  const Report* r_ = nullptr;
};

void Html::Begin(const Report& r) {
  r_ = &r;
  std::ostream& out = out_;
  out << "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
         "<title>claimcheck report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<header><h1>claimcheck report</h1><p class=\"summary\">" << HtmlEscape(Summary(r))
      << "</p></header>\n<section id=\"findings\"><h2>Findings</h2>\n";
  if (r.findings.empty()) out << "<p>No findings.</p>\n";
  for (Severity sev : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
    size_t n = std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.severity == sev; });
    if (!n) continue;
    const char* title = sev == Severity::kError ? "Errors" : sev == Severity::kWarning ? "Warnings" : "Info";
    out << fmt::format("<h3>{} ({})</h3>\n", title, n);
    for (const auto& f : r.findings) {
      if (f.severity != sev) continue;
      out << fmt::format("<article class=\"finding sev-{}\" id=\"f-{}\">\n<h4>{} · {}</h4>\n<p class=\"msg\">{}</p>\n",
                         ToString(f.severity), HtmlEscape(f.id), HtmlEscape(f.predicate), HtmlEscape(Topic(f)),
                         HtmlEscape(f.message));
      out << fmt::format("<p class=\"meta\"><span class=\"status status-{}\">{}</span>{} rule {} · event {} · id {}",
                         HtmlEscape(f.status), HtmlEscape(f.status), f.changed_since_review ? "<span class=\"status changed\">changed since review</span>" : "",
                         HtmlEscape(f.rule), HtmlEscape(f.event.empty() ? "unresolved" : f.event), HtmlEscape(f.id));
      if (!f.reviewed_at.empty()) out << fmt::format(" · decided by {} at {}", HtmlEscape(f.reviewed_by.empty() ? "an editor not recorded" : f.reviewed_by), HtmlEscape(f.reviewed_at));
      out << "</p>\n";
      if (!f.review_note.empty()) out << "<blockquote class=\"note\">" << HtmlEscape(f.review_note) << "</blockquote>\n";
      out << Timeline(r, f);
      out << "<table class=\"evidence\"><thead><tr><th>value</th><th>article</th><th>evidence</th></tr></thead><tbody>\n";
      for (const auto& id : f.facts) {
        const Fact* x = r.FactById(id);
        if (!x) continue;
        const ArticleMeta* a = r.Article(x->article);
        Excerpt e = ExcerptOf(r, *x, 160);
        std::string mod(ToString(x->modality));
        if (!x->source.empty()) mod += " by " + x->source;
        std::vector<std::string> src;
        if (a && !a->source.empty()) src.push_back(a->source);
        if (a && !a->published.empty()) src.push_back(a->published);
        out << fmt::format("<tr><td><span class=\"value\">{}</span><br><span class=\"src\">{}{}</span></td>"
                           "<td><a href=\"#a-{}\">{}</a><br><span class=\"src\">{}</span><br><span class=\"src\">{}</span></td>"
                           "<td>{}<mark>{}</mark>{}</td></tr>\n",
                           HtmlEscape(DisplayValue(*x)), HtmlEscape(mod), x->date ? HtmlEscape(" · " + *x->date) : "", HtmlEscape(x->article),
                           HtmlEscape(a ? (a->title.empty() ? ShortName(a->path) : a->title) : x->article), HtmlEscape(Join(src, " · ")),
                           HtmlEscape(Position(r, *x)), HtmlEscape(e.before), HtmlEscape(e.value), HtmlEscape(e.after));
      }
      out << "</tbody></table>\n</article>\n";
    }
  }
  out << "</section>\n";
  if (!r.corroborated.empty()) {
    out << "<section id=\"claims\"><h2>Corroborated claims</h2>\n<ul class=\"claims\">\n";
    for (const Claim& c : r.corroborated) {
      out << fmt::format("<li><strong>{}</strong> of {}, event {}: {}", HtmlEscape(c.predicate), HtmlEscape(c.subject),
                         HtmlEscape(c.event.empty() ? "unresolved" : c.event), HtmlEscape(c.summary));
      if (!c.notes.empty()) {
        out << "<ul>";
        for (const auto& n : c.notes) out << "<li>" << HtmlEscape(n) << "</li>";
        out << "</ul>";
      }
      out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
  }
  out << "<section id=\"articles\"><h2>Articles</h2>\n<table><thead><tr><th>article</th><th>source</th><th>published</th>"
         "<th>language</th></tr></thead><tbody>\n";
}

}  // namespace

std::unique_ptr<Printer> HtmlPrinter(std::ostream& out) { return std::make_unique<Html>(out); }

}  // namespace cc::report
