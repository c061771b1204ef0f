// Ingest: files in, Articles out. Reads .txt (optional `key: value` header block, then a blank
// line) and .jsonl (one article per line), walks directories (recursive, sorted), validates
// UTF-8, normalizes text (NFC, quotes, dashes, spaces) keeping a byte map back to the original,
// drops boilerplate lines and verbatim repeated paragraphs, and splits paragraphs and sentences.
// Errors are returned as Diagnostics ("path: what is wrong"); nothing here writes anywhere.
#pragma once

#include <re2/set.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/flat_table.h"
#include "core/hash.h"
#include "core/rulepack.h"
#include "core/types.h"

namespace cc::ingest {

struct Limits {
  size_t max_article_bytes = 64u << 20;  // a larger .txt file, or .jsonl line, is rejected
};

// Expands PATHs into the article files to read: files as given, directories walked
// recursively in sorted order keeping *.txt and *.jsonl (hidden entries skipped).
// Errors: a path that does not exist, a directory with no article files.
Result<std::vector<std::string>> ListInputs(const std::vector<std::string>& paths);

// Whether ReadEach normalizes each article's text, or leaves that to the caller
// (Normalize(a, a.body_begin)), which may do it on another thread: `check` does it on its
// extracting threads, so that the thread reading and storing has less to do.
enum class Normalized { kNow, kLater };

// Reads one file and hands each Article (raw, metadata and, unless kLater, normalized text
// filled) to `fn` as it is read: a .jsonl file one non-empty line at a time, so memory holds
// one line whatever the file's size; any other file is one .txt article. Returns every problem
// found: errors (a bad line is skipped, the good lines of its file are still handed on; a
// caller that fails on the first problem discards them) and warnings (text that is not UTF-8
// but plainly Windows-1252 is read as that). Validation (UTF-8, NUL bytes, size) is done here
// either way.
std::vector<Diagnostic> ReadEach(const std::string& path, const Limits& limits, const std::function<void(Article)>& fn,
                                 Normalized normalized = Normalized::kNow);
// The same, collected; nothing when there is a problem.
Result<std::vector<Article>> ReadFile(const std::string& path, const Limits& limits = {});
// The same for bytes already read; `path` names the input in messages and decides the format
// (.jsonl or not). For fuzzing and for inputs that are not files.
Result<std::vector<Article>> ReadBuffer(const std::string& path, std::string data);

// Parses a .txt header block. Returns the byte offset where the body starts (0 when the text
// has no header) and fills the known keys of `a`.
size_t ParseHeader(std::string_view raw, Article& a);

// Fills a.text and a.origin from a.raw[body_begin..]: NFC, curly quotes to ASCII, dashes to
// '-', exotic spaces to ' ', zero-width characters removed, CR LF to LF, runs of spaces to one.
void Normalize(Article& a, size_t body_begin);

// What segmentation needs from the rule packs, per language.
struct SegmentConfig {
  std::vector<RegexPtr> boilerplate;   // a line matching any of these (whole line) is dropped
  // The same patterns as one set, so that a line is scanned once whatever their number (null
  // when the set cannot be built; then each pattern is tried in turn).
  std::shared_ptr<const RE2::Set> boilerplate_set;
  std::set<std::string, std::less<>> abbreviations;  // folded, without the final dot
  // Folded openings that carry on the sentence before ("Di sana ia bertemu ...", "There she
  // met ..."): the place and the occasion are the previous sentence's, so the two are read as
  // one sentence (lexicon `continuation`).
  std::vector<std::string> continuations;
  // Stopwords: the pack languages that have any, and for each folded word a bit per language
  // (bit i is stopword_langs[i]).
  std::vector<std::string> stopword_langs;
  // Language detection looks up each of the first 600 words (FlatTable: no division per look-up).
  class StopwordTable {
   public:
    void Add(const std::string& word, uint64_t bits);  // ORs `bits` into the word's
    uint64_t Find(std::string_view word) const;       // 0: not a stopword
    size_t longest() const { return longest_; }        // in bytes
    // Words of up to 7 bytes (most stopwords) are one integer, their bytes from the lowest up
    // (as swar::Load reads them) and their length in the highest: a multiply hashes it, one
    // compare matches it. Longer words by FNV-1a and their bytes. FindPacked(Pack(w)) is
    // Find(w) for such a word.
    static constexpr size_t kPacked = 7;
    static uint64_t Pack(std::string_view word);
    uint64_t FindPacked(uint64_t key) const {
      const uint64_t* bits = packed_.Find(key);
      return bits ? *bits : 0;
    }

   private:
    struct PackedHash {
      uint64_t operator()(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ULL) >> 32; }
    };
    struct WordHash {
      uint64_t operator()(std::string_view word) const { return Fnv1a64(word); }
    };
    FlatTable<uint64_t, uint64_t, PackedHash> packed_;  // words of up to kPacked bytes
    FlatTable<std::string, uint64_t, WordHash> words_;  // longer ones
    size_t longest_ = 0;
  };
  StopwordTable stopwords;  // folded word -> its bits
  size_t max_sentence_bytes = 8192;  // longer runs without a full stop are cut (at spaces)
};
SegmentConfig MakeSegmentConfig(const RulePack& pack);

// Drops boilerplate lines, builds paragraphs (one per line; wrapped lines joined), drops
// paragraphs repeated verbatim, splits sentences, and guesses title and lang when missing.
void Segment(Article& a, const SegmentConfig& config);

// Counts stopwords of each language and returns the best ("" when there is no evidence).
std::string DetectLanguage(std::string_view text, const SegmentConfig& config);

}  // namespace cc::ingest
