// normalize_text: the CJK-aware comparison form of a text, with a map back to the original bytes.
#include "diff/text_normalizer.h"

#include "text/utf8.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace regkg::diff {

namespace {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x00A0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F;
}

// Characters that never space-separate from their neighbours in Chinese text: ideographs, CJK
// punctuation and the full-width forms (checked before folding, so "，" counts as CJK).
bool is_cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x2014 || cp == 0x2026 || cp == 0x201C ||
         cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

// Variant forms that mean the same in a legal text. Punctuation variants come from the corpus
// (○ for 〇 in written years, 〔〕 / ［］ / 【】 around document numbers, curly against straight
// quotes); the character variants are traditional or older forms that converted texts carry.
const std::pair<char32_t, char32_t> kVariants[] = {
    {0x25CB, 0x3007},  // ○ WHITE CIRCLE written for 〇 in years (二○二三年)
    {0x3014, '['},     // 〔
    {0x3015, ']'},     // 〕
    {0x3010, '['},     // 【
    {0x3011, ']'},     // 】
    {0x201C, '"'},     // “
    {0x201D, '"'},     // ”
    {0x201E, '"'},     // „
    {0x300C, '"'},     // 「
    {0x300D, '"'},     // 」
    {0x300E, '"'},     // 『
    {0x300F, '"'},     // 』
    {0x2018, '\''},    // ‘
    {0x2019, '\''},    // ’
    {0x2015, 0x2014},  // ― HORIZONTAL BAR for — EM DASH
    {0x2500, 0x2014},  // ─ BOX DRAWINGS LIGHT HORIZONTAL for — EM DASH
    {0x30FB, 0x00B7},  // ・ KATAKANA MIDDLE DOT for · in names
    {0x2027, 0x00B7},  // ‧ HYPHENATION POINT for ·
    {0x2329, 0x3008},  // 〈 deprecated angle bracket
    {0x232A, 0x3009},  // 〉
    {0x6236, 0x6237},  // 戶 -> 户
    {0x88CF, 0x91CC},  // 裏 -> 里
    {0x88E1, 0x91CC},  // 裡 -> 里
    {0x7232, 0x4E3A},  // 爲 -> 为
    {0x8846, 0x4F17},  // 衆 -> 众
    {0x7DAB, 0x7EBF},  // 綫 -> 线
    {0x4F75, 0x5E76},  // 併 -> 并
};

}  // namespace

char32_t normalize_char(char32_t cp) {
  // Fast path: nothing below the zero-width space folds (whitespace is handled by the caller).
  if (cp < 0x200B) return cp;
  // Zero-width characters and the byte-order mark carry nothing.
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) return 0;
  // Full-width ASCII forms U+FF01..U+FF5E -> U+0021..U+007E.
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  // Small form variants (﹐﹑﹔﹕ …) as the full-width forms would be.
  switch (cp) {
    case 0xFE50:
      return ',';
    case 0xFE51:
      return 0x3001;
    case 0xFE52:
      return '.';
    case 0xFE54:
      return ';';
    case 0xFE55:
      return ':';
    case 0xFE56:
      return '?';
    case 0xFE57:
      return '!';
    case 0xFE59:
      return '(';
    case 0xFE5A:
      return ')';
    default:
      break;
  }
  // The table is small and sorted by source: a binary search.
  static const auto sorted = [] {
    std::vector<std::pair<char32_t, char32_t>> v(std::begin(kVariants), std::end(kVariants));
    std::sort(v.begin(), v.end());
    return v;
  }();
  auto it = std::lower_bound(sorted.begin(), sorted.end(), std::make_pair(cp, char32_t(0)));
  return it != sorted.end() && it->first == cp ? it->second : cp;
}

NormalizedText normalize_text(std::string_view text) {
  NormalizedText out;
  out.original_size = static_cast<std::uint32_t>(text.size());
  out.chars.reserve(text.size() / 2);
  out.begin.reserve(text.size() / 2);
  out.end.reserve(text.size() / 2);

  // A pending whitespace run: kept as one ' ' (or '\n' when it holds a line break) only between
  // two non-CJK characters; dropped next to CJK text and at either end.
  bool pending_space = false, pending_newline = false;
  std::uint32_t space_begin = 0, space_end = 0;
  bool prev_cjk = true;  // the start of the text behaves like CJK: leading spaces are dropped

  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t raw = text::decode_utf8(text, pos);
    if (is_space(raw)) {
      if (!pending_space && !pending_newline) space_begin = static_cast<std::uint32_t>(start);
      space_end = static_cast<std::uint32_t>(pos);
      if (raw == '\n' || raw == '\r')
        pending_newline = true;
      else
        pending_space = true;
      continue;
    }
    char32_t cp = normalize_char(raw);
    if (cp == 0) continue;
    bool cjk = is_cjk(raw) || is_cjk(cp);
    if (pending_newline && !out.chars.empty()) {
      // Paragraph breaks are structure: kept as one '\n' whatever surrounds them.
      out.chars.push_back('\n');
      out.begin.push_back(space_begin);
      out.end.push_back(space_end);
    } else if (pending_space && !prev_cjk && !cjk) {
      out.chars.push_back(' ');
      out.begin.push_back(space_begin);
      out.end.push_back(space_end);
    }
    pending_space = pending_newline = false;
    out.chars.push_back(cp);
    out.begin.push_back(static_cast<std::uint32_t>(start));
    out.end.push_back(static_cast<std::uint32_t>(pos));
    prev_cjk = cjk;
  }
  return out;
}

}  // namespace regkg::diff
