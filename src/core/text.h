// UTF-8 helpers used across stages: validation, case folding, trimming, small string tools.
// Pure functions; utf8proc does the Unicode work.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

// Returns the byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view s);
// Text that is not UTF-8 read as Windows-1252 (which Latin-1 text also is, but for its C1
// control bytes), in UTF-8, by glibc's iconv; nullopt when some byte is not a character there
// (0x81, 0x8D, 0x8F, 0x90, 0x9D): then it is not plainly that encoding either.
std::optional<std::string> FromWindows1252(std::string_view s);

// Unicode case folding (utf8proc), for case-insensitive keys. Input must be valid UTF-8.
std::string Fold(std::string_view s);
// `s` lowercased code point by code point (utf8proc_tolower; bytes that are not UTF-8 are
// kept) into `out`, replacing what it held: what RE2's FilteredRE2 matches its atoms against.
void LowerInto(std::string_view s, std::string& out);

std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::vector<std::string_view> SplitLines(std::string_view s);  // on \n, keeps no terminators
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Collapses runs of ASCII whitespace into one space and trims.
std::string Squeeze(std::string_view s);
// A hash of Squeeze(s), without building the squeezed string: texts that squeeze to the same
// string hash the same. Not stored anywhere; may change between versions.
uint64_t SqueezedHash(std::string_view s);
// Fold(Squeeze(s)) into `out` (replacing what it held): the key names and lexicon forms are
// looked up by. ASCII in one pass; a caller's buffer saves the two strings per lookup.
void FoldKey(std::string_view s, std::string& out);
// Number of code points in s.
size_t CodePoints(std::string_view s);
// First code point of s (0 when empty or invalid) and its length in bytes.
int32_t FirstCodePoint(std::string_view s, int* len = nullptr);
int32_t LastCodePoint(std::string_view s);
bool IsUpper(int32_t cp);
bool IsLower(int32_t cp);
bool IsLetter(int32_t cp);

}  // namespace cc

namespace cc {
// A short label for an article path: the file name without directory and extension
// ("seeds/003_d6.txt" -> "003_d6", "news.jsonl:12" -> "news:12").
std::string ShortName(std::string_view path);
// How reports and messages name an article, so that an editor can find it: the id its source
// gives it (`given_id`: a JSONL line's "id", a .txt header's "id:"; squeezed, at most 60 bytes),
// else ShortName(path). The evidence line keeps file:line:col (report::Position).
std::string ArticleLabel(std::string_view given_id, std::string_view path);
// 1-based line and column (in code points) of byte `offset` in `text`.
std::pair<size_t, size_t> LineCol(std::string_view text, size_t offset);
}  // namespace cc
