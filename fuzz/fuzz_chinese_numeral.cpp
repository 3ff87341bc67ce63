// libFuzzer target: the Chinese numeral parser (text/chinese_numeral.h). Results are in
// [0, 99999]; a numeral followed by a foreign byte is refused.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/chinese_numeral.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto value = regkg::text::parse_chinese_numeral(text);
  if (value && (*value < 0 || *value > 99999)) __builtin_trap();
  if (value && size > 0) {
    std::string with_junk(text);
    with_junk += 'x';
    if (regkg::text::parse_chinese_numeral(with_junk)) __builtin_trap();
  }
  if (size >= 4) {
    char32_t cp = static_cast<char32_t>(data[0]) | static_cast<char32_t>(data[1]) << 8 |
                  static_cast<char32_t>(data[2]) << 16 | static_cast<char32_t>(data[3]) << 24;
    (void)regkg::text::is_chinese_numeral_char(cp);
  }
  return 0;
}
