#include <utf8proc.h>

#include <cstdlib>

#include "core/scan.h"
#include "core/text.h"
#include "ingest/ingest.h"

namespace cc::ingest {
namespace {

// Replacement for a code point, or nullptr to keep it (after NFC). "" deletes it.
const char* Replacement(int32_t cp) {
  switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x2028: case 0x2029:
      return " ";
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      return "";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0xFF02:
      return "\"";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
    case 0x0060:
      return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return "-";
    case 0x2026:
      return "...";
    case 0x2022: case 0x00B7:  // bullets become spaces: "• item"
      return " ";
    default:
      return nullptr;
  }
}

}  // namespace

void Normalize(Article& a, size_t body_begin) {
  const std::string& raw = a.raw;
  std::string& out = a.text;
  OriginMap& origin = a.origin;
  out.clear();
  origin.Clear();
  out.reserve(raw.size() - body_begin);
  auto emit = [&](std::string_view s, uint32_t b, uint32_t e) {
    for (char c : s) {
      // Runs of spaces become one space; a space right after a newline is dropped.
      if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
      out += c;
      origin.Append({b, e});
    }
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
  const size_t n = raw.size();
  size_t i = body_begin;
  while (i < n) {
    // Most of a text is a run of printable ASCII and single spaces, which is copied as it is.
    size_t j = PlainAsciiRun(raw, i, out.empty() ? '\n' : out.back());
    if (j > i) {
      out.append(raw, i, j - i);
      origin.AppendCopy(static_cast<uint32_t>(i), static_cast<uint32_t>(j - i));
      i = j;
      continue;
    }
    unsigned char c = raw[i];
    if (c < 0x80 && (i + 1 >= n || static_cast<unsigned char>(raw[i + 1]) < 0x80)) {
      auto b = static_cast<uint32_t>(i);
      if (c == '\r') {
        // CR LF and lone CR both become LF.
        size_t e = (i + 1 < n && raw[i + 1] == '\n') ? i + 2 : i + 1;
        while (!out.empty() && out.back() == ' ') { out.pop_back(); origin.PopBack(); }
        emit("\n", b, static_cast<uint32_t>(e));
        i = e;
        continue;
      }
      if (c == '\n') {
        while (!out.empty() && out.back() == ' ') { out.pop_back(); origin.PopBack(); }
        emit("\n", b, b + 1);
      } else if (c == '\t' || c == '\f' || c == '\v') {
        emit(" ", b, b + 1);
      } else if (c == '`') {
        emit("'", b, b + 1);
      } else {
        emit(std::string_view(raw).substr(i, 1), b, b + 1);
      }
      ++i;
      continue;
    }
    // A cluster: one code point and the combining marks after it.
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {  // validated before; keep the byte to stay total
      emit(std::string_view(raw).substr(i, 1), static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
      ++i;
      continue;
    }
    if (const char* rep = Replacement(cp)) {
      emit(rep, static_cast<uint32_t>(i), static_cast<uint32_t>(i + static_cast<size_t>(len)));
      i += static_cast<size_t>(len);
      continue;
    }
    size_t end = i + static_cast<size_t>(len);
    while (end < n) {
      utf8proc_int32_t next = 0;
      auto l2 = utf8proc_iterate(p + end, static_cast<utf8proc_ssize_t>(n - end), &next);
      if (l2 <= 0 || utf8proc_get_property(next)->combining_class == 0) break;
      end += static_cast<size_t>(l2);
    }
    if (end == i + static_cast<size_t>(len) && cp < 0x300) {
      emit(std::string_view(raw).substr(i, end - i), static_cast<uint32_t>(i), static_cast<uint32_t>(end));
    } else {
      const std::string cluster = raw.substr(i, end - i);
      utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(cluster.c_str()));
      if (nfc) {
        emit(reinterpret_cast<const char*>(nfc), static_cast<uint32_t>(i), static_cast<uint32_t>(end));
        std::free(nfc);
      } else {
        emit(std::string_view(raw).substr(i, end - i), static_cast<uint32_t>(i), static_cast<uint32_t>(end));
      }
    }
    i = end;
  }
  // Sentinel so that ToOriginal works on empty spans at the end.
  origin.Append({static_cast<uint32_t>(n), static_cast<uint32_t>(n)});
}

}  // namespace cc::ingest
