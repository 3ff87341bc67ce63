// Chinese numerals (一 … 九千九百九十九, with 零/〇 and 两) to integers, as in 第一百一十七条.
#pragma once

#include <optional>
#include <string_view>

namespace regkg::text {

// Parses a whole string of Chinese numeral characters: "十七" -> 17, "一百零五" -> 105,
// "一千零四十" -> 1040, "二〇二三" (digit by digit) -> 2023. Arabic digits are also accepted.
// Returns nullopt for an empty string, a foreign character or a value above 99,999.
std::optional<int> parse_chinese_numeral(std::string_view text);

// True for the characters Chinese numerals are written with: 〇 零 一 … 九 十 百 千 万 两.
bool is_chinese_numeral_char(char32_t cp);

}  // namespace regkg::text
