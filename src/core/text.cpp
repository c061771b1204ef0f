#include "core/text.h"

#include <iconv.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#include "core/hash.h"
#include "core/scan.h"
#include "core/swar.h"
#include "core/types.h"

namespace cc {

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    i = SkipAscii(s, i);  // news is mostly ASCII
    if (i == n) break;
    unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;  // stray continuation byte or invalid lead (0xF8..0xFF)
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

void LowerInto(std::string_view s, std::string& out) {
  const size_t n = s.size();
  out.resize(n);
  size_t i = 0, w = 0;  // read and write positions; out.size() >= w + (n - i) throughout
  while (i < n) {
    char* o = out.data();
    // ASCII eight bytes at a time: a byte from 'A' to 'Z' gains 0x20 (its flag, 0x80, >> 2).
    for (uint64_t x; i + 8 <= n; i += 8, w += 8) {
      x = swar::Load(s.data() + i);
      if (x & swar::kHigh) break;
      swar::Store(o + w, x | swar::InRangeAscii(x, 'A', 'Z') >> 2);
    }
    if (i == n) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      o[w++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {  // not UTF-8: the byte as it is
      o[w++] = s[i++];
      continue;
    }
    utf8proc_uint8_t buf[4];
    auto m = static_cast<size_t>(utf8proc_encode_char(utf8proc_tolower(cp), buf));
    i += static_cast<size_t>(len);
    if (w + m + (n - i) > out.size()) out.resize(w + m + (n - i));  // a lower case letter may take more bytes
    std::memcpy(out.data() + w, buf, m);
    w += m;
  }
  out.resize(w);
}

std::string Fold(std::string_view s) {
  // ASCII (most words of most news) folds to lower case; nothing to compose.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string r(s);
    for (char& c : r)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
  }
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                        static_cast<utf8proc_ssize_t>(s.size()), &out,
                        static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                                       UTF8PROC_STABLE));
  if (n < 0) return std::string(s);
  std::string r(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return r;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  return s.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < s.size()) out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) r += sep;
    r += parts[i];
  }
  return r;
}

std::string Squeeze(std::string_view s) {
  // Word by word rather than byte by byte: segmenting squeezes every sentence.
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::string r;
  r.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i == b) break;
    if (!r.empty()) r += ' ';
    r.append(s, b, i - b);
  }
  return r;
}

void FoldKey(std::string_view s, std::string& out) {
  // Most keys are ASCII words already joined by single spaces: copied and lowered in one pass.
  // Otherwise word by word, each appended and lowered in place; the first byte outside ASCII
  // hands the whole key to Fold.
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  // An ASCII byte lowered; 0 for a byte the fast path leaves to the other (NUL, tab, CR, LF,
  // bytes from 0x80 on).
  static constexpr auto kLower = [] {
    std::array<char, 256> t{};
    for (int c = 1; c < 0x80; ++c) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    t['\t'] = t['\n'] = t['\r'] = 0;
    return t;
  }();
  const size_t n = s.size();
  if (n && s[0] != ' ' && s[n - 1] != ' ' && s.find("  ") == std::string_view::npos) {
    out.resize(n);
    char* o = out.data();
    size_t i = 0;
    while (i < n && (o[i] = kLower[static_cast<unsigned char>(s[i])]) != 0) ++i;
    if (i == n) return;
  }
  out.clear();
  for (size_t i = 0; i < n;) {
    while (i < n && space(s[i])) ++i;
    size_t b = i;
    while (i < n && !space(s[i])) ++i;
    if (i == b) break;
    if (!out.empty()) out += ' ';
    size_t at = out.size();
    out.append(s.data() + b, i - b);
    for (char *p = out.data() + at, *end = out.data() + out.size(); p != end; ++p) {
      auto c = static_cast<unsigned char>(*p);
      if (c >= 0x80) {
        out = Fold(Squeeze(s));
        return;
      }
      if (c - static_cast<unsigned>('A') < 26u) *p = static_cast<char>(c - 'A' + 'a');
    }
  }
}

namespace {
uint64_t Mix(uint64_t h, uint64_t word) {
  h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}
}  // namespace

