// read_source: one file read, hashed and parsed (see source_reader.h).
#include "ingest/sources/source_reader.h"

#include <exception>

#include "text/sha256.h"
#include "text/whole_file.h"

namespace regkg::ingest {

namespace {

bool read_whole_file(const std::filesystem::path& path, std::string& out) {
  std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) return false;
  out = std::move(*contents);
  return true;
}

void parse_into(const SourceFile& file, ParsedFile& result, Diagnostics& diags) {
  if (file.format == SourceFormat::unknown) {
    result.status = ParsedFile::Status::ignored;
    return;
  }
  std::string content;
  if (!read_whole_file(file.absolute, content)) {
    diags.error(file.relative, 0, "cannot read file");
    result.status = ParsedFile::Status::skipped;
    return;
  }
  result.sha256 = text::sha256_hex(content);
  try {
    switch (file.format) {
      case SourceFormat::statute_markdown:
        result.statute = parse_statute_markdown(file.relative, content, diags);
        break;
      case SourceFormat::compass_json:
        result.compass = parse_compass_json(file.relative, content, diags);
        break;
      case SourceFormat::news_markdown:
        result.news = parse_news_markdown(file.relative, content, diags);
        break;
      case SourceFormat::unknown:
        break;
    }
    result.status = ParsedFile::Status::ingested;
  } catch (const ParseError& e) {
    diags.add(e.to_diagnostic());
    result.status = ParsedFile::Status::skipped;
  } catch (const std::exception& e) {
    diags.error(file.relative, 0, std::string("unexpected failure: ") + e.what());
    result.status = ParsedFile::Status::skipped;
  }
}

}  // namespace

const char* to_string(ParsedFile::Status status) {
  switch (status) {
    case ParsedFile::Status::ingested:
      return "ingested";
    case ParsedFile::Status::skipped:
      return "skipped";
    case ParsedFile::Status::ignored:
      return "ignored";
    case ParsedFile::Status::duplicate:
      return "duplicate";
    case ParsedFile::Status::pending:
      break;
  }
  return "pending";
}

ParsedFile read_source(const SourceFile& file) {
  ParsedFile result;
  Diagnostics diags;
  parse_into(file, result, diags);
  result.diagnostics = diags.items();
  return result;
}

}  // namespace regkg::ingest
