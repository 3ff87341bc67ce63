// utf8_sequence_length and is_valid_utf8 (see utf8_validation.h).
#include "text/utf8_validation.h"

#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace regkg::text {

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  char32_t cp = 0;
  return decode_utf8_sequence(text, pos, cp);
}

namespace {

// True when some byte of the word is below 0x20, '"' or '\\' (the word is all ASCII): SWAR.
bool json_special_in_word(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
  return ((w - 0x2020202020202020ULL) & ~w & highs) != 0 || has_zero(w ^ (ones * '"')) ||
         has_zero(w ^ (ones * '\\'));
}

// The validator; with kJson it also notes in *special whether an ASCII byte needs escaping in a
// JSON string (one pass for the server's response strings).
template <bool kJson>
bool scan_utf8(std::string_view text, std::size_t* bad_offset, bool* special) {
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
      if constexpr (kJson) *special = *special || json_special_in_word(word);
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      if constexpr (kJson) *special = *special || c < 0x20 || c == '"' || c == '\\';
      ++i;
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      const unsigned char c1 = p[i + 1], c2 = p[i + 2];
      const bool ok = is_continuation_byte(c1) && is_continuation_byte(c2) &&
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

}  // namespace

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  return scan_utf8<false>(text, bad_offset, nullptr);
}

Utf8JsonScan scan_utf8_for_json(std::string_view text) {
  Utf8JsonScan r;
  r.valid = scan_utf8<true>(text, nullptr, &r.needs_escape);
  return r;
}

}  // namespace regkg::text
