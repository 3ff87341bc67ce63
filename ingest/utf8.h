// Small UTF-8 text helpers shared by the parsers: line numbers, trimming CJK blanks, decoding and
// encoding code points (no locale, no ICU). Validation is text/utf8_validation.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace regkg::ingest {

// 1-based line number of byte `offset` in `text`.
int line_of_offset(std::string_view text, size_t offset);

// Trims ASCII whitespace, U+3000 (ideographic space), U+00A0, U+200B (zero-width space) and U+FEFF
// from both ends. Lines that hold only U+200B become empty (the corpus has 13 such files).
std::string trim_text(std::string_view text);

// Collapses runs of inner whitespace (ASCII and U+3000) into one ASCII space, after trim_text.
std::string collapse_spaces(std::string_view text);

// Added for the parsers: decodes the code point starting at byte `pos` and advances `pos` past it.
// Expects valid UTF-8 (check with text::is_valid_utf8 first); a bad or truncated sequence yields
// U+FFFD and advances one byte, so loops always terminate.
char32_t decode_utf8(std::string_view text, size_t& pos);

// Appends the UTF-8 encoding of `cp` (surrogates and values above U+10FFFF become U+FFFD).
void append_utf8(std::string& out, char32_t cp);

}  // namespace regkg::ingest
