// An opened, read-only snapshot: its manifest, its graph (shared, immutable) and a Searcher over
// its index. Safe to share between threads; the server swaps whole Snapshots on reload.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "graph/knowledge_graph.h"
#include "index/searcher.h"
#include "snapshot/snapshot_history.h"
#include "snapshot/snapshot_manifest.h"

namespace regkg::snapshot {

class SnapshotOpenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Snapshot {
  std::string id;
  std::filesystem::path dir;
  SnapshotManifest manifest;
  SnapshotHistory history;  // when each version entered regkg (empty for older snapshots)
  std::shared_ptr<const graph::KnowledgeGraph> graph;
  std::unique_ptr<index::Searcher> searcher;
};

// Opens and validates the snapshot in `dir`: the manifest parses, the graph passes its checksum,
// the index has our schema version, and all three name the same snapshot id. Throws
// SnapshotOpenError with the reason otherwise.
// `trim_heap` hands freed load buffers back to the system (malloc_trim): right at start-up, but
// not in a server that is answering requests (it walks the heap under the allocator's locks and
// stalled every worker for seconds during reloads under load).
std::shared_ptr<const Snapshot> open_snapshot(const std::filesystem::path& dir,
                                              size_t searcher_pool_size, bool trim_heap = true);
// The same, searching `remote` shards (xapian-tcpsrv, index/remote_shards.h) in place of the
// index's layers on disk; empty `remote` = the layers on disk. Also throws
// index::ShardUnavailableError naming a shard that cannot be reached.
std::shared_ptr<const Snapshot> open_snapshot(const std::filesystem::path& dir,
                                              size_t searcher_pool_size,
                                              const index::RemoteShards& remote,
                                              bool trim_heap = true);

// The same for a snapshot whose graph the caller already holds in memory (the ingest that just
// committed it, in `regkg serve --follow`): graph.bin is not read again. The caller vouches that
// `graph` is the one written to `dir`; the manifest's node and edge counts are checked against it.
// With `build_graph_indexes` false the graph's traversal indexes are not built here: another
// thread is building them, and the first graph query waits for it (searches do not need them).
std::shared_ptr<const Snapshot> open_snapshot_with_graph(
    const std::filesystem::path& dir, std::shared_ptr<const graph::KnowledgeGraph> graph,
    size_t searcher_pool_size, bool build_graph_indexes = true);

// Reads the whole index of the snapshot in `dir` through Xapian's checker (index/index_check.h):
// what opens may still fail searches. Throws SnapshotOpenError naming the damaged database, the
// Xapian error class and message. Thread-safe; takes about as long as reading the index.
void check_snapshot_index(const std::filesystem::path& dir);

// Opens DATA's current snapshot; throws SnapshotOpenError if there is none.
std::shared_ptr<const Snapshot> open_current_snapshot(const std::filesystem::path& data_dir,
                                                      size_t searcher_pool_size,
                                                      bool trim_heap = true);
std::shared_ptr<const Snapshot> open_current_snapshot(const std::filesystem::path& data_dir,
                                                      size_t searcher_pool_size,
                                                      const index::RemoteShards& remote,
                                                      bool trim_heap = true);

}  // namespace regkg::snapshot
