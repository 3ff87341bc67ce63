// Chinese instrument titles compared as the same law: the normalisation that makes
// "《中华人民共和国个人信息保护法》" from statutes-zh/, a Compass file and a publisher's page one
// instrument. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace regkg::text {

// "中华人民共和国个人信息保护法" -> "个人信息保护法"; also drops 《》, surrounding spaces and inner
// ASCII/ideographic spaces.
std::string normalize_cn_title(std::string_view title);

}  // namespace regkg::text
