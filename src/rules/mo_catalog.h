// A GNU gettext message catalog (.mo), read from its bytes: the format msgfmt writes and
// Debian ships translations in (for us, iso-codes' names of countries and subdivisions).
// Layout (GNU gettext manual, "The Format of GNU MO Files"): a header of 32-bit words in the
// file's byte order (magic 0x950412de, revision, N, offset of the originals' table, offset of
// the translations' table, hash size, hash offset), then two tables of N (length, offset)
// pairs, each string NUL-terminated. Internal to src/rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cc::rules {

class MoCatalog {
 public:
  // The catalog held in `bytes`, or nullopt with `error` saying what is wrong (not a .mo file,
  // a major revision other than 0 or 1, a table or string outside the file). Either byte
  // order. The header entry (msgid "") and empty translations are left out; a plural entry
  // is kept under its singular msgid with its first translation; an entry with a context
  // (msgctxt) is kept under "context\x04msgid", as gettext keys it.
  static std::optional<MoCatalog> Parse(std::string bytes, std::string* error = nullptr);

  // The translation of `msgid`, or nullopt when the catalog has none. The view lives as long
  // as the catalog. O(log n).
  std::optional<std::string_view> Translate(std::string_view msgid) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint32_t id, id_len, str, str_len;  // offsets and lengths into bytes_
  };
  std::string_view At(uint32_t offset, uint32_t len) const { return std::string_view(bytes_).substr(offset, len); }
  std::string bytes_;
  std::vector<Entry> entries_;  // sorted by msgid
};

}  // namespace cc::rules
