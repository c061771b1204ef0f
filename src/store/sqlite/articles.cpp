// The SQLite backend's articles: storing one with its facts, reading them back.
#include "core/text.h"
#include "store/sqlite/sqlite_store.h"

namespace cc::store::sqlite {

void ReadArticle(const Stmt& st, ArticleInfo& a) {
  a.id.assign(st.View(0));
  a.path.assign(st.View(1));
  a.title.assign(st.View(2));
  a.source.assign(st.View(3));
  a.url.assign(st.View(4));
  a.published.assign(st.View(5));
  a.lang.assign(st.View(6));
  a.bytes = static_cast<uint64_t>(st.Int(7));
  a.given_id.assign(st.View(8));
}

void SqliteStore::PutArticle(const Article& a, const std::vector<Fact>& facts, int64_t run) {
  wrote_facts_ = true;
  // A new article (most are) has no facts to replace: inserted, not updated, it needs no
  // DELETE (a look-up in the facts' article index per article).
  Stmt& add = Cached(R"sql(INSERT INTO articles(id, path, title, source, url, published, lang, bytes, raw, run_id, given_id)
      VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING)sql");
  // Views, not copies: every value outlives its statement's Run().
  add.BindView(1, a.id).BindView(2, a.path).BindView(3, a.title).BindView(4, a.source).BindView(5, a.url)
      .BindView(6, a.published).BindView(7, a.lang).Bind(8, static_cast<int64_t>(a.raw.size())).BindView(9, a.raw)
      .Bind(10, run).BindView(11, a.given_id).Run();
  if (sqlite3_changes(db_) == 0) {
    Stmt& up = Cached(R"sql(UPDATE articles SET path = ?, title = ?, source = ?, url = ?, published = ?, lang = ?,
        run_id = ?, given_id = ? WHERE id = ?)sql");
    up.BindView(1, a.path).BindView(2, a.title).BindView(3, a.source).BindView(4, a.url).BindView(5, a.published)
        .BindView(6, a.lang).Bind(7, run).BindView(8, a.given_id).BindView(9, a.id).Run();
    Stmt& del = Cached("DELETE FROM facts WHERE article_id = ?");
    del.BindView(1, a.id).Run();
  }
  Stmt& ins = Cached(R"sql(INSERT INTO facts(id, article_id, subject, subject_key, predicate, value, type, unit,
      number, bound, qualifier, event, modality, source, text, span_begin, span_end, evidence_begin,
      evidence_end, sentence, sentence_index, paragraph_index, rule, weekday, date, anchor, as_of, note, measure,
      context)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql");
  for (const auto& f : facts) {
    ins.BindView(1, f.id).BindView(2, f.article).BindView(3, f.subject).BindView(4, f.subject_key)
        .BindView(5, f.predicate).BindView(6, f.value).BindView(7, ToString(f.type)).BindView(8, f.unit).Bind(9, f.number)
        .BindView(10, ToString(f.bound)).BindView(11, f.qualifier).BindView(12, f.event)
        .BindView(13, ToString(f.modality)).BindView(14, f.source).BindView(15, f.text)
        .Bind(16, static_cast<int64_t>(f.span.begin)).Bind(17, static_cast<int64_t>(f.span.end))
        .Bind(18, static_cast<int64_t>(f.evidence.begin)).Bind(19, static_cast<int64_t>(f.evidence.end))
        .BindView(20, f.sentence).Bind(21, static_cast<int64_t>(f.sentence_index))
        .Bind(22, static_cast<int64_t>(f.paragraph_index)).BindView(23, f.rule).BindOptView(24, f.weekday)
        .BindOptView(25, f.date).BindView(26, f.anchor).BindView(27, f.as_of).BindView(28, f.note)
        .BindView(29, f.measure).BindView(30, f.context).Run();
  }
}

void SqliteStore::ForEachArticle(const std::function<void(const ArticleInfo&)>& fn) const {
  Stmt st(db_, "SELECT " CC_ARTICLE_COLUMNS " FROM articles ORDER BY path, id");
  ArticleInfo a;
  while (st.Step()) {
    ReadArticle(st, a);
    fn(a);
  }
}

void SqliteStore::ForEachArticlePath(
    const std::function<void(std::string_view id, std::string_view path, std::string_view label)>& fn, bool labels) const {
  if (!labels) {
    Stmt st(db_, "SELECT id, path FROM articles ORDER BY path, id");
    while (st.Step()) fn(st.View(0), st.View(1), {});
    return;
  }
  Stmt st(db_, "SELECT id, path, given_id FROM articles ORDER BY path, id");
  while (st.Step()) fn(st.View(0), st.View(1), ArticleLabel(st.View(2), st.View(1)));
}

bool SqliteStore::LabelAndPublished(const std::string& id, std::string& label, std::string& published) const {
  Stmt& st = Cached("SELECT path, published, given_id FROM articles WHERE id = ?");
  st.Bind(1, id);
  bool found = st.Step();
  if (found) {
    label = ArticleLabel(st.View(2), st.View(0));
    published = st.Text(1);
  }
  st.Reset();
  return found;
}

std::vector<ArticleInfo> SqliteStore::ArticlesById(const std::vector<std::string>& ids) const {
  Stmt& st = Cached("SELECT " CC_ARTICLE_COLUMNS " FROM articles WHERE id = ?");
  std::vector<ArticleInfo> out;
  for (const auto& id : ids) {
    st.Reset();
    st.Bind(1, id);
    if (st.Step()) ReadArticle(st, out.emplace_back());
  }
  st.Reset();
  return out;
}

std::string SqliteStore::Raw(const std::string& article_id) const {
  Stmt& st = Cached("SELECT raw FROM articles WHERE id = ?");
  st.BindView(1, article_id);
  std::string raw = st.Step() ? st.Text(0) : "";
  st.Reset();
  return raw;
}

void SqliteStore::ForEachRaw(const std::function<void(std::string_view id, std::string_view raw)>& fn) const {
  Stmt st(db_, "SELECT id, raw FROM articles");
  while (st.Step()) fn(st.View(0), st.View(1));
}

}  // namespace cc::store::sqlite
