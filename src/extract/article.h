// Internal to src/extract: one article's extraction (ArticleExtractor), shared by its parts:
// names.cpp (the people and places an article names, subjects), fact_builder.cpp (a match's
// groups become a Fact through their roles), frames.cpp (a frame's trigger and slots) and
// engine.cpp (the driver: prefilter, extractors, frames, what is kept).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/types.h"
#include "extract/engine.h"
#include "extract/tables.h"
#include "extract/tokens.h"

namespace cc::extract {

// Fold(Squeeze(s)): the key lexicon forms and names are looked up by.
std::string Key(std::string_view s);
// Trailing dots, dashes and apostrophes belong to the sentence, not the name.
std::string_view TrimName(std::string_view name);

// What the engine knows about the article while extracting: the people and places named.
struct Mention {
  uint32_t sentence;
  uint32_t offset;  // in the sentence
  uint32_t length;  // bytes of the name as written
  std::string canonical;
  std::string kind;
  bool place;
  bool person;
};

// A fact's parts before it is made: role (weekday, day, number, unit, place, subject, ...) ->
// the words of the sentence that fill it. A regex's named groups give them, or a frame's slots.
struct Roles {
  std::map<std::string, Span> spans;  // sentence-relative
  std::string subject;                // the subject when it is resolved already (a meeting's parties)
  std::optional<double> number;       // the number when no words give it ("tidak ada korban jiwa": 0)
  Span trigger;                       // a frame's trigger words
  // The first non-empty span given for a role stays (the first alternative that matched).
  void Set(const std::string& role, Span s) {
    auto [it, fresh] = spans.emplace(role, s);
    if (!fresh && it->second.size() == 0) it->second = s;
  }
  void Merge(const Roles& o) {
    for (const auto& [role, s] : o.spans) Set(role, s);
  }
};

struct Candidate {
  Fact fact;
  int layer = 0;  // of the extractor: a later --rules layer wins a tie on the same words
  Span weekday;  // sentence-relative span of the weekday words, if any
  Span value;    // sentence-relative value span
  Roles roles;   // what it was made from (a date's parts fill a frame's day slot)
  bool valid = true;
  bool name = false;  // a generic name: a layer of its own, nothing yields to it
};

// The lexicon form that starts at token i, up to `max_words` words: its last token, or npos.
template <typename LookupFn>
inline size_t FormAt(const Tokens& t, size_t i, size_t max_words, const LookupFn& lookup) {
  if (!t.IsWord(i) && t.Text(i) != "%") return std::string::npos;
  for (size_t n = std::min(max_words, t.size() - i); n >= 1; --n) {
    std::string_view words = t.sentence().substr(t[i].span.begin, t[i + n - 1].span.end - t[i].span.begin);
    if (lookup(words)) return i + n - 1;
  }
  return std::string::npos;
}

// One way a sentence fills a slot: tokens [first, last], and the roles its words give the fact.
struct Fill {
  size_t first = 0, last = 0;
  Roles roles;
  std::string what;       // for `rules explain`: the words and what they are
  std::string canonical;  // a person's or place's name, when known
  size_t noun = std::string::npos;  // a number with no unit: the word after it, unless a function word
  bool part = false;  // a number after a part_word ("termasuk 4 anak"): a part of a total
  bool collective = false;  // "kedua tersangka", "seorang turis": a count of the noun after it, for frames only
};


class ArticleExtractor {
 public:
  ArticleExtractor(const Engine& e, const Engine::Impl& impl, const Article& a, std::vector<cc::extract::Match>* trace);
  ~ArticleExtractor();

  std::vector<Fact> Run();