uint64_t SqueezedHash(std::string_view s) {
  // The squeezed text's bytes go into `acc` eight at a time, each full word mixed into h; a
  // space goes in before a word that follows another, as Squeeze joins them. Eight bytes that
  // squeeze to themselves (no control byte, single spaces between other bytes: most of a
  // text) go in at once, shifted into place.
  uint64_t h = 0x9E3779B97F4A7C15ULL, acc = 0, len = 0;
  unsigned fill = 0;  // bytes in acc
  bool space_before = false, any = false;
  auto put = [&](unsigned char c) {
    acc |= uint64_t{c} << (8 * fill);
    ++len;
    if (++fill == 8) {
      h = Mix(h, acc);
      acc = 0;
      fill = 0;
    }
  };
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      const uint64_t x = swar::Load(s.data() + i);
      const uint64_t spaces = swar::Equal(x, ' ');
      // A space last is kept when a word follows it.
      const bool last_kept = !(spaces >> 63) || (i + 8 < n && static_cast<unsigned char>(s[i + 8]) > ' ');
      if (!swar::AnyBelow(x, 0x20) && !(spaces & 0x80) && last_kept && !(spaces & (spaces << 8))) {
        if (space_before) put(' ');
        space_before = false;
        if (fill == 0) {
          h = Mix(h, x);
        } else {
          h = Mix(h, acc | x << (8 * fill));
          acc = x >> (8 * (8 - fill));
        }
        len += 8;
        any = true;
        i += 8;
        continue;
      }
    }
    const char c = s[i++];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space_before = any;
      continue;
    }
    if (space_before) put(' ');
    space_before = false;
    any = true;
    put(static_cast<unsigned char>(c));
  }
  if (fill) h = Mix(h, acc);
  return Mix(h, len);
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

int32_t FirstCodePoint(std::string_view s, int* len) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                            static_cast<utf8proc_ssize_t>(s.size()), &cp);
  if (len) *len = n > 0 ? static_cast<int>(n) : 0;
  return n > 0 ? cp : 0;
}

int32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return FirstCodePoint(s.substr(i));
}

bool IsUpper(int32_t cp) {
  auto c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
bool IsLower(int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL; }
bool IsLetter(int32_t cp) {
  auto c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

// --- enums and diagnostics (declared in types.h) ---------------------------
const std::vector<std::string>& FactTypeNames() {
  static const std::vector<std::string> kNames = {"weekday", "date",  "date_range", "year",      "quantity",
                                                  "percent", "count", "place",      "transport", "entity", "time"};
  return kNames;
}
std::string_view ToString(FactType t) { return FactTypeNames()[static_cast<size_t>(t)]; }
std::optional<FactType> ParseFactType(std::string_view s) {
  const auto& names = FactTypeNames();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<FactType>(i);
  return std::nullopt;
}
std::string_view ToString(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kHedged: return "hedged";
    case Modality::kReported: return "reported";
  }
  return "asserted";
}
std::optional<Modality> ParseModality(std::string_view s) {
  if (s == "asserted") return Modality::kAsserted;
  if (s == "hedged") return Modality::kHedged;
  if (s == "reported") return Modality::kReported;
  return std::nullopt;
}
std::string_view ToString(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}
std::optional<Severity> ParseSeverity(std::string_view s) {
  if (s == "info") return Severity::kInfo;
  if (s == "warning") return Severity::kWarning;
  if (s == "error") return Severity::kError;
  return std::nullopt;
}
Severity Lower(Severity s) {
  return s == Severity::kError ? Severity::kWarning : Severity::kInfo;
}
std::string_view ToString(Bound b) {
  switch (b) {
    case Bound::kExact: return "exact";
    case Bound::kAtLeast: return "at_least";
    case Bound::kAtMost: return "at_most";
    case Bound::kApprox: return "approx";
  }
  return "exact";
}
Bound ParseBound(std::string_view s) {
  return s == "at_least" ? Bound::kAtLeast : s == "at_most" ? Bound::kAtMost : s == "approx" ? Bound::kApprox : Bound::kExact;
}

std::string Diagnostic::Format() const {
  std::string r = loc.file;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on ":" + to_string.
  if (loc.line > 0) {
    r += ':';
    r += std::to_string(loc.line);
    if (loc.column > 0) {
      r += ':';
      r += std::to_string(loc.column);
    }
  }
  if (!r.empty()) r += ": ";
  r += std::string(ToString(severity));
  if (!code.empty()) r += "[" + code + "]";
  r += ": " + message;
  return r;
}

}  // namespace cc

namespace cc {
std::string ShortName(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string suffix;
  size_t colon = base.rfind(':');
  if (colon != std::string_view::npos) {
    suffix = std::string(base.substr(colon));
    base = base.substr(0, colon);
  }
  size_t dot = base.rfind('.');
  if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base) + suffix;
}

std::string ArticleLabel(std::string_view given_id, std::string_view path) {
  if (std::string id = Squeeze(given_id); !id.empty()) return id.size() <= 60 ? id : ShortName(path);
  return ShortName(path);
}

std::pair<size_t, size_t> LineCol(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, start = i + 1;
  return {line, CodePoints(text.substr(start, offset - start)) + 1};
}
std::optional<std::string> FromWindows1252(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(s.size() * 3, '\0');  // at most three UTF-8 bytes a character
  char* in = const_cast<char*>(s.data());
  char* to = out.data();
  size_t in_left = s.size(), out_left = out.size();
  size_t done = iconv(cd, &in, &in_left, &to, &out_left);
  iconv_close(cd);
  if (done == static_cast<size_t>(-1) || in_left) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace cc
