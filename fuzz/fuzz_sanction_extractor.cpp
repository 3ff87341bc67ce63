// libFuzzer target: the sanction extractor and its amount parser
// (ingest/extract/sanction_extractor.h) on any text. It never throws; every clause and every
// enforced provision it reports lies inside the text, measures come from the vocabulary, fine
// ranges are not inverted, and amounts stay within the parser's 10^15 bound.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/sanction_extractor.h"

namespace {

void check_fine(const regkg::ingest::SanctionFine& f) {
  constexpr long long kMax = 1000000000000000LL;
  for (const auto& v :
       {f.min_yuan, f.max_yuan, f.multiple_min, f.multiple_max, f.percent_min, f.percent_max})
    if (v && (*v < 0 || *v > kMax)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& names = regkg::ingest::sanction_measure_names();
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const auto& s : regkg::ingest::extract_sanctions_zh(text)) {
    if (s.begin > s.end || s.end > size) __builtin_trap();
    if (s.paragraph < 1 || s.paragraph > lines) __builtin_trap();
    for (const auto& m : s.measures)
      if (std::find(names.begin(), names.end(), m) == names.end()) __builtin_trap();
    for (const auto& e : s.enforces)
      if (e.begin > e.end || e.end > size) __builtin_trap();
    check_fine(s.fine);
    check_fine(s.fine_responsible_persons);
  }
  // The amount parser alone, on a short prefix (it is called on the text between 处 and 元).
  if (auto v = regkg::ingest::parse_chinese_amount(text.substr(0, 64)))
    if (*v < 0 || *v > 1000000000000000LL) __builtin_trap();
  return 0;
}
