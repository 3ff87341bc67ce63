// Query rewriting for Chinese (and other CJK) text: unquoted runs of CJK characters become phrases,
// so 安全评估 matches those four characters in order (not 安全 … 评估 anywhere) and the snippet
// highlights the whole span instead of each character (see ../shared/docs/TOOLCHAIN.md).
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace regkg::index {

// "安全评估 AND security" -> "\"安全评估\" AND security". Tokens that already contain a double
// quote, and values of boolean field prefixes (instrument:cn/数据安全法), are left alone.
// Invalid UTF-8 is passed through unchanged (the query parser reports it).
std::string quote_cjk_runs(std::string_view query);

// True for code points written without spaces between words (Han, kana, Hangul).
bool is_cjk_code_point(char32_t cp);

// True when `text` holds at least one such code point.
bool has_cjk(std::string_view text);

// A boolean condition every match of `query` meets, made of the character bigrams its Chinese
// phrases need ("劳动合同" needs 劳动, 动合 and 合同, which the n-gram indexer writes beside the
// characters), or an empty query when `query` has no such phrase. Filtering by it lets Xapian
// check the positions of a phrase only in documents holding its bigrams: an OR of two phrases
// under a kind and a date filter went from ~120 ms to ~2 ms on the full corpus. The weights are
// untouched (a filter). One difference: a phrase no longer matches across punctuation or
// between fields (劳动，合同), where its characters are adjacent positions but no bigram exists.
Xapian::Query cjk_bigram_condition(const Xapian::Query& query);

}  // namespace regkg::index
