#include "rules/mo_catalog.h"

#include <algorithm>
#include <fmt/format.h>

namespace cc::rules {

namespace {

constexpr uint32_t kMagic = 0x950412de;
constexpr uint32_t kMagicSwapped = 0xde120495;

uint32_t Swap(uint32_t v) {
  return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

}  // namespace

std::optional<MoCatalog> MoCatalog::Parse(std::string bytes, std::string* error) {
  auto fail = [error](std::string why) -> std::optional<MoCatalog> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const size_t size = bytes.size();
  if (size < 28) return fail("not a .mo file: shorter than its header");
  auto raw = [&bytes](size_t at) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
    return v;  // little-endian
  };
  bool swap = false;
  if (raw(0) == kMagicSwapped) swap = true;
  else if (raw(0) != kMagic) return fail("not a .mo file: wrong magic number");
  auto word = [&](size_t at) { return swap ? Swap(raw(at)) : raw(at); };
  uint32_t revision = word(4);
  if ((revision >> 16) > 1) return fail(fmt::format("unsupported .mo revision {}.{}", revision >> 16, revision & 0xffff));
  const uint64_t n = word(8), originals = word(12), translations = word(16);
  if (originals + n * 8 > size || translations + n * 8 > size) return fail("string tables run past the end of the file");
  MoCatalog cat;
  cat.entries_.reserve(n);
  // A string of the table at `table`, entry i: its offset and length, NUL-terminated in the file.
  auto string_at = [&](uint64_t table, uint64_t i, uint32_t& off, uint32_t& len) {
    len = word(table + i * 8);
    off = word(table + i * 8 + 4);
    return static_cast<uint64_t>(off) + len < size && bytes[off + len] == '\0';
  };
  for (uint64_t i = 0; i < n; ++i) {
    Entry e{};
    if (!string_at(originals, i, e.id, e.id_len)) return fail(fmt::format("original string {} lies outside the file", i));
    if (!string_at(translations, i, e.str, e.str_len))
      return fail(fmt::format("translated string {} lies outside the file", i));
    // Plural forms: "singular\0plural" and "form0\0form1...": keep the singular and form 0.
    std::string_view id(bytes.data() + e.id, e.id_len), str(bytes.data() + e.str, e.str_len);
    e.id_len = static_cast<uint32_t>(id.substr(0, id.find('\0')).size());
    e.str_len = static_cast<uint32_t>(str.substr(0, str.find('\0')).size());
    if (e.id_len == 0 || e.str_len == 0) continue;  // the header, or untranslated
    cat.entries_.push_back(e);
  }
  cat.bytes_ = std::move(bytes);
  // msgfmt writes the originals sorted (its hash table is not needed then); a file that is not
  // is sorted here.
  auto by_id = [&cat](const Entry& a, const Entry& b) { return cat.At(a.id, a.id_len) < cat.At(b.id, b.id_len); };
  if (!std::is_sorted(cat.entries_.begin(), cat.entries_.end(), by_id))
    std::stable_sort(cat.entries_.begin(), cat.entries_.end(), by_id);
  return cat;
}

std::optional<std::string_view> MoCatalog::Translate(std::string_view msgid) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), msgid,
                             [this](const Entry& e, std::string_view key) { return At(e.id, e.id_len) < key; });
  if (it == entries_.end() || At(it->id, it->id_len) != msgid) return std::nullopt;
  return At(it->str, it->str_len);
}

}  // namespace cc::rules
