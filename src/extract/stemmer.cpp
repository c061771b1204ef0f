#include "extract/stemmer.h"

#include <libstemmer.h>

#include <map>
#include <memory>

namespace cc::extract {
namespace {

struct Deleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

sb_stemmer* ForLang(std::string_view lang) {
  thread_local std::map<std::string, std::unique_ptr<sb_stemmer, Deleter>, std::less<>> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second.get();
  const char* algo = lang == "id" ? "indonesian" : lang == "en" ? "english" : nullptr;
  sb_stemmer* s = algo ? sb_stemmer_new(algo, "UTF_8") : nullptr;
  cache.emplace(std::string(lang), std::unique_ptr<sb_stemmer, Deleter>(s));
  return s;
}

}  // namespace

std::string Stem(std::string_view word, std::string_view lang) {
  sb_stemmer* s = ForLang(lang);
  if (!s) return std::string(word);
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (!out) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
}

}  // namespace cc::extract
