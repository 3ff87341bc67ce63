// libFuzzer target: the citation extractor (ingest/extract/citation_extractor.h) on any text. It
// never throws; every span it reports must lie inside the text and start where its text starts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/citation_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& c : regkg::ingest::find_title_citations(text))
    if (c.begin > c.end || c.end > size) __builtin_trap();
  for (const auto& r : regkg::ingest::find_internal_references_zh(text))
    if (r.begin > r.end || r.end > size || text.substr(r.begin, r.end - r.begin) != r.text)
      __builtin_trap();
  for (const auto& r : regkg::ingest::find_article_references_en(text))
    if (r.begin > r.end || r.end > size) __builtin_trap();
  return 0;
}
