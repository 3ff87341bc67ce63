// The character-level diff: spans on the original texts, normalisation, the edit budget.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>

#include "diff/char_diff.h"

using namespace regkg::diff;

namespace {

// The spans partition both texts in order; returns the texts rebuilt from them.
std::pair<std::string, std::string> rebuild(const CharDiff& d, const std::string& a,
                                            const std::string& b) {
  std::string ra, rb;
  std::uint32_t fa = 0, fb = 0;
  for (const DiffSpan& s : d.spans) {
    CHECK(s.from_begin == fa);
    CHECK(s.to_begin == fb);
    if (s.op == EditOp::insert) CHECK(s.from_begin == s.from_end);
    if (s.op == EditOp::remove) CHECK(s.to_begin == s.to_end);
    ra += a.substr(s.from_begin, s.from_end - s.from_begin);
    rb += b.substr(s.to_begin, s.to_end - s.to_begin);
    fa = s.from_end;
    fb = s.to_end;
  }
  return {ra, rb};
}

std::string text_of(const CharDiff& d, const std::string& a, const std::string& b, EditOp op) {
  std::string out;
  for (const DiffSpan& s : d.spans)
    if (s.op == op)
      out += op == EditOp::remove ? a.substr(s.from_begin, s.from_end - s.from_begin)
                                  : b.substr(s.to_begin, s.to_end - s.to_begin);
  return out;
}

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("a word replaced: one delete and one insert / reported on the original bytes") {
    const std::string a = "反间谍工作应当依法进行，保障公民和组织的合法权益。";
    const std::string b = "反间谍工作应当依法进行，保障个人和组织的合法权益。";
    CharDiff d = diff_texts(a, b);
    CHECK(text_of(d, a, b, EditOp::remove) == "公民");
    CHECK(text_of(d, a, b, EditOp::insert) == "个人");
    CHECK(d.removed_chars == 2);
    CHECK(d.inserted_chars == 2);
    CHECK_FALSE(d.coarse);
    auto [ra, rb] = rebuild(d, a, b);
    CHECK(ra == a);
    CHECK(rb == b);
  }

  TEST_CASE("；against  / and spaces next to Chinese text are no change") {
    const std::string a = "（一）处理个人信息；\n（二）其他。";
    const std::string b = "(一)处理个人信息;\n（二） 其他。";
    CharDiff d = diff_texts(a, b);
    CHECK(d.identical());
    REQUIRE(d.spans.size() == 1);
    CHECK(d.spans[0].op == EditOp::equal);
    CHECK(d.spans[0].from_end == a.size());
    CHECK(d.spans[0].to_end == b.size());
  }

  TEST_CASE("insertions at both ends and in the middle / empty texts") {
    const std::string a = "国家安全机关工作人员依法执行职务受法律保护。";
    const std::string b = "国家安全机关工作人员依法履行职责，受法律保护。";
    CharDiff d = diff_texts(a, b);
    auto [ra, rb] = rebuild(d, a, b);
    CHECK(ra == a);
    CHECK(rb == b);
    CHECK(text_of(d, a, b, EditOp::remove) == "执行职务");
    CHECK(text_of(d, a, b, EditOp::insert) == "履行职责，");

    CharDiff e = diff_texts("", "本法自公布之日起施行。");
    CHECK(e.inserted_chars == 11);
    CHECK(diff_texts("", "").identical());
    CHECK(diff_texts("甲", "").removed_chars == 1);
  }

  TEST_CASE("a 200 KB article with scattered edits finishes fast and exactly") {
    // Synthetic: 2,400 distinct sentences (~225 KB), 36 of them edited.
    std::string a, b;
    for (int i = 0; i < 2400; ++i) {
      std::string s =
          "第" + std::to_string(i) + "项国家安全机关应当依法履行职责并保障个人和组织的合法权益。";
      a += s;
      if (i % 67 == 5)
        b +=
            "第" + std::to_string(i) + "项国家安全机关可以依法履行职责并保障个人和组织的合法权益。";
      else
        b += s;
    }
    REQUIRE(a.size() > 200000);
    auto start = std::chrono::steady_clock::now();
    CharDiff d = diff_texts(a, b);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(ms < 1000);
    CHECK_FALSE(d.coarse);
    CHECK(d.removed_chars == 36 * 2);  // 应当 -> 可以, 36 times
    CHECK(d.inserted_chars == 36 * 2);
    auto [ra, rb] = rebuild(d, a, b);
    CHECK(ra == a);
    CHECK(rb == b);
  }

  TEST_CASE("two unrelated 200 KB texts: the budget stops Myers / the answer is coarse but whole") {
    std::mt19937 rng(7);
    const char* pool[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
    std::string a, b;
    for (int i = 0; i < 70000; ++i) {
      a += pool[rng() % 8];
      b += pool[rng() % 8];
    }
    auto start = std::chrono::steady_clock::now();
    CharDiff d = diff_texts(a, b, CharDiffOptions{500});
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(ms < 2000);
    CHECK(d.coarse);
    auto [ra, rb] = rebuild(d, a, b);
    CHECK(ra == a);
    CHECK(rb == b);
  }
}
