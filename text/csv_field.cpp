// csv_field (see csv_field.h).
#include "text/csv_field.h"

#include "text/utf8_validation.h"

namespace regkg::text {

std::string csv_field(std::string_view s) {
  const std::string clean =
      keep_valid_utf8(s, [](std::string_view sequence) { return sequence[0] != '\0'; });
  std::string out = "\"";
  out.reserve(clean.size() + 2);
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace regkg::text
