// Tests for the UTF-8 helpers: validation with offsets, line numbers, trimming of CJK blanks.
#include <doctest/doctest.h>

#include <string>

#include "ingest/utf8.h"

using namespace regkg::ingest;

TEST_CASE("well-formed UTF-8 is accepted") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII\n"));
  CHECK(is_valid_utf8("第一条 为了规范数据处理活动"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
  CHECK(is_valid_utf8("\xEE\x80\x83"));  // U+E003, private use (人民检察院刑事诉讼规则)
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
      {std::string("\xE0\x80\x80"), 0, "overlong three-byte form"},
      {std::string("x\xED\xA0\x80"), 1, "UTF-16 surrogate"},
      {std::string("\xF4\x90\x80\x80"), 0, "above U+10FFFF"},
      {std::string("第\xE4\xB8"), 3, "truncated sequence at the end"},
      {std::string("\xFF"), 0, "byte never used in UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    size_t offset = 999;
    CHECK_FALSE(is_valid_utf8(c.text, &offset));
    CHECK(offset == c.offset);
  }
}

TEST_CASE("line_of_offset counts newlines before the offset") {
  const std::string text = "one\ntwo\nthree";
  CHECK(line_of_offset(text, 0) == 1);
  CHECK(line_of_offset(text, 3) == 1);  // the newline itself belongs to line 1
  CHECK(line_of_offset(text, 4) == 2);
  CHECK(line_of_offset(text, 8) == 3);
  CHECK(line_of_offset(text, 1000) == 3);  // clamped to the end
}

TEST_CASE("trim_text removes ASCII and CJK blanks / including U+200B-only lines") {
  CHECK(trim_text("  hello \t\n") == "hello");
  CHECK(trim_text("\xE2\x80\x8B") == "");  // 行政复议法(2023-09-01).md line 16
  CHECK(trim_text("\xE3\x80\x80第一条\xE3\x80\x80") == "第一条");  // U+3000 around
  CHECK(trim_text("\xC2\xA0x\xEF\xBB\xBF") == "x");                // U+00A0 and U+FEFF
  CHECK(trim_text("a\xE2\x80\x8B b") == "a\xE2\x80\x8B b");        // inner characters stay
  CHECK(trim_text("") == "");
}

TEST_CASE("collapse_spaces normalises heading spacing") {
  CHECK(collapse_spaces(" 第一章 总  则") == "第一章 总 则");
  CHECK(collapse_spaces("第一章\xE3\x80\x80\xE3\x80\x80一般规定") == "第一章 一般规定");
  CHECK(collapse_spaces("a \t b") == "a b");
}

TEST_CASE("decode_utf8 and append_utf8 round-trip") {
  const std::string text = "a第\xF0\x9F\x98\x80";
  size_t pos = 0;
  CHECK(decode_utf8(text, pos) == U'a');
  CHECK(decode_utf8(text, pos) == U'第');
  CHECK(decode_utf8(text, pos) == 0x1F600);
  CHECK(pos == text.size());
  std::string out;
  for (char32_t cp : {U'a', U'第', char32_t(0x1F600)}) append_utf8(out, cp);
  CHECK(out == text);
  std::string bad;
  append_utf8(bad, 0xD800);  // a surrogate cannot be encoded
  CHECK(bad == "\xEF\xBF\xBD");
  size_t p = 0;
  CHECK(decode_utf8("\x80", p) == 0xFFFD);  // never loops forever on bad input
  CHECK(p == 1);
}
