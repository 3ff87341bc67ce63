// libFuzzer target: news Markdown with YAML front matter (ingest/sources/news_markdown_parser.h),
// which runs the front matter reader on the part between the `---` lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/news_markdown_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  regkg::ingest::Diagnostics diags;
  try {
    auto item = regkg::ingest::parse_news_markdown("news/feed/2024-01-08-fuzz.md", text, diags);
    if (item.title.empty() || item.date.size() != 10) __builtin_trap();  // promised on success
  } catch (const regkg::ingest::ParseError&) {
  }
  return 0;
}
