// How alike two normalised texts are, for the diff: the Dice coefficient of their sets of distinct
// character bigrams (adjacent code point pairs). The article aligner and the obligation diff both
// measure with it. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace regkg::diff {

// Distinct bigrams of a text, sorted: (first code point << 32) | second.
using BigramSet = std::vector<std::uint64_t>;

enum class BigramMode {
  // Every adjacent pair of code points; a text of fewer than two has none (obligation clauses).
  all_chars,
  // The normaliser's layout characters (' ' and '\n') left out, and a one-character text given one
  // bigram of its own, so that it is not as empty as an empty text (article texts).
  content_only,
};

BigramSet text_bigrams(const std::u32string& text, BigramMode mode);

// How many bigrams `a` and `b` share.
std::size_t common_bigrams(const BigramSet& a, const BigramSet& b);

// 2 * common / (a_size + b_size); 1.0 when both sizes are 0 (two empty texts are alike).
double dice(std::size_t common, std::size_t a_size, std::size_t b_size);
double dice(const BigramSet& a, const BigramSet& b);

}  // namespace regkg::diff
