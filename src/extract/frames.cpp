// Where a frame makes a fact: a trigger word ("berangkat", "met", "tewas"), then each slot
// filled by the nearest mention of its kind around it in the clause: a day from the date layer
// ("Selasa (4/7)", "kemarin"), a clock time, a place, a number with its unit, a person, a
// lexicon's form. The fills' words become the fact's roles, and fact_builder.cpp makes the
// fact from them as from a regex's groups. slots.cpp finds the fills of each kind.
#include <fmt/format.h>

#include <algorithm>

#include "core/calendar.h"
#include "core/numbers.h"
#include "core/text.h"
#include "extract/article.h"
#include "extract/tokens.h"

namespace cc::extract {

namespace {

// Where trigger `tr` matches at token i: its last token, or npos. A one-word trigger matches
// its own folded form and its inflections: with a particle after it where the language has a
// `particle` lexicon (Indonesian "berangkatnya", "tewaslah"; its derived forms change the
// meaning: "meninggal" dies, "meninggalkan" leaves, so they are triggers of their own), else the
// words with its Snowball stem that keep its beginning and add at most three letters ("leave":
// "leaving", "leaves"; "depart": "departed", not "department", which Snowball stems alike).
size_t TriggerAt(const Tokens& t, size_t i, const Engine::Impl::Trigger& tr,
                 const std::set<std::string, std::less<>>& particles) {
  size_t n = tr.words.size();
  if (i + n > t.size()) return std::string::npos;
  for (size_t k = 0; k + 1 < n; ++k)
    if (!t.IsWord(i + k) || t.Folded(i + k) != tr.words[k]) return std::string::npos;
  size_t last = i + n - 1;
  if (!t.IsWord(last)) return std::string::npos;
  const std::string& w = t.Folded(last);
  const std::string& word = tr.words.back();
  if (w == word) return last;
  if (!particles.empty()) {
    if (StartsWith(w, word) && particles.count(std::string_view(w).substr(word.size()))) return last;
    return std::string::npos;
  }
  // An inflection adds a few letters at most: "departing", not "department".
  if (StartsWith(w, tr.prefix) && w.size() <= word.size() + 3 && t.Stem(last) == tr.stem) return last;
  return std::string::npos;
}

}  // namespace

const std::vector<std::pair<size_t, size_t>>& ArticleExtractor::TriggerHits(uint32_t si, size_t xi) {
  ResetFrameSentence(si);
  FrameSentence& fs = *frame_sentence_;
  if (!fs.hits_found) {
    // Every frame's triggers in the sentence at once: each word is looked up among the triggers'
    // first words (itself, and without a particle: "tewasnya"), else, in a language that stems
    // its triggers, among their stems; each candidate is then matched whole.
    fs.hits_found = true;
    const Tokens& t = *fs.tokens;
    const Engine::Impl::FrameIndex& index = L_.frame_index;
    auto offer = [&](size_t i, const std::vector<Engine::Impl::TriggerRef>& refs) {
      for (const auto& r : refs) {
        size_t tl = TriggerAt(t, i, impl_.frames[r.xi].triggers[r.trigger], L_.particles);
        if (tl != std::string::npos) fs.hits[r.xi].push_back({i, tl});
      }
    };
    for (size_t i = 0; i < t.size(); ++i) {
      if (!t.IsWord(i)) continue;
      const std::string& w = t.Folded(i);
      if (auto it = index.first_words.find(w); it != index.first_words.end()) offer(i, it->second);
      for (const auto& p : L_.particles)
        if (w.size() > p.size() && EndsWith(w, p))
          if (auto it = index.first_words.find(w.substr(0, w.size() - p.size())); it != index.first_words.end()) offer(i, it->second);
      // Stemming costs: only a word that begins as some trigger does.
      if (L_.particles.empty() && !index.stems.empty() && w.size() >= 3 && index.stem_starts.count(w.substr(0, 3)))
        if (auto it = index.stems.find(t.Stem(i)); it != index.stems.end()) offer(i, it->second);
    }
    for (auto& [x, v] : fs.hits) {
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; });
      v.erase(std::unique(v.begin(), v.end()), v.end());
    }
  }
  static const std::vector<std::pair<size_t, size_t>> kNone;
  auto it = fs.hits.find(xi);
  return it == fs.hits.end() ? kNone : it->second;
}

