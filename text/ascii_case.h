// ASCII-only case folding and searching, for protocol and markup text (HTTP headers, HTML tags,
// charset names) where only ASCII letters are case-insensitive. Bytes >= 0x80 pass unchanged.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace regkg::text {

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// HTML's ASCII whitespace: space, tab, LF, CR, FF.
inline bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Case-insensitive find of a lower-case ASCII `needle` in `hay` from `from`, or npos.
inline std::size_t find_ascii_ci(std::string_view hay, std::string_view needle,
                                 std::size_t from = 0) {
  if (needle.empty()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

}  // namespace regkg::text
