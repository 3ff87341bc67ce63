// Tests for parse_chinese_numeral: article numbers, digit-by-digit years, and garbage rejection.
#include <doctest/doctest.h>

#include <string>

#include "text/chinese_numeral.h"

using regkg::text::parse_chinese_numeral;

TEST_CASE("chinese numerals used in article / chapter and item labels") {
  struct Case {
    const char* text;
    int value;
  };
  const Case cases[] = {
      {"一", 1},
      {"十", 10},
      {"十七", 17},
      {"二十", 20},
      {"二十四", 24},
      {"一百", 100},
      {"一百零五", 105},
      {"一百一十七", 117},
      {"一百二十", 120},
      {"两百", 200},
      {"一千", 1000},
      {"一千零四十", 1040},
      {"一千零五", 1005},
      {"一千二百六十", 1260},  // 民法典 附则: the last article of the Civil Code
      {"三万二千", 32000},
      {"一万零五", 10005},
      {"九万九千九百九十九", 99999},  // the documented maximum
  };
  for (const Case& c : cases) {
    const std::string text = c.text;  // CAPTURE prints a const char* as a pointer
    CAPTURE(text);
    REQUIRE(parse_chinese_numeral(c.text).has_value());
    CHECK(*parse_chinese_numeral(c.text) == c.value);
  }
}

TEST_CASE("digit-by-digit numerals and Arabic digits") {
  CHECK(parse_chinese_numeral("二〇二三") == 2023);
  CHECK(parse_chinese_numeral("一九九四") == 1994);  // 工资支付暂行规定: "一九九四年十二月六日"
  CHECK(parse_chinese_numeral("2023") == 2023);
  CHECK(parse_chinese_numeral("07") == 7);  // zero-padded month (公安部 rule header)
  CHECK(parse_chinese_numeral("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x92") ==
        2012);  // ２０１２
  CHECK(parse_chinese_numeral("〇") == 0);
}

TEST_CASE("absurd or foreign numerals are rejected") {
  const char* bad[] = {
      "",          // empty
      "十万",      // 100,000: above the documented maximum
      "九十九万",  // 990,000
      "一万万",    // 万 twice
      "十十",      // repeated unit
      "百百",      // repeated unit
      "十百",      // rising unit
      "一二十",    // two digits before a unit
      "一百五",    // colloquial 150, never written in a statute: treated as garbage
      "零十",      // leading 零 in positional form (digit strings such as 07 may lead with 0)
      "一百零",    // trailing 零
      "百",        // 百 needs a digit before it
      "1百",       // mixed systems
      "第一",      // foreign character
      "abc",
      "123456",  // more than five digits
      "两",      // 两 is never a lone digit
  };
  for (const char* b : bad) {
    const std::string text = b;
    CAPTURE(text);
    CHECK_FALSE(parse_chinese_numeral(b).has_value());
  }
}
