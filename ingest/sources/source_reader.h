// Reading one source file: a SourceFile found by the corpus scanner in, a ParsedFile out (its
// SHA-256, its parse tree in the parser of its format, its diagnostics). The sources stage's one
// entry point for the pipeline; the parsers themselves are statute_markdown_parser,
// compass_json_parser and news_markdown_parser.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/sources/compass_json_parser.h"
#include "ingest/sources/corpus_scanner.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/news_markdown_parser.h"
#include "ingest/sources/statute_markdown_parser.h"

namespace regkg::ingest {

// What the ingest made of one file.
struct ParsedFile {
  enum class Status { pending, ingested, skipped, ignored, duplicate } status = Status::pending;
  std::string sha256;
  std::optional<ParsedStatute> statute;
  std::optional<CompassFile> compass;
  std::optional<NewsItem> news;
  std::vector<Diagnostic> diagnostics;  // from reading and parsing this file
};

// "ingested", "skipped", "ignored", "duplicate" or "pending" (the manifest's source status).
const char* to_string(ParsedFile::Status status);

// Reads, hashes and parses `file` (parsers see its corpus-relative path, so messages and
// provenance are portable). Never throws for bad input: an unreadable file or a parse error is
// status `skipped` with an error among the diagnostics, an unknown format `ignored` (not read).
// Thread-safe: the pipeline reads files on several threads at once.
ParsedFile read_source(const SourceFile& file);

}  // namespace regkg::ingest
