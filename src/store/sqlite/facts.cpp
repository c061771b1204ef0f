// The SQLite backend's facts: in report order, by id, by article, by subject; and the
// partitions the checks read (ForEachGroup), whole or in key slices.
#include <algorithm>
#include <set>

#include "store/sqlite/sqlite_store.h"

namespace cc::store::sqlite {

void ReadFact(const Stmt& st, Fact& f, bool checks) {
  f.id.assign(st.View(0));
  f.article.assign(st.View(1));
  f.subject.assign(st.View(2));
  f.subject_key.assign(st.View(3));
  f.predicate.assign(st.View(4));
  f.value.assign(st.View(5));
  f.type = ParseFactType(st.View(6)).value_or(FactType::kEntity);
  f.unit.assign(st.View(7));
  f.number = st.OptDouble(8);
  f.bound = ParseBound(st.View(9));
  f.event.assign(st.View(11));
  f.modality = ParseModality(st.View(12)).value_or(Modality::kAsserted);
  f.source.assign(st.View(13));
  f.span = {static_cast<uint32_t>(st.Int(15)), static_cast<uint32_t>(st.Int(16))};
  f.rule.assign(st.View(22));
  f.weekday = st.OptText(23);
  f.date = st.OptText(24);
  f.anchor.assign(st.View(25));
  f.as_of.assign(st.View(26));
  f.note.assign(st.View(27));
  f.measure.assign(st.View(28));
  f.context.assign(st.View(29));
  f.text.assign(st.View(14));  // a few words: findings quote the value as written
  if (checks) {
    f.qualifier.clear();
    f.evidence = {0, 0};
    f.sentence.clear();
    f.sentence_index = static_cast<uint32_t>(st.Int(20));  // check `align` reads lists by sentence
    f.paragraph_index = 0;
    return;
  }
  f.qualifier.assign(st.View(10));
  f.evidence = {static_cast<uint32_t>(st.Int(17)), static_cast<uint32_t>(st.Int(18))};
  f.sentence.assign(st.View(19));
  f.sentence_index = static_cast<uint32_t>(st.Int(20));
  f.paragraph_index = static_cast<uint32_t>(st.Int(21));
}

Fact ReadFact(const Stmt& st, bool checks) {
  Fact f;
  ReadFact(st, f, checks);
  return f;
}


void SqliteStore::UpdateResolution(const std::vector<Fact>& facts, const std::vector<size_t>& which) {
  Stmt& up = Cached("UPDATE facts SET value = ?, date = ?, anchor = ?, event = ? WHERE id = ?");
  if (!which.empty()) wrote_facts_ = true;
  for (size_t i : which) {
    const Fact& f = facts[i];
    up.Bind(1, f.value).BindOpt(2, f.date).Bind(3, f.anchor).Bind(4, f.event).Bind(5, f.id).Run();
  }
}

void SqliteStore::ForEachFact(const FactFilter& filter, const std::function<void(const Fact&)>& fn) const {
  Stmt st(db_, "SELECT " CC_FACT_COLUMNS R"sql(
      FROM facts f JOIN articles a ON a.id = f.article_id
      WHERE (?1 = '' OR f.predicate = ?1) AND (?2 = '' OR f.subject = ?2 OR f.subject_key = lower(?2))
        AND (?3 = '' OR f.article_id = ?3 OR a.path = ?3))sql" CC_FACT_ORDER);
  st.Bind(1, filter.predicate).Bind(2, filter.subject).Bind(3, filter.article);
  Fact f;
  while (st.Step()) {
    ReadFact(st, f);
    fn(f);
  }
}

size_t SqliteStore::FactCount() const {
  Stmt& st = Cached("SELECT count(*) FROM facts");
  size_t n = st.Step() ? static_cast<size_t>(st.Int(0)) : 0;
  st.Reset();
  return n;
}

std::vector<Fact> SqliteStore::FactsOfSubject(const std::string& predicate, const std::string& subject_key) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f JOIN articles a ON a.id = f.article_id"
                    " WHERE f.predicate = ? AND f.subject_key = ?" CC_FACT_ORDER);
  st.Bind(1, predicate).Bind(2, subject_key);
  std::vector<Fact> out;
  while (st.Step()) out.push_back(ReadFact(st));
  st.Reset();
  return out;
}

std::vector<Fact> SqliteStore::FactsOfArticles(const std::vector<std::string>& article_ids) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f WHERE f.article_id = ?");
  std::vector<std::pair<std::string, std::string>> order;  // (path, id)
  Stmt& path = Cached("SELECT path FROM articles WHERE id = ?");
  for (const auto& id : article_ids) {
    path.Reset();
    path.Bind(1, id);
    order.emplace_back(path.Step() ? path.Text(0) : "", id);
  }
  path.Reset();
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::vector<Fact> out;
  for (const auto& [p, id] : order) {
    st.Reset();
    st.Bind(1, id);
    size_t first = out.size();
    while (st.Step()) out.push_back(ReadFact(st));
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const Fact& a, const Fact& b) {
      return std::tie(a.span.begin, a.span.end, a.predicate, a.id) < std::tie(b.span.begin, b.span.end, b.predicate, b.id);
    });
  }
  return out;
}

std::vector<Fact> SqliteStore::FactsById(const std::vector<std::string>& ids) const {
  Stmt& st = Cached("SELECT " CC_FACT_COLUMNS " FROM facts f WHERE f.id = ?");
  std::vector<Fact> out;
  for (const auto& id : ids) {
    st.Reset();
    st.Bind(1, id);
    if (st.Step()) out.push_back(ReadFact(st));
  }
  st.Reset();
  return out;
}

