// Finds source files under the --corpus directories and decides each one's format by name and
// content, so the corpus may be reorganised freely. Results are sorted for deterministic ingest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/diagnostics.h"

namespace regkg::ingest {

enum class SourceFormat { statute_markdown, compass_json, news_markdown, unknown };

const char* to_string(SourceFormat format);

struct SourceFile {
  std::filesystem::path absolute;
  std::string relative;  // to its corpus root, '/'-separated: "statutes-zh/行政法/x.md"
  std::string corpus;    // the corpus root as given
  SourceFormat format = SourceFormat::unknown;
  std::uint64_t bytes = 0;
};

// Walks each directory recursively (hidden entries skipped). *.json is Compass JSON; *.md starting
// with "---" is news; *.md containing "<!-- INFO END -->" is a statute; anything else is unknown
// (README.md, licences) and is listed but not parsed. A missing or unreadable corpus directory is
// an error in `diags`.
std::vector<SourceFile> scan_corpora(const std::vector<std::filesystem::path>& corpora,
                                     Diagnostics& diags);

}  // namespace regkg::ingest
