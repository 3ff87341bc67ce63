// HTML and XML escaping: the exact entities for & < > " ', XML's character references for tab,
// LF and CR, and what XML 1.0 cannot carry (controls, U+FFFE, invalid UTF-8) dropped.
#include <doctest/doctest.h>

#include <string>

#include "text/markup_escape.h"

using namespace regkg::text;

TEST_SUITE("text") {
  TEST_CASE("html_escape: the five markup characters and nothing else") {
    CHECK(html_escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;");
    CHECK(html_escape("a\tb\nc\r") == "a\tb\nc\r");
    CHECK(html_escape("第十七条 “提供者”") == "第十七条 “提供者”");
    CHECK(html_escape("&amp;") == "&amp;amp;");  // escaped again: the input is text, not markup
    CHECK(html_escape("") == "");
  }

  TEST_CASE("xml_characters keeps only XML 1.0 characters") {
    CHECK(xml_characters("a\x01"
                         "b\tc\n\r") == "ab\tc\n\r");
    CHECK(xml_characters(std::string("a\0b", 3)) == "ab");
    CHECK(xml_characters("\x7F") == "\x7F");                      // DEL is allowed
    CHECK(xml_characters("x\xEF\xBF\xBE\xEF\xBF\xBFy") == "xy");  // U+FFFE, U+FFFF
    CHECK(xml_characters("\xEF\xBF\xBD") == "\xEF\xBF\xBD");      // U+FFFD stays
    CHECK(xml_characters("ok\xff\xfe中\xe4\xb8") == "ok中");      // invalid bytes dropped
  }

  TEST_CASE("xml_escape: entities and character references and dropped characters") {
    CHECK(xml_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    CHECK(xml_escape("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
    CHECK(xml_escape("a\x01\x1F"
                     "b") == "ab");
    CHECK(xml_escape("安全评估 & \xff<") == "安全评估 &amp; &lt;");
  }
}