 private:
  // The people and places named in the article, found on first need: many articles make no
  // fact that needs a subject resolved, and the scan costs a sixth of extraction.
  void EnsureMentions() const;
  // The capitalized runs of sentence `si` (CapitalizedRuns), found once.
  const std::vector<std::string_view>& Runs(uint32_t si) const {
    if (runs_.empty()) runs_.resize(a_.sentences.size());
    auto& r = runs_[si];
    if (!r) r = CapitalizedRuns(a_.Text(a_.sentences[si].span));
    return *r;
  }
  mutable std::vector<std::optional<std::vector<std::string_view>>> runs_;
  struct Person {
    std::string name;
    bool strong;
  };
  std::optional<Person> ResolvePerson(std::string_view name, uint32_t sentence, bool allow_unknown) const;
  // An office named alone ("Presiden Rusia"): the one person the article names with it
  // ("Presiden Rusia Vladimir Putin"), else the office as a role. Made once per office.
  Person OfficeHolder(std::string office) const;
  mutable std::map<std::string, Person> office_holders_;
  std::optional<std::string> SentencePerson(uint32_t si) const;
  const std::string& SentenceSource(uint32_t si);
  std::vector<std::optional<std::string>> sources_;  // per sentence, once asked
  // Per sentence, once asked: where its first hedge cue ends (UINT32_MAX: none), and whether it
  // speaks of an earlier occasion. Every fact of a sentence asks; a list of figures, dozens.
  uint32_t HedgeEnd(uint32_t si);
  bool PerfectAfterHedge(uint32_t si);
  bool EarlierOccasion(uint32_t si);
  bool FormInSentence(std::string_view lexicon, uint32_t si);
  std::vector<std::optional<uint32_t>> hedge_end_;
  std::vector<int8_t> earlier_;  // -1 not asked yet
  std::vector<size_t> attribution_candidates_;       // SentenceSource's, reused
  bool AfterWord(std::string_view lexicon, std::string_view sent, uint32_t off) const;
  bool ReportDay(std::string_view sent, Span value) const;
  // The person the article names most, among the people the gazetteer knows.
  std::optional<std::string> Principal() const;
  // For a sentence that speaks of someone by a pronoun ("He also flew to Basra"), the person the
  // article names most, known to the gazetteer or not (NamedPeople): subject_from `article`
  // when Principal has none. A sentence without one is often about a thing ("vehicles had
  // arrived"), not the article's person.
  std::optional<std::string> PronounPerson(uint32_t si);
  // The person the body names most, known to the gazetteer or not: whose story a role
  // ("korban", "pelaku") is part of.
  std::optional<std::string> StoryPerson() const;
  // The other end of a range a number fill is one end of ("20-25", "between 1.1 and 1.5 million").
  struct Range {
    const Fill* other;
    bool other_is_upper;
    double lower;  // the lower end, with the upper's scale when it writes none
    double scale;
  };
  bool ChangeStartsAt(const Tokens& t, size_t i) const;
  bool PartTallies(const ExtractorSpec& x, uint32_t si, size_t tf, size_t tl, std::vector<Candidate>& cands, size_t dated);
  std::optional<Range> RangeOf(const ExtractorSpec& x, uint32_t si, const Fill& v, std::vector<Candidate>& cands, size_t dated);
  // Every person the body names, known to the gazetteer or not ("Menlu Wang Yi", "Prime
  // Minister Tony Blair"), by how often, a surname alone counted for the full name it ends
  // ("Mr Blair"); a headline line's capitalized words are not names. Made once.
  const std::map<std::string, int>& NamedPeople() const;
  mutable std::optional<std::map<std::string, int>> named_people_;
  std::optional<std::string> CountryPair() const;
  // The two people the article names most, as a meeting's parties ("kedua pemimpin", "the two
  // leaders"): "A–B" in byte order.
  std::optional<std::string> Parties() const;
  // Whether the article writes this name after a title somewhere ("Menteri Luar Negeri Loni
  // Jekakame"): then it is a person's wherever it stands alone.
  bool TitledName(const std::string& name) const;
  // The people the article names after a title (the place of their office left out), with the
  // sentence that first does: a one-word name may be theirs from there on. Made once.
  const std::vector<std::pair<std::string, uint32_t>>& TitledPeople() const;
  // A name after a title without the place the office is of, when a name of two words or more
  // follows it ("Makassar Munafri Arifuddin" -> "Munafri Arifuddin"; "Nara Damohogo" stays).
  std::string WithoutOfficePlace(std::string name) const;
  void ReadTitledNames() const;  // fills titled_ and titled_people_, once
  mutable std::optional<std::vector<std::pair<std::string, uint32_t>>> titled_people_;
  mutable std::optional<std::set<std::string, std::less<>>> titled_;
  mutable std::optional<std::optional<std::string>> parties_;  // Parties(), once asked
  std::string StripTitles(std::string_view name, bool* stripped) const;
  void MatchExtractor(size_t xi, uint32_t si, std::vector<Candidate>& out);
  // Whether the extractor's `when` and `unless` patterns let it read sentence si.
  bool Applies(const ExtractorSpec& x, uint32_t si);
  // Whether a `when` pattern matches sentence si, or with `when_in: article` the article's title
  // or text (asked once per extractor).
  bool When(const ExtractorSpec& x, uint32_t si);
  void OneVerbPerDay(uint32_t si, std::vector<Candidate>& cands, size_t first_frame);
  std::map<const ExtractorSpec*, bool> when_article_;
  uint32_t when_sentence_ = UINT32_MAX;                 // the sentence when_seen_ is of
  std::vector<std::pair<const RE2*, bool>> when_seen_;  // its `when` regexes asked so far
  bool BuildFact(const ExtractorSpec& x, size_t xi, uint32_t si, std::string_view sent,
                 const std::vector<re2::StringPiece>& groups, Candidate& c, std::string& why);
  // Makes c.fact from the roles (fact_builder.cpp); false (and why) when they make no fact.
  bool FactFromRoles(const ExtractorSpec& x, uint32_t si, std::string_view sent, const Roles& roles, Candidate& c,
                     std::string& why);
  struct RoleWords;
  std::optional<double> ParseShare(std::string_view text) const;
  bool ReadValue(const ExtractorSpec& x, std::string_view sent, const RoleWords& w, const Roles& roles, Candidate& c,
                 Span& value, std::string& why) const;
  void ReadQualifiers(const RoleWords& w, Fact& f) const;
  bool ReadSubject(const ExtractorSpec& x, uint32_t si, const RoleWords& w, const Roles& roles, Fact& f, std::string& why);
  void ReadModality(uint32_t si, std::string_view sent, const RoleWords& w, uint32_t upto, Fact& f);
  // Generic claims (claims.cpp): every quantity of sentence si no predicate claims, as a fact of
  // generic extractor xi; and the stems of the words around a value in its clause.
  void GenericClaims(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated);
  std::string ContextOf(uint32_t si, Span value);
  // Names (claims.cpp): every run of two to six capitalized words of sentence si, once per
  // article, as a fact of generic extractor xi, its own name words (not a title, a head, a
  // function word or an acronym) in Fact::measure, for check `spelling`.
  void GenericNames(size_t xi, uint32_t si, std::vector<Candidate>& cands);
  std::set<std::string> names_seen_;
  struct Dimension {
    std::string dimension, unit;  // "money", "IDR"; "count", the stem of the noun counted; "" none
    bool noun_currency = false;   // money whose currency is a word after it ("69 ribu rupiah")
  };
  Dimension DimensionOf(const Tokens& t, std::string_view sent, const Fill& fill) const;
  // Breakdowns (breakdown.cpp): a whole and its parts ("113 orang, terdiri atas 29 warga dan 84
  // polisi"; "Dari 30,04 juta penerima, 20,88 juta ... Sementara sisanya 14,15 juta ..."), a
  // count, an amount each and their total ("8.675.797 KPM, masing-masing Rp 2,4 juta, total Rp
  // 20,822 triliun"), or a change and its rate ("naik 18,6 persen dari Rp 7 triliun menjadi Rp
  // 8,3 triliun"): each member a fact of generic extractor xi, for check `breakdown`.
  void GenericBreakdowns(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated);
  struct Quantity {  // a number of a sentence, for a breakdown
    uint32_t si = 0;
    size_t first = 0, last = 0;  // tokens: the bound, the number and its unit
    size_t end = 0;              // the last token with the noun it counts ("29 warga sipil": "warga")
    Span value;                  // sentence-relative: the number and its unit
    double number = 0;
    Bound bound = Bound::kExact;
    std::string dimension, unit;  // as DimensionOf; "" for a bare number ("30,04 juta lebih")
    double ulp = 0;               // the place of its last written digit: "30,04 juta" 10000, "2,4" 0.1
    bool after_whole_word = false;  // "Dari (jumlah penerima) 30,04 juta", "of the 300"
  };
  std::vector<Quantity> Quantities(const ExtractorSpec& x, uint32_t si, std::vector<Candidate>& cands, size_t dated);
  void AddMember(const ExtractorSpec& x, const Quantity& q, const std::string& role, const std::string& group);
  struct WholeAndParts {
    Quantity whole;
    std::vector<Quantity> parts;
  };
  std::optional<WholeAndParts> prev_whole_;  // of the sentence before, for a rest that opens the next
  std::vector<Fact> breakdown_facts_;      // made outside the candidates: members span two sentences
  std::set<std::string> breakdown_groups_;  // the breakdowns made, each once
  // The rule of each fact made so far, with its sentence and source, and whether it was made
  // only because the sentence runs a list on (a `list_continuation` word opens it: "Disusul X
  // dengan 83 persen"): such a sentence passes the `when` of the extractor that made a fact of
  // the sentence before (not itself run on), and takes that fact's source.
  struct Made {
    uint32_t si;
    std::string rule, source;
    bool continued = false;
  };
  std::vector<Made> made_in_;
  std::vector<std::pair<uint32_t, std::string>> continued_;  // (sentence, rule) let in as a list run on
  bool OpensWithContinuation(uint32_t si);
  // Whether a word begins as the language's verbs do (`verb_prefix`: "me", "ber", "di").
  bool VerbLike(std::string_view word) const;
  bool PassiveVerb(std::string_view word) const;  // a verb of the language's passive voice ("dikeroyok")
  bool CountsNoun(const Tokens& t, const Fill& fill) const;
  bool StatementDay(uint32_t si, Span value, const Fact& f);
  std::string StatementContext(uint32_t si, Span value);
  // Frames (frames.cpp): every fact frame xi reads in sentence si, the date layer's candidates
  // of the sentence (`cands`, those before `dated`) filling its day slots.
  void MatchFrame(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated);
  // The ways the sentence fills a slot of this kind (cached for the sentence).
  const std::vector<Fill>& Fills(const std::string& kind, const ExtractorSpec& x, uint32_t si,
                                 const std::vector<Candidate>& cands, size_t dated);
  const Tokens& SentenceTokens(uint32_t si);
  // Where frame xi's triggers are in sentence si: tokens [first, last], in order (frames.cpp).
  const std::vector<std::pair<size_t, size_t>>& TriggerHits(uint32_t si, size_t xi);
  struct FrameSentence;
  std::unique_ptr<FrameSentence> frame_sentence_;  // the sentence frames last read
  void ResetFrameSentence(uint32_t si);
  const LexiconEntry* Lookup(std::string_view lexicon, std::string_view text) const;
  // The most words a form of the lexicon has (0: no such lexicon): how far FormAt looks.
  size_t WordsIn(std::string_view lexicon) const {
    auto it = L_.longest_words.find(lexicon);
    return it == L_.longest_words.end() ? size_t{0} : it->second;
  }
  bool Rejected(const LexiconEntry* e, std::string_view sent, Span s, std::string& why) const;
  void Discard(const std::string& rule, uint32_t si, std::string_view text, std::string why,
               std::vector<std::pair<std::string, std::string>> groups = {}) {
    if (trace_) trace_->push_back({rule, si, std::string(text), std::move(groups), std::move(why)});
  }
  const LexiconEntry* LookupWithin(std::string_view lexicon, std::string_view text) const;
  std::optional<std::string> LexiconSubject(const std::string& name, uint32_t si, bool topic);
  std::optional<std::string> NearestSubject(const std::string& name, uint32_t si);
  // The canonical name of a place, person or organization: the gazetteer's, else the value of
  // the lexicon entry written this way ("Indikator" -> Indikator Politik Indonesia).
  std::optional<std::string> CanonicalName(std::string_view text) const;
  // The value of the entry of a pack lexicon (not the gazetteer, not the engine's word lists)
  // written this way.
  std::optional<std::string> PackName(std::string_view text) const;
  std::map<std::string, std::optional<std::string>> topic_;  // lexicon -> the article's topic

