// Chinese numerals (第一百一十七条, 二〇二三) to integers, strict enough to reject garbage.
#include "text/chinese_numeral.h"

#include "text/utf8.h"

namespace regkg::text {

namespace {

constexpr int kMaxValue = 99999;

// Digit value of a numeral character (Chinese, ASCII or full-width Arabic), or -1.
int digit_value(char32_t cp) {
  switch (cp) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      break;
  }
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<int>(cp - 0xFF10);  // full-width ０-９
  return -1;
}

bool is_arabic(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= 0xFF10 && cp <= 0xFF19); }

// Multiplier of a unit character, or 0.
int unit_value(char32_t cp) {
  switch (cp) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    case U'万':
      return 10000;
    default:
      return 0;
  }
}

// "二〇二三", "2023", "１２": each character is one decimal digit.
std::optional<int> parse_digit_string(const std::u32string& cps) {
  if (cps.size() > 5) return std::nullopt;  // more than five digits cannot be <= 99,999
  int value = 0;
  for (char32_t cp : cps) {
    if (cp == U'两') return std::nullopt;  // 两 only counts things ("两百"), never a digit position
    value = value * 10 + digit_value(cp);
  }
  if (value > kMaxValue) return std::nullopt;
  return value;
}

// Positional form with units: 十七, 一百零五, 一千零四十, 三万二千. Rejects repeated or rising
// units within a 万 group (十百, 百百), two digits in a row (一二十), and a trailing digit straight
// after 百/千 (一百五): colloquially that means 150, but a statute never writes it, so it signals
// garbage.
std::optional<int> parse_positional(const std::u32string& cps) {
  int total = 0;      // the 万 part, already multiplied
  int group = 0;      // value below 10,000
  int last_unit = 0;  // unit last applied in this group; 0 before any
  int pending = -1;   // digit waiting for its unit
  bool zero_gap = false;
  bool seen_wan = false;
  for (char32_t cp : cps) {
    if (is_arabic(cp)) return std::nullopt;  // "1百" mixes systems
    const int d = digit_value(cp);
    if (d == 0) {
      if (pending != -1 || (last_unit == 0 && !seen_wan)) return std::nullopt;  // "一零", "零十"
      zero_gap = true;
      continue;
    }
    if (d > 0) {
      if (pending != -1) return std::nullopt;
      pending = d;
      continue;
    }
    const int unit = unit_value(cp);
    if (unit == 0) return std::nullopt;  // foreign character
    if (unit == 10000) {
      if (seen_wan) return std::nullopt;
      if (pending != -1) group += pending;
      if (group == 0) return std::nullopt;
      total = group * 10000;
      group = 0;
      last_unit = 0;
      pending = -1;
      zero_gap = false;
      seen_wan = true;
      continue;
    }
    if (last_unit != 0 && unit >= last_unit) return std::nullopt;
    int multiplier = pending;
    if (multiplier == -1) {
      // "十七" and "一百十" (the latter rare but harmless) imply 一 before 十; not before 百/千.
      if (unit != 10) return std::nullopt;
      multiplier = 1;
    }
    group += multiplier * unit;
    last_unit = unit;
    pending = -1;
    zero_gap = false;
  }
  if (pending != -1) {
    if (last_unit > 10 && !zero_gap) return std::nullopt;              // "一百五"
    if (last_unit == 0 && seen_wan && !zero_gap) return std::nullopt;  // "一万五"
    group += pending;
  } else if (zero_gap) {
    return std::nullopt;  // trailing 零
  }
  const long value = static_cast<long>(total) + group;
  if (value == 0 || value > kMaxValue) return std::nullopt;
  return static_cast<int>(value);
}

}  // namespace

std::optional<int> parse_chinese_numeral(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::u32string cps;
  bool has_unit = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (digit_value(cp) < 0 && unit_value(cp) == 0) return std::nullopt;
    if (unit_value(cp) != 0) has_unit = true;
    cps.push_back(cp);
  }
  if (!has_unit) return parse_digit_string(cps);
  return parse_positional(cps);
}

bool is_chinese_numeral_char(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
    case U'一':
    case U'二':
    case U'两':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'千':
    case U'万':
      return true;
    default:
      return false;
  }
}

}  // namespace regkg::text