void ArticleExtractor::MatchFrame(size_t xi, uint32_t si, std::vector<Candidate>& cands, size_t dated) {
  const ExtractorSpec& x = e_.pack().extractors[xi];
  const Engine::Impl::Frame& fr = impl_.frames[xi];
  const FrameSpec& spec = *x.frame;
  std::string_view sent = a_.Text(a_.sentences[si].span);
  const Tokens& t = SentenceTokens(si);
  const std::vector<uint8_t>& cls = frame_sentence_->Classes(L_);  // the sentence's word classes
  using Impl = Engine::Impl;
  // Whether tokens [a, b) still belong to the trigger's phrase: names, punctuation and the
  // words that name parties ("Pembicaraan Kim Jong Un dengan Putin yang ...").
  auto TriggerPhrase = [&](const Tokens& tk, size_t a, size_t b) {
    for (size_t k = a; k < b; ++k)
      if (tk.IsWord(k) && !tk[k].upper && !Lookup("party_word", tk.Text(k)) && !Lookup("group_word", tk.Text(k))) return false;
    return true;
  };
  auto words = [&](size_t a, size_t b) { return sent.substr(t[a].span.begin, t[b].span.end - t[a].span.begin); };

  size_t consumed = 0;
  bool first = true;
  for (auto hit : TriggerHits(si, xi)) {
    const size_t tf = hit.first, tl = hit.second;  // named, not bound: lambdas below capture them
    if (!first && tf <= consumed) continue;  // inside a longer trigger already read
    first = false;
    consumed = tl;
    std::string_view trigger = words(tf, tl);
    // "Meet The Fockers opens on Friday": a capitalized trigger followed by a capitalized
    // function word is a title's word, not the event (an acronym such as "KTT" stays a trigger, and
    // so does one before an acronym: "Meeting WHO chief ...").
    auto lower_in = [](std::string_view w) { return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }); };
    if (t[tf].upper && tl + 1 < t.size() && t.IsWord(tl + 1) && t[tl + 1].upper && L_.stopwords.count(t.Folded(tl + 1)) &&
        lower_in(t.Text(tl + 1)) && lower_in(t.Text(tf))) {
      Discard(x.id, si, trigger, fmt::format("trigger '{}' is a word of a title ('{} {}')", trigger, trigger, t.Text(tl + 1)));
      continue;
    }
    // "tidak berangkat", "did not leave": up to two words before it.
    bool denied = false;
    size_t denied_from = tf;  // the negation's word: "tidak menimbulkan korban jiwa" is the claim
    for (size_t k = 1; k <= 2 && k <= tf && !denied; ++k)
      if ((denied = t.IsWord(tf - k) && fr.negation.count(t.Folded(tf - k)))) denied_from = tf - k;
    // "No one was killed", "Not one person has been arrested", "Tidak seorang pun tewas": a
    // negation of one, up to four words before it (an auxiliary, a particle, people between).
    for (size_t k = 2; k <= 5 && k <= tf && !denied; ++k) {
      if (!t.IsWord(tf - k) || !fr.negation.count(t.Folded(tf - k))) continue;
      bool one = false, rest = true;
      for (size_t j = tf - k + 1; j < tf && rest; ++j) {
        const LexiconEntry* c = t.IsWord(j) ? Lookup("collective_number", t.Text(j)) : nullptr;
        auto nw = L_.numbers.words.find(t.Folded(j));
        const LexiconEntry* u = t.IsWord(j) ? Lookup("unit", t.Text(j)) : nullptr;
        if ((c && c->value == "1") || (nw != L_.numbers.words.end() && nw->second.op == NumberOp::kAdd && nw->second.value == 1)) one = true;
        else rest = t.IsWord(j) && ((cls[j] & Impl::kAuxiliary) || Lookup("particle", t.Text(j)) || (u && u->value == "people"));
      }
      if (one && rest) denied = true, denied_from = tf - k;
    }
    // "not badly injured", "secara tidak langsung melukai", "tidak mengalami luka serius": a
    // negation of how, not of whether: no count of none.
    // "Belum ada korban tewas yang berhasil diidentifikasi", "Tidak ada pengungsi yang
    // kekurangan makanan": a relative clause after it is what is denied.
    if (denied && ((denied_from + 1 < tf && t.IsWord(tf - 1) && Lookup("degree_word", t.Text(tf - 1))) ||
                   (tl + 1 < t.size() && t.IsWord(tl + 1) && Lookup("degree_word", t.Text(tl + 1))) ||
                   (tl + 1 < t.size() && (cls[tl + 1] & Impl::kRelative)))) {
      Discard(x.id, si, trigger, fmt::format("trigger '{}': the negation says how, not whether", trigger));
      continue;
    }
    // "tidak menimbulkan korban jiwa maupun luka", "no deaths or injuries": a denial carried over
    // a `denial_joiner` from up to five words before it, no number between.
    size_t carried_from = tf;  // where a carried denial's words begin
    if (!denied && tf >= 2 && t.IsWord(tf - 1) && Lookup("denial_joiner", t.Text(tf - 1)))
      for (size_t k = tf - 1; k-- > 0 && tf - 1 - k <= 5 && t.IsWord(k) && !denied;)
        if ((denied = fr.negation.count(t.Folded(k)) > 0)) carried_from = k;
    // "bukan meninggal karena tekanan": not that cause, a death all the same; no count of none.
    const bool contrast = denied && tf > 0 && Lookup("contrastive_negation", t.Text(tf - 1));
    if (denied && spec.denied_is_zero && !contrast) {
      // "tidak ada korban jiwa", "no-one was injured": a count of none, read from the denial.
      size_t nb = tf;
      while (nb > 0 && tf - nb < 3 && t.IsWord(nb - 1) && (fr.negation.count(t.Folded(nb - 1)) || t.Folded(nb - 1) == "ada")) --nb;
      nb = std::min({nb, carried_from, denied_from});
      Roles zero;
      zero.number = 0;
      zero.trigger = SpanOf(t, tf, tl);
      zero.Set("span", SpanOf(t, nb, tl));
      Candidate c;
      c.layer = x.layer;
      std::string why;
      bool made = FactFromRoles(x, si, sent, zero, c, why);
      Discard(x.id, si, words(nb, tl), made ? "" : why, {{"trigger", std::string(trigger)}, {"value", "0 (denied)"}});
      if (made) {
        c.fact.evidence = SpanOf(t, nb, tl);
        cands.push_back(std::move(c));
      }
      continue;
    }
    if (denied) {
      Discard(x.id, si, trigger, fmt::format("trigger '{}' is denied by '{}'", trigger, t.Text(tf - 1)));
      continue;
    }
    // The fills of a slot in the trigger's clause, nearest first (words between them, no barrier;
    // after the trigger first on a tie).
    auto ranked = [&](const SlotSpec& slot) {
      const std::vector<Fill>& fills = Fills(slot.kind, x, si, cands, dated);
      std::vector<std::pair<std::pair<uint32_t, int>, const Fill*>> found;
      for (const Fill& f : fills) {
        if (f.last >= tf && f.first <= tl) {
          // On the trigger's own words; "2.500 pengungsi" counts with the trigger as its noun.
          auto n = f.roles.spans.find("number");
          if (n == f.roles.spans.end() || n->second.end > t[tf].span.begin) continue;
          found.push_back({{0, 1}, &f});
          continue;
        }
        bool after = f.first > tl;
        if ((slot.side == SlotSpec::Side::kBefore && after) || (slot.side == SlotSpec::Side::kAfter && !after)) continue;
        // "di markas PBB di Jenewa", "at the UN headquarters in Geneva": a site with the town it is
        // in. A site the gazetteer knows elsewhere gives way to the town: the gazetteer's site of
        // that name is another city's. One it puts there ("Istana Merdeka di Jakarta"), or does
        // not know ("Gleneagles in Scotland"), is read.
        if (slot.kind == "place" && !slot.preceded_by.empty() && f.last + 2 < t.size() && t.IsWord(f.last + 1) &&
            std::find(slot.preceded_by.begin(), slot.preceded_by.end(), t.Folded(f.last + 1)) != slot.preceded_by.end()) {
          const Gazetteer::Name* site = e_.gazetteer().Find(sent.substr(t[f.first].span.begin, t[f.last].span.end - t[f.first].span.begin));
          if (site && site->place && std::any_of(fills.begin(), fills.end(), [&](const Fill& g) {
                return g.first == f.last + 2 && !g.canonical.empty() && !e_.gazetteer().Within(site->canonical, g.canonical);
              }))
            continue;
        }
        // "tewas dikeroyok teman sekamar dan 4 anggota LSM": a number right after "dan" begins
        // another conjunct, not the trigger's count.
        if (after && slot.kind == "number" && f.first > tl + 1 && t.IsWord(f.first - 1) &&
            (cls[f.first - 1] & Impl::kSoft))
          continue;
        size_t a = after ? tl + 1 : f.last + 1, b = after ? f.first : tf;  // the tokens between: [a, b)
        // "... flying from the United States, where he met President Bush": the word that opens
        // the trigger's clause on this place ("where", "tempat", past a comma), or npos.
        size_t opens_on = std::string::npos;
        if (!after && slot.kind == "place") {
          size_t k = f.last + 1;
          if (k < t.size() && t.Text(k) == ",") ++k;
          if (k < tf && t.IsWord(k) && Lookup("place_relative", t.Text(k))) opens_on = k;
        }
        uint32_t dist = 0;
        bool blocked = false;
        // "3 terduga teroris yang diamankan", "15 protesters who were arrested": a relative word
        // right before the trigger (auxiliaries aside) opens the trigger's clause about the words
        // before it, so a value before it is not cut off.
        auto opens_trigger = [&](size_t k) {
          for (size_t j = k + 1; j < tf; ++j)
            if (t.IsWord(j) && !(cls[j] & Impl::kAuxiliary)) return false;
          return true;
        };
        // "763 pegawai sektor pendidikan kehilangan nyawa", "14 pekerja tambang ilegal tewas": in a
        // language that marks its verbs, the plain words after a counted noun or a unit (up to
        // three: no verb, function or link word) are its phrase and count as the noun alone.
        size_t phrase_begin = a, phrase_end = a;  // tokens [phrase_begin, phrase_end) are free
        const bool counted_before = !after && slot.kind == "number" && (f.noun == a || f.roles.spans.count("unit"));
        size_t aux = b;  // where the auxiliaries that lead to the trigger begin
        if (counted_before)
          while (aux > a && t.IsWord(aux - 1) && (cls[aux - 1] & Impl::kAuxiliary)) --aux;
        if (counted_before && !L_.verb_prefixes.empty()) {
          phrase_begin = phrase_end = f.noun == a ? a + 1 : a;
          while (phrase_end < b && phrase_end - phrase_begin < 3 && t.IsWord(phrase_end) && !t[phrase_end].upper && cls[phrase_end] == 0 &&
                 t[phrase_end].kind != Token::Kind::kNumber && !VerbLike(t.Folded(phrase_end)) &&
                 !L_.stopwords.count(t.Folded(phrase_end)) && !L_.link_words.count(t.Folded(phrase_end)))
            ++phrase_end;
          if (phrase_end != b) phrase_begin = phrase_end = a;  // the phrase must run up to the trigger
          // "Seorang narapidana di Lapas Pangururan bernama Armi Siregar (27) diduga tewas": one
          // person, described where and who, is the subject of the trigger. After the noun (up to
          // three plain words), only names, commas, brackets, an age or a number in a name, a place
          // word before a name and a `name_intro` with what it introduces ("berusia 8 tahun") may
          // stand between: no other word in lower case ("Seorang warga tewas, dua lainnya
          // luka-luka" is no description), no verb, no clause; the phrase ends at the
          // auxiliaries that lead to the trigger.
          if (phrase_end == a && f.collective && f.roles.number == 1) {
            size_t k = a;
            while (k < aux && k - a < 3 && t.IsWord(k) && !t[k].upper && cls[k] == 0 && t[k].kind != Token::Kind::kNumber &&
                   !VerbLike(t.Folded(k)) && !L_.stopwords.count(t.Folded(k)))
              ++k;  // the noun: "narapidana", "siswa"
            size_t intro = std::string::npos;  // the last name_intro word: "berusia 8 tahun"
            for (; k < aux && k - a < 24; ++k) {
              if (!t.IsWord(k)) {
                const std::string_view p = t.Text(k);
                if (p != "," && p != "(" && p != ")") break;
                continue;
              }
              const bool after_intro = intro != std::string::npos && k - intro <= 2;
              if (t[k].kind == Token::Kind::kNumber) {
                // An age "(27)", a number in a name "Kodim 0618", one a name_intro introduces.
                if (!(k > 0 && (t.Text(k - 1) == "(" || (t.IsWord(k - 1) && t[k - 1].upper))) && !after_intro) break;
                continue;
              }
              if (t[k].upper) continue;
              if (Lookup("name_intro", t.Text(k))) {
                intro = k;
                continue;
              }
              if (after_intro && !VerbLike(t.Folded(k))) continue;  // "8 tahun"
              // "di Lapas", "asal Medan": a word of place before a name.
              if (!(cls[k] & ~Impl::kLink) && k + 1 < aux && t.IsWord(k + 1) && t[k + 1].upper && L_.stopwords.count(t.Folded(k))) continue;
              break;
            }
            if (k == aux && aux > a) phrase_begin = a, phrase_end = aux;
          }
        } else if (counted_before && b > a) {
          // "About 800,000 Tutsis and moderate Hutus were killed", "1.5 million people, mainly
          // Jews, were killed": where verbs are not marked, a passive's subject, the count first, up
          // to six words or commas with no function word, relative or number before the
          // auxiliaries that lead to the trigger.
          bool subject = aux < b && aux - a <= 6;
          for (size_t k = a; k < aux && subject; ++k)
            subject = !(cls[k] & (Impl::kBarrier | Impl::kRelative | Impl::kSource)) && t[k].kind != Token::Kind::kNumber &&
                      ((cls[k] & Impl::kSoft) || (t.IsWord(k) && !L_.stopwords.count(t.Folded(k)) && !L_.link_words.count(t.Folded(k))));
          if (subject) phrase_begin = f.noun == a ? a + 1 : a, phrase_end = aux;
        }
        for (size_t k = a; k < b && !blocked; ++k) {
          if (k >= phrase_begin && k < phrase_end) continue;
          // "Pembicaraan - yang ... akan berlangsung Kamis": a relative clause right after the
          // trigger is about it; one after other words is about them ("konflik yang ...").
          // ("..., where he met": the clause opened on the place is the trigger's own.)
          blocked = ((cls[k] & Impl::kBarrier) && k != opens_on) ||
                    ((cls[k] & Impl::kRelative) && !(after ? TriggerPhrase(t, tl + 1, k) : opens_trigger(k))) ||
                    // "tewas akibat penganiayaan oleh 3 pemuda", "killed by a gang of 3": who did it.
                    (after && slot.kind == "number" && t.IsWord(k) && Lookup("agent_marker", t.Text(k))) ||

                    // "Seorang petugas BPBD mengatakan korban tewas ...", "Kedua pelaku penganiayaan
                    // menyebabkan korban tewas": a count that says or does something is not the
                    // trigger's.
                    (!after && slot.kind == "number" && t.IsWord(k) && ((cls[k] & Impl::kSource) || Lookup("cause_verb", t.Text(k)))) ||
                    // '"... melakukan pertemuan," ujar Budi di Gedung Merah Putih, Rabu': past the
                    // quotation's end and its verb of saying, the place and day are the statement's.
                    (after && slot.kind != "number" && f.first > k + 1 && k > tl + 1 && t.Text(k - 1) == "\"" &&
                     t.IsWord(k) && Lookup("report_verb", t.Text(k))) ||
                    // "met Mr Trump to discuss the tariffs due to take effect on Friday": a day past
                    // an infinitive is its verb's, unless that verb says when the trigger happens
                    // ("talks are due to resume on Tuesday").
                    (after && slot.kind == "day" && t.IsWord(k) && Lookup("infinitive_marker", t.Text(k)) && k + 1 < b &&
                     t[k + 1].kind == Token::Kind::kWord && !t[k + 1].upper && !L_.stopwords.count(t.Folded(k + 1)) &&
                     !Lookup("aspect_verb", t.Text(k + 1)));
          // A name counts as one word ("met Prime Minister Fumio Kishida on Tuesday").
          // Nor, for a number, does a word that links a thing to it ("bertambah menjadi 23",
          // "rose to 58").
          const uint8_t free = slot.kind == "number" ? (Impl::kAuxiliary | Impl::kLink) : Impl::kAuxiliary;
          if (t.IsWord(k) && !(cls[k] & free) && !(t[k].upper && k > a && t[k - 1].upper)) ++dist;
          // "17 tewas dan 25 terluka": the 25 is not the dead; but "dan" inside a list of names
          // ("Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan", "Kim dan Putin") is one name's.
          if ((cls[k] & Impl::kSoft) && !(k > a && k + 1 < b && t[k + 1].upper && (t[k - 1].upper || t.Text(k - 1) == ",")))
            dist += 2;
        }
        if (blocked || dist > (after ? slot.within : std::min(slot.within, slot.within_before))) continue;
        if (!slot.preceded_by.empty() || !slot.not_preceded_by.empty()) {
          // One of the two words before it ("di Tokyo", "pada hari Rabu", "until Wednesday").
          auto has = [&](const std::vector<std::string>& v) {
            for (size_t k = 1; k <= 2 && k <= f.first; ++k)
              if (t.IsWord(f.first - k) && std::find(v.begin(), v.end(), t.Folded(f.first - k)) != v.end()) return true;
            return false;
          };
          // A place the trigger's clause opens on is its place, whatever word is before it.
          if (!slot.preceded_by.empty() && !has(slot.preceded_by) && opens_on == std::string::npos) continue;
          if (has(slot.not_preceded_by)) continue;
        }
        if (!slot.units.empty() && slot.kind == "number") {
          // "15 orang terluka, termasuk 4 anak-anak": a part, not the tally.
          if (f.part) continue;
          // "bertambah dari 20 hingga 25 orang", "rose from 20 to 25": the figure a change starts
          // from, another after it, is not the count now.
          if (ChangeStartsAt(t, f.first) &&
              std::any_of(fills.begin(), fills.end(), [&](const Fill& g) { return g.first > f.last && g.first <= f.last + 2; }))
            continue;
          // "Section 41", "Pasal 33": a number after a reference word names something, it counts nothing.
          if (f.first > 0 && t.IsWord(f.first - 1) && Lookup("reference_word", t.Text(f.first - 1))) continue;
          // Nor does a year ("the Terrorism Act 2000", "sejak 2019", "killed in the 1994 genocide"):
          // four digits with no separator and no unit of people; a count that large is written
          // "1.994" or "1,994".
          if (f.roles.spans.find("unit") == f.roles.spans.end() && f.first == f.last && t[f.first].kind == Token::Kind::kNumber) {
            std::string_view y = t.Text(f.first);
            if (y.size() == 4 && (StartsWith(y, "18") || StartsWith(y, "19") || StartsWith(y, "20"))) continue;
          }
          // "No one", "tidak seorang pun": a count denied is none (the denial reads it).
          if (f.first > 0 && t.IsWord(f.first - 1) && fr.negation.count(t.Folded(f.first - 1))) continue;
          // "dikeroyok kedua pelaku hingga tewas": right after a passive verb whose result the
          // trigger is, the doers ("dilaporkan 5 orang tewas" counts the dead).
          if (f.first > 0 && t.IsWord(f.first - 1) && PassiveVerb(t.Folded(f.first - 1)) && tf > 0 && t.IsWord(tf - 1) &&
              Lookup("result_marker", t.Text(tf - 1)))
            continue;
          auto u = f.roles.spans.find("unit");
          std::string unit = "none";
          // A bare number followed by a noun counts that noun ("3 pages"), unless it is the trigger:
          // its unit is `counted`, which a slot takes when it lists it ("sembilan penjaga
          // perdamaian tewas": whoever a death or an arrest counts are people, whatever the noun).
          if (u == f.roles.spans.end() && f.noun != std::string::npos && !(f.noun >= tf && f.noun <= tl)) {
            unit = "counted";
            // "3 unit sepeda motor diamankan", "5 bags of cocaine were seized": things.
            if (f.last + 1 < t.size() && t.IsWord(f.last + 1) && Lookup("thing_classifier", t.Text(f.last + 1))) continue;
            // "38 ahli waris korban meninggal", "13,000 names of missing": what belongs to the
            // people counted (a word of people, or "of", before the trigger) is not them.
            // Past a comma or "and" in a passive's subject ("300 miners, mainly migrants, were"),
            // people words describe the counted ones again.
            bool of_people = false, conjunct = false;
            for (size_t k = f.last + 1; k <= tf && !of_people; ++k) {
              conjunct = conjunct || (k >= phrase_begin && k < phrase_end && (cls[k] & Impl::kSoft));
              const LexiconEntry* e = t.IsWord(k) && !conjunct ? Lookup("unit", t.Text(k)) : nullptr;
              of_people = (e && e->value == "people") || t.Folded(k) == "of";
            }
            if (of_people) continue;
          } else if (u != f.roles.spans.end()) {
            std::string_view written = sent.substr(u->second.begin, u->second.size());
            const LexiconEntry* e = Lookup("unit", written);
            unit = e ? e->value : Key(written);  // a currency ("rp", "$") is no unit a frame asks for
          }
          if (std::find(slot.units.begin(), slot.units.end(), unit) == slot.units.end()) continue;
        }
        found.push_back({{dist, after ? 0 : 1}, &f});
      }
      std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<const Fill*> out;
      for (const auto& [key, f] : found) out.push_back(f);
      return out;
    };
    auto nearest = [&](const SlotSpec& slot) -> const Fill* {
      auto r = ranked(slot);
      return r.empty() ? nullptr : r.front();
    };
    const Fill* value = nearest(spec.value);
    if (!value && spec.value.kind == "number" && PartTallies(x, si, tf, tl, cands, dated)) continue;
    if (!value) {
      Discard(x.id, si, trigger,
              fmt::format("trigger '{}': no {} within {} words", trigger, spec.value.kind, spec.value.within),
              {{"trigger", std::string(trigger)}});
      continue;
    }
    Roles roles = value->roles;
    // "She and eight others were killed", "Budi dan tiga orang lainnya tewas": the one named and
    // the others, one more than the number says.
    auto one_named = [&](size_t k) {  // the word before "and": a pronoun, or the end of a person's name
      if (Lookup("personal_pronoun", t.Text(k))) return true;
      if (!t[k].upper) return false;
      for (std::string_view run : Runs(si)) {
        std::string_view name = TrimName(run);
        auto off = static_cast<uint32_t>(run.data() - sent.data());
        if (off + name.size() != t[k].span.end) continue;
        auto p = ResolvePerson(name, si, true);
        return p && (p->strong || TitledName(p->name)) && !e_.gazetteer().Find(name);
      }
      return false;
    };
    if (spec.value.kind == "number" && !roles.number && value->first >= 2 && t.IsWord(value->first - 1) &&
        Lookup("soft_break", t.Text(value->first - 1)) && one_named(value->first - 2)) {
      bool others = false;  // "eight others", "tiga orang lainnya"
      for (size_t k = value->first + 1; k <= value->last + 2 && k < t.size() && !others; ++k)
        others = t.IsWord(k) && Lookup("others_word", t.Text(k));
      if (others)
        if (auto n = roles.spans.count("number") ? ParseNumber(sent.substr(roles.spans.at("number").begin, roles.spans.at("number").size()), L_.numbers)
                                                 : std::nullopt)
          roles.number = *n + 1;
    }
    roles.trigger = SpanOf(t, tf, tl);
    std::vector<std::pair<std::string, std::string>> trace = {{"trigger", std::string(trigger)},
                                                              {"value (" + spec.value.kind + ")", value->what}};
    size_t lo = std::min(tf, value->first), hi = std::max(tl, value->last);
    if (!spec.subject.empty()) {
      if (spec.subject.kind == "party") {
        // The people meeting: the two nearest named around the trigger; one named alone meets the
        // sentence's person, else the article's.
        std::vector<std::string> names;
        for (const Fill* f : ranked(spec.subject)) {
          if (names.size() == 2) break;
          const std::string& n = f->canonical;
          if (n.empty() || std::find(names.begin(), names.end(), n) != names.end()) continue;
          names.push_back(n);
          trace.emplace_back("party", f->what);
          lo = std::min(lo, f->first), hi = std::max(hi, f->last);
        }
        if (names.size() == 1) {
          // Another person the sentence names, else the one the article names most.
          std::optional<std::string> other;
          for (std::string_view run : Runs(si))
            if (auto p = ResolvePerson(TrimName(run), si, true); p && p->strong && p->name != names[0] && !other) other = p->name;
          if (!other)
            if (auto p = Principal(); p && *p != names[0]) other = p;
          if (other) {
            names.push_back(*other);
            trace.emplace_back("party", *other + " (the sentence's other person, else the article's)");
          }
        }
        // "korban dan pelaku sepakat bertemu", "korban pun bertemu dengan pelaku": no one named, two
        // roles of the story's people (lexicon `role_party`) in the trigger's clause are the parties.
        if (names.empty()) {
          std::vector<std::string> roles_named;
          size_t before = 0;     // how many of them stand before the trigger
          bool owned = false;    // a role someone else's ("keluarga korban"): no pair of roles
          auto look = [&](size_t k) {
            if (!t.IsWord(k)) return true;
            if (cls[k] & Impl::kBarrier) return false;
            const LexiconEntry* r = Lookup("role_party", t.Text(k));
            if (!r) return true;
            // "keluarga korban", "kuasa hukum pelaku": someone of theirs, not them.
            owned = k > 0 && t.IsWord(k - 1) && !t[k - 1].upper && !L_.stopwords.count(t.Folded(k - 1)) &&
                    !Lookup("list_joiner", t.Text(k - 1)) && !Lookup("particle", t.Text(k - 1)) && !VerbLike(t.Folded(k - 1)) &&
                    !Lookup("counterpart_word", t.Text(k - 1));
            if (owned) return false;
            if (std::find(roles_named.begin(), roles_named.end(), r->value) == roles_named.end()) {
              roles_named.push_back(r->value);
              before += k < tf;
            }
            return true;
          };
          for (size_t k = tf; k-- > 0 && tf - k <= 6 && look(k);) {}
          for (size_t k = tl + 1; k < t.size() && k - tl <= 6 && !owned && look(k); ++k) {}
          // Both after the trigger, someone else met them ("Penyidik bertemu korban dan pelaku").
          // Roles are the story's own: they take the person the article names most, so that two
          // stories' victims never meet in one comparison; with no one named, no parties.
          if (auto who = StoryPerson(); !owned && roles_named.size() == 2 && before >= 1 && who) {
            std::sort(roles_named.begin(), roles_named.end());
            names = {roles_named[0] + "–" + roles_named[1] + " (" + *who + ")"};
            trace.emplace_back("party", names[0] + " (roles, no one named)");
          }
        }
        std::sort(names.begin(), names.end());
        if (!names.empty()) roles.subject = names.size() == 2 ? names[0] + "–" + names[1] : names[0];
        // "pertemuan antara Deputi Menteri Luar Negeri Korea Utara dan Rusia": parties named, but
        // not as people; not the article's protagonists, so no subject.
        if (names.empty() && tl + 1 < t.size() && Lookup("party_word", t.Text(tl + 1)) &&
            !(tl + 2 < t.size() && Lookup("group_word", t.Text(tl + 2)))) {
          Discard(x.id, si, trigger, fmt::format("trigger '{}': the parties are named after '{}', but not as people", trigger, t.Text(tl + 1)));
          continue;
        }
      } else if (const Fill* s = nearest(spec.subject)) {
        roles.Merge(s->roles);
        trace.emplace_back("subject (" + spec.subject.kind + ")", s->what);
        lo = std::min(lo, s->first), hi = std::max(hi, s->last);
      }
    }
    if (!spec.as_of.empty()) {
      SlotSpec moment = spec.as_of;
      if (const Fill* m = nearest(moment)) {
        if (moment.kind == "time") {
          roles.Merge(m->roles);
        } else if (auto d = m->roles.spans.find("weekday"); d != m->roles.spans.end()) {
          roles.Set("as_of", d->second);
        }
        trace.emplace_back("as_of (" + spec.as_of.kind + ")", m->what);
      }
    }
    Candidate c;
    c.layer = x.layer;
    std::string why;
    bool made = FactFromRoles(x, si, sent, roles, c, why);
    Discard(x.id, si, words(lo, hi), made ? "" : why, trace);
    if (!made) continue;
    c.fact.evidence = SpanOf(t, lo, hi);  // sentence-relative for now
    // "20-25 orang", "between 1.1 and 1.5 million people", "antara 2 hingga 4 persen": a range is
    // both its ends, the lower at least and the upper at most, each quoting its own figure.
    std::optional<Candidate> other;
    auto bound_is_joiner = [&] {  // "antara 20 hingga 25 orang": the upper's "bound" joins the range
      auto b = value->roles.spans.find("bound");
      return b != value->roles.spans.end() && Lookup("range_joiner", sent.substr(b->second.begin, b->second.size()));
    };
    // "bertambah dari 20 hingga 25 orang": "hingga" is where a change ends, not a bound.
    if (spec.value.kind == "number" && bound_is_joiner() && value->first >= 2 && t[value->first - 1].kind == Token::Kind::kNumber &&
        t.IsWord(value->first - 2) && Lookup("change_from", t.Text(value->first - 2)))
      c.fact.bound = Bound::kExact;
    if (spec.value.kind == "number" && !value->collective && c.fact.number)
      if (auto range = RangeOf(x, si, *value, cands, dated);
          range && (c.fact.bound == Bound::kExact || (range->other_is_upper ? c.fact.bound == Bound::kAtLeast : bound_is_joiner()))) {
        // The lower may keep its own bound ("sedikitnya 50-60 warga"); the upper only one that
        // is the joiner ("antara 20 hingga 25").
        const bool lower = range->other_is_upper;
        Roles end = range->other->roles;
        end.spans.erase("bound");
        end.trigger = roles.trigger;
        if (roles.spans.count("as_of")) end.spans["as_of"] = roles.spans.at("as_of");
        if (!lower) end.number = range->lower;  // the lower, with the upper's scale
        Candidate e;
        e.layer = x.layer;
        std::string ignored;
        if (FactFromRoles(x, si, sent, end, e, ignored) && e.fact.number && e.fact.subject == c.fact.subject) {
          if (lower && range->scale != 1) c.fact.number = range->lower, c.fact.value = FormatNumber(range->lower);
          c.fact.bound = lower ? Bound::kAtLeast : Bound::kAtMost;
          e.fact.bound = lower ? Bound::kAtMost : Bound::kAtLeast;
          e.fact.evidence = c.fact.evidence;
          other = std::move(e);
        }
      }
    cands.push_back(std::move(c));
    if (other) cands.push_back(std::move(*other));
  }
}

