// libFuzzer target: the statute Markdown parser (ingest/sources/statute_markdown_parser.h) on any
// bytes. A ParseError is the parser refusing a file, which is fine; anything else escaping is a
// bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/statute_markdown_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  regkg::ingest::Diagnostics diags;
  try {
    auto parsed = regkg::ingest::parse_statute_markdown("statutes-zh/行政法/测试法(2021-06-10).md",
                                                        text, diags);
    // Structural promises of the header: every heading's parent precedes it, every article has
    // at least one paragraph and points at an existing heading.
    for (size_t i = 0; i < parsed.headings.size(); ++i)
      if (parsed.headings[i].parent >= static_cast<int>(i)) __builtin_trap();
    for (const auto& a : parsed.articles) {
      if (a.paragraphs.empty()) __builtin_trap();
      if (a.heading >= static_cast<int>(parsed.headings.size())) __builtin_trap();
    }
  } catch (const regkg::ingest::ParseError&) {
  }
  // The file-name splitter sees the same bytes as a name.
  std::string stem, date;
  regkg::ingest::split_statute_file_name(text, &stem, &date);
  return 0;
}
