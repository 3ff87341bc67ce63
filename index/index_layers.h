// How a snapshot's index is put together: a list of Xapian databases (layers) opened as one, and
// the documents of older layers that newer ones replaced or removed (hidden). A full ingest writes
// shard-0..N; an incremental ingest hard-links the previous snapshot's layers (never written
// again) and adds one delta layer holding only the documents that changed. Written once per
// snapshot as index/layers.json, next to index/documents.tsv (id, fingerprint, layer per document).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "index/search_document.h"

namespace regkg::index {

inline constexpr const char* kLayersFile = "layers.json";
inline constexpr const char* kDocumentsFile = "documents.tsv";

class IndexLayersError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct IndexLayers {
  std::string snapshot_id;
  int schema_version = 0;
  std::vector<std::string> layers;                         // subdirectories, in combined order
  std::map<std::string, std::vector<std::string>> hidden;  // layer -> node ids no longer served
  size_t hidden_count() const;
};

// One row of documents.tsv: which layer serves a document, and its content fingerprint.
struct DocumentRecord {
  std::string id;
  std::uint64_t fingerprint = 0;
  std::string layer;
  std::string version_id;  // "" for news items
};

void write_layers(const IndexLayers& layers, const std::filesystem::path& index_dir);
// Throws IndexLayersError naming the file when it is missing fields or malformed.
IndexLayers read_layers(const std::filesystem::path& index_dir);
bool has_layers(const std::filesystem::path& index_dir);

void write_document_records(const std::vector<DocumentRecord>& records,
                            const std::filesystem::path& index_dir);
// Throws IndexLayersError naming the file and line of a malformed row.
std::vector<DocumentRecord> read_document_records(const std::filesystem::path& index_dir);

// A stable 64-bit fingerprint of everything the index stores for `doc` (FNV-1a over its fields):
// equal fingerprints mean the indexed document would be identical.
std::uint64_t fingerprint(const SearchDocument& doc);

}  // namespace regkg::index
