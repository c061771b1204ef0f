#include "core/numbers.h"

#include <algorithm>
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <vector>

#include "core/text.h"

namespace cc {
namespace {

// Digits with separators; nullopt if `s` holds anything else.
std::optional<double> ParseDigits(std::string_view s, const NumberConventions& conv) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  std::string digits;
  size_t last_dec = s.rfind(conv.decimal);
  bool has_thousands = s.find(conv.thousands) != std::string_view::npos;
  // A lone "thousands" separator not followed by exactly three digits is a decimal point
  // written the other language's way ("2.5 km" in Indonesian copy).
  if (last_dec == std::string_view::npos && has_thousands) {
    size_t pos = s.find(conv.thousands);
    bool groups_ok = true;
    for (size_t p = pos; p != std::string_view::npos; p = s.find(conv.thousands, p + 1)) {
      size_t next = s.find(conv.thousands, p + 1);
      size_t len = (next == std::string_view::npos ? s.size() : next) - p - 1;
      if (len != 3) groups_ok = false;
    }
    if (!groups_ok && s.find(conv.thousands, pos + 1) == std::string_view::npos) {
      last_dec = pos;
      has_thousands = false;
    } else if (!groups_ok) {
      return std::nullopt;
    }
  }
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (i == last_dec) {
      digits += '.';
    } else if (c == conv.thousands && has_thousands) {
      continue;
    } else if (c == conv.thousands || c == conv.decimal) {
      if (c == s[last_dec] && i != last_dec) return std::nullopt;  // two decimal marks
      continue;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.back() == '.') return std::nullopt;
  return std::strtod(digits.c_str(), nullptr);
}

std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text, const NumberConventions& conv) {
  auto toks = Tokens(Trim(text));
  if (toks.empty()) return std::nullopt;
  double total = 0, pending = 0;
  bool any = false, have_pending = false;
  double last_add = 0;  // the value of the word before when it was a plain number word
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    if (i == 0 && (std::isdigit(static_cast<unsigned char>(t[0])))) {
      auto v = ParseDigits(t, conv);
      if (!v) {
        // "3bn", "1.5m": digits, then a scale glued on.
        size_t d = t.find_first_not_of("0123456789.,");
        auto scale = d == std::string::npos || d == 0 ? conv.suffixes.end() : conv.suffixes.find(Fold(t.substr(d)));
        if (scale == conv.suffixes.end() || !(v = ParseDigits(std::string_view(t).substr(0, d), conv))) return std::nullopt;
        *v *= scale->second;
      }
      pending = *v;
      have_pending = any = true;
      continue;
    }
    auto it = conv.words.find(Fold(t));
    if (it == conv.words.end()) {
      if (t == "dan" || t == "and") continue;  // "one hundred and five"
      return std::nullopt;
    }
    const NumberWord& w = it->second;
    // "twenty-five", "seratus dua": a plain number after a round larger one adds to it; "satu
    // dua" ("one or two"), "dua tiga" are no number.
    if (w.op == NumberOp::kAdd && last_add != 0 && !(w.value < last_add && std::fmod(last_add, 10) == 0))
      return std::nullopt;
    last_add = w.op == NumberOp::kAdd ? w.value : 0;
    switch (w.op) {
      case NumberOp::kAdd: pending += w.value; break;
      case NumberOp::kTeen: pending = (have_pending ? pending : 0) + w.value; break;
      case NumberOp::kTimes: pending = (have_pending && pending != 0 ? pending : 1) * w.value; break;
      case NumberOp::kScale:
        total += (have_pending && pending != 0 ? pending : 1) * w.value;
        pending = 0;
        break;
    }
    have_pending = w.op != NumberOp::kScale;
    any = true;
  }
  if (!any) return std::nullopt;
  return total + pending;
}

std::string FormatNumber(double v) {
  // A whole number, give or take the last bits of a double ("8,3 triliun" is 8300000000000.001).
  if (std::isfinite(v) && std::fabs(v - std::round(v)) < std::max(1e-9, std::fabs(v) * 1e-13) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(std::llround(v)));
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace cc
