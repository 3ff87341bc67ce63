// The CJK-aware normaliser: what folds, what stays, and the map back to the original bytes.
#include <doctest/doctest.h>

#include "diff/text_normalizer.h"
#include "text/utf8.h"

using namespace regkg::diff;

TEST_SUITE("diff") {
  TEST_CASE("full-width and half-width punctuation / digits and letters compare equal") {
    CHECK(normalize_text("第一条；第二条（一）：ＡＢＣ１２３！").chars ==
          normalize_text("第一条;第二条(一):ABC123!").chars);
    CHECK(regkg::text::to_utf8(normalize_text("，；：（）").chars) == ",;:()");
    // 。 and 、 have no ASCII form and stay as they are.
    CHECK(regkg::text::to_utf8(normalize_text("甲、乙。").chars) == "甲、乙。");
  }

  TEST_CASE("spaces vanish next to Chinese text / collapse between Latin words / lines stay") {
    CHECK(regkg::text::to_utf8(normalize_text("第一章 总　　则").chars) == "第一章总则");
    CHECK(regkg::text::to_utf8(normalize_text("  Article   5  of GDPR ").chars) ==
          "Article 5 of GDPR");
    CHECK(regkg::text::to_utf8(normalize_text("甲\n\n乙").chars) == "甲\n乙");
    // A zero-width space (13 corpus files have them) and a byte-order mark carry nothing.
    CHECK(regkg::text::to_utf8(normalize_text("\u200B国家\uFEFF安全").chars) == "国家安全");
  }

  TEST_CASE("the variant table: ○ for 〇 in years / bracket and quote variants / 戶 for 户") {
    CHECK(normalize_text("二○二三年").chars == normalize_text("二〇二三年").chars);
    CHECK(normalize_text("〔2021〕11号").chars == normalize_text("[2021]11号").chars);
    CHECK(normalize_text("“个人信息”").chars == normalize_text("\"个人信息\"").chars);
    CHECK(normalize_text("戶籍").chars == normalize_text("户籍").chars);
    // Real differences stay differences.
    CHECK(normalize_text("应当").chars != normalize_text("可以").chars);
    CHECK(normalize_text("Shall").chars != normalize_text("shall").chars);
  }

  TEST_CASE("every normalised character maps back to its bytes in the original") {
    const std::string text = "甲 ；ab  c";
    NormalizedText n = normalize_text(text);
    REQUIRE(n.chars.size() == 6);  // the space between b and c is kept
    CHECK(regkg::text::to_utf8(n.chars) == "甲;ab c");
    CHECK(text.substr(n.begin[0], n.end[0] - n.begin[0]) == "甲");
    CHECK(text.substr(n.begin[1], n.end[1] - n.begin[1]) == "；");
    CHECK(text.substr(n.begin[4], n.end[4] - n.begin[4]) == "  ");
    CHECK(text.substr(n.begin[5], n.end[5] - n.begin[5]) == "c");
    CHECK(n.original_size == text.size());
  }

  TEST_CASE("invalid UTF-8 becomes U+FFFD / one byte each / and never stops the scan") {
    NormalizedText n = normalize_text(std::string("a\xff\xfe") + "b");
    CHECK(n.chars == std::u32string{U'a', 0xFFFD, 0xFFFD, U'b'});
    CHECK(n.end[1] - n.begin[1] == 1);
    CHECK(normalize_text(std::string("\xe4\xb8")).chars.size() == 2);  // truncated sequence
  }
}
