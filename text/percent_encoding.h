// Percent-encoding of URL components (RFC 3986): for query values and path segments regkg builds
// itself (Atom feed links, the replica's download requests). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace regkg::text {

// Every byte of `text` except the RFC 3986 unreserved characters (ASCII letters and digits,
// - _ . ~) and the ASCII characters listed in `also_keep` becomes %XX, with upper-case hex digits
// (RFC 3986 2.1). Bytes of non-ASCII characters are encoded one by one: 中 is %E4%B8%AD.
std::string percent_encode(std::string_view text, std::string_view also_keep = {});

}  // namespace regkg::text
