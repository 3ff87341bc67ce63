// Function words a query can drop: English stop words (one Xapian::SimpleStopper, given to the
// query parser too) and Chinese question and function words, which split a run of Chinese
// characters ("个人信息出境需要满足什么条件" -> 个人信息出境 | 满足 | 条件). Written for regkg;
// immutable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace regkg::index {

// The English stop words (lowercase): articles, pronouns, auxiliaries, question words and the
// modal verbs people put in questions ("must", "should"). Shared; thread-safe to read.
const Xapian::SimpleStopper& english_stopper();

// Splits a run of CJK characters at Chinese question and function words (什么, 哪些, 是否, 需要,
// 如何, 的, 吗 …), dropping them and any piece of one character.
std::vector<std::string> split_chinese_question(std::string_view run);

}  // namespace regkg::index
