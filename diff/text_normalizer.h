// CJK-aware text normalisation for comparing two versions of a legal text: full-width letters,
// digits and punctuation become their ASCII forms, whitespace is dropped next to CJK text and
// collapsed elsewhere, zero-width characters vanish, and a small table folds variant characters.
// Every normalised code point remembers the byte span of the original text it came from, so a
// diff computed on the normalised text can be reported on the original. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regkg::diff {

struct NormalizedText {
  std::u32string chars;              // the normalised code points
  std::vector<std::uint32_t> begin;  // byte offset in the original where chars[i] starts
  std::vector<std::uint32_t> end;    // byte offset just past the original of chars[i]
  std::uint32_t original_size = 0;   // bytes of the original text
};

// Normalises `text` (UTF-8; invalid bytes become U+FFFD, one byte each). Texts over 4 GiB are not
// supported (offsets are 32-bit); callers cap sizes long before that.
NormalizedText normalize_text(std::string_view text);

// The normalised form of one code point (0 when it is dropped: zero-width characters). Exposed
// for tests and for callers comparing single characters.
char32_t normalize_char(char32_t cp);

}  // namespace regkg::diff
