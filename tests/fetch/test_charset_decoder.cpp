// Tests for charset detection and conversion: header, BOM and <meta>; GB2312/GBK/GB18030 pages;
// invalid bytes reported by offset and value.
#include <doctest/doctest.h>

#include <string>

#include "fetch/charset_decoder.h"

using namespace regkg::fetch;

TEST_CASE("the charset parameter of a Content-Type header") {
  CHECK(charset_from_content_type("text/html; charset=GBK") == "GBK");
  CHECK(charset_from_content_type("text/html;charset=\"utf-8\"") == "utf-8");
  CHECK(charset_from_content_type("text/html; Charset = gb2312 ; q=1") == "gb2312");
  CHECK(charset_from_content_type("text/html") == "");
  CHECK(charset_from_content_type("") == "");
}

TEST_CASE("the charset of <meta charset> and <meta http-equiv>") {
  CHECK(charset_from_meta("<html><head><meta charset=\"gb2312\"></head>") == "gb2312");
  CHECK(charset_from_meta(
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">") == "GBK");
  CHECK(charset_from_meta("<meta name=\"keywords\" content=\"x\"><meta charset=utf-8>") == "utf-8");
  CHECK(charset_from_meta("<meta name=\"description\" content=\"no charset here\">") == "");
  CHECK(charset_from_meta("<p>charset=gbk is text, not a meta</p>") == "");
}

TEST_CASE("charset names as iconv is given them") {
  CHECK(canonical_charset("gb2312") == "GB18030");
  CHECK(canonical_charset("GBK") == "GB18030");
  CHECK(canonical_charset("x-gbk") == "GB18030");
  CHECK(canonical_charset("UTF8") == "UTF-8");
  CHECK(canonical_charset("iso-8859-1") == "WINDOWS-1252");
  CHECK(canonical_charset("big5") == "BIG5-HKSCS");
}

TEST_CASE("GB18030 round trip / including characters outside GB2312 and GBK") {
  const std::string utf8 = "第一条　为了规范数字人直播服务。䶮𠀀";
  const std::string gb = convert_from_utf8(utf8, "GB18030");
  CHECK(gb.size() < utf8.size());  // two bytes per common character instead of three
  // 第 is B5 DA as in GB2312; 䶮 (U+4DAE) is FE 9F, a private-use code point in GBK; 𠀀 (U+20000)
  // takes GB18030's four-byte form 95 32 82 36.
  CHECK(gb.substr(0, 2) == "\xB5\xDA");
  CHECK(gb.substr(gb.size() - 6) == "\xFE\x9F\x95\x32\x82\x36");
  CHECK(convert_to_utf8(gb, "GB18030") == utf8);
}

TEST_CASE("decode_page: header first / then BOM / then <meta> / then a guess") {
  const std::string html_utf8 = "<meta charset=\"gb2312\"><p>第一条 施行。</p>";
  const std::string gb = convert_from_utf8(html_utf8, "GB18030");
  SUBCASE("meta") {
    const DecodedText d = decode_page(gb, "text/html");
    CHECK(d.utf8 == html_utf8);
    CHECK(d.charset == "GB18030");
    CHECK(d.declared_by == "meta");
  }
  SUBCASE("the header wins over the meta") {
    const DecodedText d = decode_page(gb, "text/html; charset=GBK");
    CHECK(d.utf8 == html_utf8);
    CHECK(d.declared_by == "header");
    CHECK(d.declared == "GBK");
  }
  SUBCASE("a UTF-8 byte-order mark is dropped") {
    const DecodedText d = decode_page("\xEF\xBB\xBF<p>第一条</p>", "");
    CHECK(d.utf8 == "<p>第一条</p>");
    CHECK(d.declared_by == "bom");
  }
  SUBCASE("nothing declared: UTF-8 when valid, else GB18030") {
    CHECK(decode_page("<p>第一条</p>", "").charset == "UTF-8");
    const std::string undeclared = convert_from_utf8("<p>第一条 施行。</p>", "GB18030");
    const DecodedText d = decode_page(undeclared, "text/html");
    CHECK(d.charset == "GB18030");
    CHECK(d.declared_by == "guess");
    CHECK(d.utf8 == "<p>第一条 施行。</p>");
  }
}

TEST_CASE(
    "invalid bytes are reported with their offset / their value and who declared the charset") {
  SUBCASE("UTF-8 declared by the header") {
    const std::string bytes = std::string("<p>第一条") + "\xFF\xFE" + "</p>";
    try {
      decode_page(bytes, "text/html; charset=utf-8");
      FAIL("no error");
    } catch (const CharsetError& e) {
      CHECK(std::string(e.what()) ==
            "invalid UTF-8 bytes at byte offset 12 (0xFF 0xFE 0x3C 0x2F); charset 'utf-8' "
            "declared by the Content-Type header");
    }
  }
  SUBCASE("GB2312 declared by the page, a lead byte without its trail byte") {
    std::string bytes = convert_from_utf8("<meta charset=gb2312><p>第一条", "GB18030");
    const size_t offset = bytes.size();
    bytes += "\x81\x20</p>";
    try {
      decode_page(bytes, "text/html");
      FAIL("no error");
    } catch (const CharsetError& e) {
      const std::string m = e.what();
      CHECK(m.find("invalid GB18030 bytes at byte offset " + std::to_string(offset) +
                   " (0x81 0x20") != std::string::npos);
      CHECK(m.find("charset 'gb2312' declared by the page's <meta>") != std::string::npos);
    }
  }
  SUBCASE("a truncated sequence at the end") {
    CHECK_THROWS_WITH_AS(convert_to_utf8("\xB5", "GB18030"),
                         "truncated GB18030 sequence at the end, byte offset 0 (0xB5)",
                         CharsetError);
  }
  SUBCASE("an unknown charset") {
    CHECK_THROWS_WITH_AS(decode_page("<p>x</p>", "text/html; charset=x-klingon"),
                         doctest::Contains("unsupported charset 'X-KLINGON'"), CharsetError);
  }
  SUBCASE("undeclared bytes that are neither UTF-8 nor GB18030") {
    CHECK_THROWS_WITH_AS(decode_page("<p>\xFF\xFF\xFF</p>", ""),
                         doctest::Contains("no charset declared"), CharsetError);
  }
}
