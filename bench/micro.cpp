// Micro-benchmarks of the hot paths (Google Benchmark): loading the rules and compiling a
// language (start-up), normalization and segmentation, extraction of one article (prefilter
// and the extractors), the prefilter's atom scan (LiteralSet), number and date parsing, and
// the store's insert. Run by scripts/bench; figures only, no pass/fail.
//
//   build/micro_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pipeline/article.h"
#include "pipeline/rules.h"
#include "core/calendar.h"
#include "core/literal_set.h"
#include "core/numbers.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "rules/loader.h"
#include "store/store.h"

using namespace cc;

namespace {

// An article in the shape of the generated corpus: a departure, a meeting, filler, a toll.
const char* const kArticle =
    "Presiden Arvin Kusuma Bertolak ke Tokyo\n\n"
    "Presiden Arvin Kusuma bertolak ke Tokyo, Senin (3/7/2023), untuk kunjungan kerja selama tiga hari.\n\n"
    "Di Tokyo, Arvin Kusuma dijadwalkan bertemu Perdana Menteri Fumio Kishida.\n\n"
    "Kedua pihak akan membahas kerja sama di bidang energi dan perdagangan. Rombongan terdiri atas "
    "pejabat kementerian dan perwakilan pengusaha perikanan. Para pengamat menilai kunjungan ini penting "
    "bagi hubungan kedua negara di sektor pariwisata.\n\n"
    "Hingga pukul 18.00 WIB, korban meninggal dunia akibat gempa di Kabupaten Lembah Hijau mencapai 321 "
    "orang, kata Kepala BPBD setempat.\n\n"
    "Baca juga: Harga Cabai Naik Jelang Akhir Tahun\n";

const pipeline::Rules& Shipped() {
  static pipeline::Rules rules = [] {
    auto r = pipeline::LoadRules({}, false);
    if (!r.ok()) std::abort();
    return std::move(r.value());
  }();
  return rules;
}

Article Read() {
  auto arts = ingest::ReadBuffer("bench.txt", kArticle);
  if (!arts.ok()) std::abort();
  return arts.value().front();
}

void BM_ReadAndNormalize(benchmark::State& state) {
  for (auto _ : state) {
    auto arts = ingest::ReadBuffer("bench.txt", kArticle);
    benchmark::DoNotOptimize(arts);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(std::char_traits<char>::length(kArticle)));
}
BENCHMARK(BM_ReadAndNormalize);

void BM_Segment(benchmark::State& state) {
  const auto& rules = Shipped();
  Article base = Read();
  for (auto _ : state) {
    Article a = base;
    ingest::Segment(a, rules.segment);
    benchmark::DoNotOptimize(a.sentences);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(base.raw.size()));
}
BENCHMARK(BM_Segment);

void BM_ExtractArticle(benchmark::State& state) {
  const auto& rules = Shipped();
  Article a = Read();
  ingest::Segment(a, rules.segment);
  size_t facts = 0;
  for (auto _ : state) {
    auto f = rules.engine->Extract(a);
    facts += f.size();
    benchmark::DoNotOptimize(f);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(a.raw.size()));
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(facts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExtractArticle);

void BM_ProcessArticle(benchmark::State& state) {
  const auto& rules = Shipped();
  Article base = Read();
  for (auto _ : state) {
    Article a = base;
    auto f = pipeline::ProcessArticle(a, rules);
    benchmark::DoNotOptimize(f);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(base.raw.size()));
}
BENCHMARK(BM_ProcessArticle);

// Start-up: the shipped rules read, parsed and checked, each language's extractors left for
// its first article (what 'check' does before the first article).
void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) {
    auto r = pipeline::LoadRules({}, false);
    if (!r.ok()) std::abort();
    benchmark::DoNotOptimize(r.value().engine);
  }
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMillisecond)->UseRealTime();

// The shipped rules with every language left for its first article, loaded once.
const RulePack& DeferredPack() {
  static const RulePack pack = [] {
    auto r = rules::LoadRules({pipeline::DefaultRulesDir()}, {.defer_languages = true});
    if (!r.ok()) std::abort();
    return std::move(r.value());
  }();
  return pack;
}

