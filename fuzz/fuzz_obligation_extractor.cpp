// libFuzzer target: the obligation extractor (ingest/extract/obligation_extractor.h) on any text.
// The first byte picks the Chinese or English rules. It never throws; every clause it reports lies
// inside the text, has a known modality and a trigger, and its paragraph is a line of the text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/obligation_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool english = (data[0] & 1) != 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  const auto found = english ? regkg::ingest::extract_obligations_en(text)
                             : regkg::ingest::extract_obligations_zh(text);
  for (const auto& o : found) {
    if (o.begin > o.end || o.end > text.size()) __builtin_trap();
    if (o.modality != "obligation" && o.modality != "prohibition" && o.modality != "permission" &&
        o.modality != "encouragement")
      __builtin_trap();
    if (o.trigger.empty()) __builtin_trap();
    if (o.paragraph < 1 || o.paragraph > lines) __builtin_trap();
    if (!(o.confidence >= 0.0f && o.confidence <= 1.0f)) __builtin_trap();
  }
  return 0;
}
