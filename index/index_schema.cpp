// Helpers that keep index-time and query-time terms identical.
#include "index/index_schema.h"

#include <cstdint>
#include <cstdio>

#include "text/utf8.h"

namespace regkg::index {

std::string boolean_term(std::string_view prefix, std::string_view value) {
  constexpr size_t kMaxTerm = 240;
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTerm) {
    term.append(value);
    return term;
  }
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : value) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // Cut where no UTF-8 sequence is split (value is longer than the cut here).
  const size_t keep = text::code_point_boundary(value, kMaxTerm - prefix.size() - 17);
  term.append(value.substr(0, keep));
  char hex[18];
  std::snprintf(hex, sizeof hex, "#%016llx", static_cast<unsigned long long>(h));
  term.append(hex);
  return term;
}

}  // namespace regkg::index
