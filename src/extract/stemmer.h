// Snowball stemming (libstemmer) for measure phrases, so that "bersahabat" and "sahabat" or
// "friendly" and "friend" key the same subject. One stemmer per thread and language.
#pragma once

#include <string>
#include <string_view>

namespace cc::extract {

// Stems one folded word with the Snowball stemmer for `lang` ("id" -> indonesian,
// "en" -> english). Returns the word unchanged for a language without a stemmer.
std::string Stem(std::string_view word, std::string_view lang);

}  // namespace cc::extract
