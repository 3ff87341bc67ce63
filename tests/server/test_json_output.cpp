// valid_utf8 (on every response string, so it has fast paths) against a plain reference decoder,
// on fixed cases and on random byte strings biased towards UTF-8 lead and continuation bytes.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "server/json_output.h"

using regkg::server::valid_utf8;

namespace {

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

TEST_SUITE("server") {
  TEST_CASE("valid_utf8 agrees with a reference decoder") {
    for (const std::string& s :
         {std::string(""), std::string("plain ascii, longer than eight bytes"),
          std::string("第一条 为了规范数据处理活动"), std::string("\xE0\x9F\xBF"),
          std::string("\xED\xA0\x80"), std::string("\xED\x9F\xBF"), std::string("abcdefg\xE4\xB8"),
          std::string("\xF4\x90\x80\x80"), std::string("\xF0\x9F\x98\x80 ok"),
          std::string("\xC0\xAF"), std::string("12345678\xFF"), std::string("\x80")}) {
      CAPTURE(s);
      CHECK(valid_utf8(s) == reference_valid(s));
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
      if (valid_utf8(s) != want) {
        CAPTURE(s);
        CHECK(valid_utf8(s) == want);
        break;
      }
    }
    CHECK(valid > 1000);  // the generator does produce valid strings too
  }
}
