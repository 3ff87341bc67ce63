// Query rewriting for Chinese (and other CJK) text: unquoted runs of CJK characters become phrases,
// so 安全评估 matches those four characters in order (not 安全 … 评估 anywhere) and the snippet
// highlights the whole span instead of each character (see ../shared/docs/TOOLCHAIN.md).
#pragma once

#include <string>
#include <string_view>

namespace regkg::index {

// "安全评估 AND security" -> "\"安全评估\" AND security". Tokens that already contain a double
// quote, and values of boolean field prefixes (instrument:cn/数据安全法), are left alone.
// Invalid UTF-8 is passed through unchanged (the query parser reports it).
std::string quote_cjk_runs(std::string_view query);

// True for code points written without spaces between words (Han, kana, Hangul).
bool is_cjk_code_point(char32_t cp);

// True when `text` holds at least one such code point.
bool has_cjk(std::string_view text);

}  // namespace regkg::index
