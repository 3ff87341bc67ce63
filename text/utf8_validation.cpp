// utf8_sequence_length and is_valid_utf8 (see utf8_validation.h).
#include "text/utf8_validation.h"

#include <cstdint>
#include <cstring>

namespace regkg::text {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = p[pos];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {  // 0xC0 and 0xC1 would only start overlong forms
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {  // 0xF5 and above would start code points past U+10FFFF
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (len > n - pos) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if (!is_continuation(p[pos + k])) return 0;
    cp = (cp << 6) | (p[pos + k] & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return len;
}

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  // Hot: the server checks every string of every response. ASCII runs are checked 8 bytes at a
  // time and the 3-byte sequences of Chinese text without the general decoding.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      const unsigned char c1 = p[i + 1], c2 = p[i + 2];
      const bool ok = is_continuation(c1) && is_continuation(c2) &&
                      !(c == 0xE0 && c1 < 0xA0) &&  // overlong
                      !(c == 0xED && c1 >= 0xA0);   // surrogates
      if (!ok) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      i += 3;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace regkg::text
