// UTF-8 validation: exact offsets of the first bad sequence (overlongs, surrogates, truncation,
// bytes never used), the fast paths against a plain reference decoder on random byte strings, and
// dropping invalid bytes.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "text/utf8_validation.h"

using namespace regkg::text;

namespace {

// A deliberately plain decoder, written apart from the one under test.
bool reference_valid(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    unsigned cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) return false;
      cp = cp << 6 | (cc & 0x3F);
    }
    static const unsigned min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST_SUITE("text") {
  TEST_CASE("well-formed UTF-8 is accepted") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII\n"));
    CHECK(is_valid_utf8("第一条 为了规范数据处理活动"));
    CHECK(is_valid_utf8("\xC2\x80"));      // U+0080, the first two-byte code point
    CHECK(is_valid_utf8("\xE0\xA0\x80"));  // U+0800, the first three-byte code point
    CHECK(is_valid_utf8("\xED\x9F\xBF"));  // U+D7FF, just below the surrogates
    CHECK(is_valid_utf8("\xEE\x80\x83"));  // U+E003, private use (人民检察院刑事诉讼规则)
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  }

  TEST_CASE("malformed UTF-8 is rejected with the offset of the first bad sequence") {
    struct Case {
      std::string text;
      size_t offset;
      const char* why;
    };
    const Case cases[] = {
        {std::string("ab\x80"), 2, "lone continuation byte"},
        {std::string("a\xC0\x80"), 1, "overlong NUL"},
        {std::string("\xC1\xBF"), 0, "overlong two-byte form"},
        {std::string("\xE0\x80\x80"), 0, "overlong three-byte form"},
        {std::string("\xE0\x9F\xBF"), 0, "overlong three-byte form just below U+0800"},
        {std::string("\xF0\x8F\xBF\xBF"), 0, "overlong four-byte form"},
        {std::string("x\xED\xA0\x80"), 1, "UTF-16 high surrogate"},
        {std::string("第\xED\xBF\xBF"), 3, "UTF-16 low surrogate after a CJK character"},
        {std::string("\xF4\x90\x80\x80"), 0, "above U+10FFFF"},
        {std::string("\xF5\x80\x80\x80"), 0, "lead byte of code points above U+10FFFF"},
        {std::string("第\xE4\xB8"), 3, "truncated three-byte sequence at the end"},
        {std::string("abcdefgh\xF0\x9F\x98"), 8, "truncated four-byte sequence after 8 ASCII"},
        {std::string("\xC3"), 0, "truncated two-byte sequence"},
        {std::string("\xE4\xB8x"), 0, "continuation byte missing"},
        {std::string("\xFF"), 0, "byte never used in UTF-8"},
        {std::string("0123456789\xFE"), 10, "byte never used in UTF-8 after an ASCII run"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.why);
      size_t offset = 999;
      CHECK_FALSE(is_valid_utf8(c.text, &offset));
      CHECK(offset == c.offset);
      CHECK(utf8_sequence_length(c.text, c.offset) == 0);
    }
  }

  TEST_CASE("utf8_sequence_length gives the length of each well-formed sequence") {
    const std::string s = "a\xC3\xA9中\xF0\x9F\x98\x80";
    CHECK(utf8_sequence_length(s, 0) == 1);
    CHECK(utf8_sequence_length(s, 1) == 2);
    CHECK(utf8_sequence_length(s, 3) == 3);
    CHECK(utf8_sequence_length(s, 6) == 4);
    CHECK(utf8_sequence_length(s, 2) == 0);  // a continuation byte starts nothing
  }

  TEST_CASE("is_valid_utf8 agrees with a reference decoder") {
    for (const std::string& s :
         {std::string(""), std::string("plain ascii, longer than eight bytes"),
          std::string("第一条 为了规范数据处理活动"), std::string("\xE0\x9F\xBF"),
          std::string("\xED\xA0\x80"), std::string("\xED\x9F\xBF"), std::string("abcdefg\xE4\xB8"),
          std::string("\xF4\x90\x80\x80"), std::string("\xF0\x9F\x98\x80 ok"),
          std::string("\xC0\xAF"), std::string("12345678\xFF"), std::string("\x80")}) {
      CAPTURE(s);
      CHECK(is_valid_utf8(s) == reference_valid(s));
    }
    std::mt19937 rng(7);
    const unsigned char pool[] = {'a',  'Z',  ' ',  0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xC0,
                                  0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    size_t valid = 0;
    for (int t = 0; t < 200000; ++t) {
      std::string s;
      size_t len = rng() % 14;
      for (size_t k = 0; k < len; ++k) s += static_cast<char>(pool[rng() % sizeof pool]);
      bool want = reference_valid(s);
      valid += want;
      if (is_valid_utf8(s) != want) {
        CAPTURE(s);
        CHECK(is_valid_utf8(s) == want);
        break;
      }
    }
    CHECK(valid > 1000);  // the generator does produce valid strings too
  }

  TEST_CASE("drop_invalid_utf8 and keep_valid_utf8 drop bad bytes one by one") {
    CHECK(drop_invalid_utf8("ok\xff\xfe中") == "ok中");
    CHECK(drop_invalid_utf8("\xe4\xb8") == "");  // truncated sequence
    CHECK(drop_invalid_utf8("a\xC0\x80"
                            "b") == "ab");             // overlong NUL: both bytes
    CHECK(drop_invalid_utf8("\xED\xA0\x80x") == "x");  // surrogate: all three bytes
    CHECK(drop_invalid_utf8("\xE4\xB8"
                            "第") == "第");  // resumes at the next lead byte
    CHECK(drop_invalid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));  // NUL is UTF-8
    // keep_valid_utf8 also filters the well-formed sequences: here, only the non-ASCII ones.
    CHECK(keep_valid_utf8("a中\xff"
                          "b\xC3\xA9",
                          [](std::string_view seq) { return seq.size() > 1; }) == "中\xC3\xA9");
  }

  TEST_CASE("scan_utf8_for_json finds what a JSON string must escape in any position") {
    CHECK_FALSE(
        scan_utf8_for_json("cn/生成式人工智能服务管理暂行办法@2023-07-10/art-17").needs_escape);
    CHECK(scan_utf8_for_json("cn/生成式人工智能服务管理暂行办法@2023-07-10/art-17").valid);
    CHECK_FALSE(scan_utf8_for_json("slash/ and DEL \x7f are not escaped").needs_escape);
    // Each special byte at every offset of a 16-byte ASCII string (word and tail paths) and
    // after a Chinese character (the 3-byte path).
    for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
      for (size_t at = 0; at < 16; ++at) {
        std::string s(16, 'a');
        s[at] = special;
        CAPTURE(at);
        CHECK(scan_utf8_for_json(s).needs_escape);
        CHECK(scan_utf8_for_json("中" + s).needs_escape);
      }
    }
    CHECK_FALSE(scan_utf8_for_json(std::string(16, ' ')).needs_escape);  // 0x20 itself is plain
    const Utf8JsonScan bad = scan_utf8_for_json("ab\xff");
    CHECK_FALSE(bad.valid);
  }
}
