// Internal to src/extract: lines of an article that carry no claim of its own, recognized by
// their shape: an inline headline (a related article's title set in the body), a photo caption,
// a bullet of other headlines. Their words make no fact.
#pragma once

#include <string>
#include <string_view>

namespace cc::extract {

// Why the sentence carries no claim ("" when it may). `whole_line`: the sentence is its line.
std::string NotAClaim(std::string_view sentence, bool whole_line);

}  // namespace cc::extract
