// The bigram similarity both the aligner and the obligation diff measure with: the two modes'
// exact bigram sets (layout characters, one-character texts) and the Dice figures.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "diff/bigram_similarity.h"

using namespace regkg::diff;

namespace {

std::uint64_t bigram(char32_t a, char32_t b) { return (std::uint64_t(a) << 32) | b; }

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("text_bigrams: sorted distinct pairs / layout kept or left out") {
    CHECK(text_bigrams(U"abab", BigramMode::all_chars) ==
          BigramSet{bigram('a', 'b'), bigram('b', 'a')});
    CHECK(text_bigrams(U"a b", BigramMode::all_chars) ==
          BigramSet{bigram(' ', 'b'), bigram('a', ' ')});
    CHECK(text_bigrams(U"a b\nc", BigramMode::content_only) ==
          BigramSet{bigram('a', 'b'), bigram('b', 'c')});
    CHECK(text_bigrams(U"法", BigramMode::all_chars).empty());
    CHECK(text_bigrams(U"法", BigramMode::content_only) == BigramSet{bigram(U'法', 0)});
    CHECK(text_bigrams(U" \n", BigramMode::content_only).empty());
  }

  TEST_CASE("dice: shared bigrams over both sizes / two empty texts alike") {
    const BigramSet a = text_bigrams(U"数据安全", BigramMode::all_chars);  // 数据 据安 安全
    const BigramSet b = text_bigrams(U"数据处理", BigramMode::all_chars);  // 数据 据处 处理
    CHECK(common_bigrams(a, b) == 1);
    CHECK(dice(a, b) == doctest::Approx(2.0 / 6.0));
    CHECK(dice(a, a) == 1.0);
    CHECK(dice(BigramSet{}, BigramSet{}) == 1.0);
    CHECK(dice(a, BigramSet{}) == 0.0);
    CHECK(dice(3, 4, 6) == doctest::Approx(0.6));
  }
}
