// Percent-encoding: unreserved characters kept, reserved ASCII and every byte of CJK text as
// upper-case %XX, and the extra characters a caller keeps.
#include <doctest/doctest.h>

#include <string>

#include "text/percent_encoding.h"

using namespace regkg::text;

TEST_SUITE("text") {
  TEST_CASE("percent_encode: unreserved kept and reserved or non-ASCII bytes encoded") {
    CHECK(percent_encode("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(percent_encode(":/?#[]@!$&'()*+,;= %") ==
          "%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%25");
    CHECK(percent_encode("安全评估") == "%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0");
    CHECK(percent_encode("cn/generative-ai-measures@2023-07-10/art-17") ==
          "cn%2Fgenerative-ai-measures%402023-07-10%2Fart-17");
    CHECK(percent_encode(std::string("\0\x7F\x80\xFF", 4)) == "%00%7F%80%FF");
    CHECK(percent_encode("\xE9") == "%E9");  // a Latin-1 letter is not unreserved in any locale
    CHECK(percent_encode("") == "");
  }

  TEST_CASE("percent_encode keeps the ASCII characters a caller names") {
    CHECK(percent_encode("cn/公司法@2023-12-29 x", "/@") ==
          "cn/%E5%85%AC%E5%8F%B8%E6%B3%95@2023-12-29%20x");
    CHECK(percent_encode("a?b", "/@") == "a%3Fb");
  }
}