// "Para korban luka terdiri atas 29 warga sipil dan 84 polisi": a tally split into all its parts
// (a `part_word` of value `all` right after the trigger) with no whole given is a tally of each
// part, the part's noun with the subject ("unrest (warga sipil)"), so that one article's civilians
// are compared with another's, never with a whole. Whether any part was made.
bool ArticleExtractor::PartTallies(const ExtractorSpec& x, uint32_t si, size_t tf, size_t tl,
                                   std::vector<Candidate>& cands, size_t dated) {
  const Tokens& t = SentenceTokens(si);
  const std::string_view sent = t.sentence();
  // The part word, at most four words after the trigger, no figure between ("korban luka akibat
  // kerusuhan itu terdiri atas").
  size_t k = std::string::npos;
  const size_t n = WordsIn("part_word");
  for (size_t at = tl + 1; at <= tl + 5 && at < t.size() && k == std::string::npos && t[at].kind != Token::Kind::kNumber; ++at) {
    size_t e = FormAt(t, at, n, [&](std::string_view w) {
      const LexiconEntry* p = Lookup("part_word", w);
      return p && p->value == "all";
    });
    if (e != std::string::npos) k = e + 1;
  }
  if (k == std::string::npos) return false;
  // "Korban tewas dan luka terdiri atas ...", "Korban jiwa dan luka ...": the dead and the hurt
  // together, no tally of either.
  auto joins = [&](size_t j) {
    return t.IsWord(j) && (Lookup("soft_break", t.Text(j)) || Lookup("list_joiner", t.Text(j)) || Lookup("denial_joiner", t.Text(j)));
  };
  if (tf > 0 && joins(tf - 1)) return false;
  for (size_t j = tl + 1; j < k; ++j)
    if (joins(j)) return false;
  const std::vector<Fill>& nums = Fills("number", x, si, cands, dated);
  std::vector<std::pair<const Fill*, std::string>> parts;  // each part and its noun
  for (const Fill& f : nums) {
    if (f.first < k || f.collective) continue;
    if (f.first != k) break;
    // The noun: up to two words after the number ("orang dewasa", "warga sipil"), to a comma, a
    // joiner or a function word.
    size_t nf = 0, nl = 0;
    if (!f.roles.spans.count("number") || !t.Within(f.roles.spans.at("number"), nf, nl)) return false;
    size_t e = nl + 1;
    std::string noun;
    while (e < t.size() && e - nl <= 2 && t.IsWord(e) && t[e].kind != Token::Kind::kNumber && (e <= f.last || !L_.stopwords.count(t.Folded(e))) &&
           !Lookup("list_joiner", t.Text(e)) && !Lookup("soft_break", t.Text(e)) && (e <= f.last || !VerbLike(t.Folded(e)))) {
      noun += (noun.empty() ? "" : " ") + std::string(t.Folded(e));
      ++e;
    }
    if (noun.empty()) return false;  // parts of what, is not said
    // "..., 10 orang di antaranya dirawat": some of the parts, not another.
    if (e < t.size() && FormAt(t, e, n, [&](std::string_view w) { return Lookup("part_word", w) != nullptr; }) != std::string::npos) break;
    parts.emplace_back(&f, noun);
    // The next part after a comma or a joiner ("29 warga sipil dan 84 polisi").
    if (e < t.size() && (t.Text(e) == "," || Lookup("list_joiner", t.Text(e)))) k = e + 1;
    if (e + 1 < t.size() && t.Text(e) == "," && Lookup("list_joiner", t.Text(e + 1))) k = e + 2;
    if (k <= e) break;
  }
  if (parts.size() < 2) return false;
  for (const auto& [f, noun] : parts) {
    Roles r = f->roles;
    r.trigger = SpanOf(t, tf, tl);
    Candidate c;
    c.layer = x.layer;
    std::string why;
    if (!FactFromRoles(x, si, sent, r, c, why)) {
      Discard(x.id, si, t.Text(tf), why, {{"part", noun}});
      continue;
    }
    c.fact.subject += " (" + noun + ")";
    c.fact.subject_key = Fold(c.fact.subject);
    c.fact.evidence = SpanOf(t, tf, f->last);
    Discard(x.id, si, sent.substr(t[tf].span.begin, t[f->last].span.end - t[tf].span.begin), "",
            {{"trigger", std::string(sent.substr(t[tf].span.begin, t[tl].span.end - t[tf].span.begin))}, {"part", noun}});
    cands.push_back(std::move(c));
  }
  return true;
}

