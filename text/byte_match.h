// Literal matches at a byte position, for the scanners in ingest/ (Chinese markers such as 第…条,
// 年…月…日, 应当). Bounds-checked: a position past the end, or invalid UTF-8, only fails to match.
#pragma once

#include <cstddef>
#include <string_view>

namespace regkg::text {

// True when `literal` occurs in `text` starting at byte `pos`.
inline bool at(std::string_view text, std::size_t pos, std::string_view literal) {
  return pos <= text.size() && text.size() - pos >= literal.size() &&
         text.compare(pos, literal.size(), literal) == 0;
}

// True when `literal` occurs in `text` ending just before byte `end`.
inline bool ends_at(std::string_view text, std::size_t end, std::string_view literal) {
  return end >= literal.size() && end <= text.size() &&
         text.compare(end - literal.size(), literal.size(), literal) == 0;
}

}  // namespace regkg::text
