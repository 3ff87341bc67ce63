// Helpers that keep index-time and query-time terms identical.
#include "index/index_schema.h"

#include <cstdint>
#include <cstdio>

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
  size_t keep = kMaxTerm - prefix.size() - 17;
  // Do not cut inside a UTF-8 sequence.
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  term.append(value.substr(0, keep));
  char hex[18];
  std::snprintf(hex, sizeof hex, "#%016llx", static_cast<unsigned long long>(h));
  term.append(hex);
  return term;
}

}  // namespace regkg::index
