// Finds source files under the --corpus directories and decides each one's format by name and
// content, so the corpus may be reorganised freely. Results are sorted for deterministic ingest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

enum class SourceFormat { statute_markdown, compass_json, news_markdown, unknown };

const char* to_string(SourceFormat format);

struct SourceFile {
  std::filesystem::path absolute;
  std::string relative;  // to its corpus root, '/'-separated: "statutes-zh/行政法/x.md"
  std::string corpus;    // the corpus root as given
  SourceFormat format = SourceFormat::unknown;
  std::uint64_t bytes = 0;
  std::string
      ignore_reason;  // why an unknown-format file is left out ("documentation, not a rule")
};

// Walks each directory recursively (hidden entries, and regkg's own dictionaries/ and facts/
// folders, skipped). *.json is Compass JSON; *.md starting with "---" is news; *.md containing
// "<!-- INFO END -->" is a statute. Documentation (README*, *LICENSE*, NOTICE, CHANGELOG …), a
// root sources.json (the fetch manifest) and anything else are unknown: listed with the reason in
// `ignore_reason`, never parsed. A missing or unreadable corpus directory is an error in `diags`.
std::vector<SourceFile> scan_corpora(const std::vector<std::filesystem::path>& corpora,
                                     Diagnostics& diags);

}  // namespace regkg::ingest
