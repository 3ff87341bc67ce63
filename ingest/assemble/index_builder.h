// Writes a staged snapshot's Xapian index from the graph. With no usable previous index it writes
// every document into one shard per thread (full). Given the previous snapshot's index it compares
// document fingerprints, hard-links the previous layers (immutable once written) and writes only
// new and changed documents into one delta layer, hiding the replaced and removed ones
// (incremental). When there are too many delta layers, the live documents of all of them go into
// the new delta with the changes, and the old deltas are dropped (consolidated). Too many hidden
// documents, or too large a change, fall back to a full write.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::ingest {

struct IndexBuildOptions {
  std::filesystem::path index_dir;  // the staged snapshot's index/ (created)
  std::string snapshot_id;
  std::optional<std::filesystem::path> previous_index_dir;  // the current snapshot's index/
  unsigned threads = 1;
  size_t max_delta_layers = 8;     // this many deltas: consolidate them into the next one
  double max_hidden_ratio = 0.10;  // hidden / served documents above this: write everything anew
  double max_change_ratio = 0.25;  // changed / served documents above this: write everything anew
};

struct IndexBuildResult {
  bool incremental = false;
  bool consolidated = false;                   // the previous deltas were merged into this one
  std::string full_reason;                     // why a full write happened ("" when incremental)
  size_t documents = 0;                        // documents served
  size_t written = 0;                          // documents written in this run
  size_t added = 0, changed = 0, removed = 0;  // relative to the previous index
  // One fingerprint per version id over its documents (the version and its articles): what the
  // feed compares between snapshots to say a version changed.
  std::map<std::string, std::uint64_t> version_fingerprints;
  std::vector<std::string> warnings;  // e.g. a shard left as written when compaction failed
};

// Throws std::runtime_error (or Xapian::Error) on failure; the caller abandons the staged snapshot.
IndexBuildResult build_index(const graph::KnowledgeGraph& graph, const IndexBuildOptions& options);

}  // namespace regkg::ingest
