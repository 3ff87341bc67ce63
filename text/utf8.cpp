// The UTF-8 decoder and encoder, and the blank trimming shared by the source parsers (see utf8.h).
#include "text/utf8.h"

namespace regkg::text {

namespace {

// Bytes of the "blank" characters trim_text removes, besides ASCII whitespace. Kept as byte strings
// so trimming never has to decode: the corpus is mostly CJK and this runs on every line.
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";          // U+00A0
constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";    // U+200B
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";     // U+FEFF

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Length of the blank character at the start of `s`, or 0.
size_t blank_prefix(std::string_view s) {
  if (s.empty()) return 0;
  if (is_ascii_space(s[0])) return 1;
  for (std::string_view b : {kIdeographicSpace, kNoBreakSpace, kZeroWidthSpace, kByteOrderMark}) {
    if (s.substr(0, b.size()) == b) return b.size();
  }
  return 0;
}

// Length of the blank character at the end of `s`, or 0.
size_t blank_suffix(std::string_view s) {
  if (s.empty()) return 0;
  if (is_ascii_space(s.back())) return 1;
  for (std::string_view b : {kIdeographicSpace, kNoBreakSpace, kZeroWidthSpace, kByteOrderMark}) {
    if (s.size() >= b.size() && s.substr(s.size() - b.size()) == b) return b.size();
  }
  return 0;
}

// Inner whitespace for collapse_spaces: ASCII whitespace, U+3000 and U+00A0 (both used as spacing
// inside Chinese headings such as "总　则").
size_t inner_space_at(std::string_view s, size_t i) {
  if (is_ascii_space(s[i])) return 1;
  std::string_view rest = s.substr(i);
  if (rest.substr(0, kIdeographicSpace.size()) == kIdeographicSpace)
    return kIdeographicSpace.size();
  if (rest.substr(0, kNoBreakSpace.size()) == kNoBreakSpace) return kNoBreakSpace.size();
  return 0;
}

}  // namespace

int line_of_offset(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  int line = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

std::string trim_text(std::string_view text) {
  while (size_t k = blank_prefix(text)) text.remove_prefix(k);
  while (size_t k = blank_suffix(text)) text.remove_suffix(k);
  return std::string(text);
}

std::string collapse_spaces(std::string_view text) {
  const std::string trimmed = trim_text(text);
  std::string out;
  out.reserve(trimmed.size());
  size_t i = 0;
  while (i < trimmed.size()) {
    if (size_t k = inner_space_at(trimmed, i)) {
      while (i < trimmed.size() && (k = inner_space_at(trimmed, i)) != 0) i += k;
      out += ' ';
    } else {
      out += trimmed[i++];
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string to_utf8(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size() * 3);
  for (char32_t cp : chars) append_utf8(out, cp);
  return out;
}

}  // namespace regkg::text