// Whether the figure at token i is where a change starts: after a `change_from` word ("bertambah
// dari 20", "rose from 20"), unless a `range_word` comes up to two words before that ("berkisar
// dari 20 hingga 25" is a range).
bool ArticleExtractor::ChangeStartsAt(const Tokens& t, size_t i) const {
  if (i == 0 || !t.IsWord(i - 1) || !Lookup("change_from", t.Text(i - 1))) return false;
  for (size_t k = i - 1; k-- > 0 && i - 1 - k <= 2;)
    if (t.IsWord(k) && Lookup("range_word", t.Text(k))) return false;
  return true;
}

// The other end of a range a number fill is one end of: joined by a `range_joiner` ("-",
// "hingga", "to"), or by a `list_joiner` after a `range_word` before the lower ("between 1.1 and
// 1.5 million"). The lower must be less than the upper ("2-1" is a score), and takes the upper's
// scale when it writes none ("1.1 and 1.5 million": 1.1 million).
std::optional<ArticleExtractor::Range> ArticleExtractor::RangeOf(const ExtractorSpec& x, uint32_t si, const Fill& v,
                                                                  std::vector<Candidate>& cands, size_t dated) {
  const Tokens& t = SentenceTokens(si);
  const std::string_view sent = t.sentence();
  const std::vector<Fill>& nums = Fills("number", x, si, cands, dated);
  auto number_of = [&](const Fill& f) -> std::optional<double> {
    if (f.roles.number) return f.roles.number;
    auto n = f.roles.spans.find("number");
    if (n == f.roles.spans.end()) return std::nullopt;
    return ParseNumber(sent.substr(n->second.begin, n->second.size()), L_.numbers);
  };
  // The token that joins lower to upper: a joiner between them, or the upper's bound ("hingga 25").
  auto joined = [&](const Fill& lo, const Fill& up) {
    if (lo.collective || up.collective || lo.last >= up.first) return false;
    // "bertambah dari 20 hingga 25", "rose from 20 to 25": a change, from the earlier figure.
    if (ChangeStartsAt(t, lo.first)) return false;
    size_t j = lo.last + 1;
    auto b = up.roles.spans.find("bound");
    if (j == up.first && b != up.roles.spans.end() && Lookup("range_joiner", sent.substr(b->second.begin, b->second.size()))) return true;
    if (j + 1 != up.first) return false;
    std::string_view w = t.Text(j);
    if (w == "-" || w == "–" || Lookup("range_joiner", w)) return true;
    return Lookup("list_joiner", w) && lo.first > 0 && t.IsWord(lo.first - 1) && Lookup("range_word", t.Text(lo.first - 1));
  };
  for (const Fill& f : nums) {
    if (&f == &v) continue;
    const bool up = f.first > v.last;
    const Fill& lo = up ? v : f;
    const Fill& hi = up ? f : v;
    if (!joined(lo, hi)) continue;
    auto a = number_of(lo), b = number_of(hi);
    if (!a || !b) continue;
    // The upper's scale: its value over the figure it starts with ("1.5 million": a million).
    double scale = 1;
    auto n = hi.roles.spans.find("number");
    if (n != hi.roles.spans.end() && lo.roles.spans.count("number")) {
      const Span s = n->second, ls = lo.roles.spans.at("number");
      size_t k = 0, e = 0;
      if (t.Within(s, k, e) && k < e && !hi.roles.number)
        if (auto first = ParseNumber(t.Text(k), L_.numbers); first && *first > 0) scale = *b / *first;
      size_t lk = 0, le = 0;
      if (!t.Within(ls, lk, le) || lk != le) scale = 1;  // the lower writes its own scale
    }
    if (scale < 1 || *a * scale >= *b) continue;
    return Range{&f, up, *a * scale, scale};
  }
  return std::nullopt;
}

}  // namespace cc::extract
