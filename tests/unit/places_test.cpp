// Places: the gettext catalog reader.
#include <catch2/catch.hpp>

#include <algorithm>

#include "rules/mo_catalog.h"

using namespace cc;

namespace {

// A GNU .mo file holding `entries` (msgid, msgstr), in the given byte order; originals sorted
// unless `unsorted`.
std::string MakeMo(std::vector<std::pair<std::string, std::string>> entries, bool big_endian = false,
                   bool unsorted = false) {
  if (!unsorted) std::sort(entries.begin(), entries.end());
  const auto n = static_cast<uint32_t>(entries.size());
  const uint32_t originals = 28, translations = originals + 8 * n;
  std::string out(translations + 8 * n, '\0');
  auto put = [&](size_t at, uint32_t v) {
    for (size_t i = 0; i < 4; ++i) out[at + (big_endian ? 3 - i : i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  put(0, 0x950412de);
  put(4, 0);
  put(8, n);
  put(12, originals);
  put(16, translations);
  for (size_t table = 0; table < 2; ++table)
    for (uint32_t i = 0; i < n; ++i) {
      const std::string& s = table == 0 ? entries[i].first : entries[i].second;
      put((table == 0 ? originals : translations) + 8 * i, static_cast<uint32_t>(s.size()));
      put((table == 0 ? originals : translations) + 8 * i + 4, static_cast<uint32_t>(out.size()));
      out += s;
      out += '\0';
    }
  return out;
}

std::optional<std::string> Tr(const rules::MoCatalog& c, std::string_view id) {
  auto t = c.Translate(id);
  return t ? std::optional<std::string>(std::string(*t)) : std::nullopt;
}

}  // namespace

TEST_CASE("a .mo catalog is read in either byte order: plurals, contexts, the header left out", "[places]") {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"", "Project-Id-Version: iso_3166-1\nContent-Type: text/plain; charset=UTF-8\n"},
      {"Korea, Republic of", "Korea Selatan"},
      {"Russian Federation", "Federasi Rusia"},
      {std::string("%d island\0%d islands", 20), std::string("%d pulau\0%d pulau", 17)},
      {"place\x04Georgia", "Georgia"},
      {"Untranslated", ""},
  };
  for (bool big : {false, true}) {
    INFO("big-endian: " << big);
    std::string error;
    auto cat = rules::MoCatalog::Parse(MakeMo(entries, big), &error);
    REQUIRE(cat);
    CHECK(error.empty());
    CHECK(cat->size() == 4);
    CHECK(Tr(*cat, "Korea, Republic of") == "Korea Selatan");
    CHECK(Tr(*cat, "Russian Federation") == "Federasi Rusia");
    CHECK(Tr(*cat, "%d island") == "%d pulau");
    CHECK(Tr(*cat, "place\x04Georgia") == "Georgia");
    CHECK_FALSE(Tr(*cat, "Georgia"));
    CHECK_FALSE(Tr(*cat, ""));
    CHECK_FALSE(Tr(*cat, "Untranslated"));
    CHECK_FALSE(Tr(*cat, "Korea"));
  }
  // Originals out of order (msgfmt sorts them; another writer may not).
  auto unsorted = rules::MoCatalog::Parse(MakeMo({{"b", "B"}, {"a", "A"}, {"c", "C"}}, false, true));
  REQUIRE(unsorted);
  CHECK(Tr(*unsorted, "a") == "A");
  CHECK(Tr(*unsorted, "b") == "B");
  CHECK(Tr(*unsorted, "c") == "C");
}

TEST_CASE("a .mo catalog that is not one is refused with the reason", "[places]") {
  const std::string good = MakeMo({{"a", "A"}, {"b", "B"}});
  auto refused = [](std::string bytes) {
    std::string error;
    auto cat = rules::MoCatalog::Parse(std::move(bytes), &error);
    CHECK_FALSE(cat);
    return error;
  };
  CHECK(refused("").find("shorter than its header") != std::string::npos);
  CHECK(refused(std::string(40, 'x')).find("magic") != std::string::npos);
  std::string revision = good;
  revision[6] = 2;  // major revision 2
  CHECK(refused(revision).find("revision") != std::string::npos);
  CHECK(refused(good.substr(0, 40)).find("past the end") != std::string::npos);  // tables cut off
  std::string far = good;
  far[32] = '\x7f';  // the first original's offset far outside the file
  CHECK(refused(far).find("outside the file") != std::string::npos);
  std::string unterminated = good;
  unterminated.back() = 'x';  // the last string loses its NUL
  CHECK(refused(unterminated).find("outside the file") != std::string::npos);
}
