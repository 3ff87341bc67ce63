// text_bigrams, common_bigrams and dice (see bigram_similarity.h).
#include "diff/bigram_similarity.h"

#include <algorithm>

namespace regkg::diff {

BigramSet text_bigrams(const std::u32string& text, BigramMode mode) {
  const bool content_only = mode == BigramMode::content_only;
  BigramSet out;
  char32_t prev = 0;
  bool have_prev = false;
  for (char32_t c : text) {
    if (content_only && (c == ' ' || c == '\n')) continue;  // layout, not content
    if (have_prev) out.push_back((std::uint64_t(prev) << 32) | c);
    prev = c;
    have_prev = true;
  }
  if (content_only && out.empty() && have_prev) out.push_back(std::uint64_t(prev) << 32);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t common_bigrams(const BigramSet& a, const BigramSet& b) {
  std::size_t n = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j])
      ++i;
    else if (b[j] < a[i])
      ++j;
    else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

double dice(std::size_t common, std::size_t a_size, std::size_t b_size) {
  return a_size + b_size == 0 ? 1.0 : 2.0 * double(common) / double(a_size + b_size);
}

double dice(const BigramSet& a, const BigramSet& b) {
  return dice(common_bigrams(a, b), a.size(), b.size());
}

}  // namespace regkg::diff