std::vector<std::string> SqliteStore::ArticlesWith(const std::vector<std::string>& predicates) const {
  Stmt& st = Cached("SELECT DISTINCT article_id FROM facts WHERE predicate = ?");
  std::set<std::string> ids;
  for (const auto& p : predicates) {
    st.Reset();
    st.Bind(1, p);
    while (st.Step()) ids.insert(st.Text(0));
  }
  return {ids.begin(), ids.end()};
}

std::vector<std::string> SqliteStore::UndatedArticles() const {
  Stmt& st = Cached("SELECT id FROM articles WHERE published IS NULL OR published = '' ORDER BY id");
  st.Reset();
  std::vector<std::string> ids;
  while (st.Step()) ids.push_back(st.Text(0));
  return ids;
}

namespace {

// Cuts the rows of a group query (ordered by predicate, then subject key or article) into
// batches, one per group; a subject-less group in batches of at most `chunk`.
void StreamGroups(Stmt& st, bool by_article, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn,
                  bool sorted) {
  std::vector<Fact> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    if (sorted) SortGroup(batch);
    fn(batch);
    batch.clear();
  };
  while (st.Step()) {
    if (!batch.empty()) {
      // Compared before the row is read into a Fact: most rows continue the group.
      const Fact& last = batch.back();
      std::string_view predicate = st.View(4), key = by_article ? st.View(1) : st.View(3);
      bool same = predicate == last.predicate &&
                  (by_article ? key == last.article
                              : key == last.subject_key && (!key.empty() || batch.size() < chunk));
      if (!same) flush();
    }
    if (batch.capacity() == 0) batch.reserve(16);  // a batch handed on leaves none
    ReadFact(st, batch.emplace_back(), true);
  }
  flush();
}

}  // namespace

void SqliteStore::ForEachGroup(bool by_article, const std::vector<std::string>& predicates, size_t chunk,
                         const std::function<void(std::vector<Fact>&)>& fn, bool sorted) const {
  // By subject the index facts_group gives the order; by article SQLite sorts (the predicates
  // of `sum`-like checks are few).
  std::string sql = CC_GROUP_SELECT;
  if (!predicates.empty()) {
    sql += " WHERE f.predicate IN (";
    for (size_t i = 0; i < predicates.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  sql += by_article ? " ORDER BY f.predicate, f.article_id" : " ORDER BY f.predicate, f.subject_key";
  Stmt st(db_, sql.c_str());
  for (size_t i = 0; i < predicates.size(); ++i) st.Bind(static_cast<int>(i + 1), predicates[i]);
  StreamGroups(st, by_article, chunk, fn, sorted);
}

void SqliteStore::ForEachGroupIn(const GroupRange& r, size_t chunk, const std::function<void(std::vector<Fact>&)>& fn) const {
  // Subject keys are never NULL (PutArticle binds a string), so `>= ''` takes them all.
  Stmt& st = r.by_article ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? ORDER BY f.article_id")
             : r.to       ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key >= ? AND f.subject_key < ?"
                                                 " ORDER BY f.subject_key")
                          : Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key >= ? ORDER BY f.subject_key");
  st.Bind(1, r.predicate);
  if (!r.by_article) st.Bind(2, r.from);
  if (!r.by_article && r.to) st.Bind(3, *r.to);
  StreamGroups(st, r.by_article, chunk, fn, true);
  st.Reset();
}

void SqliteStore::ForEachKeyRange(const std::string& predicate, size_t facts,
                            const std::function<void(GroupRange)>& fn) const {
  // The key `facts` rows on from where the slice starts; if that is still the slice's first
  // key (a large group), the next key after it.
  Stmt& at = Cached("SELECT subject_key FROM facts WHERE predicate = ? AND subject_key >= ? ORDER BY subject_key LIMIT 1 OFFSET ?");
  Stmt& next = Cached("SELECT subject_key FROM facts WHERE predicate = ? AND subject_key > ? ORDER BY subject_key LIMIT 1");
  std::string from;
  for (;;) {
    at.Bind(1, predicate).Bind(2, from).Bind(3, static_cast<int64_t>(facts));
    std::optional<std::string> to;
    if (at.Step()) to = at.Text(0);
    at.Reset();
    if (to && *to == from) {
      next.Bind(1, predicate).Bind(2, from);
      to = next.Step() ? std::optional<std::string>(next.Text(0)) : std::nullopt;
      next.Reset();
    }
    fn(GroupRange{false, predicate, from, to});
    if (!to) return;
    from = std::move(*to);
  }
}

std::vector<std::string> SqliteStore::Predicates() const {
  Stmt& st = Cached("SELECT predicate FROM facts WHERE predicate > ? ORDER BY predicate LIMIT 1");
  std::vector<std::string> out;
  std::string last;
  for (;;) {
    st.Bind(1, last);
    if (!st.Step()) break;
    last = st.Text(0);
    st.Reset();
    out.push_back(last);
  }
  st.Reset();
  return out;
}

std::vector<Fact> SqliteStore::GroupFacts(const FactGroup& g) const {
  Stmt& st = g.by_article ? Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.article_id = ?")
                          : Cached(CC_GROUP_SELECT " WHERE f.predicate = ? AND f.subject_key = ?");
  st.Bind(1, g.predicate).Bind(2, g.key);
  std::vector<Fact> facts;
  while (st.Step()) facts.push_back(ReadFact(st, true));
  SortGroup(facts);
  return facts;
}

}  // namespace cc::store::sqlite