  const Engine& e_;
  const Engine::Impl& impl_;
  const Article& a_;
  const Engine::Impl::Lang& L_;
  std::vector<cc::extract::Match>* trace_;
  mutable bool mentions_found_ = false;
  mutable std::vector<Mention> mentions_;  // by sentence and offset, once EnsureMentions is done
  // The mentions of sentence `si` (a range of mentions_, found by binary search).
  std::pair<const Mention*, const Mention*> MentionsIn(uint32_t si) const;
  // The first word and the last of each person's name (folded) -> the person named earliest
  // with it: how ResolvePerson finds "Widodo" without a pass over every mention (a long
  // article's names made that pass quadratic). Built for the mentions_ of its size.
  mutable std::unordered_map<std::string, std::pair<uint32_t, std::string>> person_words_;
  mutable size_t person_words_for_ = SIZE_MAX;
  mutable std::map<std::string, int> person_count_, country_count_;
};

// The sentence frames and generic claims read last: its tokens, clause words, fills and triggers.
struct ArticleExtractor::FrameSentence {
  uint32_t si = UINT32_MAX;
  std::unique_ptr<Tokens> tokens;
  // Per token, Engine::Impl's word classes: a barrier (";", "sementara": no slot past it), a soft
  // break (",", "dan": more words between), a relative word ("yang", "which": a barrier unless it
  // follows the trigger), an auxiliary ("telah", "are believed to have been": no word between).
  std::vector<uint8_t> classes;
  const std::vector<uint8_t>& Classes(const Engine::Impl::Lang& L);
  std::map<std::string, std::vector<Fill>> fills;  // by slot kind (and, for lexicons, role)
  bool hits_found = false;
  std::map<size_t, std::vector<std::pair<size_t, size_t>>> hits;  // extractor -> its triggers' tokens [first, last]
  // Per token, the stem a claim's context takes from it ("" none), once asked (ContextOf).
  std::vector<std::optional<std::string>> context_stems;
};

}  // namespace cc::extract
