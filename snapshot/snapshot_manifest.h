// The manifest of a snapshot (manifest.json): what went in (sources with hashes), what came out
// (counts) and what went wrong (diagnostics). Written by ingest, read by the server and tools.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace regkg::snapshot {

struct SourceRecord {
  std::string path;  // corpus-relative, e.g. "statutes-zh/行政法/数据安全法(2021-06-10).md"
  std::string corpus;  // the --corpus directory it was found under
  std::string format;  // statute-markdown | compass-json | news-markdown | unknown
  std::string sha256;
  std::uint64_t bytes = 0;
  std::string status;  // ingested | skipped | duplicate | ignored
};

struct DiagnosticRecord {
  std::string severity;  // error | warning
  std::string path;
  int line = 0;
  std::string message;
};

struct SnapshotManifest {
  std::string id;
  std::string created;  // ISO 8601 UTC
  int index_schema_version = 0;
  unsigned graph_format_version = 0;
  std::string regkg_version;
  std::vector<std::string> corpora;
  std::map<std::string, std::uint64_t> counts;  // nodes, edges, documents, kind.article, …
  std::vector<SourceRecord> sources;
  std::vector<DiagnosticRecord> diagnostics;
  double ingest_seconds = 0;
};

class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_manifest(const SnapshotManifest& manifest, const std::filesystem::path& path);
// Throws ManifestError naming the file for unreadable or malformed JSON.
SnapshotManifest read_manifest(const std::filesystem::path& path);

}  // namespace regkg::snapshot
