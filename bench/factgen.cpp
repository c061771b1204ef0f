// factgen: writes a claimcheck database of N facts straight through the store, for timing the
// check stage at sizes the extraction benchmark cannot reach in minutes (10 million facts).
//
//   factgen DB FACTS [--rate 0.2] [--seed 1]
//
// The facts have the shape extraction gives generated stories (scripts/gen-corpus): per story a
// leader's departure day (a weekday with its date), the meeting venue, and for every fourth
// story a death toll at 18:00; 2-6 articles per story, in Indonesian or English. With
// probability --rate one article of a story contradicts the others on one of them. Prints the
// number of contradictions planted; findings beyond those are spurious.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/hash.h"
#include "store/store.h"

using namespace cc;

namespace {

const char* const kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
const char* const kCities[] = {"Tokyo", "Seoul", "Cairo", "Hanoi", "Beijing", "Moscow", "Vladivostok", "Washington"};

Fact MakeFact(const std::string& article, const std::string& subject, const std::string& predicate,
              const std::string& value, const std::string& type, uint32_t at) {
  Fact f;
  f.article = article;
  f.subject = subject;
  f.subject_key = subject;
  for (char& c : f.subject_key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  f.predicate = predicate;
  f.value = value;
  f.type = ParseFactType(type).value();
  f.text = value;
  f.span = {at, at + static_cast<uint32_t>(value.size())};
  f.evidence = f.span;
  f.rule = "factgen." + predicate;
  f.id = Hasher().Add(article).Add(predicate).Add(at).Hex();
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: factgen DB FACTS [--rate R] [--seed S]\n";
    return 2;
  }
  std::string path = argv[1];
  size_t target = std::strtoull(argv[2], nullptr, 10);
  double rate = 0.2;
  unsigned seed = 1;
  for (int i = 3; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--rate") rate = std::atof(argv[i + 1]);
    else if (k == "--seed") seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto db = store::Store::Open(path);
  db->SetCacheMiB(4096);  // the random-keyed indexes of 10M facts stay in memory while loading
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  db->Begin();
  int64_t run = db->StartRun("factgen");
  size_t facts = 0, articles = 0, planted = 0, story = 0;
  while (facts < target) {
    std::string who = fmt::format("Leader {:07d}", story);
    int year = pick(2000, 2030), month = pick(1, 12), day = pick(1, 22);
    std::string city = kCities[pick(0, 7)];
    bool quake = story % 4 == 0;
    int toll = pick(20, 400);
    int n = pick(2, 6);
    int odd = std::uniform_real_distribution<double>(0, 1)(rng) < rate ? pick(1, n - 1) : -1;
    int what = pick(0, quake ? 2 : 1);
    if (odd >= 0) ++planted;
    for (int i = 0; i < n; ++i) {
      Article a;
      a.id = Hasher().Add("factgen").Add(story).Add(static_cast<uint64_t>(i)).Hex();
      a.path = fmt::format("factgen/{:07d}-{}.txt", story, i);
      a.published = fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
      a.lang = pick(0, 1) ? "id" : "en";
      a.raw = fmt::format("Generated article {} of story {}.", i, story);
      int d = day + (i == odd && what == 0 ? pick(1, 5) : 0);
      std::vector<Fact> fs;
      Fact dep = MakeFact(a.id, who, "departure_day", kWeekdays[Weekday(year, month, d)], "weekday", 0);
      dep.date = fmt::format("{:04d}-{:02d}-{:02d}", year, month, d);
      dep.weekday = dep.value;
      dep.anchor = "explicit";
      dep.event = dep.date->substr(0, 7);
      fs.push_back(dep);
      std::string venue = i == odd && what == 1 ? kCities[(pick(1, 7) + (city[0] % 8)) % 8] : city;
      if (venue == city && i == odd && what == 1) venue = city == "Tokyo" ? "Seoul" : "Tokyo";
      fs.push_back(MakeFact(a.id, who, "meeting_venue", venue, "place", 20));
      if (quake) {
        int v = i == odd && what == 2 ? toll + std::max(5, toll / 10) + pick(0, 40) : toll;
        Fact t = MakeFact(a.id, fmt::format("earthquake {:07d}", story), "deaths", std::to_string(v), "count", 40);
        t.number = v;
        t.unit = "people";
        t.as_of = "18:00";
        t.date = a.published;
        t.anchor = "published";
        t.event = a.published.substr(0, 7);
        fs.push_back(t);
      }
      facts += fs.size();
      ++articles;
      db->PutArticle(a, fs, run);
    }
    ++story;
  }
  db->FinishRun(run, articles, facts, 0);
  db->Commit();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << fmt::format("factgen: {} facts, {} articles, {} stories, {} planted contradictions, {:.1f} s\n", facts,
                           articles, story, planted, s);
  return 0;
}
