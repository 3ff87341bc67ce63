// UTF-8 well-formedness: the one validator of the code base (parsers check whole files with it,
// the server every request parameter and response string), and dropping what is not well-formed.
// No locale, no ICU. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace regkg::text {

// Length (1 to 4) of the well-formed UTF-8 sequence starting at byte `pos` of `text`, or 0 when
// the bytes there are not one: a stray continuation byte, a byte never used in UTF-8, a truncated
// sequence, an overlong form, a UTF-16 surrogate or a code point above U+10FFFF. `pos` must be
// less than text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

// True when `text` is well-formed UTF-8 (see utf8_sequence_length). On failure, *bad_offset (if
// given) receives the byte offset of the first sequence that is not well-formed. Fast on ASCII
// runs and on the three-byte sequences of Chinese text.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// is_valid_utf8 and, in the same pass, whether an ASCII byte of `text` is one a JSON string must
// escape (below 0x20, '"' or '\\'): the server writes strings without either by one copy.
struct Utf8JsonScan {
  bool valid = false;
  bool needs_escape = false;  // meaningful when valid
};
Utf8JsonScan scan_utf8_for_json(std::string_view text);

// The well-formed sequences of `text` for which keep(sequence) is true, in order; each byte that
// does not start a well-formed sequence is dropped on its own and the scan goes on at the next.
template <typename Keep>
std::string keep_valid_utf8(std::string_view text, Keep&& keep) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      ++i;
      continue;
    }
    const std::string_view sequence = text.substr(i, len);
    if (keep(sequence)) out.append(sequence);
    i += len;
  }
  return out;
}

// `text` without the bytes that do not start a well-formed sequence (see keep_valid_utf8).
inline std::string drop_invalid_utf8(std::string_view text) {
  return keep_valid_utf8(text, [](std::string_view) { return true; });
}

}  // namespace regkg::text