// Start-up, second part: one language's extractors compiled into their filters (the first
// article in it pays this).
void BM_CompileLanguage(benchmark::State& state, const char* lang) {
  const RulePack& pack = DeferredPack();
  for (auto _ : state) {
    auto compiled = pack.compile_language(lang);
    benchmark::DoNotOptimize(compiled.filters);
  }
}
BENCHMARK_CAPTURE(BM_CompileLanguage, id, "id")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_CompileLanguage, en, "en")->Unit(benchmark::kMillisecond)->UseRealTime();

// The prefilter's scan of a sentence: which of the Indonesian extractors' atoms (from the
// compiled filters, loose ones included) occur in it, on the lowered sentences of kArticle.
void BM_LiteralSet(benchmark::State& state) {
  static const auto compiled = DeferredPack().compile_language("id");
  std::vector<std::string> atoms;
  for (const auto& f : compiled.filters) atoms.insert(atoms.end(), f.atoms.begin(), f.atoms.end());
  std::sort(atoms.begin(), atoms.end());
  atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
  LiteralSet set(atoms);
  std::vector<std::string> sentences;
  std::string lowered;
  for (std::string_view rest = kArticle; !rest.empty();) {
    size_t end = std::min(rest.find(". "), rest.find('\n'));
    if (end == std::string_view::npos) end = rest.size() - 1;
    LowerInto(rest.substr(0, end + 1), lowered);
    sentences.push_back(lowered);
    rest.remove_prefix(end + 1);
  }
  std::vector<int> ids;
  size_t bytes = 0, found = 0;
  for (auto _ : state)
    for (const auto& sentence : sentences) {
      set.Match(sentence, ids);
      bytes += sentence.size();
      found += ids.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["atoms"] = static_cast<double>(atoms.size());
  state.counters["found/sentence"] = static_cast<double>(found) / static_cast<double>(state.iterations() * sentences.size());
}
BENCHMARK(BM_LiteralSet);

void BM_ParseNumber(benchmark::State& state) {
  NumberConventions id;
  id.decimal = ',';
  id.thousands = '.';
  id.words["juta"] = {1e6, NumberOp::kScale};
  const std::string inputs[] = {"17", "2.500", "41,2", "1,5 juta", "73.874"};
  for (auto _ : state)
    for (const auto& s : inputs) benchmark::DoNotOptimize(ParseNumber(s, id));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 5);
}
BENCHMARK(BM_ParseNumber);

void BM_Fold(benchmark::State& state) {
  const std::string ascii = "Presiden Arvin Kusuma", other = "Straße nach Zürich";
  for (auto _ : state) {
    benchmark::DoNotOptimize(Fold(ascii));
    benchmark::DoNotOptimize(Fold(other));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 2);
}
BENCHMARK(BM_Fold);

void BM_WeekdayOfDate(benchmark::State& state) {
  int y = 1990;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Weekday(y, 7, 3));
    y = y == 2030 ? 1990 : y + 1;
  }
}
BENCHMARK(BM_WeekdayOfDate);

// One article with its facts into an in-memory store, inside one transaction.
void BM_StoreInsert(benchmark::State& state) {
  const auto& rules = Shipped();
  Article a = Read();
  auto facts = pipeline::ProcessArticle(a, rules);
  auto db = store::Store::Open(":memory:");
  db->Begin();
  int64_t run = db->StartRun("bench");
  uint64_t n = 0;
  for (auto _ : state) {
    a.id = std::to_string(n++);
    for (auto& f : facts) f.article = a.id, f.id = a.id + f.rule + std::to_string(f.span.begin);
    db->PutArticle(a, facts, run);
  }
  db->Commit();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(facts.size()));
  state.counters["facts/article"] = static_cast<double>(facts.size());
}
BENCHMARK(BM_StoreInsert);

}  // namespace

BENCHMARK_MAIN();
