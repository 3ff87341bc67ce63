// libFuzzer target: the YAML-subset front matter reader (ingest/sources/front_matter_reader.h)
// alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/front_matter_reader.h"

namespace {

// Walks the tree as the news parser does (find, text), to reach every node.
size_t walk(const regkg::ingest::FrontMatterNode& node, int depth) {
  if (depth > 10000) __builtin_trap();  // the reader must bound nesting
  size_t n = 1;
  for (const auto& item : node.items) n += walk(item, depth + 1);
  for (const auto& [key, value] : node.entries) {
    if (node.find(key) == nullptr) __builtin_trap();
    (void)node.text(key);
    n += walk(value, depth + 1);
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto root = regkg::ingest::read_front_matter("news/feed/fuzz.md", text, 2);
    if (!root.is_map()) __builtin_trap();
    walk(root, 0);
  } catch (const regkg::ingest::ParseError&) {
  }
  return 0;
}
