// UTF-8 text: the one decoder and encoder of code points in regkg (every library that walks UTF-8
// by code point uses these), and the blank trimming the parsers share (line numbers, CJK blanks).
// No locale, no ICU. Well-formedness checks of whole strings are text/utf8_validation.h, built on
// decode_utf8_sequence. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace regkg::text {

// True for the bytes that continue a multi-byte sequence (10xxxxxx).
constexpr bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

// The well-formed UTF-8 sequence starting at byte `pos` (< text.size()): returns its length (1 to
// 4) and stores its code point in `cp`, or returns 0 (and leaves `cp` alone) when the bytes there
// are not one: a stray continuation byte, a byte never used in UTF-8, a truncated sequence, an
// overlong form, a UTF-16 surrogate or a code point above U+10FFFF.
// Inline: the parsers and extractors call it for every character.
inline std::size_t decode_utf8_sequence(std::string_view text, std::size_t pos, char32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char c = p[pos];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len = 0;
  char32_t value = 0;
  if (c >= 0xC2 && c <= 0xDF) {  // 0xC0 and 0xC1 would only start overlong forms
    len = 2;
    value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    value = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {  // 0xF5 and above would start code points past U+10FFFF
    len = 4;
    value = c & 0x07;
  } else {
    return 0;
  }
  if (len > n - pos) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if (!is_continuation_byte(p[pos + k])) return 0;
    value = (value << 6) | (p[pos + k] & 0x3F);
  }
  const bool overlong = (len == 3 && value < 0x800) || (len == 4 && value < 0x10000);
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (overlong || surrogate || value > 0x10FFFF) return 0;
  cp = value;
  return len;
}

// Decodes the code point starting at byte `pos` (< text.size()) and advances `pos` past it. A byte
// that does not start a well-formed sequence (see decode_utf8_sequence) yields U+FFFD and advances
// one byte, so loops always terminate and every byte belongs to exactly one code point.
inline char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  char32_t cp = 0;
  const std::size_t len = decode_utf8_sequence(text, pos, cp);
  if (len == 0) {
    ++pos;
    return 0xFFFD;
  }
  pos += len;
  return cp;
}

// The byte after the code point starting at `pos` (< text.size()), as decode_utf8 advances.
// The number of code points of well-formed `text` (bytes that start a sequence).
inline std::size_t code_point_count(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if (!is_continuation_byte(c)) ++n;
  return n;
}

inline std::size_t next_code_point(std::string_view text, std::size_t pos) {
  decode_utf8(text, pos);
  return pos;
}

// True when byte `pos` does not continue a sequence (it is not 10xxxxxx): where a code point may
// start, and where a string may be cut without splitting one.
inline bool is_code_point_start(std::string_view text, std::size_t pos) {
  return !is_continuation_byte(static_cast<unsigned char>(text[pos]));
}

// The largest cut <= `cut` (<= text.size()) that does not split a code point: a prefix of
// well-formed UTF-8 cut there stays well-formed.
inline std::size_t code_point_boundary(std::string_view text, std::size_t cut) {
  while (cut > 0 && cut < text.size() && !is_code_point_start(text, cut)) --cut;
  return cut;
}

// Appends the UTF-8 encoding of `cp` (surrogates and values above U+10FFFF become U+FFFD).
void append_utf8(std::string& out, char32_t cp);

// The UTF-8 encoding of `chars` (see append_utf8).
std::string to_utf8(std::u32string_view chars);

// Blanks and lines, for the parsers.

// 1-based line number of byte `offset` in `text`.
int line_of_offset(std::string_view text, size_t offset);

// Trims ASCII whitespace, U+3000 (ideographic space), U+00A0, U+200B (zero-width space) and U+FEFF
// from both ends. Lines that hold only U+200B become empty (the corpus has 13 such files).
std::string trim_text(std::string_view text);

// Collapses runs of inner whitespace (ASCII and U+3000) into one ASCII space, after trim_text.
std::string collapse_spaces(std::string_view text);

}  // namespace regkg::text
