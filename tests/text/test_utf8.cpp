// Tests for the UTF-8 helpers: line numbers, trimming of CJK blanks, decoding and encoding
// (validation is tested in tests/text/test_utf8_validation.cpp).
#include <doctest/doctest.h>

#include <string>

#include "text/utf8.h"

using namespace regkg::text;

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
