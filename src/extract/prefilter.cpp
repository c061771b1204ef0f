#include "extract/prefilter.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/flat_table.h"
#include "core/hash.h"
#include "core/text.h"
#include "extract/per_thread.h"

namespace cc::extract {

namespace {

constexpr size_t kMemoSize = 4096;  // atom combinations kept per filter and thread

// What a filter allowed, by the ids of the atoms found (sorted): sentences repeat the same few
// combinations, so each thread keeps what a combination allowed (forgotten past kMemoSize).
struct HashAtoms {
  uint64_t operator()(const std::vector<int>& v) const { return HashInts(v); }
};
using AllowedMemo = FlatTable<std::vector<int>, std::vector<size_t>, HashAtoms>;

// This thread's memos (one per filter) of the prefilter `owner` as built in `generation`.
std::vector<AllowedMemo>& ThreadMemo(const void* owner, uint64_t generation, size_t chunks) {
  thread_local std::unordered_map<const void*, std::pair<uint64_t, std::vector<AllowedMemo>>> memos;
  // The prefilter asked last: mostly the extractors', which every sentence asks.
  thread_local const void* last = nullptr;
  thread_local uint64_t last_generation = 0;
  thread_local std::vector<AllowedMemo>* last_memo = nullptr;
  if (last == owner && last_generation == generation) return *last_memo;
  if (memos.size() > 16 && !memos.count(owner)) memos.clear();  // prefilters of packs long gone
  auto& [gen, memo] = memos[owner];
  if (gen != generation) {  // built again, or another Prefilter once lived at this address
    memo.assign(chunks, AllowedMemo(kMemoSize));
    gen = generation;
  }
  last = owner;
  last_generation = generation;
  last_memo = &memo;
  return memo;
}

// Appends the extractors of `pf` that its matched atoms allow.
void Potentials(const RulePack::PatternFilter& pf, const std::vector<int>& matched, std::vector<size_t>& out) {
  thread_local std::vector<int> regexps;
  regexps.clear();
  pf.filter->AllPotentials(matched, &regexps);
  for (int r : regexps)
    if (size_t x = pf.extractors[static_cast<size_t>(r)]; x != RulePack::PatternFilter::kElsewhere) out.push_back(x);
}

}  // namespace

std::optional<Diagnostic> Prefilter::Build(const std::vector<const RulePack::PatternFilter*>& filters,
                                           std::vector<size_t> always, const std::string& lang,
                                           const std::vector<std::pair<std::string, size_t>>& direct) {
  chunks_.clear();
  atom_list_.clear();
  atom_uses_.clear();
  // Filters share atoms (a language's filters, the common rules'): the set holds each once.
  std::unordered_map<std::string, int> atom_ids;
  for (const auto* f : filters) {
    const auto chunk = static_cast<uint32_t>(chunks_.size());
    chunks_.push_back({f});
    for (size_t a = 0; a < f->atoms.size(); ++a) {
      auto [it, fresh] = atom_ids.try_emplace(f->atoms[a], static_cast<int>(atom_list_.size()));
      if (fresh) {
        atom_list_.push_back(f->atoms[a]);
        atom_uses_.emplace_back();
      }
      atom_uses_[static_cast<size_t>(it->second)].push_back({chunk, static_cast<int>(a)});
    }
  }
  for (const auto& [atom, x] : direct) {
    auto [it, fresh] = atom_ids.try_emplace(atom, static_cast<int>(atom_list_.size()));
    if (fresh) {
      atom_list_.push_back(atom);
      atom_uses_.emplace_back();
    }
    atom_uses_[static_cast<size_t>(it->second)].push_back({kDirect, static_cast<int>(x)});
  }
  always_ = std::move(always);
  generation_ = NewGeneration();
  try {
    atoms_ = std::make_unique<LiteralSet>(atom_list_);
  } catch (const std::length_error&) {
    atoms_.reset();
    Diagnostic d;
    d.code = "regex-too-big";
    d.message = fmt::format("cannot compile the prefilter for '{}'", lang);
    return d;
  }
  return std::nullopt;
}

void Prefilter::Candidates(std::string_view sentence, std::vector<size_t>& out) const {
  out.assign(always_.begin(), always_.end());
  if (chunks_.empty() && atom_list_.empty()) return;
  thread_local std::string lowered;
  thread_local std::vector<int> atoms;
  thread_local std::vector<std::vector<int>> by_chunk;
  // What FilteredRE2's atoms are matched against, after a space so that a frame's atoms can ask
  // for the start of a word (a space more finds no atom less).
  LowerInto(sentence, lowered);
  lowered.insert(lowered.begin(), ' ');
  std::vector<AllowedMemo>& memos = ThreadMemo(this, generation_, chunks_.size());
  atoms_->Match(lowered, atoms);
  by_chunk.resize(chunks_.size());
  for (auto& v : by_chunk) v.clear();
  for (int a : atoms)
    for (const AtomUse& u : atom_uses_[static_cast<size_t>(a)]) {
      if (u.chunk == kDirect) out.push_back(static_cast<size_t>(u.atom));
      else by_chunk[u.chunk].push_back(u.atom);
    }
  // Without a matched atom a filter allows only the patterns it has no atom for: a loose
  // filter's (patterns with no literal at all); for the others, nothing to ask.
  for (size_t c = 0; c < chunks_.size(); ++c) {
    auto& found = by_chunk[c];
    if (found.empty() && !chunks_[c].pf->loose) continue;
    std::sort(found.begin(), found.end());
    auto [allowed, fresh] = memos[c].Insert(found);
    if (fresh) Potentials(*chunks_[c].pf, found, *allowed);
    out.insert(out.end(), allowed->begin(), allowed->end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace cc::extract
