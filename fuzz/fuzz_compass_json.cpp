// libFuzzer target: the Compass JSON parser (ingest/sources/compass_json_parser.h). The first byte
// picks the file name, which decides how the file is read (instruments, relations, provisions …).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/compass_json_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kNames[] = {
      "compass/instruments.json",     "compass/jurisdictions.json",
      "compass/relations.json",       "compass/status-events.json",
      "compass/provisions.json",      "compass/cn-pipl-articles.json",
      "compass/corpus-manifest.json", "compass/reference-translations/cn-pipl-en.json",
  };
  if (size == 0) return 0;
  const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  regkg::ingest::Diagnostics diags;
  try {
    auto file = regkg::ingest::parse_compass_json(name, text, diags);
    for (const auto& p : file.provisions)
      if (p.id.empty() || p.instrument_id.empty()) __builtin_trap();  // required fields
  } catch (const regkg::ingest::ParseError&) {
  }
  return 0;
}
